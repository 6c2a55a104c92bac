//! DJS031 cors-insecure-origins: django-cors-headers origin lists that let in more than they
//! name: `'null'` or `'*'` entries and `http://` origins in `CORS_ALLOWED_ORIGINS`, and
//! `CORS_ALLOWED_ORIGIN_REGEXES` that match any origin or more origins than intended.
//!
//! The regex analysis is deliberately small and recognises written forms, not regex semantics.
//! django-cors-headers tests each pattern with `re.match`, which anchors the start only. A
//! pattern is reported when, after an optional leading `^`:
//! - it is empty, or is a "match anything" atom (`.`, `\S`, a negated class `[^...]`, or a class
//!   containing `.`) with `*`/`+` (lazy or not, optionally in one group), optionally preceded by a
//!   scheme (`https?`, `http`, `https`, `(http|https)`, `http(s)?`, `\w+`, `[a-z]+`...) and `://`;
//!   or it is only a scheme and `://` without `$` (`re.match` then accepts every origin with it);
//! - it does not end with `$` or `\Z`: `https://example.com.attacker.net` matches too;
//! - a wildcard (`.*`, `.+`, `\S*`, `\w+`, `[^/]*`...) runs straight into a letter or digit
//!   (`.*example\.com`): `https://attackerexample.com` matches;
//! - an unescaped `.` outside a class and not quantified stands between host labels
//!   (`app.example\.com`): `https://appxexample.com`, a domain anyone can register, matches.
//!
//! Compiled patterns (`re.compile(...)`) are not evaluated and are reported as unresolved.

use crate::eval::value::{Value, python_repr};

use super::beyond_django::{
    at_value, describe, is_development, location, string_items, when_unset, with_legacy,
};
use super::context::{Context, Draft};

/// One problem with one entry, with a rank: lower is worse.
struct Problem {
    rank: u8,
    setting: &'static str,
    entry: Value,
    message: String,
}

pub fn check(ctx: &Context) -> Option<Draft> {
    let mut problems = Vec::new();
    if let Some((name, list)) = with_legacy(ctx, "CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST") {
        for entry in string_items(ctx, name, &list) {
            if let Some((rank, why)) = origin_problem(ctx, entry.as_str().unwrap_or_default()) {
                let message = format!("{name} contains {entry}{}: {why}", when_unset(ctx, &entry));
                problems.push(Problem {
                    rank,
                    setting: name,
                    entry,
                    message,
                });
            }
        }
    }
    if let Some((name, list)) = with_legacy(
        ctx,
        "CORS_ALLOWED_ORIGIN_REGEXES",
        "CORS_ORIGIN_REGEX_WHITELIST",
    ) {
        for entry in string_items(ctx, name, &list) {
            if let Some((rank, why)) = regex_problem(entry.as_str().unwrap_or_default()) {
                let message = format!(
                    "{name} contains the pattern {}{}, which {why}",
                    pattern_repr(entry.as_str().unwrap_or_default()),
                    when_unset(ctx, &entry)
                );
                problems.push(Problem {
                    rank,
                    setting: name,
                    entry,
                    message,
                });
            }
        }
    }
    problems.sort_by_key(|p| {
        let file = &ctx.project.sources.get(p.entry.origin.file).display;
        (p.rank, file.clone(), p.entry.origin.start)
    });
    let (first, others) = problems.split_first()?;
    let mut message = first.message.clone();
    if let Some(credentials) = ctx.setting("CORS_ALLOW_CREDENTIALS")
        && credentials.truthy() == Some(true)
    {
        message.push_str(&format!(
            "; {} as well, so those origins can send requests with the user's cookies and read the responses",
            describe(ctx, "CORS_ALLOW_CREDENTIALS", &credentials)
        ));
    }
    let mut draft = at_value(ctx, first.setting, &first.entry, message);
    for other in others {
        draft.notes.push(format!(
            "also at {}: {}",
            location(ctx, other.entry.origin),
            other.message
        ));
    }
    Some(draft)
}

/// A pattern as it is usually written: a raw string when it has backslashes.
fn pattern_repr(pattern: &str) -> String {
    let repr = python_repr(pattern);
    if pattern.contains('\\') && !pattern.contains(['\'', '\n']) && !pattern.ends_with('\\') {
        format!("r'{pattern}'")
    } else {
        repr
    }
}

/// A problem with an entry of CORS_ALLOWED_ORIGINS, compared the way django-cors-headers does:
/// scheme and host:port exactly, `'null'` as the literal Origin `null`.
fn origin_problem(ctx: &Context, origin: &str) -> Option<(u8, String)> {
    let lower = origin.trim().to_ascii_lowercase();
    if lower == "null" {
        return Some((0, "browsers send `Origin: null` from sandboxed iframes, `data:` URLs and local files, which any website can create, so every website is let in".into()));
    }
    if matches!(lower.as_str(), "*" | "http://*" | "https://*") {
        return Some((1, "django-cors-headers has no wildcard origins: the entry matches no origin and its system check rejects it (corsheaders.E013); to let every website in is what it asks for, which CORS_ALLOW_ALL_ORIGINS would do".into()));
    }
    if lower.starts_with("http://") && !is_development(ctx) {
        return Some((2, "anyone on the network path to that plain-HTTP site can inject script into its pages and use it to read this site's responses".into()));
    }
    None
}

