//! An entry point that picks its settings module from the environment before defaulting to it:
//! `settings_module = 'proj.production' if 'WEBSITE_HOSTNAME' in os.environ else 'proj.settings'`
//! then `os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)` (or the same with an
//! `if`/`else` statement assigning the name, or the conditional written in the call). Each literal
//! branch is read with the condition that selects it: the branch a process with the variable
//! unset takes is the entry point's default as a literal one is; the other is what a deployment
//! (or a hosting platform) setting the variable runs.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::model::Selector;
use super::python::{arguments, line, string_value, text};

/// One settings module an entry point may default to.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Branch {
    pub value: String,
    /// The line of the literal.
    pub line: usize,
    /// `None` for the branch taken with the variable unset; else the variable (and value) that
    /// selects it, with the line of the condition.
    pub selected_by: Option<(Selector, usize)>,
}

/// What the condition of a branch tests: a variable set (to anything, or to one value).
struct Condition {
    selector: Selector,
    /// The condition holds when the variable is unset (`'X' not in os.environ`).
    holds_when_unset: bool,
}

/// The branches of the value a `setdefault` call passes: a conditional expression, or a name
/// assigned one (or assigned a literal in each arm of an `if`/`else`) before the call. `None`
/// when it is anything else.
pub(super) fn branches(value: Node, root: Node, source: &str) -> Option<Vec<Branch>> {
    match value.kind_name() {
        "conditional_expression" => conditional(value, source),
        "identifier" => {
            let name = text(value, source);
            let before = value.start_byte();
            // The last statement before the call that binds the name: Python runs it last.
            let mut binding = super::python::nodes(root)
                .into_iter()
                .filter(|n| n.end_byte() <= before)
                .filter(|n| binds(*n, name, source))
                .max_by_key(|n| n.start_byte())?;
            // An arm of an `if`/`else` that assigns the name in both: the statement decides.
            let mut above = binding.parent();
            while let Some(node) = above {
                if node.kind_name() == "if_statement" && binds(node, name, source) {
                    binding = node;
                }
                above = node.parent();
            }
            match binding.kind_name() {
                "assignment" => {
                    let right = binding.field(Field::Right)?;
                    match right.kind_name() {
                        "conditional_expression" => conditional(right, source),
                        _ => Some(vec![Branch {
                            value: string_value(right, source)?,
                            line: line(right),
                            selected_by: None,
                        }]),
                    }
                }
                _ => if_else(binding, name, source),
            }
        }
        _ => None,
    }
}

/// Whether `node` is `name = ...`, or an `if`/`else` statement whose arms assign `name`.
fn binds(node: Node, name: &str, source: &str) -> bool {
    match node.kind_name() {
        "assignment" => node
            .field(Field::Left)
            .is_some_and(|l| l.kind_name() == "identifier" && text(l, source) == name),
        "if_statement" => if_else_literals(node, name, source).is_some(),
        _ => false,
    }
}

/// `A if CONDITION else B` with literal `A` and `B`.
fn conditional(node: Node, source: &str) -> Option<Vec<Branch>> {
    let mut cursor = node.walk();
    let parts: Vec<Node> = node
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    let [when_true, condition, when_false] = parts.as_slice() else {
        return None;
    };
    let condition_at = line(*condition);
    let condition = read_condition(*condition, source)?;
    let when_true = (string_value(*when_true, source)?, line(*when_true));
    let when_false = (string_value(*when_false, source)?, line(*when_false));
    Some(pair(condition, condition_at, when_true, when_false))
}

/// `if CONDITION:` assigning a literal to `name` as its only statement, `else:` likewise.
fn if_else(node: Node, name: &str, source: &str) -> Option<Vec<Branch>> {
    let (condition, when_true, when_false) = if_else_literals(node, name, source)?;
    let condition_at = line(condition);
    let condition = read_condition(condition, source)?;
    Some(pair(condition, condition_at, when_true, when_false))
}

type Literal = (String, usize);

