//! Parsing Python with tree-sitter, and turning its error nodes into diagnostics.

use crate::syntax::NodeQueries;
use tree_sitter::{Node, Parser, Tree};

/// Where tree-sitter could not parse the source, and what it expected.
pub struct SyntaxError {
    pub byte: usize,
    pub message: String,
}

/// A file with more syntax errors than this is reported by its first ones only.
const MAX_REPORTED_ERRORS: usize = 3;

pub fn parse_python(parser: &mut Parser, text: &str) -> Option<(Tree, Vec<SyntaxError>)> {
    crate::stats::count(&crate::stats::PARSED);
    let tree = parser.parse(text, None)?;
    let mut errors = Vec::new();
    if tree.root_node().has_error() {
        collect_errors(tree.root_node(), text, &mut errors);
    }
    Some((tree, errors))
}

pub fn python_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .expect("the bundled tree-sitter-python grammar matches the tree-sitter version");
    parser
}

/// Runs `f` with this thread's parser, or a new one when that is in use: making a parser
/// allocates and frees tens of kilobytes, and a monorepo has thousands of files to parse.
pub fn with_parser<R>(f: impl FnOnce(&mut Parser) -> R) -> R {
    thread_local! {
        static PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(python_parser());
    }
    PARSER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut parser) => f(&mut parser),
        Err(_) => f(&mut python_parser()),
    })
}

/// Errors are looked for this deep at most: CPython refuses code nested deeper, and djsafe's
/// recursion must not exhaust the stack.
const MAX_ERROR_DEPTH: usize = 500;

fn collect_errors(node: Node, text: &str, errors: &mut Vec<SyntaxError>) {
    collect_errors_at(node, text, errors, 0)
}

fn collect_errors_at(node: Node, text: &str, errors: &mut Vec<SyntaxError>, depth: usize) {
    if errors.len() >= MAX_REPORTED_ERRORS {
        return;
    }
    if depth > MAX_ERROR_DEPTH {
        errors.push(SyntaxError {
            byte: node.start_byte(),
            message: format!("syntax error in code nested deeper than {MAX_ERROR_DEPTH} levels"),
        });
        return;
    }
    if node.is_missing() {
        errors.push(SyntaxError {
            byte: node.start_byte(),
            message: format!("syntax error: missing `{}`", node.kind_name()),
        });
        return;
    }
    // An unclosed bracket near the end of the file turns the whole root into an ERROR node, so
    // only an ERROR below the root points at the problem; for the root, look inside it.
    if node.is_error() && node.parent().is_some() {
        errors.push(match unclosed_bracket(node) {
            Some(bracket) => SyntaxError {
                byte: bracket.start_byte(),
                message: format!("syntax error: `{}` is never closed", bracket.kind_name()),
            },
            None => {
                let snippet: String = text[node.byte_range()].chars().take(40).collect();
                let snippet = snippet.lines().next().unwrap_or("").trim();
                SyntaxError {
                    byte: node.start_byte(),
                    message: format!("syntax error: cannot parse `{snippet}`"),
                }
            }
        });
        return;
    }
    let mut cursor = node.walk();
    let children: Vec<Node> = node.children(&mut cursor).collect();
    for child in children {
        if child.has_error() || child.is_missing() || child.is_error() {
            collect_errors_at(child, text, errors, depth + 1);
        }
    }
    if node.is_error() && node.parent().is_none() && errors.is_empty() {
        errors.push(match unclosed_bracket(node) {
            Some(bracket) => SyntaxError {
                byte: bracket.start_byte(),
                message: format!("syntax error: `{}` is never closed", bracket.kind_name()),
            },
            None => SyntaxError {
                byte: node.start_byte(),
                message: "syntax error: unfinished statement".into(),
            },
        });
    }
}

/// The last opening bracket directly under an ERROR node is the one left unclosed.
fn unclosed_bracket(error: Node) -> Option<Node> {
    let mut cursor = error.walk();
    error
        .children(&mut cursor)
        .filter(|c| matches!(c.kind_name(), "(" | "[" | "{"))
        .last()
}

/// Whether `new` parses as Python wherever `old` did: an edit djsafe makes (a fix, a `# noqa`)
/// must not break a file that parsed.
pub fn no_new_errors(old: &str, new: &str) -> bool {
    let mut parser = python_parser();
    let mut has_errors = |text: &str| {
        parse_python(&mut parser, text).is_none_or(|(tree, _)| tree.root_node().has_error())
    };
    has_errors(old) || !has_errors(new)
}

/// Calls `visit` on `root` and every node below it, in source order, `limit` nodes at most
/// (without recursion, so deep code cannot exhaust the stack). `false` when it stopped at the
/// limit.
pub fn walk<'t>(root: Node<'t>, limit: usize, visit: &mut dyn FnMut(Node<'t>)) -> bool {
    let mut cursor = root.walk();
    let mut seen = 0;
    loop {
        visit(cursor.node());
        seen += 1;
        if seen >= limit {
            return false;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return true;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(usize, String)> {
        let (_, errors) = parse_python(&mut python_parser(), text).unwrap();
        errors.into_iter().map(|e| (e.byte, e.message)).collect()
    }

    #[test]
    fn unclosed_bracket_at_end_of_file_points_at_the_bracket() {
        let text = "DEBUG = False\nALLOWED_HOSTS = ['example.com',\n";
        let found = errors(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, text.find('[').unwrap());
    }

    #[test]
    fn missing_token_is_named() {
        let found = errors("def f(:\n    pass\n");
        assert!(!found.is_empty());
    }

    #[test]
    fn valid_source_has_no_errors() {
        assert!(errors("DEBUG = False\n").is_empty());
    }
}
