//! String formatting with known parts: `'%s://%s' % (scheme, host)` and `'{}:{}'.format(a, b)`.
//! Conversions and format specifications beyond the plain ones are not evaluated.

use super::python_str;
use crate::eval::value::{Args, Kind, Value};

/// `template % values` for `%s`, `%r`, `%d`/`%i` and `%%`, with a tuple, a dict (`%(name)s`) or
/// a single value.
pub fn percent(template: &str, values: &Value) -> Option<String> {
    let positional: Vec<Value> = match &values.kind {
        Kind::Tuple(items) => items.to_vec(),
        Kind::Dict(_) => Vec::new(),
        _ => vec![values.clone()],
    };
    let mut next = positional.iter();
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() > crate::eval::value::MAX_STR_BYTES {
            return None;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let value = if chars.peek() == Some(&'(') {
            chars.next();
            let key: String = chars.by_ref().take_while(|&c| c != ')').collect();
            let pairs = values.pairs()?;
            &pairs
                .into_iter()
                .find(|(k, _)| k.as_str() == Some(key.as_str()))
                .map(|(_, v)| v)?
        } else if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        } else {
            next.next()?
        };
        match chars.next()? {
            's' => out.push_str(&python_str(value)?),
            'r' if value.is_fully_known() => out.push_str(&value.to_string()),
            'd' | 'i' => match value.kind {
                Kind::Int(i) => out.push_str(&i.to_string()),
                Kind::Bool(b) => out.push_str(if b { "1" } else { "0" }),
                _ => return None,
            },
            _ => return None,
        }
    }
    // Python raises when arguments are left over; djsafe then knows nothing.
    (next.next().is_none()).then_some(out)
}

/// `template.format(*args, **kwargs)` for `{}`, `{0}`, `{name}` and `{{`/`}}`.
pub fn braces(template: &str, args: &Args) -> Option<String> {
    let mut out = String::new();
    let mut auto = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() > crate::eval::value::MAX_STR_BYTES {
            return None;
        }
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let field: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let value = if field.is_empty() {
                    auto += 1;
                    args.positional.get(auto - 1)?
                } else if let Ok(index) = field.parse::<usize>() {
                    args.positional.get(index)?
                } else if field.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    args.keywords
                        .iter()
                        .find(|(k, _)| *k == field)
                        .map(|(_, v)| v)?
                } else {
                    return None;
                };
                out.push_str(&python_str(value)?);
            }
            '}' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}
