//! YAML (and JSON, which YAML 1.2 reads) into [`Node`] trees with line numbers, through
//! saphyr-parser's event stream. Anchors, aliases and `<<` merge keys are resolved here, with a
//! budget: an alias bomb (each level repeating the one before) or a document nested deeper than
//! any deployment file is an error, never unbounded work. Callers fall back to a textual reader
//! when a file does not parse (Helm and Jinja templates).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::tree::{Entry, Node, Value};

/// Deeper than any real deployment file; TOML conversion uses it too.
pub const MAX_DEPTH: usize = 64;
/// Nodes built per file, aliases expanded included: an alias bomb stops here.
const MAX_NODES: usize = 200_000;

/// Every document of a YAML stream, or why it does not parse (with the line).
pub fn parse(text: &str) -> Result<Vec<Node>, String> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| format!("not valid YAML: {e}"))?;
        builder.event(event, span.start.line())?;
    }
    Ok(builder.documents)
}

/// The first document, for formats that have one.
pub fn parse_one(text: &str) -> Result<Node, String> {
    parse(text)?
        .into_iter()
        .next()
        .ok_or_else(|| "empty YAML document".to_string())
}

/// The first document, read as Go's YAML library (which Helm uses) reads it: a flow
/// collection's closing `}` or `]` alone on a line at its key's indentation is accepted there
/// and not by the YAML specification this parser follows, so such lines are indented once more
/// (lines keep their numbers) and the text read again.
pub fn parse_one_lenient(text: &str) -> Result<Node, String> {
    let error = match parse_one(text) {
        Ok(node) => return Ok(node),
        Err(error) => error,
    };
    let closer = |line: &str| matches!(line.trim(), "}" | "]" | "}," | "],");
    if !text.lines().any(closer) {
        return Err(error);
    }
    let indented: String = text
        .lines()
        .map(|line| {
            if closer(line) {
                format!("  {line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    parse_one(&indented).map_err(|_| error)
}

enum Frame {
    Seq {
        items: Vec<Node>,
        line: usize,
        anchor: usize,
        size: usize,
    },
    Map {
        entries: Vec<Entry>,
        key: Option<(String, usize)>,
        line: usize,
        anchor: usize,
        size: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    documents: Vec<Node>,
    nodes: usize,
}

impl Builder {
    fn event(&mut self, event: Event, line: usize) -> Result<(), String> {
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                let value = if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL")
                {
                    Value::Null
                } else {
                    Value::Scalar {
                        text: text.into_owned(),
                        plain,
                    }
                };
                self.complete(Node::new(value, line), anchor, 1)?;
            }
            Event::Alias(id) => {
                let (node, size) = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| format!("line {line}: alias to an unknown anchor"))?;
                // The alias's own line is where it is used; its content keeps its lines.
                self.complete(node, 0, size)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open()?;
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    line,
                    anchor,
                    size: 1,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open()?;
                self.stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    line,
                    anchor,
                    size: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor, size) = match self.stack.pop() {
                    Some(Frame::Seq {
                        items,
                        line,
                        anchor,
                        size,
                    }) => (Node::new(Value::Seq(items), line), anchor, size),
                    Some(Frame::Map {
                        entries,
                        line,
                        anchor,
                        size,
                        ..
                    }) => (
                        Node::new(Value::Map(merge_keys(entries)), line),
                        anchor,
                        size,
                    ),
                    None => return Err(format!("line {line}: unbalanced collection")),
                };
                self.nodes -= 1; // counted when opened
                self.complete(node, anchor, size)?;
            }
            Event::DocumentEnd
            | Event::DocumentStart(_)
            | Event::StreamStart
            | Event::StreamEnd
            | Event::Nothing => {}
        }
        Ok(())
    }

    fn open(&mut self) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("nested deeper than {MAX_DEPTH} levels"));
        }
        self.count(1)
    }

    fn count(&mut self, size: usize) -> Result<(), String> {
        self.nodes += size;
        if self.nodes > MAX_NODES {
            return Err(format!(
                "more than {MAX_NODES} nodes once aliases are expanded"
            ));
        }
        Ok(())
    }

    /// A finished node goes into its parent (or becomes a document).
    fn complete(&mut self, node: Node, anchor: usize, size: usize) -> Result<(), String> {
        self.count(size)?;
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Seq {
                items, size: total, ..
            }) => {
                *total += size;
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                size: total,
                ..
            }) => {
                *total += size;
                match key.take() {
                    None => {
                        let text = match &node.value {
                            Value::Scalar { text, .. } => text.clone(),
                            Value::Null => String::new(),
                            // A collection as a key: no deployment format uses one.
                            _ => String::from("?"),
                        };
                        *key = Some((text, node.line));
                    }
                    Some((text, key_line)) => entries.push(Entry {
                        key: text,
                        key_line,
                        value: node,
                    }),
                }
            }
        }
        Ok(())
    }
}

