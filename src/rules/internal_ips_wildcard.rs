//! DJS036 internal-ips-wildcard: an INTERNAL_IPS entry that stands for every address (`'*'`,
//! `'0.0.0.0/0'`, `'::/0'`).

use super::beyond_django::{at_value, is_development, location, string_items, when_unset};
use super::context::{Context, Draft};

/// Entries that mean "every client" to the wildcard- and CIDR-aware containers projects wrap
/// INTERNAL_IPS in.
const EVERYONE: &[&str] = &["*", "*.*.*.*", "0.0.0.0/0", "::/0", "0/0", "::0/0"];

pub fn check(ctx: &Context) -> Option<Draft> {
    if is_development(ctx) {
        return None;
    }
    let list = ctx.setting("INTERNAL_IPS")?;
    let found: Vec<_> = string_items(ctx, "INTERNAL_IPS", &list)
        .into_iter()
        .filter(|entry| EVERYONE.contains(&entry.as_str().unwrap_or_default().trim()))
        .collect();
    let (entry, others) = found.split_first()?;
    let mut draft = at_value(
        ctx,
        "INTERNAL_IPS",
        entry,
        format!(
            "INTERNAL_IPS contains {entry}{}, an entry meant to make every client internal, and internal clients see debugging information (the `debug` context processor's SQL queries, django-debug-toolbar): Django and django-debug-toolbar test `REMOTE_ADDR in INTERNAL_IPS`, which the entry never matches, but code that reads INTERNAL_IPS as patterns or networks trusts everyone",
            when_unset(ctx, entry)
        ),
    );
    for other in others {
        draft
            .notes
            .push(format!("also {other} at {}", location(ctx, other.origin)));
    }
    Some(draft)
}
