//! DJS033 hardcoded-credential: passwords, tokens and keys written into the settings, or used as
//! the fallback when their environment variable is unset.
//!
//! Where it looks, in every upper-case setting (dicts and lists included, a few levels deep):
//! - values under a credential name: a setting or dict key whose last word is `PASSWORD`,
//!   `PASSWD`, `PWD`, `PASSPHRASE`, `SECRET`, `TOKEN` or `APIKEY`, or that ends in `API_KEY`,
//!   `SECRET_KEY`, `SECRET_ACCESS_KEY`, `PRIVATE_KEY` or `SIGNING_KEY` (case-insensitive), such
//!   as `DATABASES['default']['PASSWORD']`, `EMAIL_HOST_PASSWORD`, `AWS_SECRET_ACCESS_KEY`,
//!   `STRIPE_API_KEY`, `GITHUB_TOKEN`; and names ending in `KEY` (or `KEYS`) with a crypto word
//!   (`AES`, `ENCRYPTION` or any word with `CRYPT`, `FERNET`, `HMAC`, `JWT`, `SIGNING`) unless
//!   the word before `KEY` is `PUBLIC`, `VERIFYING`, `HEADER`, `COOKIE`, `CLAIM` or `ID`:
//!   `DD_CREDENTIAL_AES_256_KEY`, `FIELD_ENCRYPTION_KEY`, `FERNET_KEYS`. The top-level
//!   `SECRET_KEY` is DJS003's;
//! - URLs with a password, `scheme://user:password@host` (database, cache and broker URLs,
//!   Sentry DSNs with a secret key), in any setting;
//! - every entry of `SECRET_KEY_FALLBACKS`.
//!
//! Ignored, because they cannot authenticate: `None`, non-strings, the empty string, and
//! templates ([`is_placeholder`]: `<password>`, `${VAR}`, `$VAR`, `{{ var }}`, `%(var)s`,
//! `{var}`). Dummy-looking values (`changeme`, `password`) are reported: they work wherever they
//! are deployed.

use crate::django_settings::is_setting_name;
use crate::eval::value::{Kind, Value, python_repr};

use super::beyond_django::{at_value, is_placeholder, location, when_unset};
use super::context::{Context, Draft};

/// How deep the search goes into nested dicts and lists.
const MAX_DEPTH: usize = 6;

struct Site {
    rank: u8,
    /// The setting the credential is in (`DATABASES`), for the fingerprint.
    setting: String,
    value: Value,
    message: String,
}

pub fn check(ctx: &Context) -> Option<Draft> {
    let baseline = ctx.baseline();
    let mut names: Vec<&str> = baseline
        .namespace
        .bindings
        .keys()
        .map(|k| &**k)
        .filter(|n| is_setting_name(n) && *n != "SECRET_KEY")
        .collect();
    names.sort_unstable();
    let mut walker = Walker {
        ctx,
        sites: Vec::new(),
        root: String::new(),
        watched: false,
    };
    for name in names {
        let value = &baseline.namespace.bindings[name].value;
        walker.root = name.to_string();
        if name == "SECRET_KEY_FALLBACKS" {
            walker.fallbacks(value);
            continue;
        }
        let credential = is_credential_name(name);
        walker.watched = is_connection_setting(name);
        let matters = credential || walker.watched;
        walker.walk(name, value, credential, matters, 0);
    }
    let sites = &mut walker.sites;
    sites.sort_by_key(|s| {
        let file = ctx.project.sources.get(s.value.origin.file).display.clone();
        (s.rank, file, s.value.origin.start)
    });
    let (first, others) = sites.split_first()?;
    let mut draft = at_value(ctx, &first.setting, &first.value, first.message.clone());
    for other in others {
        draft.notes.push(format!(
            "also at {}: {}",
            location(ctx, other.value.origin),
            other.message
        ));
    }
    Some(draft)
}

struct Walker<'c, 'a> {
    ctx: &'c Context<'a>,
    sites: Vec<Site>,
    /// The setting being searched.
    root: String,
    /// Whether it holds connection details (DATABASES, CACHES, `*_URL`...).
    watched: bool,
}

