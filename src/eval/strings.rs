//! Python literal syntax that tree-sitter leaves as raw text: string escapes and numbers.

/// Decodes the escape sequences of a non-raw string literal's content.
pub fn unescape(raw: &str, bytes: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(next) = chars.next() else {
            out.push('\\');
            break;
        };
        match next {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'x' => push_code(&mut out, &mut chars, 2, 16, "\\x"),
            'u' if !bytes => push_code(&mut out, &mut chars, 4, 16, "\\u"),
            'U' if !bytes => push_code(&mut out, &mut chars, 8, 16, "\\U"),
            '0'..='7' => {
                let mut digits = String::from(next);
                while digits.len() < 3 && chars.peek().is_some_and(|d| ('0'..='7').contains(d)) {
                    digits.extend(chars.next());
                }
                match u32::from_str_radix(&digits, 8)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(ch) => out.push(ch),
                    None => out.push_str(&digits),
                }
            }
            // Unknown escapes (and `\N{...}`, which needs the Unicode name table) stay as written.
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

fn push_code(
    out: &mut String,
    chars: &mut std::iter::Peekable<std::str::Chars>,
    len: usize,
    radix: u32,
    prefix: &str,
) {
    let mut digits = String::new();
    while digits.len() < len && chars.peek().is_some_and(|d| d.is_digit(radix)) {
        digits.extend(chars.next());
    }
    match u32::from_str_radix(&digits, radix)
        .ok()
        .and_then(char::from_u32)
    {
        Some(ch) if digits.len() == len => out.push(ch),
        _ => {
            out.push_str(prefix);
            out.push_str(&digits);
        }
    }
}

/// An integer literal (`1_000`, `0x1F`, `0o17`, `0b1`); `None` when it does not fit in an i64.
pub fn parse_int(raw: &str) -> Option<i64> {
    let clean: String = raw
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (digits, radix) = match clean.get(..2) {
        Some("0x") => (&clean[2..], 16),
        Some("0o") => (&clean[2..], 8),
        Some("0b") => (&clean[2..], 2),
        _ => (clean.as_str(), 10),
    };
    i64::from_str_radix(digits.trim_end_matches('l'), radix).ok()
}

pub fn parse_float(raw: &str) -> Option<f64> {
    raw.chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_like_python() {
        assert_eq!(
            unescape(r"a\nb\t\x41\u00e9\101\q", false),
            "a\nb\tAé\u{41}\\q"
        );
        assert_eq!(unescape("line\\\ncontinued", false), "linecontinued");
    }

    #[test]
    fn integers_in_every_base() {
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("0x1F"), Some(31));
        assert_eq!(parse_int("0o17"), Some(15));
        assert_eq!(parse_int("0b101"), Some(5));
        assert_eq!(parse_int("99999999999999999999999"), None);
    }
}