/// `<<: *base` and `<<: [*a, *b]`: the merged mappings' entries that the mapping does not set
/// itself, earlier merged mappings first. Merged entries keep the lines where they are written.
fn merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == "<<");
    for merge in merges {
        let sources = match merge.value.value {
            Value::Map(_) => vec![merge.value],
            Value::Seq(items) => items,
            _ => Vec::new(),
        };
        for source in sources {
            if let Value::Map(merged) = source.value {
                for entry in merged {
                    if !own.iter().any(|e| e.key == entry.key) {
                        own.push(entry);
                    }
                }
            }
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_keys_values_and_items() {
        let text = "\
services:
  web:
    environment:
      DEBUG: \"false\"
      PORT: 8000
    command: [gunicorn, app.wsgi]
  db:
    image: postgres
";
        let root = parse_one(text).unwrap();
        let web = root.path(&["services", "web"]).unwrap();
        let env = web.get("environment").unwrap();
        assert_eq!(env.entries()[0].key_line, 4);
        assert_eq!(env.get("DEBUG").unwrap().text(), Some("false"));
        assert_eq!(
            env.get("PORT").unwrap().value,
            Value::Scalar {
                text: "8000".into(),
                plain: true
            }
        );
        assert_eq!(
            web.get("command").unwrap().strings(),
            ["gunicorn", "app.wsgi"]
        );
        assert_eq!(web.get("command").unwrap().items()[1].line, 6);
        assert_eq!(root.get("services").unwrap().entries()[1].key_line, 7);
    }

    #[test]
    fn nulls_and_quoted_nulls() {
        let root = parse_one("a:\nb: ~\nc: null\nd: 'null'\ne: \"\"\n").unwrap();
        assert_eq!(root.get("a").unwrap().value, Value::Null);
        assert_eq!(root.get("b").unwrap().value, Value::Null);
        assert_eq!(root.get("c").unwrap().value, Value::Null);
        assert_eq!(root.get("d").unwrap().text(), Some("null"));
        assert_eq!(root.get("e").unwrap().text(), Some(""));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = "\
x-env: &env
  DEBUG: \"false\"
  SECRET_KEY: abc
x-more: &more
  CACHE: redis
services:
  web:
    environment:
      <<: [*env, *more]
      DEBUG: \"true\"
  worker:
    environment: *env
";
        let root = parse_one(text).unwrap();
        let web = root.path(&["services", "web", "environment"]).unwrap();
        let keys: Vec<(&str, usize)> = web
            .entries()
            .iter()
            .map(|e| (e.key.as_str(), e.key_line))
            .collect();
        assert_eq!(keys, [("DEBUG", 10), ("SECRET_KEY", 3), ("CACHE", 5)]);
        assert_eq!(web.get("DEBUG").unwrap().text(), Some("true"));
        let worker = root.path(&["services", "worker", "environment"]).unwrap();
        assert_eq!(worker.get("SECRET_KEY").unwrap().line, 3);
    }

    #[test]
    fn json_parses_as_yaml_with_lines() {
        let text = "{\n  \"name\": \"shop\",\n  \"env\": {\n    \"SECRET_KEY\": {\"generator\": \"secret\"},\n    \"DEBUG\": {\"value\": \"False\"}\n  }\n}\n";
        let root = parse_one(text).unwrap();
        let debug = root.path(&["env", "DEBUG", "value"]).unwrap();
        assert_eq!((debug.text(), debug.line), (Some("False"), 5));
        assert_eq!(root.get("env").unwrap().entries()[0].key_line, 4);
    }

    #[test]
    fn flow_closers_at_the_key_indentation_as_helm_reads_them() {
        let text =
            "local:\n  DEBUG: true\n  LANGUAGES: {\n    \"en\": \"english\",\n  }\n  HOST: mongo\n";
        assert!(parse_one(text).is_err());
        let root = parse_one_lenient(text).unwrap();
        let host = root.path(&["local", "HOST"]).unwrap();
        assert_eq!((host.text(), host.line), (Some("mongo"), 6));
        assert_eq!(
            root.path(&["local", "LANGUAGES", "en"]).unwrap().text(),
            Some("english")
        );
        assert!(parse_one_lenient("a: [\n").is_err());
    }

    #[test]
    fn multiple_documents() {
        let docs = parse("---\nkind: ConfigMap\n---\nkind: Deployment\n...\n").unwrap();
        let kinds: Vec<_> = docs.iter().map(|d| d.get("kind").unwrap().text()).collect();
        assert_eq!(kinds, [Some("ConfigMap"), Some("Deployment")]);
    }

    #[test]
    fn templates_do_not_parse() {
        let text = "env:\n  - name: X\n    value: {{ .Values.x }}\n{{- if .Values.y }}\n";
        assert!(parse(text).is_err());
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..20 {
            let prev = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let start = std::time::Instant::now();
        let err = parse(&text).unwrap_err();
        assert!(err.contains("aliases"), "{err}");
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
        let mut block = String::new();
        for level in 0..200 {
            block.push_str(&" ".repeat(level * 2));
            block.push_str("k:\n");
        }
        assert!(parse(&block).unwrap_err().contains("nested"));
    }
}