fn if_else_literals<'t>(
    node: Node<'t>,
    name: &str,
    source: &str,
) -> Option<(Node<'t>, Literal, Literal)> {
    let condition = node.field(Field::Condition)?;
    let consequence = node.field(Field::Consequence)?;
    let mut cursor = node.walk();
    let alternatives: Vec<Node> = node
        .children_by_field_name("alternative", &mut cursor)
        .collect();
    let [alternative] = alternatives.as_slice() else {
        return None;
    };
    if alternative.kind_name() != "else_clause" {
        return None;
    }
    let when_true = only_assignment(consequence, name, source)?;
    let when_false = only_assignment(alternative.field(Field::Body)?, name, source)?;
    Some((condition, when_true, when_false))
}

/// The literal a block assigns to `name` as its only statement.
fn only_assignment(block: Node, name: &str, source: &str) -> Option<Literal> {
    let mut cursor = block.walk();
    let statements: Vec<Node> = block
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    let [statement] = statements.as_slice() else {
        return None;
    };
    let assignment = statement.named_child(0)?;
    if statement.kind_name() != "expression_statement" || assignment.kind_name() != "assignment" {
        return None;
    }
    let left = assignment.field(Field::Left)?;
    let right = assignment.field(Field::Right)?;
    (left.kind_name() == "identifier" && text(left, source) == name)
        .then(|| Some((string_value(right, source)?, line(right))))
        .flatten()
}

fn pair(condition: Condition, at: usize, when_true: Literal, when_false: Literal) -> Vec<Branch> {
    let (unset, selected) = if condition.holds_when_unset {
        (when_true, when_false)
    } else {
        (when_false, when_true)
    };
    vec![
        Branch {
            value: unset.0,
            line: unset.1,
            selected_by: None,
        },
        Branch {
            value: selected.0,
            line: selected.1,
            selected_by: Some((condition.selector, at)),
        },
    ]
}

/// `'X' in os.environ`, `'X' not in os.environ`, `os.environ.get('X')`, `os.getenv('X')`,
/// either compared `== 'value'`, and `not` of any of them.
fn read_condition(node: Node, source: &str) -> Option<Condition> {
    match node.kind_name() {
        "parenthesized_expression" => read_condition(node.named_child(0)?, source),
        "not_operator" => {
            let inner = read_condition(node.field(Field::Argument)?, source)?;
            // `not X == 'v'` holds for every other value too: only a test of presence inverts
            // into one.
            inner.selector.value.is_none().then_some(Condition {
                holds_when_unset: !inner.holds_when_unset,
                ..inner
            })
        }
        "call" => Some(Condition {
            selector: Selector {
                var: read_of(node, source)?,
                value: None,
            },
            holds_when_unset: false,
        }),
        "comparison_operator" => {
            let mut cursor = node.walk();
            let operators: Vec<&str> = node
                .children(&mut cursor)
                .filter(|c| !c.is_named())
                .map(|c| c.kind_name())
                .collect();
            let mut cursor = node.walk();
            let operands: Vec<Node> = node.named_children(&mut cursor).collect();
            let ([left, right], [operator]) = (operands.as_slice(), operators.as_slice()) else {
                return None;
            };
            match *operator {
                "in" | "not in" if matches!(text(*right, source), "os.environ" | "environ") => {
                    Some(Condition {
                        selector: Selector {
                            var: string_value(*left, source)?,
                            value: None,
                        },
                        holds_when_unset: *operator == "not in",
                    })
                }
                "==" => {
                    let (read, value) = match string_value(*right, source) {
                        Some(value) => (*left, value),
                        None => (*right, string_value(*left, source)?),
                    };
                    Some(Condition {
                        selector: Selector {
                            var: read_of(read, source)?,
                            value: Some(value),
                        },
                        holds_when_unset: false,
                    })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The variable `os.environ.get('X')` / `os.getenv('X')` reads (no default: with one, an unset
/// variable reads as the default, which this does not follow).
fn read_of(call: Node, source: &str) -> Option<String> {
    if call.kind_name() != "call" {
        return None;
    }
    let function = text(call.field(Field::Function)?, source);
    if !matches!(
        function,
        "os.environ.get" | "os.getenv" | "environ.get" | "getenv"
    ) {
        return None;
    }
    match arguments(call).as_slice() {
        [name] => string_value(*name, source),
        _ => None,
    }
}
