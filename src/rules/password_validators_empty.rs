//! DJS038 password-validators-empty: a production settings module with django.contrib.auth
//! leaves AUTH_PASSWORD_VALIDATORS empty (Django's default), so any password is accepted.

use crate::profile::Profile;

use super::context::{Context, Draft};
use super::django::{at_setting, contains};

pub fn check(ctx: &Context) -> Option<Draft> {
    if ctx.profile != Profile::Production {
        return None;
    }
    // Without the auth app there are no passwords to validate.
    if !contains(ctx, "INSTALLED_APPS", "django.contrib.auth")? {
        return None;
    }
    let validators = ctx.effective("AUTH_PASSWORD_VALIDATORS")?;
    match validators.value.truthy() {
        Some(false) => Some(at_setting(
            ctx,
            "AUTH_PASSWORD_VALIDATORS",
            &validators,
            format!(
                "AUTH_PASSWORD_VALIDATORS is {}: users can set any password, `1` or their user name included, in forms and views that validate passwords",
                validators.value
            ),
        )),
        Some(true) => None,
        None => {
            ctx.unresolved("AUTH_PASSWORD_VALIDATORS", &validators.value);
            None
        }
    }
}
