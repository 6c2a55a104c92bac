//! A parsed configuration document (YAML, JSON, TOML) as one small tree with the line of every
//! node and key, so each source reads its format the same way and reports the line that says it.

/// A value with the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `~`, `null`, an empty value.
    Null,
    /// Any scalar, as text: YAML booleans and numbers keep their spelling. `plain` is false for
    /// quoted and block scalars (YAML) and for strings (TOML, JSON): only plain scalars can be
    /// booleans or numbers.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Entries in document order; a key's line is the line it is written on.
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub key_line: usize,
    pub value: Node,
}

impl Node {
    pub fn new(value: Value, line: usize) -> Node {
        Node { value, line }
    }

    /// The value under `key` of a mapping (the last one when a key repeats, as YAML loaders do).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().rev().find(|e| e.key == key),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    /// A scalar's text (numbers and booleans as written); None for null and collections.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether the node is a YAML/TOML/JSON `true`.
    pub fn is_true(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "true" | "True" | "TRUE"))
    }

    /// The strings of a scalar or a sequence of scalars (`command: a b` or `command: [a, b]`).
    pub fn strings(&self) -> Vec<String> {
        match &self.value {
            Value::Scalar { text, .. } => vec![text.clone()],
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| n.text().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Lines of TOML: a parsed document turned into the same tree, with byte spans made lines.
pub fn parse_toml(text: &str) -> Option<Node> {
    use toml::de::{DeTable, DeValue};
    let table = DeTable::parse(text).ok()?;
    let lines = LineIndex::new(text);
    fn convert(value: &DeValue, line: usize, lines: &LineIndex, depth: usize) -> Node {
        if depth > super::yaml::MAX_DEPTH {
            return Node::new(Value::Null, line);
        }
        let value = match value {
            DeValue::String(s) => Value::Scalar {
                text: s.to_string(),
                plain: false,
            },
            DeValue::Integer(i) => Value::Scalar {
                text: i.as_str().to_string(),
                plain: true,
            },
            DeValue::Float(f) => Value::Scalar {
                text: f.as_str().to_string(),
                plain: true,
            },
            DeValue::Boolean(b) => Value::Scalar {
                text: b.to_string(),
                plain: true,
            },
            DeValue::Datetime(d) => Value::Scalar {
                text: d.to_string(),
                plain: true,
            },
            DeValue::Array(items) => Value::Seq(
                items
                    .iter()
                    .map(|item| {
                        let line = lines.line(item.span().start);
                        convert(item.get_ref(), line, lines, depth + 1)
                    })
                    .collect(),
            ),
            DeValue::Table(table) => Value::Map(
                table
                    .iter()
                    .map(|(key, value)| {
                        let key_line = lines.line(key.span().start);
                        Entry {
                            key: key.get_ref().to_string(),
                            key_line,
                            value: convert(
                                value.get_ref(),
                                lines.line(value.span().start),
                                lines,
                                depth + 1,
                            ),
                        }
                    })
                    .collect(),
            ),
        };
        Node::new(value, line)
    }
    let root = DeValue::Table(table.get_ref().clone());
    Some(convert(&root, 1, &lines, 0))
}

/// Byte offset to 1-based line.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keeps_lines_of_keys_and_values() {
        let text = "app = \"shop\"\n\n[env]\n  DEBUG = \"false\"\n  PORT = 8000\n\n[processes]\nweb = \"gunicorn shop.wsgi\"\n[[services]]\nprocesses = [\"web\"]\n";
        let root = parse_toml(text).unwrap();
        let env = root.get("env").unwrap();
        assert_eq!(env.entries()[0].key, "DEBUG");
        assert_eq!(env.entries()[0].key_line, 4);
        assert_eq!(env.get("PORT").unwrap().text(), Some("8000"));
        assert_eq!(env.get("PORT").unwrap().line, 5);
        assert_eq!(
            root.path(&["processes", "web"]).unwrap().text(),
            Some("gunicorn shop.wsgi")
        );
        let services = root.get("services").unwrap().items();
        assert_eq!(services[0].get("processes").unwrap().strings(), ["web"]);
        assert!(parse_toml("[env\nX=").is_none());
    }

    #[test]
    fn line_index() {
        let lines = LineIndex::new("a\nbc\n\nd");
        assert_eq!(
            [0, 1, 2, 4, 5, 6].map(|o| lines.line(o)),
            [1, 1, 2, 2, 3, 4]
        );
    }
}
