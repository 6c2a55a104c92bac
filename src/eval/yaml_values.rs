//! `yaml.safe_load` (and `yaml.load` with one of PyYAML's loaders) of a committed file or a
//! string: the Python values PyYAML builds, within a subset djsafe reads exactly as PyYAML does.
//! Mappings with string keys, sequences, quoted and block scalars as strings, and plain scalars
//! resolved by PyYAML's YAML 1.1 rules: `yes`/`no`/`on`/`off`/`true`/`false` in their three
//! spellings are booleans, `~`, `null` and nothing are None, integers in decimal, `0x`, `0b`
//! and leading-zero octal (with `_`), and simple decimals (`1.5`) are floats. Anything else
//! PyYAML may read differently is unknown, never guessed: another float, a large or a
//! sexagesimal number is an unknown value where it stands; what PyYAML may fail to construct
//! (a date, `=`, `0b_`), anchors and aliases, tags, merge keys, keys that are not strings,
//! several documents, tabs, escapes in double-quoted strings and text the parser rejects make
//! the whole document unknown (PyYAML's own errors are not modelled either).

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::ops::dict_insert;
use super::value::{Kind, Object, Value};
use crate::source::Span;

/// Deeper than any configuration file.
const MAX_DEPTH: usize = 64;
/// Nodes built per document: a bound on the work a file can ask for.
const MAX_NODES: usize = 100_000;

/// How a loader resolves plain scalars.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Loader {
    /// `SafeLoader`, `FullLoader`, `Loader`, `UnsafeLoader` (and their C versions): YAML 1.1's
    /// implicit types. Without tags the four build the same values.
    Resolving,
    /// `BaseLoader`: every scalar is a string.
    Base,
}

/// The loader a `Loader=` argument names, if djsafe reads it.
pub(super) fn loader(path: &str) -> Option<Loader> {
    let name = path.strip_prefix("yaml.")?;
    match name {
        "SafeLoader" | "CSafeLoader" | "FullLoader" | "CFullLoader" | "Loader" | "CLoader"
        | "UnsafeLoader" | "CUnsafeLoader" => Some(Loader::Resolving),
        "BaseLoader" | "CBaseLoader" => Some(Loader::Base),
        _ => None,
    }
}

/// The value PyYAML loads from `text`, or why djsafe does not know it.
pub(super) fn load(text: &str, loader: Loader, span: Span) -> Result<Value, String> {
    if text.contains('\t') {
        return Err("a YAML file with tabs, which PyYAML may read differently".into());
    }
    if text.starts_with('\u{feff}') || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err("a YAML file with control characters or a byte order mark".into());
    }
    // Escapes in double-quoted strings differ between YAML 1.1 and 1.2.
    if text
        .lines()
        .any(|line| line.contains('"') && line.contains('\\'))
    {
        return Err("a YAML double-quoted string with escapes".into());
    }
    if text.lines().any(|line| line.starts_with('%')) {
        return Err("a YAML directive".into());
    }
    let mut builder = Builder {
        loader,
        span,
        stack: Vec::new(),
        document: None,
        documents: 0,
        nodes: 0,
    };
    for event in Parser::new_from_str(text) {
        let (event, _) = event.map_err(|e| format!("YAML djsafe's parser rejects ({e})"))?;
        builder.event(event)?;
    }
    if builder.documents > 1 {
        return Err("a YAML stream of several documents (safe_load raises ComposerError)".into());
    }
    Ok(builder
        .document
        .unwrap_or_else(|| Value::new(Kind::None, span)))
}

enum Frame {
    Sequence(Vec<Value>),
    Mapping(Vec<(Value, Value)>, Option<Value>),
}

struct Builder {
    loader: Loader,
    span: Span,
    stack: Vec<Frame>,
    document: Option<Value>,
    documents: usize,
    nodes: usize,
}