/// What is wrong with a CORS_ALLOWED_ORIGIN_REGEXES pattern, ranked; see the module docs for the
/// forms recognised.
fn regex_problem(pattern: &str) -> Option<(u8, String)> {
    let body = pattern
        .strip_prefix('^')
        .or_else(|| pattern.strip_prefix(r"\A"))
        .unwrap_or(pattern);
    let (core, anchored) = strip_end_anchor(body);
    let (scheme, rest) = split_scheme(core);
    if core.is_empty() || is_wildcard(rest) || (scheme.is_some() && rest.is_empty() && !anchored) {
        let which = match scheme {
            Some(s) if s.eq_ignore_ascii_case("http") => "every http:// origin",
            Some(s) if s.eq_ignore_ascii_case("https") => "every https:// origin",
            _ => "every origin",
        };
        return Some((
            0,
            format!("matches {which}: it lets every website in, like CORS_ALLOW_ALL_ORIGINS"),
        ));
    }
    let leading: String = core
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    if scheme.is_none()
        && !leading.is_empty()
        && !core.contains(':')
        && !"https".starts_with(&leading)
    {
        // `example\.com`: `re.match` anchors at the start of the origin, which is a scheme, so
        // the pattern matches nothing. Broken, but it lets nobody in.
        return None;
    }
    if let Some(run) = wildcard_before_literal(rest) {
        return Some((
            3,
            format!(
                "lets `{run}` run straight into the name after it, so a host such as `attacker{}` matches too; start the name at a label boundary (`([a-z0-9-]+\\.)*{}`)",
                literal_tail(rest, run),
                literal_tail_regex(rest, run)
            ),
        ));
    }
    if !anchored {
        let host = rest.replace(r"\.", ".");
        let example = if host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
            && !host.is_empty()
        {
            format!("`https://{host}.attacker.net`")
        } else {
            "a host with anything appended, such as `.attacker.net`,".to_string()
        };
        return Some((
            3,
            format!(
                "does not end with `$`: django-cors-headers tests patterns with `re.match`, which anchors only the start, so {example} matches too"
            ),
        ));
    }
    if let Some(example) = unescaped_dot(rest) {
        return Some((
            4,
            format!(
                "has an unescaped `.` between host labels: it matches any character, so `{example}` (a domain anyone can register) matches too; write `\\.`"
            ),
        ));
    }
    None
}

/// The pattern without a final `$`/`\Z`, and whether it had one.
fn strip_end_anchor(body: &str) -> (&str, bool) {
    if let Some(core) = body.strip_suffix(r"\Z") {
        return (core, true);
    }
    match body.strip_suffix('$') {
        Some(core) if !core.ends_with('\\') || core.ends_with(r"\\") => (core, true),
        _ => (body, false),
    }
}

/// Scheme spellings that stand for http, https or any scheme.
const SCHEMES: &[(&str, &str)] = &[
    ("https?", "any"),
    ("http(s)?", "any"),
    ("(https?)", "any"),
    ("(http|https)", "any"),
    ("(https|http)", "any"),
    ("(?:http|https)", "any"),
    ("(?:https?)", "any"),
    ("https", "https"),
    ("http", "http"),
    (r"\w+", "any"),
    (r"\w*", "any"),
    ("[a-z]+", "any"),
    ("[a-zA-Z]+", "any"),
    ("[a-z]*", "any"),
    (".*", "any"),
    (".+", "any"),
];

const SEPARATORS: &[&str] = &["://", r":\/\/", ":/{2}"];

/// `(scheme kind, rest)` when the pattern starts with a scheme and `://`.
fn split_scheme(core: &str) -> (Option<&'static str>, &str) {
    for (spelling, kind) in SCHEMES {
        if let Some(after) = core.strip_prefix(spelling) {
            for sep in SEPARATORS {
                if let Some(rest) = after.strip_prefix(sep) {
                    return (Some(kind), rest);
                }
            }
        }
    }
    (None, core)
}

/// A single "anything" atom with `*` or `+`, optionally in one group: matches any host.
fn is_wildcard(rest: &str) -> bool {
    let inner = rest
        .strip_prefix("(?:")
        .or_else(|| rest.strip_prefix('('))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest);
    match wildcard_run(inner) {
        Some(len) => len == inner.len(),
        None => false,
    }
}

