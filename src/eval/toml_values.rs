//! `tomllib.loads`/`tomllib.load` (TOML 1.0, Python 3.11) and the `toml` package's
//! `toml.loads`/`toml.load` (an older TOML with its own rules): tables as dicts in document
//! order. djsafe's parser follows TOML 1.1, which accepts documents TOML 1.0 rejects (newlines
//! and trailing commas in inline tables, `\e` and `\xHH` escapes, times without seconds): such
//! a document is unknown, as is one it rejects only for a number Python reads (an integer
//! beyond 64 bits, a float that overflows to `inf`). Dates and times are unknown (Python builds
//! `datetime` objects). The `toml` package differs from tomllib in more places (it reads `-0.0`
//! as `0.0`, rejects arrays of mixed types and some multi-line strings, accepts some invalid
//! documents), so what it loads is known only without floats, mixed arrays and multi-line
//! strings, and its errors are never assumed.

use super::ops::dict_insert;
use super::stdlib::Raise;
use super::value::{Kind, Object, Value};
use crate::source::Span;

/// Which library reads the document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// `tomllib` (and `tomli`, which it came from).
    Tomllib,
    /// The `toml` package.
    TomlPackage,
}

/// Nested deeper than this, the parsers' own limits may differ.
const MAX_NESTING: usize = 32;

pub(super) fn loads(text: &str, dialect: Dialect, span: Span) -> Result<Value, Raise> {
    let unknown = |why: String| Ok(Value::unknown(why, span));
    let parsed: toml::Table = match text.parse() {
        Ok(parsed) => parsed,
        Err(error) => {
            if dialect == Dialect::TomlPackage {
                return unknown(format!(
                    "the `toml` package may read what djsafe's TOML parser rejects ({})",
                    first_line(&error.to_string())
                ));
            }
            // TOML 1.1 accepts all TOML 1.0 does, but for numbers Python reads without bound.
            if let Some(why) = big_number(text).or_else(|| deep(text)) {
                return unknown(why);
            }
            return Err(("TOMLDecodeError", format!("{error}")));
        }
    };
    if let Some(feature) = toml_1_1_feature(text) {
        return unknown(format!(
            "the TOML document uses {feature}, which TOML 1.1 allows and Python's TOML 1.0 parser rejects"
        ));
    }
    if dialect == Dialect::TomlPackage {
        if text.contains("\"\"\"") || text.contains("'''") {
            return unknown(
                "a multi-line string, which the `toml` package reads by its own rules".into(),
            );
        }
        if let Some(why) = package_differs(&toml::Value::Table(parsed.clone())) {
            return unknown(why.into());
        }
    }
    Ok(from_toml(&toml::Value::Table(parsed), span))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// A number Python reads but djsafe's parser may reject: 16 or more digits in a row (an
/// integer beyond 64 bits), or an exponent of three digits (a float that overflows).
fn big_number(text: &str) -> Option<String> {
    let mut run = 0;
    let mut previous = ' ';
    let mut exponent_digits: Option<usize> = None;
    for c in text.chars() {
        if c.is_ascii_digit() || (c == '_' && run > 0) {
            run += 1;
            if let Some(count) = exponent_digits.as_mut() {
                *count += 1;
                if *count >= 3 {
                    return Some("a TOML float whose exponent Python reads as inf".into());
                }
            }
            if run >= 16 {
                return Some("a TOML integer beyond what djsafe reads".into());
            }
        } else {
            run = 0;
            if matches!(c, 'e' | 'E') && previous.is_ascii_digit() {
                exponent_digits = Some(0);
            } else if !(matches!(c, '+' | '-') && matches!(previous, 'e' | 'E')) {
                exponent_digits = None;
            }
        }
        previous = c;
    }
    None
}

/// Brackets nested deeper than [`MAX_NESTING`].
fn deep(text: &str) -> Option<String> {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some("TOML nested deeper than djsafe reads".into());
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A TOML 1.1 feature the text uses, read with a small scanner that skips strings and
/// comments (a document that parsed, so the scan need not validate anything).
fn toml_1_1_feature(text: &str) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    // Open brackets, innermost last: `{` an inline table, `[` an array.
    let mut open: Vec<char> = Vec::new();
    // Whether the last non-space character outside strings was a comma.
    let mut after_comma = false;
    while i < chars.len() {
        let c = chars[i];
        let starts = |s: &str| chars[i..].iter().take(3).collect::<String>() == s;
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' | '\'' => {
                let multi = starts(if c == '"' { "\"\"\"" } else { "'''" });
                let quote_len = if multi { 3 } else { 1 };
                i += quote_len;
                while i < chars.len() {
                    if c == '"' && chars[i] == '\\' {
                        if matches!(chars.get(i + 1), Some('e' | 'x')) {
                            return Some("the escape `\\e` or `\\x`");
                        }
                        i += 2;
                        continue;
                    }
                    let closes = if multi {
                        chars[i..].iter().take(3).all(|&q| q == c) && chars.len() - i >= 3
                    } else {
                        chars[i] == c
                    };
                    if closes {
                        i += quote_len;
                        // `"""a""""`: up to two more quotes belong to the string.
                        while multi && chars.get(i) == Some(&c) {
                            i += 1;
                        }
                        break;
                    }
                    i += 1;
                }
                after_comma = false;
                continue;
            }
            '{' | '[' => open.push(c),
            '}' | ']' => {
                if c == '}' && after_comma {
                    return Some("a trailing comma in an inline table");
                }
                open.pop();
            }
            '\n' if open.contains(&'{') => return Some("a newline inside an inline table"),
            // `07:32` not followed by `:ss`.
            d if d.is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && chars.get(i + 2) == Some(&':')
                && chars.get(i + 3).is_some_and(char::is_ascii_digit)
                && chars.get(i + 4).is_some_and(char::is_ascii_digit) =>
            {
                if chars.get(i + 5) != Some(&':') {
                    return Some("a time without seconds");
                }
                i += 5;
                after_comma = false;
                continue;
            }
            _ => {}
        }
        if !c.is_whitespace() {
            after_comma = c == ',';
        }
        i += 1;
    }
    None
}

