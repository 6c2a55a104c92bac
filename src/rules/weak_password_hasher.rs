//! DJS037 weak-password-hasher: the first PASSWORD_HASHERS entry, which hashes every new and
//! changed password, is a fast or unsalted hash.

use super::beyond_django::{at_value, when_unset};
use super::context::{Context, Draft};

/// Django's weak hashers, and what is wrong with each.
const WEAK: &[(&str, &str)] = &[
    (
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "a single salted MD5, which GPUs compute billions of times a second",
    ),
    (
        "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
        "a single unsalted MD5: equal passwords get equal hashes and precomputed tables crack them",
    ),
    (
        "django.contrib.auth.hashers.SHA1PasswordHasher",
        "a single salted SHA-1, which GPUs compute billions of times a second",
    ),
    (
        "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
        "a single unsalted SHA-1: equal passwords get equal hashes and precomputed tables crack them",
    ),
    (
        "django.contrib.auth.hashers.CryptPasswordHasher",
        "Unix crypt(3), whose classic DES form uses only the first 8 characters of a password",
    ),
];

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default starts with PBKDF2.
    let hashers = ctx.setting("PASSWORD_HASHERS")?;
    let Some(items) = hashers.items() else {
        if hashers.is_unknown() {
            ctx.unresolved("PASSWORD_HASHERS", &hashers);
        }
        return None;
    };
    let first = items.first()?.clone().with_env(&hashers.env);
    if first.is_unknown() {
        ctx.unresolved("PASSWORD_HASHERS", &first);
        return None;
    }
    let (_, why) = WEAK.iter().find(|(path, _)| first.as_str() == Some(path))?;
    Some(at_value(
        ctx,
        "PASSWORD_HASHERS",
        &first,
        format!(
            "the first PASSWORD_HASHERS entry{} is {first}: every new or changed password is stored as {why}, so a leaked user table is cracked quickly",
            when_unset(ctx, &first)
        ),
    ))
}
