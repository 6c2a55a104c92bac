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

/// Python's `str.isspace()` for one character: Unicode's white space and the four ASCII
/// separators `\x1c`-`\x1f`, which Python also counts (`str.split()` and `str.strip()` with no
/// argument skip them; `int()` and `float()` do not).
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `int(text)` for a string in base 10: `Err(true)` when Python raises ValueError, `Err(false)`
/// when djsafe cannot tell (digits outside ASCII, which Python accepts; a number beyond 64 bits).
/// `int()` and `float()` skip Unicode's white space but not `\x1c`-`\x1f`: Rust's `trim`.
pub fn python_int(text: &str) -> Result<i64, bool> {
    let trimmed = text.trim();
    if !trimmed.is_ascii() {
        return Err(false);
    }
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    // Underscores only between two digits: `1_000`, not `_1`, `1_` or `1__0`.
    let bytes = digits.as_bytes();
    let well_formed = !bytes.is_empty()
        && bytes.iter().enumerate().all(|(i, b)| {
            b.is_ascii_digit()
                || *b == b'_'
                    && i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        });
    if !well_formed {
        return Err(true);
    }
    trimmed.replace('_', "").parse::<i64>().map_err(|_| false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `int()` of a string as CPython 3.11 answers (checked by hand: `int(' +1_000 ')` is 1000,
    /// `int('_1')`, `int('1__0')`, `int('1_')`, `int('\x1c5')` and `int('')` raise).
    #[test]
    fn int_of_a_string_reads_like_python() {
        assert_eq!(python_int(" +1_000\u{3000}"), Ok(1000));
        assert_eq!(python_int("-007"), Ok(-7));
        for raises in ["_1", "1__0", "1_", "\x1c5", "", "+", "1.0", "0x10"] {
            assert_eq!(python_int(raises), Err(true), "{raises:?}");
        }
        // Arabic-Indic digits are read by Python; beyond 64 bits djsafe does not follow.
        assert_eq!(python_int("\u{663}"), Err(false));
        assert_eq!(python_int("99999999999999999999"), Err(false));
    }

    /// The characters Python 3.11's `str.isspace()` accepts, listed by
    /// `[hex(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]`.
    #[test]
    fn python_space_is_str_isspace() {
        let python: Vec<u32> = [
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0,
        ]
        .into_iter()
        .chain([0x1680])
        .chain(0x2000..=0x200a)
        .chain([0x2028, 0x2029, 0x202f, 0x205f, 0x3000])
        .collect();
        let ours: Vec<u32> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| is_python_space(*c))
            .map(u32::from)
            .collect();
        assert_eq!(ours, python);
    }

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
