//! Values written as Python's `repr` writes them, for messages, `explain` and the snapshots:
//! strings, floats and bytes exactly as CPython prints them.

use std::fmt;

use super::{Kind, Value};

/// Python's `repr`, used in messages and `explain` output.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn seq(
            f: &mut fmt::Formatter<'_>,
            open: &str,
            items: &[Value],
            close: &str,
        ) -> fmt::Result {
            f.write_str(open)?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{item}")?;
            }
            if open == "(" && items.len() == 1 {
                f.write_str(",")?;
            }
            f.write_str(close)
        }
        match &self.kind {
            Kind::None => f.write_str("None"),
            Kind::Bool(true) => f.write_str("True"),
            Kind::Bool(false) => f.write_str("False"),
            Kind::Int(i) => write!(f, "{i}"),
            Kind::Float(x) => f.write_str(&float_repr(*x)),
            Kind::Str(s) => write!(f, "{}", python_repr(s)),
            Kind::Bytes(b) => f.write_str(&bytes_repr(b)),
            Kind::List(_) | Kind::Set(_) | Kind::Dict(_) if self.unknown_reason().is_some() => {
                write!(
                    f,
                    "<unknown: {}>",
                    self.unknown_reason().unwrap_or_default()
                )
            }
            Kind::List(v) => seq(f, "[", &v.get().unwrap_or_default(), "]"),
            Kind::Tuple(v) => seq(f, "(", v, ")"),
            Kind::Set(v) => match v.get().unwrap_or_default() {
                items if items.is_empty() => f.write_str("set()"),
                items => seq(f, "{", &items, "}"),
            },
            Kind::Dict(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.get().unwrap_or_default().iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Kind::Module(_) => f.write_str("<module>"),
            Kind::Function(function) => write!(f, "<function {}>", function.name),
            Kind::Class(class) => write!(f, "<class {}>", class.name),
            Kind::External(path) => write!(f, "<{path}>"),
            Kind::Method(_, name) => write!(f, "<method {name}>"),
            Kind::FromEnv(var) => {
                write!(f, "<the value of the required environment variable {var}>")
            }
            Kind::Random(function) => write!(f, "<a random value from {function}()>"),
            Kind::Path(path) => write!(f, "PosixPath({})", python_repr(path)),
            Kind::Instance(instance) => write!(f, "<{} object>", instance.class),
            Kind::Unknown(reason) => write!(f, "<unknown: {reason}>"),
        }
    }
}

/// A string as Python's `repr` writes it: single quotes unless the text contains one.
pub fn python_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || !is_printable(c) => {
                let code = c as u32;
                out.push_str(&match code {
                    0..=0xff => format!("\\x{code:02x}"),
                    0x100..=0xffff => format!("\\u{code:04x}"),
                    _ => format!("\\U{code:08x}"),
                });
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Whether Python's `str.isprintable()` holds for a character that is not a control character:
/// separators other than the space, format characters and private use are escaped by `repr`.
/// (Unassigned code points are too; djsafe has no table of them and prints them as they are.)
fn is_printable(c: char) -> bool {
    !matches!(c as u32,
        0xa0 | 0xad | 0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0xfeff | 0xfff9..=0xfffb | 0x600..=0x605 | 0x61c | 0x6dd
        | 0x70f | 0x8e2 | 0x180e | 0x110bd | 0x110cd | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xe000..=0xf8ff | 0xf0000..=0x10ffff)
}

/// `repr(bytes)`: printable ASCII as is, the usual escapes, every other byte as `\xNN`.
fn bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if b == quote => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(float)`: the shortest text that reads back as the same float, in fixed notation for
/// exponents from -4 to 15 and as `1e+16` beyond, as Python writes it.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    // `{:e}` gives the shortest round-trip digits: `-1.2345e-7`.
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{text}")
    } else {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{sign}{}{rest}e{exp_sign}{:02}",
            &digits[..1],
            exponent.abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::source::FileId;
    use crate::source::Span;

    fn at() -> Span {
        Span {
            file: FileId(0),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn repr_matches_python() {
        assert_eq!(python_repr("it's"), "\"it's\"");
        assert_eq!(python_repr("a'b\"c"), "'a\\'b\"c'");
        let tuple = Value::new(Kind::Tuple(Rc::new(vec![Value::str("x", at())])), at());
        assert_eq!(tuple.to_string(), "('x',)");
    }

    #[test]
    fn floats_bytes_and_unprintable_characters_repr_as_python() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123456789.125, "123456789.125"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
            (1e300, "1e+300"),
        ];
        for (x, python) in cases {
            assert_eq!(float_repr(x), python, "{x:?}");
        }
        assert_eq!(bytes_repr(b"a'\x00\xff\\"), "b\"a'\\x00\\xff\\\\\"");
        assert_eq!(
            python_repr("a\u{a0}b\u{200b}\u{e000}é"),
            "'a\\xa0b\\u200b\\ue000é'"
        );
    }
}