impl Walker<'_, '_> {
    /// `value` at `path` (`DATABASES['default']['PASSWORD']`) in the setting `self.root`.
    /// `credential`: the innermost name says it holds a credential. `unknown_matters`: an
    /// unknown value here may hide a credential and is worth a diagnostic (a credential name, a
    /// connection setting or one of its entries, or a URL-like key in one: `LOCATION`, `*_URL`).
    fn walk(
        &mut self,
        path: &str,
        value: &Value,
        credential: bool,
        unknown_matters: bool,
        depth: usize,
    ) {
        let rank = if self.root.contains("DATABASE") { 0 } else { 1 };
        match &value.kind {
            // Read from a variable `--env` sets: the deployment's value, not the source's.
            Kind::Str(_) if from_forced_env(self.ctx, value) => {}
            // Read from a variable a deployment file sets to it: reported at that file's line
            // (deployment_findings), not here.
            Kind::Str(s) if self.ctx.supplied_by_deployment(&value.env, s).is_some() => {}
            Kind::Str(s) if self.ctx.from_committed_dotenv(&value.env, s) => {}
            Kind::Str(s) => {
                if let Some(masked) = url_with_password(s) {
                    let what = if self.root.contains("SENTRY") || s.contains("sentry") {
                        "a Sentry DSN with its secret key"
                    } else {
                        "a URL with a hardcoded password"
                    };
                    self.push(
                        rank,
                        value,
                        format!(
                            "{path} {} {what} ({masked}){}: anyone who can read the source has the credential",
                            verb(value),
                            when_unset(self.ctx, value)
                        ),
                    );
                } else if credential && !s.is_empty() && !is_placeholder(s) && !is_not_a_secret(s) {
                    self.push(
                        rank,
                        value,
                        format!(
                            "{path} {} a hardcoded literal{}: anyone who can read the source (repository, image, backups) has the credential",
                            verb(value),
                            when_unset(self.ctx, value)
                        ),
                    );
                }
            }
            Kind::Dict(_) if depth < MAX_DEPTH && value.pairs().is_some() => {
                for (key, item) in value.pairs().unwrap_or_default().iter() {
                    let Some(key) = key.as_str() else { continue };
                    let item = item.clone().with_env(&value.env);
                    let path = format!("{path}[{}]", python_repr(key));
                    let credential = is_credential_name(key);
                    let matters = credential || (self.watched && (depth == 0 || is_url_key(key)));
                    self.walk(&path, &item, credential, matters, depth + 1);
                }
            }
            Kind::List(_) | Kind::Tuple(_) if depth < MAX_DEPTH && value.items().is_some() => {
                for (i, item) in value.items().unwrap_or_default().iter().enumerate() {
                    let item = item.clone().with_env(&value.env);
                    let matters = self.watched && depth == 0;
                    self.walk(&format!("{path}[{i}]"), &item, false, matters, depth + 1);
                }
            }
            Kind::Unknown(_) if unknown_matters => self.ctx.unresolved(path, value),
            _ => {}
        }
    }

    /// SECRET_KEY_FALLBACKS: Django still verifies signatures made with every entry.
    fn fallbacks(&mut self, value: &Value) {
        let Some(items) = value.items() else {
            if value.is_unknown() {
                self.ctx.unresolved("SECRET_KEY_FALLBACKS", value);
            }
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let item = item.clone().with_env(&value.env);
            let literal = match &item.kind {
                _ if from_forced_env(self.ctx, &item) => false,
                Kind::Str(s) => !s.is_empty() && !is_placeholder(s),
                Kind::Bytes(b) => !b.is_empty(),
                Kind::Unknown(_) => {
                    self.ctx.unresolved("SECRET_KEY_FALLBACKS", &item);
                    false
                }
                _ => false,
            };
            if literal {
                self.push(
                    1,
                    &item,
                    format!(
                        "SECRET_KEY_FALLBACKS[{i}] {} a hardcoded literal{}: Django still accepts what it signed, so anyone with the source can forge sessions, password reset links and signed data",
                        verb(&item),
                        when_unset(self.ctx, &item)
                    ),
                );
            }
        }
    }

    fn push(&mut self, rank: u8, value: &Value, message: String) {
        self.sites.push(Site {
            rank,
            setting: self.root.clone(),
            value: value.clone(),
            message,
        });
    }
}

/// A value that depends only on variables `--env` sets, so it was read from them.
fn from_forced_env(ctx: &Context, value: &Value) -> bool {
    !value.env.is_empty() && value.env.iter().all(|var| ctx.is_forced(var))
}

/// "is", or "falls back to" for a value used when an environment variable is unset.
fn verb(value: &Value) -> &'static str {
    if value.env.is_empty() {
        "is"
    } else {
        "falls back to"
    }
}