/// Where the `toml` package reads the parsed document differently from tomllib.
fn package_differs(value: &toml::Value) -> Option<&'static str> {
    match value {
        toml::Value::Float(_) => Some("a float, which the `toml` package reads by its own rules"),
        toml::Value::Array(items) => {
            let kinds: std::collections::BTreeSet<&str> =
                items.iter().map(toml::Value::type_str).collect();
            if kinds.len() > 1 {
                return Some("an array of mixed types, which the `toml` package rejects");
            }
            items.iter().find_map(package_differs)
        }
        toml::Value::Table(table) => table.values().find_map(package_differs),
        _ => None,
    }
}

fn from_toml(value: &toml::Value, span: Span) -> Value {
    let kind = match value {
        toml::Value::String(s) => Kind::Str(s.as_str().into()),
        toml::Value::Integer(i) => Kind::Int(*i),
        toml::Value::Float(f) => Kind::Float(*f),
        toml::Value::Boolean(b) => Kind::Bool(*b),
        toml::Value::Datetime(d) => {
            return Value::unknown(
                format!("the TOML date {d} is a datetime object, which djsafe does not model"),
                span,
            );
        }
        toml::Value::Array(items) => Kind::List(Object::new(
            items.iter().map(|i| from_toml(i, span)).collect(),
        )),
        toml::Value::Table(table) => {
            let mut pairs = Vec::new();
            for (k, v) in table {
                dict_insert(&mut pairs, Value::str(k, span), from_toml(v, span));
            }
            Kind::Dict(Object::new(pairs))
        }
    };
    Value::new(kind, span)
}

#[cfg(test)]
mod tests {
    use super::{big_number, toml_1_1_feature};

    #[test]
    fn toml_1_1_features_are_found_outside_strings_and_comments() {
        assert_eq!(
            toml_1_1_feature("a = { b = 1,\n c = 2 }\n"),
            Some("a newline inside an inline table")
        );
        assert_eq!(
            toml_1_1_feature("a = { b = 1, }\n"),
            Some("a trailing comma in an inline table")
        );
        assert_eq!(
            toml_1_1_feature("a = \"\\e\"\n"),
            Some("the escape `\\e` or `\\x`")
        );
        assert_eq!(
            toml_1_1_feature("t = 07:32\n"),
            Some("a time without seconds")
        );
        // TOML 1.0 documents.
        for text in [
            "a = [\n 1,\n 2,\n]\n",
            "t = 07:32:00\ndt = 1979-05-27T07:32:00Z\n",
            "s = \"{ not a table,\\n }\" # { x = 1, }\n",
            "s = '\\e is literal here'\n",
            "m = \"\"\"a\"\"\"\"\n",
            "i = { a = [1,\n2] }\n".replace(",\n", ", ").as_str(),
        ] {
            assert_eq!(toml_1_1_feature(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_python_reads_without_bound() {
        assert!(big_number("x = 99999999999999999999\n").is_some());
        assert!(big_number("x = 1e1000\n").is_some());
        assert!(big_number("x = 1.5e-300\n").is_some());
        assert!(big_number("x = 12345\ny = 1e10\n").is_none());
    }
}
