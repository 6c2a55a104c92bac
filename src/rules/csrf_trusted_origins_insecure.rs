//! DJS032 csrf-trusted-origins-insecure: CSRF_TRUSTED_ORIGINS entries that trust every site
//! under a top-level domain or a shared hosting suffix (`https://*.com`,
//! `https://*.herokuapp.com`), or plain-HTTP origins.
//!
//! Django (4.0+) splits each entry with `urlsplit`: an entry containing `*` trusts every host
//! that ends with its netloc stripped of leading `*`s (`.com`), in Origin and Referer checks.
//! Entries without a scheme match nothing on Django 4.0+ (its check 4_0.E001 rejects them), and
//! `https://*` matches nothing (Django's `is_same_domain` rejects an empty pattern): neither is
//! reported.

use crate::eval::value::Value;

use super::beyond_django::{at_value, is_development, location, string_items, when_unset};
use super::context::{Context, Draft};

/// Suffixes under which anyone can get a host name: multi-label public suffixes and hosting
/// platforms that hand out subdomains. Every single-label suffix (`.com`, `.io`) counts too.
/// A curated subset of the Public Suffix List.
const SHARED_SUFFIXES: &[&str] = &[
    "co.uk",
    "org.uk",
    "ac.uk",
    "gov.uk",
    "me.uk",
    "com.au",
    "net.au",
    "org.au",
    "co.nz",
    "co.jp",
    "co.in",
    "co.kr",
    "co.za",
    "com.br",
    "com.cn",
    "com.mx",
    "com.tr",
    "com.sg",
    "herokuapp.com",
    "github.io",
    "gitlab.io",
    "vercel.app",
    "netlify.app",
    "pages.dev",
    "workers.dev",
    "web.app",
    "firebaseapp.com",
    "appspot.com",
    "azurewebsites.net",
    "cloudfront.net",
    "amazonaws.com",
    "onrender.com",
    "fly.dev",
    "up.railway.app",
    "ngrok.io",
    "ngrok.app",
    "ngrok-free.app",
    "trycloudflare.com",
    "pythonanywhere.com",
    "glitch.me",
    "repl.co",
    "replit.dev",
    "ondigitalocean.app",
];

pub fn check(ctx: &Context) -> Option<Draft> {
    let list = ctx.setting("CSRF_TRUSTED_ORIGINS")?;
    let mut problems: Vec<(u8, Value, String)> = Vec::new();
    for entry in string_items(ctx, "CSRF_TRUSTED_ORIGINS", &list) {
        let text = entry.as_str().unwrap_or_default().to_string();
        let Some((scheme, netloc)) = text.split_once("://") else {
            continue;
        };
        let suffix = netloc.trim_start_matches('*');
        if text.contains('*') && suffix.starts_with('.') {
            let host = suffix[1..].split(':').next().unwrap_or_default();
            let single_label = !host.is_empty() && !host.contains('.');
            let shared = SHARED_SUFFIXES.iter().any(|s| host.eq_ignore_ascii_case(s));
            if single_label || shared {
                let whose = if single_label {
                    "a whole top-level domain"
                } else {
                    "a suffix under which anyone can get a host name"
                };
                problems.push((
                    0,
                    entry.clone(),
                    format!(
                        "CSRF_TRUSTED_ORIGINS contains {entry}{}: it trusts every {scheme}:// site ending in `{suffix}`, {whose}, so requests from any of them pass Django's Origin and Referer checks",
                        when_unset(ctx, &entry)
                    ),
                ));
                continue;
            }
        }
        if scheme.eq_ignore_ascii_case("http") && !is_development(ctx) {
            problems.push((
                1,
                entry.clone(),
                format!(
                    "CSRF_TRUSTED_ORIGINS contains the plain-HTTP origin {entry}{}: anyone on the network path to it can inject a page there (and plant a CSRF cookie) whose requests Django then accepts",
                    when_unset(ctx, &entry)
                ),
            ));
        }
    }
    problems.sort_by_key(|(rank, entry, _)| (*rank, entry.origin.file, entry.origin.start));
    let ((_, entry, message), others) = problems.split_first()?;
    let mut draft = at_value(ctx, "CSRF_TRUSTED_ORIGINS", entry, message.clone());
    for (_, other, message) in others {
        draft.notes.push(format!(
            "also at {}: {message}",
            location(ctx, other.origin)
        ));
    }
    Some(draft)
}
