//! Standard-library functions settings modules call on environment strings: `json.loads`,
//! `ast.literal_eval`, `distutils.util.strtobool`, `filter`, `os.path`. Each either returns a
//! value or raises the exception Python would, so `try`/`except` around them takes the right path.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::ops::{dict_insert, iterate};
use super::strings::{parse_float, parse_int, unescape};
use super::toml_values::{self, Dialect};
use super::value::{Args, Kind, Object, Value};
use crate::parse::{parse_python, python_parser};
use crate::source::Span;

/// An exception Python raises, with its message.
pub type Raise = (&'static str, String);

/// `Some` for the functions modelled here.
pub fn call(path: &str, args: &Args, span: Span) -> Option<Result<Value, Raise>> {
    let first = args.positional.first();
    let string = first.and_then(Value::as_str);
    let env = first.map(|v| v.env.clone()).unwrap_or_default();
    let result = match path {
        "json.loads" => string.map(|s| json_loads(s, span)),
        "tomllib.loads" | "tomli.loads" => {
            string.map(|s| toml_values::loads(s, Dialect::Tomllib, span))
        }
        "toml.loads" => string.map(|s| toml_values::loads(s, Dialect::TomlPackage, span)),
        "ast.literal_eval" => string.map(|s| literal_eval(s, span)),
        "distutils.util.strtobool" | "str2bool.str2bool" => string.map(|s| strtobool(s, span)),
        "builtins.filter" => match (
            first.map(|f| &f.kind),
            args.positional.get(1).and_then(iterate),
        ) {
            (Some(Kind::None), Some(items)) => {
                let kept: Option<Vec<Value>> = items
                    .into_iter()
                    .filter_map(|item| match item.truthy() {
                        Some(true) => Some(Some(item)),
                        Some(false) => None,
                        None => Some(None),
                    })
                    .collect();
                kept.map(|items| Ok(Value::new(Kind::List(Object::new(items)), span)))
            }
            _ => None,
        },
        _ => return None,
    };
    // The argument djsafe could not read as a string: the result depends on it.
    let result = result.unwrap_or_else(|| match first {
        Some(v) if v.is_unknown() => Ok(v.clone()),
        _ => Ok(Value::unknown(
            format!("`{path}()` with these arguments is not modelled by djsafe"),
            span,
        )),
    });
    Some(result.map(|v| v.with_env(&env)))
}

fn strtobool(s: &str, span: Span) -> Result<Value, Raise> {
    match s.to_lowercase().as_str() {
        "y" | "yes" | "t" | "true" | "on" | "1" => Ok(Value::new(Kind::Int(1), span)),
        "n" | "no" | "f" | "false" | "off" | "0" => Ok(Value::new(Kind::Int(0), span)),
        _ => Err(("ValueError", format!("invalid truth value {s:?}"))),
    }
}

pub fn json_loads(text: &str, span: Span) -> Result<Value, Raise> {
    let parsed: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ("JSONDecodeError", format!("{e}")))?;
    Ok(from_json(&parsed, span))
}

fn from_json(value: &serde_json::Value, span: Span) -> Value {
    let kind = match value {
        serde_json::Value::Null => Kind::None,
        serde_json::Value::Bool(b) => Kind::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Kind::Int(i),
            None => Kind::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Kind::Str(s.as_str().into()),
        serde_json::Value::Array(items) => Kind::List(Object::new(
            items.iter().map(|i| from_json(i, span)).collect(),
        )),
        serde_json::Value::Object(map) => {
            let mut pairs = Vec::new();
            for (k, v) in map {
                dict_insert(&mut pairs, Value::str(k, span), from_json(v, span));
            }
            Kind::Dict(Object::new(pairs))
        }
    };
    Value::new(kind, span)
}

/// `ast.literal_eval`: the text must be one Python literal (numbers, strings, True/False/None,
/// and lists, tuples, sets and dicts of literals).
fn literal_eval(text: &str, span: Span) -> Result<Value, Raise> {
    if literal_eval_doubtful(text) {
        return Ok(Value::unknown(
            format!("`ast.literal_eval` of {text:?} is not modelled by djsafe"),
            span,
        ));
    }
    let malformed = || ("ValueError", format!("malformed node or string: {text:?}"));
    let mut parser = python_parser();
    let Some((tree, errors)) = parse_python(&mut parser, text.trim()) else {
        return Err(malformed());
    };
    if !errors.is_empty() {
        return Err(("SyntaxError", format!("invalid syntax: {text:?}")));
    }
    let root = tree.root_node();
    let statement = (root.named_child_count() == 1)
        .then(|| root.named_child(0))
        .flatten()
        .filter(|s| s.kind_name() == "expression_statement");
    let expression = statement.and_then(|s| {
        (s.named_child_count() == 1)
            .then(|| s.named_child(0))
            .flatten()
    });
    let expression = expression.ok_or_else(malformed)?;
    literal(expression, text.trim(), span).ok_or_else(malformed)
}

