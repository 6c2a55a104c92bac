//! DJS003's fix: SECRET_KEY becomes a required read, so a deployment without the variable fails
//! to start instead of signing with a key anyone with the source has.
//!
//! - A literal fallback: `os.getenv('SECRET_KEY', '...')` and `os.environ.get('SECRET_KEY', '...')`
//!   → `os.environ['SECRET_KEY']`; django-environ `env('SECRET_KEY', default='...')` →
//!   `env('SECRET_KEY')`; decouple `config('SECRET_KEY', default='...')` → `config('SECRET_KEY')`;
//!   `os.getenv('SECRET_KEY') or '...'` likewise.
//! - A literal `SECRET_KEY = '...'` in a deployed (production or staging) module's own file: a
//!   required read in the module's style (its own django-environ or decouple reads, else
//!   `os.environ`, importing `os` when the module does not), of the variable the module's bases
//!   read SECRET_KEY from (`SECRET_KEY` when none does).

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::python::{Argument, PyFile, Read, ReadKind, literal};
use super::{Edit, Fix, editable};
use crate::profile::Profile;
use crate::rules::context::Context;
use crate::source::Span;

/// The fix for the literal key at `span`; `env_dependent` when it is a fallback (the value
/// depends on variables), `false` when it is the whole value.
pub fn propose(ctx: &Context, span: Span, env_dependent: bool) -> Option<Fix> {
    if !editable(ctx, span) {
        return None;
    }
    let file = PyFile::of(ctx, span)?;
    let key = file.node_at(span)?;
    if key.kind_name() != "string" {
        return None;
    }
    let assignment = file.assignment_of(key, "SECRET_KEY")?;
    if env_dependent {
        let (replaced, read) = fallback_of(&file, key)?;
        let required = required_read(&file, &read)?;
        return Some(Fix::replace(
            format!(
                "read SECRET_KEY without a fallback: `{required}` (a deployment without `{}` then fails to start)",
                read.variable
            ),
            file.file,
            replaced,
            required,
        ));
    }
    // A literal: only in a deployed module's own file, where nothing else depends on it.
    let own_file = ctx.project.modules[ctx.module].file == span.file;
    if !own_file
        || !matches!(ctx.profile, Profile::Production | Profile::Staging)
        || assignment.right != key
    {
        return None;
    }
    let quote = file.quote_of(key);
    let variable = project_variable(ctx, span).unwrap_or_else(|| "SECRET_KEY".to_string());
    let name = literal(&variable, quote);
    let style = file
        .reads()
        .into_iter()
        .find(|r| matches!(r.kind, ReadKind::EnvLib { .. } | ReadKind::Decouple));
    let mut edits = Vec::new();
    let read = match style.map(|r| r.kind.clone()) {
        Some(ReadKind::EnvLib { receiver }) => format!("{receiver}({name})"),
        Some(ReadKind::Decouple) => {
            let callee = file
                .reads()
                .into_iter()
                .find(|r| r.kind == ReadKind::Decouple)
                .map(|r| r.callee)?;
            format!("{callee}({name})")
        }
        _ => {
            if !file.imports_os() {
                let at = file.import_position();
                let newline = if file.text.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                edits.push(Edit {
                    file: file.file,
                    start: at,
                    end: at,
                    content: format!("import os{newline}"),
                });
            }
            format!("os.environ[{name}]")
        }
    };
    edits.push(Edit {
        file: file.file,
        start: key.start_byte(),
        end: key.end_byte(),
        content: read.clone(),
    });
    edits.sort();
    Some(Fix::unsafe_edits(
        format!(
            "read SECRET_KEY from the environment: `SECRET_KEY = {read}` (and rotate the key that was in the source)"
        ),
        edits,
    ))
}

/// The variable another module of the settings reads SECRET_KEY from (`PAYROLL_SECRET_KEY` in a
/// base that the module overrides), so that the fixed module reads the same one.
fn project_variable(ctx: &Context, span: Span) -> Option<String> {
    ctx.project
        .import_closure(ctx.module)
        .into_iter()
        .filter(|&m| ctx.project.modules[m].file != span.file)
        .find_map(|m| {
            let file = PyFile::of(
                ctx,
                Span {
                    file: ctx.project.modules[m].file,
                    start: 0,
                    end: 0,
                },
            )?;
            file.reads().into_iter().find_map(|read| {
                let node = read.node;
                file.assignment_of(node, "SECRET_KEY")
                    .map(|_| read.variable.clone())
            })
        })
}

/// The expression that falls back to `key`, and the read it falls back from: the read whose
/// default `key` is, or `read or key`.
fn fallback_of<'p>(file: &PyFile<'p>, key: Node<'p>) -> Option<(Node<'p>, Read<'p>)> {
    let parent = key.parent()?;
    if parent.kind_name() == "boolean_operator" {
        let operator = parent.field(Field::Operator)?;
        let left = parent.field(Field::Left)?;
        if file.text_of(operator) != "or" || parent.field(Field::Right)? != key {
            return None;
        }
        let read = file.read(left)?;
        // `os.getenv('X') or 'key'`: the read itself must not have a literal default of its own.
        if read
            .default
            .is_some_and(|d| file.string(d).is_some_and(|s| !s.is_empty()))
        {
            return None;
        }
        return Some((parent, read));
    }
    let list = if parent.kind_name() == "keyword_argument" {
        parent.parent()?
    } else {
        parent
    };
    if list.kind_name() != "argument_list" {
        return None;
    }
    let call = list.parent()?;
    let read = file.read(call)?;
    (read.default == Some(key)).then_some((call, read))
}

/// `read` without its default: a read that fails when the variable is unset.
fn required_read(file: &PyFile, read: &Read) -> Option<String> {
    let name = file.text_of(read.name);
    Some(match &read.kind {
        ReadKind::Getenv => {
            let mapping = match read.callee.rsplit_once('.') {
                Some((module, _)) => format!("{module}.environ"),
                // A bare `getenv` (from os import getenv): `environ` when the module has it.
                None if file.resolve("environ").as_deref() == Some("os.environ") => {
                    "environ".to_string()
                }
                None if file.resolve("os").as_deref() == Some("os") => {
                    "os".to_string() + ".environ"
                }
                None => return None,
            };
            format!("{mapping}[{name}]")
        }
        ReadKind::EnvironGet => {
            let mapping = read.callee.trim_end().strip_suffix(".get")?.trim_end();
            format!("{mapping}[{name}]")
        }
        ReadKind::EnvironItem => return None,
        ReadKind::EnvLib { .. } | ReadKind::Decouple => {
            let kept: Vec<&str> = read
                .arguments
                .iter()
                .filter_map(|argument| match argument {
                    Argument::Keyword(key, _) if key == "default" => None,
                    Argument::Positional(value) if Some(*value) == read.default => None,
                    Argument::Positional(value) => Some(file.text_of(*value)),
                    Argument::Keyword(_, value) => {
                        let whole = value.parent()?;
                        Some(file.text_of(whole))
                    }
                })
                .collect();
            format!("{}({})", read.callee, kept.join(", "))
        }
    })
}
