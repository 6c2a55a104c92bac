//! Reading Python deployment files (entry points, gunicorn configuration) with tree-sitter:
//! string literals, the calls and assignments anywhere in a module (bounded), and the
//! filesystem paths an expression builds from `__file__` (for `sys.path` additions).

use crate::syntax::{Field, NodeQueries};
use std::path::{Path, PathBuf};

use tree_sitter::Node;

/// Nodes visited per file at most: entry points and gunicorn configurations are small.
const MAX_NODES: usize = 100_000;

/// 1-based line of a node.
pub fn line(node: Node) -> usize {
    node.start_position().row + 1
}

pub fn text<'a>(node: Node, source: &'a str) -> &'a str {
    source.get(node.byte_range()).unwrap_or_default()
}

/// A plain string literal's value (no f-string, no concatenation of non-literals).
pub fn string_value(node: Node, source: &str) -> Option<String> {
    match node.kind_name() {
        "string" => {
            let mut value = String::new();
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                match child.kind_name() {
                    "string_start" => {
                        let prefix = text(child, source).to_ascii_lowercase();
                        if prefix.contains('f') || prefix.contains('b') {
                            return None;
                        }
                    }
                    "string_content" => value.push_str(text(child, source)),
                    "escape_sequence" => value.push_str(&unescape(text(child, source))),
                    "interpolation" => return None,
                    _ => {}
                }
            }
            Some(value)
        }
        "concatenated_string" => {
            let mut value = String::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                value.push_str(&string_value(child, source)?);
            }
            Some(value)
        }
        "parenthesized_expression" => string_value(node.named_child(0)?, source),
        _ => None,
    }
}

fn unescape(escape: &str) -> String {
    match escape {
        "\\n" => "\n".into(),
        "\\t" => "\t".into(),
        "\\\\" => "\\".into(),
        "\\'" => "'".into(),
        "\\\"" => "\"".into(),
        other => other.to_string(),
    }
}

/// Every node of the tree in document order, up to [`MAX_NODES`], without recursion.
pub fn nodes(root: Node) -> Vec<Node> {
    let mut result = Vec::new();
    let mut cursor = root.walk();
    loop {
        result.push(cursor.node());
        if result.len() >= MAX_NODES {
            return result;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return result;
            }
        }
    }
}

/// The positional arguments of a call node.
pub fn arguments(call: Node) -> Vec<Node> {
    let Some(args) = call.field(Field::Arguments) else {
        return Vec::new();
    };
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "keyword_argument" && n.kind_name() != "comment")
        .collect()
}

/// The filesystem path a Python expression builds from `__file__` (`os.path.join(BASE_DIR,
/// 'apps')`, `Path(__file__).resolve().parent / 'src'`), names resolved through `names`
/// (module-level assignments seen so far). None when it uses anything else.
#[allow(dead_code)] // through `entrypoint::sys_path_additions`
pub fn path_value(
    node: Node,
    source: &str,
    file: &Path,
    names: &[(String, PathBuf)],
    depth: usize,
) -> Option<PathBuf> {
    if depth > 32 {
        return None;
    }
    let recurse = |n: Node| path_value(n, source, file, names, depth + 1);
    match node.kind_name() {
        "identifier" => {
            let name = text(node, source);
            if name == "__file__" {
                return Some(file.to_path_buf());
            }
            names
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, p)| p.clone())
        }
        "string" | "concatenated_string" => {
            let value = string_value(node, source)?;
            // A relative string is relative to the folder Django runs from: the file's.
            (!value.starts_with('/')).then(|| file.parent().unwrap_or(Path::new("")).join(value))
        }
        "parenthesized_expression" => recurse(node.named_child(0)?),
        "binary_operator" => {
            let op = node.field(Field::Operator)?;
            if text(op, source) != "/" {
                return None;
            }
            let left = recurse(node.field(Field::Left)?)?;
            let right = node.field(Field::Right)?;
            Some(left.join(string_value(right, source)?))
        }
        "attribute" => {
            let object = node.field(Field::Object)?;
            match text(node.field(Field::Attribute)?, source) {
                "parent" => Some(recurse(object)?.parent()?.to_path_buf()),
                _ => None,
            }
        }
        "subscript" => {
            // `Path(__file__).parents[1]`
            let value = node.field(Field::Value)?;
            if value.kind_name() != "attribute"
                || text(value.field(Field::Attribute)?, source) != "parents"
            {
                return None;
            }
            let index: usize = text(node.field(Field::Subscript)?, source).parse().ok()?;
            let base = recurse(value.field(Field::Object)?)?;
            base.ancestors().nth(index + 1).map(Path::to_path_buf)
        }
        "call" => {
            let function = node.field(Field::Function)?;
            let name = text(function, source);
            let args = arguments(node);
            let method = |m: &str| name.ends_with(&format!(".{m}"));
            if matches!(
                name,
                "os.path.abspath"
                    | "os.path.realpath"
                    | "os.path.normpath"
                    | "abspath"
                    | "realpath"
                    | "str"
                    | "os.fspath"
                    | "Path"
                    | "pathlib.Path"
                    | "PurePath"
            ) {
                return recurse(*args.first()?);
            }
            if matches!(name, "os.path.dirname" | "dirname") {
                return Some(recurse(*args.first()?)?.parent()?.to_path_buf());
            }
            if matches!(name, "os.path.join" | "join") {
                let mut path = recurse(*args.first()?)?;
                for arg in &args[1..] {
                    path.push(string_value(*arg, source)?);
                }
                return Some(path);
            }
            if function.kind_name() == "attribute" {
                let object = function.field(Field::Object)?;
                if method("resolve") || method("absolute") {
                    return recurse(object);
                }
                if method("joinpath") {
                    let mut path = recurse(object)?;
                    for arg in &args {
                        path.push(string_value(*arg, source)?);
                    }
                    return Some(path);
                }
            }
            None
        }
        _ => None,
    }
}