/// Values that a credential-sounding key holds in real settings but that authenticate nothing:
/// rate limits (`ACCOUNT_RATE_LIMITS = {'change_password': '1/m/user'}`), dotted import paths
/// (`ACCOUNT_FORMS = {'reset_password': 'app.forms.ResetForm'}`), URL paths and URL names
/// (`'password_reset_done'`, `'account:password_change'`).
fn is_not_a_secret(value: &str) -> bool {
    let is_identifier = |part: &str| {
        part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let rate_limit = {
        let mut parts = value.split('/');
        let count = parts.next().unwrap_or_default();
        let period = parts.next().unwrap_or_default();
        !count.is_empty()
            && count.chars().all(|c| c.is_ascii_digit())
            && period
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len()
                <= 1
            && matches!(period.chars().last(), Some('s' | 'm' | 'h' | 'd'))
    };
    let dotted_path = value.split('.').count() >= 2 && value.split('.').all(is_identifier);
    let url_path = value.starts_with('/') && !value.contains(char::is_whitespace);
    const URL_WORDS: &[&str] = &[
        "password", "reset", "change", "confirm", "done", "login", "logout", "token", "set",
    ];
    let name = value.rsplit(':').next().unwrap_or(value);
    let url_name = value
        .split(':')
        .all(|part| is_identifier(part) && part == part.to_ascii_lowercase())
        && name.contains('_')
        && name.split('_').any(|w| URL_WORDS.contains(&w));
    rate_limit || dotted_path || url_path || url_name
}

/// A name that says its value is a credential (see the module docs).
pub(crate) fn is_credential_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase().replace('-', "_");
    let last = upper.rsplit('_').next().unwrap_or_default();
    matches!(
        last,
        "PASSWORD" | "PASSWD" | "PWD" | "PASSPHRASE" | "SECRET" | "TOKEN" | "APIKEY"
    ) || ["API_KEY", "SECRET_KEY", "PRIVATE_KEY", "SIGNING_KEY"]
        .iter()
        .any(|suffix| upper.ends_with(suffix))
        || upper.ends_with("SECRET_ACCESS_KEY")
        || is_crypto_key_name(&upper)
}

/// Words that make a key a cryptographic one: `DD_CREDENTIAL_AES_256_KEY`,
/// `FIELD_ENCRYPTION_KEY`, `FERNET_KEY`, `HMAC_KEY`, `JWT_KEY`. Any word containing `CRYPT`
/// counts too (`ENCRYPTION`, `DECRYPT`, `CRYPTO`).
const CRYPTO_WORDS: &[&str] = &["AES", "FERNET", "HMAC", "JWT", "SIGNING"];

/// Words before `KEY` that make it something other than a secret: the public half of a key
/// pair (`JWT_PUBLIC_KEY`, simplejwt's `VERIFYING_KEY`), or the name of a header, cookie or
/// claim the key is looked up under (`JWT_AUTH_HEADER_KEY`, `ENCRYPTION_KEY_ID` ends otherwise).
const NOT_SECRET_KEY_WORDS: &[&str] = &["PUBLIC", "VERIFYING", "HEADER", "COOKIE", "CLAIM", "ID"];