impl Builder {
    fn event(&mut self, event: Event) -> Result<(), String> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                Ok(())
            }
            Event::Alias(_) => Err("a YAML alias, which djsafe does not model".into()),
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _)
                if anchor != 0 =>
            {
                Err("a YAML anchor, which djsafe does not model".into())
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::SequenceStart(_, Some(_))
            | Event::MappingStart(_, Some(_)) => {
                Err("a YAML tag, which djsafe does not model".into())
            }
            // A scalar djsafe does not read is an unknown value (a key must be known); one
            // PyYAML may fail to construct makes the document unknown.
            Event::Scalar(text, style, _, None) => {
                let value = self.scalar(&text, style)?;
                self.add(value)
            }
            Event::SequenceStart(..) => self.open(Frame::Sequence(Vec::new())),
            Event::MappingStart(..) => self.open(Frame::Mapping(Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match self.stack.pop() {
                    Some(Frame::Sequence(items)) => {
                        Value::new(Kind::List(Object::new(items)), self.span)
                    }
                    Some(Frame::Mapping(pairs, None)) => {
                        Value::new(Kind::Dict(Object::new(pairs)), self.span)
                    }
                    _ => return Err("a YAML collection djsafe could not read".into()),
                };
                self.add(value)
            }
            Event::DocumentEnd | Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("YAML nested deeper than {MAX_DEPTH} levels"));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn add(&mut self, value: Value) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!("a YAML document of more than {MAX_NODES} nodes"));
        }
        match self.stack.last_mut() {
            None => {
                self.document = Some(value);
                Ok(())
            }
            Some(Frame::Sequence(items)) => {
                items.push(value);
                Ok(())
            }
            Some(Frame::Mapping(_, key @ None)) => {
                // PyYAML's dict keys: strings only here (`1: x`, `true: x`, `null: x` would
                // be an int, a bool or None, and `1` and `true` the same key).
                if !matches!(value.kind, Kind::Str(_)) {
                    return Err(match value.unknown_reason() {
                        Some(why) => format!("a YAML key djsafe cannot read ({why})"),
                        None => "a YAML key that is not a string".into(),
                    });
                }
                *key = Some(value);
                Ok(())
            }
            Some(Frame::Mapping(pairs, key)) => {
                let key = key
                    .take()
                    .unwrap_or_else(|| Value::new(Kind::None, self.span));
                dict_insert(pairs, key, value);
                Ok(())
            }
        }
    }

    fn scalar(&self, text: &str, style: ScalarStyle) -> Result<Value, String> {
        let span = self.span;
        if style != ScalarStyle::Plain || self.loader == Loader::Base {
            return Ok(Value::str(text, span));
        }
        plain(text, span)
    }
}

/// A plain scalar as PyYAML's resolver and SafeConstructor make it.
fn plain(text: &str, span: Span) -> Result<Value, String> {
    const BOOLS: &[&str] = &[
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ];
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(Value::new(Kind::None, span));
    }
    if BOOLS.contains(&text) {
        let truth = matches!(text.chars().next(), Some('y' | 'Y' | 't' | 'T'))
            || matches!(text, "on" | "On" | "ON");
        return Ok(Value::new(Kind::Bool(truth), span));
    }
    // Merge keys and `=` have tags SafeLoader has no constructor for: loading raises.
    if text == "<<" || text == "=" {
        return Err(format!(
            "the YAML scalar {text:?}, which PyYAML gives a meaning"
        ));
    }
    let unknown = |why: String| Ok(Value::unknown(why, span));
    let first = text.chars().next().unwrap_or(' ');
    if !"-+0123456789.".contains(first) {
        return Ok(Value::str(text, span));
    }
    match integer(text) {
        Ok(Some(int)) => return Ok(Value::new(Kind::Int(int), span)),
        Ok(None) => {}
        Err(Unread::Value(why)) => return unknown(why),
        Err(Unread::Document(why)) => return Err(why),
    }
    if let Some(float) = simple_float(text) {
        return Ok(Value::new(Kind::Float(float), span));
    }
    // A date is a `datetime.date`, which djsafe does not model; `2024-02-30` matches PyYAML's
    // date pattern and fails to construct (loading raises), as may a time it does not check.
    if is_valid_date(text) {
        return unknown(format!(
            "the YAML date {text}, a datetime.date djsafe does not model"
        ));
    }
    let bytes = text.as_bytes();
    if bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-' {
        return Err(format!(
            "the YAML scalar {text:?}, which PyYAML reads as a date or fails to"
        ));
    }
    // Any other float, or a string: PyYAML constructs both without failing.
    unknown(format!(
        "the YAML scalar {text:?}, which PyYAML may read as a number"
    ))
}

