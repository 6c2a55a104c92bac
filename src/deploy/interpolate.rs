//! Compose interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
//! `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}` (nested in defaults too) and `$$`, resolved from
//! the project's `.env` values. A variable the `.env` does not set comes from the host running
//! compose: without a default, the value is unknown.

use std::collections::BTreeMap;

/// The value of `text` once interpolated with `vars`, or the reason it depends on the host.
pub fn interpolate(text: &str, vars: &BTreeMap<String, String>) -> Result<String, String> {
    interpolate_at(text, vars, 0)
}

/// `text` interpolated where it can be; references that cannot be resolved are kept as written
/// (for commands, where a `$` left in a word marks it as unknown).
pub fn interpolate_lossy(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut result = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        if chars[at] == '$' {
            let (end, _) = reference_end(&chars, at);
            let reference: String = chars[at..end].iter().collect();
            match interpolate_at(&reference, vars, 0) {
                Ok(value) => result.push_str(&value),
                Err(_) => result.push_str(&reference),
            }
            at = end.max(at + 1);
        } else {
            result.push(chars[at]);
            at += 1;
        }
    }
    result
}

/// Where the reference starting at `at` (a `$`) ends, and whether it is braced.
fn reference_end(chars: &[char], at: usize) -> (usize, bool) {
    match chars.get(at + 1) {
        Some('$') => (at + 2, false),
        Some('{') => {
            let mut depth = 0;
            for (i, &c) in chars.iter().enumerate().skip(at + 1) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (i + 1, true);
                        }
                    }
                    _ => {}
                }
            }
            (chars.len(), true)
        }
        _ => {
            let mut end = at + 1;
            while end < chars.len() && (chars[end].is_ascii_alphanumeric() || chars[end] == '_') {
                end += 1;
            }
            (end, false)
        }
    }
}

fn interpolate_at(
    text: &str,
    vars: &BTreeMap<String, String>,
    depth: usize,
) -> Result<String, String> {
    if depth > 8 {
        return Err(format!("`{text}` nests too deeply"));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut result = String::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at] != '$' {
            result.push(chars[at]);
            at += 1;
            continue;
        }
        let (end, braced) = reference_end(&chars, at);
        let body: String = if braced {
            chars[at + 2..end.saturating_sub(1).max(at + 2)]
                .iter()
                .collect()
        } else {
            chars[at + 1..end].iter().collect()
        };
        at = end.max(at + 1);
        if body == "$" && !braced {
            result.push('$');
            continue;
        }
        if body.is_empty() {
            // `$` before something that is not a name: kept, as compose keeps it.
            result.push('$');
            continue;
        }
        if !braced && body.starts_with(|c: char| c.is_ascii_digit()) {
            result.push('$');
            result.push_str(&body);
            continue;
        }
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(body.len());
        let (name, rest) = body.split_at(name_len);
        let value = vars.get(name);
        let unset = || format!("`${{{body}}}` depends on `{name}`, which no committed .env sets");
        let operand = |op: &str| interpolate_at(&rest[op.len()..], vars, depth + 1);
        let piece = if rest.is_empty() {
            value.cloned().ok_or_else(unset)?
        } else if rest.starts_with(":-") {
            match value {
                Some(v) if !v.is_empty() => v.clone(),
                _ => operand(":-")?,
            }
        } else if rest.starts_with(":?") || rest.starts_with('?') {
            match value {
                Some(v) if !v.is_empty() || rest.starts_with('?') => v.clone(),
                _ => return Err(format!("`{name}` must be set by the host running compose")),
            }
        } else if rest.starts_with(":+") {
            match value {
                Some(v) if !v.is_empty() => operand(":+")?,
                Some(_) => String::new(),
                None => return Err(unset()),
            }
        } else if rest.starts_with('-') {
            match value {
                Some(v) => v.clone(),
                None => operand("-")?,
            }
        } else if rest.starts_with('+') {
            match value {
                Some(_) => operand("+")?,
                None => return Err(unset()),
            }
        } else {
            return Err(format!("`${{{body}}}` is not compose interpolation"));
        };
        result.push_str(&piece);
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("DEBUG".to_string(), "False".to_string()),
            ("EMPTY".to_string(), String::new()),
            ("TAG".to_string(), "1.4".to_string()),
        ])
    }

    #[test]
    fn the_documented_forms() {
        let v = vars();
        for (text, expected) in [
            ("${DEBUG}", Ok("False")),
            ("$DEBUG", Ok("False")),
            ("${DEBUG:-True}", Ok("False")),
            ("${UNSET:-True}", Ok("True")),
            ("${EMPTY:-x}", Ok("x")),
            ("${EMPTY-x}", Ok("")),
            ("${UNSET-x}", Ok("x")),
            ("${DEBUG:?set DEBUG}", Ok("False")),
            ("${TAG:+v$TAG}", Ok("v1.4")),
            ("${EMPTY:+y}", Ok("")),
            ("${UNSET:-${TAG:-x}}", Ok("1.4")),
            ("${UNSET:-${ALSO_UNSET:-deep}}", Ok("deep")),
            ("pa$$word", Ok("pa$word")),
            ("$${NOT_INTERPOLATED}", Ok("${NOT_INTERPOLATED}")),
            ("price: $ 5 $5", Ok("price: $ 5 $5")),
            ("img:${TAG}-slim", Ok("img:1.4-slim")),
        ] {
            assert_eq!(
                interpolate(text, &v).as_deref(),
                expected.map_err(|e: &str| e.to_string()).as_deref(),
                "{text}"
            );
        }
        for text in [
            "${SECRET_KEY}",
            "$SECRET_KEY",
            "${UNSET:?required}",
            "${EMPTY:?x}",
            "${UNSET:+x}",
            "${X/a/b}",
            "${UNCLOSED",
        ] {
            assert!(interpolate(text, &v).is_err(), "{text}");
        }
        assert_eq!(
            interpolate("${SECRET_KEY}", &v).unwrap_err(),
            "`${SECRET_KEY}` depends on `SECRET_KEY`, which no committed .env sets"
        );
    }

    #[test]
    fn lossy_keeps_what_it_cannot_resolve() {
        let v = vars();
        assert_eq!(
            interpolate_lossy(
                "gunicorn app.wsgi --workers ${WORKERS} --env DEBUG=${DEBUG} $$HOME",
                &v
            ),
            "gunicorn app.wsgi --workers ${WORKERS} --env DEBUG=False $HOME"
        );
    }
}