/// The length of a wildcard run at the start of `s`: an atom that matches dots (`.`, `\S`, a
/// negated class, a class containing `.`) followed by `*`/`+` and an optional `?`.
fn wildcard_run(s: &str) -> Option<usize> {
    let atom = atom_len(s, true)?;
    quantified(s, atom)
}

fn quantified(s: &str, atom: usize) -> Option<usize> {
    let after = &s[atom..];
    let q = match after.chars().next() {
        Some('*' | '+') => 1,
        _ => return None,
    };
    Some(atom + q + usize::from(after[q..].starts_with('?')))
}

/// The length of the atom at the start of `s` when it matches characters of a host name.
/// `dots`: only atoms that also match `.`.
fn atom_len(s: &str, dots: bool) -> Option<usize> {
    if s.starts_with('.') {
        return Some(1);
    }
    if s.starts_with(r"\S") {
        return Some(2);
    }
    if !dots && s.starts_with(r"\w") {
        return Some(2);
    }
    if let Some(after) = s.strip_prefix('[') {
        let close = after.find(']')? + 1;
        let class = &after[..close - 1];
        let any = class.starts_with('^') || class.contains('.');
        let word = class.contains(r"\w") || class.contains("a-z") || class.contains("A-Z");
        return (any || (!dots && word)).then_some(close + 1);
    }
    None
}

/// A wildcard run (including `\w+`-style runs) directly followed by a letter or digit.
fn wildcard_before_literal(rest: &str) -> Option<&str> {
    let mut i = 0;
    while i < rest.len() {
        let here = &rest[i..];
        if let Some(atom) = atom_len(here, false) {
            match quantified(here, atom) {
                Some(run) => {
                    if here[run..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                        return Some(&here[..run]);
                    }
                    i += run;
                }
                None => i += atom,
            }
            continue;
        }
        let step = if here.starts_with('[') {
            here.find(']').map_or(here.len(), |close| close + 1)
        } else if let Some(escaped) = here.strip_prefix('\\') {
            1 + escaped.chars().next().map_or(0, char::len_utf8)
        } else {
            here.chars().next().map_or(1, char::len_utf8)
        };
        i += step;
    }
    None
}

/// The literal text after `run` in `rest`, with `\.` unescaped: `example.com`.
fn literal_tail(rest: &str, run: &str) -> String {
    let after = rest.split_once(run).map_or("", |(_, a)| a);
    after
        .replace(r"\.", ".")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect()
}

fn literal_tail_regex(rest: &str, run: &str) -> String {
    rest.split_once(run).map_or("", |(_, a)| a).to_string()
}

/// An example host for an unescaped `.` that separates labels and is not the last dot: the
/// pattern with that dot replaced by `x`, when the rest is literal.
fn unescaped_dot(rest: &str) -> Option<String> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'[' => in_class = true,
            b']' => in_class = false,
            b'.' if !in_class => {
                let quantified = matches!(bytes.get(i + 1), Some(b'*' | b'+' | b'?' | b'{'));
                let between_labels = i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                let later_dot = rest[i + 1..].contains('.');
                if !quantified && between_labels && later_dot {
                    let example = format!("{}x{}", &rest[..i], &rest[i + 1..]).replace(r"\.", ".");
                    let literal = example
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
                    return Some(if literal {
                        format!("https://{example}")
                    } else {
                        example
                    });
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::regex_problem;

    fn rank(pattern: &str) -> Option<u8> {
        regex_problem(pattern).map(|(rank, _)| rank)
    }

    #[test]
    fn match_anything_patterns() {
        for p in [
            r".*",
            r"^.*$",
            r"^https?://.*$",
            r"^https://.+",
            r"^(http|https)://(.*)$",
            r"^https://[^/]+$",
            r"",
            r"^https://",
            r"^\S+$",
        ] {
            assert_eq!(rank(p), Some(0), "{p}");
        }
    }

    #[test]
    fn weak_patterns() {
        assert_eq!(rank(r"^https://\w+\.example\.com"), Some(3));
        assert_eq!(rank(r"^https://.*example\.com$"), Some(3));
        assert_eq!(rank(r"^https://example\.com"), Some(3));
        assert_eq!(rank(r".*\.example\.com"), Some(3));
        // `re.match` anchors at the start, and an origin starts with its scheme.
        assert_eq!(rank(r"example\.com"), None);
        assert_eq!(rank(r"^https://app.example\.com$"), Some(4));
        assert!(
            regex_problem(r"^https://app.example\.com$")
                .unwrap()
                .1
                .contains("https://appxexample.com")
        );
    }

    #[test]
    fn sound_patterns() {
        for p in [
            r"^https://\w+\.example\.com$",
            r"^https://([a-z0-9-]+\.)*example\.com$",
            r"^https://example.com$",
            r"^https://(www|app)\.example\.com$",
        ] {
            assert_eq!(rank(p), None, "{p}");
        }
    }
}