/// `..._KEY` (or `..._KEYS`, a rotation list such as django-fernet-fields' `FERNET_KEYS`) with a
/// word of [`CRYPTO_WORDS`] before it; `upper` is already upper-case with `_` separators.
fn is_crypto_key_name(upper: &str) -> bool {
    let words: Vec<&str> = upper.split('_').filter(|w| !w.is_empty()).collect();
    let [qualifiers @ .., before, last] = words.as_slice() else {
        return false;
    };
    if !matches!(*last, "KEY" | "KEYS") || NOT_SECRET_KEY_WORDS.contains(before) {
        return false;
    }
    qualifiers.iter().chain([before]).any(|word| {
        word.contains("CRYPT")
            || CRYPTO_WORDS.contains(word)
            // `AES256_KEY`: the algorithm with its key size.
            || word
                .strip_prefix("AES")
                .is_some_and(|bits| !bits.is_empty() && bits.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Settings that hold connection details: an unknown value there may hide a password.
fn is_connection_setting(name: &str) -> bool {
    name.contains("DATABASE")
        || name == "CACHES"
        || name == "CHANNEL_LAYERS"
        || name.ends_with("_URL")
        || name.ends_with("_URI")
        || name.ends_with("_DSN")
        || name == "CELERY_RESULT_BACKEND"
}

/// Keys of connection settings that hold URLs.
fn is_url_key(key: &str) -> bool {
    let upper = key.to_ascii_uppercase();
    matches!(upper.as_str(), "LOCATION" | "URL" | "DSN" | "HOSTS")
        || upper.ends_with("_URL")
        || upper.ends_with("_URI")
}

/// For `scheme://user:password@host/...` with a real password, the URL with the password masked.
pub(crate) fn url_with_password(s: &str) -> Option<String> {
    let (scheme, rest) = s.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let at = authority.rfind('@')?;
    let (user, password) = authority[..at].split_once(':')?;
    // `None` is what an f-string writes for an unset variable (`{os.getenv('X')}`), not a
    // password anyone chose.
    if password.is_empty() || is_placeholder(password) || password == "None" {
        return None;
    }
    Some(format!("{scheme}://{user}:****@{}", &rest[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::{is_credential_name, url_with_password};

    #[test]
    fn values_that_authenticate_nothing() {
        for value in [
            "1/m/user",
            "5/h",
            "100/d",
            "app.forms.ResetForm",
            "allauth.account.forms.ResetPasswordForm",
            "/accounts/password/reset/",
            "password_reset_done",
            "account:password_change",
        ] {
            assert!(super::is_not_a_secret(value), "{value}");
        }
        for value in [
            "hunter2",
            "s3cr3t-P4ss",
            "correct horse battery staple",
            "Passw0rd.2024",
            "my_secret_pw",
        ] {
            assert!(!super::is_not_a_secret(value), "{value}");
        }
        assert_eq!(url_with_password("redis://:None@cache:6379"), None);
    }

    #[test]
    fn credential_names() {
        for name in [
            "PASSWORD",
            "EMAIL_HOST_PASSWORD",
            "AWS_SECRET_ACCESS_KEY",
            "STRIPE_API_KEY",
            "GITHUB_TOKEN",
            "SOCIAL_AUTH_GITHUB_SECRET",
            "password",
            "RECAPTCHA_PRIVATE_KEY",
            // Keys for encryption and signing (DefectDojo's compose file sets the first).
            "DD_CREDENTIAL_AES_256_KEY",
            "CREDENTIAL_AES_256_KEY",
            "AES256_KEY",
            "FIELD_ENCRYPTION_KEY",
            "SESSION_ENCRYPTION_KEY",
            "DB_CRYPT_KEY",
            "CRYPTO_KEY",
            "FERNET_KEY",
            "FERNET_KEYS",
            "HMAC_KEY",
            "WEBHOOK_HMAC_KEY",
            "JWT_KEY",
            "JWT_SIGNING_KEY",
            "fernet-key",
        ] {
            assert!(is_credential_name(name), "{name}");
        }
        for name in [
            "AWS_ACCESS_KEY_ID",
            "PASSWORD_HASHERS",
            "AUTH_PASSWORD_VALIDATORS",
            "TOKEN_MODEL",
            "STRIPE_PUBLISHABLE_KEY",
            "USER",
            // Not secrets, though they end in `KEY` or carry a crypto word.
            "CACHE_KEY_PREFIX",
            "CACHE_KEY",
            "SITE_KEY",
            "RECAPTCHA_SITE_KEY",
            "RECAPTCHA_PUBLIC_KEY",
            "JWT_PUBLIC_KEY",
            "ENCRYPTION_PUBLIC_KEY",
            "JWT_VERIFYING_KEY",
            "VERIFYING_KEY",
            "JWT_AUTH_HEADER_KEY",
            "JWT_AUTH_COOKIE_KEY",
            "ENCRYPTION_KEY_ID",
            "JWT_ALGORITHM",
            "AES_KEY_SIZE",
            "ENCRYPTION_ENABLED",
            "SORT_KEY",
            "KEY",
            "AESTHETIC_KEY",
        ] {
            assert!(!is_credential_name(name), "{name}");
        }
    }

    #[test]
    fn urls_with_passwords() {
        assert_eq!(
            url_with_password("postgres://app:s3cret@db:5432/app").as_deref(),
            Some("postgres://app:****@db:5432/app")
        );
        assert!(url_with_password("redis://:hunter2@cache:6379/0").is_some());
        assert!(url_with_password("https://abc:def@o1.ingest.sentry.io/1").is_some());
        assert!(url_with_password("https://abc@o1.ingest.sentry.io/1").is_none());
        assert!(url_with_password("postgres://app:${DB_PASSWORD}@db/app").is_none());
        assert!(url_with_password("postgres://app@db/app").is_none());
        assert!(url_with_password("https://example.com/a:b@c").is_none());
    }
}