/// Why a scalar is not read: the value alone, or the document (PyYAML may raise).
enum Unread {
    Value(String),
    Document(String),
}

/// PyYAML's int (`construct_yaml_int`) when `text` matches its int pattern: `Ok(None)` when it
/// does not, an error when it does but djsafe does not compute it (sexagesimal, too large) or
/// PyYAML fails to (`0b_`).
fn integer(text: &str) -> Result<Option<i64>, Unread> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let all = |s: &str, f: fn(char) -> bool| !s.is_empty() && s.chars().all(f);
    let (digits, radix) = if let Some(rest) = body.strip_prefix("0b") {
        if !all(rest, |c| matches!(c, '0' | '1' | '_')) {
            return Ok(None);
        }
        (rest, 2)
    } else if let Some(rest) = body.strip_prefix("0x") {
        if !all(rest, |c| c.is_ascii_hexdigit() || c == '_') {
            return Ok(None);
        }
        (rest, 16)
    } else if body == "0" {
        ("0", 10)
    } else if let Some(rest) = body.strip_prefix('0') {
        if !all(rest, |c| matches!(c, '0'..='7' | '_')) {
            return Ok(None);
        }
        (rest, 8)
    } else if body.starts_with(|c: char| matches!(c, '1'..='9'))
        && all(body, |c| c.is_ascii_digit() || c == '_')
    {
        (body, 10)
    } else if body.starts_with(|c: char| matches!(c, '1'..='9'))
        && all(body, |c| c.is_ascii_digit() || c == '_' || c == ':')
    {
        return Err(Unread::Value(format!(
            "the YAML sexagesimal number {text:?}"
        )));
    } else {
        return Ok(None);
    };
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() {
        // `0b_`: PyYAML's int() of nothing raises.
        return Err(Unread::Document(format!(
            "the YAML scalar {text:?}, which PyYAML fails to read"
        )));
    }
    let magnitude = i64::from_str_radix(&digits, radix).map_err(|_| {
        Unread::Value(format!(
            "the YAML integer {text:?}, larger than djsafe computes"
        ))
    })?;
    Ok(Some(if negative { -magnitude } else { magnitude }))
}

/// `YYYY-MM-DD` naming a day of the calendar.
fn is_valid_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        text.get(range.clone())
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days).contains(&day)
}

/// `1.5`, `-0.25`: digits, a dot, digits; anything else (`1.`, `.5`, exponents, `_`) is left
/// to be unknown.
fn simple_float(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = body.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{Loader, load};
    use crate::source::{FileId, Span};

    fn shown(text: &str) -> String {
        let span = Span {
            file: FileId(0),
            start: 0,
            end: 0,
        };
        match load(text, Loader::Resolving, span) {
            Ok(value) => format!("{value}"),
            Err(why) => format!("error: {why}"),
        }
    }

    #[test]
    fn plain_scalars_resolve_as_pyyaml_does() {
        assert_eq!(
            shown("a: yes\nb: No\nc: ON\nd: y\ne: ~\nf:\n"),
            "{'a': True, 'b': False, 'c': True, 'd': 'y', 'e': None, 'f': None}"
        );
        assert_eq!(
            shown("a: 0x1F\nb: 012\nc: 0b101\nd: 1_000\ne: -0\n"),
            "{'a': 31, 'b': 10, 'c': 5, 'd': 1000, 'e': 0}"
        );
        assert!(shown("a: =\n").starts_with("error"));
        assert!(shown("a: 2024-02-30\n").starts_with("error"));
        assert!(shown("a: &x 1\nb: *x\n").starts_with("error"));
    }
}
