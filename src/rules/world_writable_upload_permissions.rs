//! DJS043 world-writable-upload-permissions: FILE_UPLOAD_PERMISSIONS or
//! FILE_UPLOAD_DIRECTORY_PERMISSIONS grants write access to every user on the host (o+w, 0o002).

use crate::eval::value::Kind;

use super::beyond_django::{at_value, location, when_unset};
use super::context::{Context, Draft};

const OTHERS_WRITE: i64 = 0o002;

pub fn check(ctx: &Context) -> Option<Draft> {
    let mut found = Vec::new();
    // Never assigned: Django's defaults are 0o644 and None (the process umask decides).
    for (name, what) in [
        ("FILE_UPLOAD_PERMISSIONS", "uploaded files"),
        (
            "FILE_UPLOAD_DIRECTORY_PERMISSIONS",
            "the directories created for uploads",
        ),
    ] {
        let Some(value) = ctx.setting(name) else {
            continue;
        };
        match &value.kind {
            Kind::Int(mode) if mode & OTHERS_WRITE != 0 => found.push((name, what, *mode, value)),
            _ if value.is_unknown() => ctx.unresolved(name, &value),
            _ => {}
        }
    }
    let ((name, what, mode, value), others) = found.split_first()?;
    let mut draft = at_value(
        ctx,
        name,
        value,
        format!(
            "{name} is {mode:#o}{}: {what} are writable by every user on the host, so any local account or compromised service can replace files the site serves",
            when_unset(ctx, value)
        ),
    );
    for (name, _, mode, other) in others {
        draft.notes.push(format!(
            "also {name} = {mode:#o} at {}",
            location(ctx, other.origin)
        ));
    }
    Some(draft)
}
