//! DJS001's fix: a DEBUG that is on by default or fails open becomes an explicit opt-in of the
//! same variable, in the module's own way of reading it:
//!
//! - `os.getenv('DEBUG', 'True') != 'False'` → `os.getenv('DEBUG', '').lower() in ('1', 'true', 'yes', 'on')`
//!   (likewise `os.environ.get`, and `os.environ['DEBUG']` stays a required read);
//! - django-environ `env.bool('DEBUG', default=True)` → `env.bool('DEBUG', default=False)`;
//! - decouple `config('DEBUG', default=True, cast=bool)` → `config('DEBUG', default=False, cast=bool)`.
//!
//! Only a switch that a spelling of true turns on (and no spelling of false does where true does
//! not), assigned as `DEBUG = <expr>` whose expression parses one variable as a boolean, is
//! rewritten: reads, comparisons with spellings of true and false, `.lower()`, `bool()`,
//! `int()`, `strtobool()`, `not`, `in (...)`. A DEBUG derived from anything else (say
//! `ENVIRONMENT != 'production'`) is not a switch, and is left alone.

use crate::syntax::NodeQueries;
use std::collections::BTreeSet;
use std::rc::Rc;

use tree_sitter::Node;

use super::python::{PyFile, Read, ReadKind, literal, walk_expression};
use super::{Fix, editable};
use crate::rules::context::Context;
use crate::source::Span;

/// Names a boolean parse of a variable may use besides the read itself.
const PARSERS: &[&str] = &[
    "bool",
    "int",
    "str",
    "lower",
    "upper",
    "strip",
    "casefold",
    "capitalize",
    "title",
    "strtobool",
    "literal_eval",
    "ast",
    "loads",
    "json",
    "util",
    "distutils",
];

/// Spellings a boolean parse compares with.
const SPELLINGS: &[&str] = &[
    "", "1", "0", "true", "false", "t", "f", "yes", "no", "y", "n", "on", "off",
];

/// The fix for a DEBUG at `span` that is True when `vars` are unset or fails open for a
/// spelling of one of them; `None` when djsafe cannot rewrite it faithfully.
pub fn propose(ctx: &Context, span: Span, vars: &BTreeSet<Rc<str>>) -> Option<Fix> {
    let [variable] = vars.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    if !editable(ctx, span) {
        return None;
    }
    // Only a switch that a spelling of true turns on becomes an opt-in: DEBUG derived the other
    // way round (`not os.getenv('PRODUCTION')`, `os.getenv('IS_PROD', 'false') != 'true'`) would
    // be inverted by one.
    let on_for = |spelling: &str| {
        ctx.setting_with(variable, spelling, "DEBUG")
            .and_then(|v| v.truthy())
            == Some(true)
    };
    let switch = on_for("True") || on_for("true") || on_for("1");
    let inverted = on_for("False") && !on_for("True") || on_for("false") && !on_for("true");
    if !switch || inverted {
        return None;
    }
    let file = PyFile::of(ctx, span)?;
    let node = file.node_at(span)?;
    let assignment = file.assignment_of(node, "DEBUG")?;
    let read = boolean_parse(&file, assignment.right, variable)?;
    if supplied_by_the_project(ctx, span, variable) {
        return None;
    }
    let quote = file.quote_of(read.name);
    let name = file.text_of(read.name);
    let q = |s: &str| literal(s, quote);
    let opt_in = format!("({}, {}, {}, {})", q("1"), q("true"), q("yes"), q("on"));
    let replacement = match &read.kind {
        ReadKind::Getenv | ReadKind::EnvironGet => {
            format!("{}({name}, {}).lower() in {opt_in}", read.callee, q(""))
        }
        ReadKind::EnvironItem => format!("{}[{name}].lower() in {opt_in}", read.callee),
        ReadKind::EnvLib { receiver } => format!("{receiver}.bool({name}, default=False)"),
        ReadKind::Decouple => format!("{}({name}, default=False, cast=bool)", read.callee),
    };
    if replacement == file.text_of(assignment.right) {
        return None;
    }
    Some(Fix::replace(
        format!(
            "make DEBUG an explicit opt-in: `DEBUG = {replacement}` (off unless `{variable}` is set to 1, true, yes or on)"
        ),
        file.file,
        assignment.right,
        replacement,
    ))
}

/// The one read of `variable` in `expression`, when the expression is nothing but a boolean
/// parse of it.
fn boolean_parse<'p>(file: &PyFile<'p>, expression: Node<'p>, variable: &str) -> Option<Read<'p>> {
    let mut reads: Vec<Read<'p>> = Vec::new();
    let mut nodes = Vec::new();
    if !walk_expression(expression, &mut |node| nodes.push(node)) {
        return None;
    }
    // Reads first, so that what is inside one is not judged as part of the parse.
    for node in &nodes {
        if reads.iter().any(|r| within(*node, r.node)) {
            continue;
        }
        if let Some(read) = file.read(*node) {
            reads.push(read);
        }
    }
    let [read] = &reads[..] else {
        return None;
    };
    if read.variable != variable {
        return None;
    }
    for node in nodes {
        if within(node, read.node) || !node.is_named() {
            continue;
        }
        let allowed = match node.kind_name() {
            "identifier" => PARSERS.contains(&file.text_of(node)),
            "string" => file
                .string(node)
                .is_some_and(|s| SPELLINGS.contains(&s.to_ascii_lowercase().as_str())),
            "string_start" | "string_content" | "string_end" => true,
            "integer" => matches!(file.text_of(node), "0" | "1"),
            "comparison_operator"
            | "not_operator"
            | "parenthesized_expression"
            | "call"
            | "attribute"
            | "argument_list"
            | "tuple"
            | "list"
            | "set"
            | "true"
            | "false"
            | "none"
            | "comment" => true,
            _ => false,
        };
        if !allowed {
            return None;
        }
    }
    reads.pop()
}

/// Whether the settings give `variable` a value themselves, so that "unset" is not what a
/// deployment without it sees and an opt-in of the variable changes nothing: they set it
/// (`os.environ.setdefault`), or a `.env` or `settings.ini` beside the module or above it (which
/// django-environ's `read_env` and python-decouple read) defines it. The fix is then in that
/// file, not in the expression.
fn supplied_by_the_project(ctx: &Context, span: Span, variable: &str) -> bool {
    if ctx
        .baseline()
        .env_writes
        .iter()
        .any(|w| &*w.var == variable)
    {
        return true;
    }
    let path = &ctx.project.sources.get(span.file).path;
    let root = ctx.project.display_root();
    let defines = |text: &str| {
        text.lines().any(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
            line.strip_prefix(variable)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
    };
    path.ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(root))
        .flat_map(|dir| [dir.join(".env"), dir.join("settings.ini")])
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .any(|text| defines(&text))
}

fn within(node: Node, outer: Node) -> bool {
    outer.start_byte() <= node.start_byte() && node.end_byte() <= outer.end_byte()
}