/// Whether `text` holds literals djsafe's `literal_eval` reads differently from CPython's
/// (complex numbers, `set()`, integers beyond 64 bits, `0123` which CPython rejects):
/// what CPython gives is then not known. Tokens inside strings count too, which only costs a
/// value djsafe could have known.
pub fn literal_eval_doubtful(text: &str) -> bool {
    let doubtful_number = |token: &str| {
        let b = token.as_bytes();
        b.first().is_some_and(u8::is_ascii_digit)
            && (token.ends_with(['j', 'J', 'l', 'L'])
                || (b[0] == b'0' && b.get(1).is_some_and(u8::is_ascii_digit))
                || b.iter().filter(|c| c.is_ascii_digit()).count() >= 19)
    };
    text.contains("set()")
        || text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .any(doubtful_number)
}

fn literal(node: Node, text: &str, span: Span) -> Option<Value> {
    let source = &text[node.byte_range()];
    let children = || {
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .filter(|c| c.kind_name() != "comment")
            .collect::<Vec<_>>()
    };
    let items = || {
        children()
            .into_iter()
            .map(|c| literal(c, text, span))
            .collect::<Option<Vec<_>>>()
    };
    let kind = match node.kind_name() {
        "integer" => Kind::Int(parse_int(source)?),
        "float" => Kind::Float(parse_float(source)?),
        "true" => Kind::Bool(true),
        "false" => Kind::Bool(false),
        "none" => Kind::None,
        "string" | "concatenated_string" => return string_literal(node, text, span),
        "unary_operator" if source.starts_with('-') => {
            match literal(node.field(Field::Argument)?, text, span)?.kind {
                Kind::Int(i) => Kind::Int(-i),
                Kind::Float(f) => Kind::Float(-f),
                _ => return None,
            }
        }
        "parenthesized_expression" => return literal(*children().first()?, text, span),
        "list" => Kind::List(Object::new(items()?)),
        "tuple" => Kind::tuple(items()?),
        "set" => Kind::Set(Object::new(items()?)),
        "dictionary" => {
            let mut pairs = Vec::new();
            for pair in children() {
                let key = literal(pair.field(Field::Key)?, text, span)?;
                let value = literal(pair.field(Field::Value)?, text, span)?;
                dict_insert(&mut pairs, key, value);
            }
            Kind::Dict(Object::new(pairs))
        }
        _ => return None,
    };
    Some(Value::new(kind, span))
}

fn string_literal(node: Node, text: &str, span: Span) -> Option<Value> {
    let parts: Vec<Node> = if node.kind_name() == "concatenated_string" {
        let mut cursor = node.walk();
        node.named_children(&mut cursor).collect()
    } else {
        vec![node]
    };
    let mut out = String::new();
    for part in parts {
        let mut cursor = part.walk();
        for child in part.named_children(&mut cursor) {
            match child.kind_name() {
                "string_start" => {
                    let prefix = child.utf8_text(text.as_bytes()).ok()?.to_ascii_lowercase();
                    // An f-string is not a literal (ValueError); bytes are, but not modelled.
                    if prefix.contains('f') {
                        return None;
                    }
                    if prefix.contains('b') {
                        return Some(Value::unknown(
                            "a bytes literal in `ast.literal_eval` is not modelled by djsafe",
                            span,
                        ));
                    }
                }
                "string_content" => {
                    let raw = &text[child.byte_range()];
                    let prefix = part
                        .named_child(0)
                        .map(|s| text[s.byte_range()].to_ascii_lowercase())
                        .unwrap_or_default();
                    out.push_str(&if prefix.contains('r') {
                        raw.to_string()
                    } else {
                        unescape(raw, false)
                    });
                }
                "interpolation" => return None,
                _ => {}
            }
        }
    }
    Some(Value::str(&out, span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn span() -> Span {
        Span {
            file: FileId(0),
            start: 0,
            end: 0,
        }
    }

    fn eval(text: &str) -> String {
        match literal_eval(text, span()) {
            Ok(v) => v.to_string(),
            Err((exception, _)) => exception.to_string(),
        }
    }

    #[test]
    fn literal_eval_accepts_literals_only() {
        assert_eq!(eval("True"), "True");
        assert_eq!(eval(" 42 "), "42");
        assert_eq!(eval("-1.5"), "-1.5");
        assert_eq!(eval("['a', (1, None)]"), "['a', (1, None)]");
        assert_eq!(eval("{'k': r'\\d'}"), "{'k': '\\\\d'}");
        assert_eq!(eval("false"), "ValueError");
        assert_eq!(eval("__import__('os')"), "ValueError");
        assert_eq!(eval("[1,"), "SyntaxError");
        assert_eq!(eval("f'x'"), "ValueError");
        // What djsafe's parser reads differently from CPython's is unknown, never a wrong value
        // nor an exception CPython does not raise (`0123` is a SyntaxError there; the others
        // are values).
        for doubtful in ["0123", "1+2j", "set()", "b'x'", "12345678901234567890"] {
            assert!(eval(doubtful).starts_with("<unknown"), "{doubtful}");
        }
        assert_eq!(eval("100"), "100");
    }

    #[test]
    fn strtobool_and_json() {
        assert_eq!(strtobool("On", span()).unwrap().to_string(), "1");
        assert_eq!(strtobool("off", span()).unwrap().to_string(), "0");
        assert!(strtobool("maybe", span()).is_err());
        assert_eq!(
            json_loads(r#"{"b": [1, true, null], "a": "x"}"#, span())
                .unwrap()
                .to_string(),
            "{'b': [1, True, None], 'a': 'x'}"
        );
        assert!(json_loads("['single']", span()).is_err());
    }
}
