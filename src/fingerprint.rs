//! Fingerprints: a finding's identity across commits, so that CI can tell a new finding from one
//! it has seen (GitHub code scanning's `partialFingerprints`, GitLab's Code Quality
//! `fingerprint`, and `"fingerprint"` in the JSON report are all this value).
//!
//! A fingerprint hashes the rule, the settings module the finding is for, the flagged line's text
//! and the setting, never a line number: moving the line, or adding lines above it, keeps it;
//! editing the flagged line changes it. The line's text is normalised so that what does not
//! change the code does not change the fingerprint: its comment is dropped (adding `# noqa` or a
//! note keeps it) and so is whitespace outside quotes (a formatter's spacing keeps it). This
//! works on any file a finding points into (Python, requirements, Dockerfiles, compose files):
//! `#` starts a comment at the start of a line or after whitespace, outside quotes.
//!
//! A finding about a setting the module never assigns points at the module's first line, which
//! is only an anchor: its fingerprint uses a fixed marker instead of that line, so a new header
//! comment or docstring does not make it look new.
//!
//! The hash is 64-bit FNV-1a, fixed by its definition: the same on every platform, Rust release
//! and djsafe run. Two findings that would share one (the same text twice in a module) are told
//! apart by their order.

use std::collections::HashMap;

use crate::lint::Outcome;
use crate::rules::DEFAULT_SCENARIO;

/// The version of the fingerprint recipe, as SARIF's `partialFingerprints` key names it.
pub const SARIF_KEY: &str = "djsafe/v1";

/// What stands for the line of a finding about a setting left at Django's default.
const UNASSIGNED: &str = "<never assigned>";

/// Every finding's fingerprint, in the outcome's order.
pub fn fingerprints(outcome: &Outcome) -> Vec<String> {
    let sources = &outcome.project.sources;
    let mut seen: HashMap<String, usize> = HashMap::new();
    outcome
        .findings
        .iter()
        .map(|f| {
            let text = if f.scenario == DEFAULT_SCENARIO {
                UNASSIGNED.to_string()
            } else {
                let file = sources.get(f.span.file);
                normalise(file.line_text(file.position(f.span.start).line))
            };
            let setting = f.setting.as_deref().unwrap_or("");
            let parts = [
                f.rule.id.as_str(),
                f.module.as_str(),
                text.as_str(),
                setting,
            ];
            let first = fnv1a_64(&parts);
            let count = seen.entry(first.clone()).or_default();
            *count += 1;
            if *count == 1 {
                first
            } else {
                let nth = count.to_string();
                fnv1a_64(&[parts[0], parts[1], parts[2], parts[3], &nth])
            }
        })
        .collect()
}

/// A line without its comment and without whitespace outside quotes.
pub fn normalise(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut previous_blank = true;
    for c in line.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '#' && previous_blank => break,
            None if c.is_whitespace() => {}
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
        previous_blank = c.is_whitespace();
    }
    out
}

/// FNV-1a, 64 bits, as 16 hex digits, over `parts` joined by a NUL byte (which text does not
/// contain), so ("ab", "c") and ("a", "bc") differ.
pub fn fnv1a_64(parts: &[&str]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        let separator: &[u8] = if i == 0 { &[] } else { &[0] };
        for byte in separator.iter().chain(part.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a_64(&[""]), "cbf29ce484222325");
        assert_eq!(fnv1a_64(&["a"]), "af63dc4c8601ec8c");
        assert_eq!(fnv1a_64(&["foobar"]), "85944171f73967e8");
        assert_ne!(fnv1a_64(&["ab", "c"]), fnv1a_64(&["a", "bc"]));
    }

    #[test]
    fn comments_and_spacing_do_not_count_but_code_does() {
        let base = normalise("DEBUG = os.getenv('DEBUG', 'True') != 'False'");
        assert_eq!(
            normalise("DEBUG=os.getenv( 'DEBUG', 'True' ) != 'False'  # noqa: DJS001"),
            base
        );
        assert_ne!(
            normalise("DEBUG = os.getenv('DEBUG', 'true') != 'False'"),
            base
        );
        // Inside quotes, `#` and spaces are code.
        assert_eq!(normalise("KEY = 'a #b c'  # x"), "KEY='a #b c'");
        assert_eq!(normalise(r#"KEY = "a \" # b" # c"#), r#"KEY="a \" # b""#);
        // Requirements: a URL fragment is not a comment, a trailing one is.
        assert_eq!(
            normalise("psycopg2-binary==2.9.9  # pinned"),
            "psycopg2-binary==2.9.9"
        );
        assert_eq!(
            normalise("pkg @ https://x/p.whl#sha256=ab"),
            "pkg@https://x/p.whl#sha256=ab"
        );
        // Dockerfile and compose lines.
        assert_eq!(
            normalise("ENV DJANGO_ALLOW_ASYNC_UNSAFE=true"),
            "ENVDJANGO_ALLOW_ASYNC_UNSAFE=true"
        );
        assert_eq!(normalise("  - DEBUG=1 # dev"), "-DEBUG=1");
    }
}
