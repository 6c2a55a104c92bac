//! Reading the Python a fix rewrites: the assignment around a flagged expression, the
//! environment reads in it (`os.getenv`, `os.environ.get`, `os.environ[...]`, django-environ's
//! `env(...)`, python-decouple's `config(...)`) and what their callees are. A callee is
//! recognised by what djsafe's evaluator bound its name to (`getenv` imported from `os`, `env`
//! an `environ.Env`), never by its spelling alone, so a project helper that happens to be called
//! `config` is left alone.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::{Node, Tree};

use crate::eval::Namespace;
use crate::eval::value::Kind;
use crate::resolve::Project;
use crate::rules::context::Context;
use crate::source::{FileId, Span};

/// Nodes a fix looks at in one expression at most: settings expressions are short, and a
/// hostile file must not make a fix walk forever.
const MAX_NODES: usize = 400;
/// Parents walked up from a flagged expression to its statement at most.
const MAX_DEPTH: usize = 64;

/// One Python file of the project, parsed, with the names its module binds.
pub struct PyFile<'p> {
    pub file: FileId,
    pub text: &'p str,
    pub tree: &'p Tree,
    namespace: std::rc::Rc<Namespace>,
}

impl<'p> PyFile<'p> {
    /// The file `span` is in, when it is a module of the project (not a Dockerfile or a
    /// requirements file). Its namespace is evaluated with every variable unset: the lint's own
    /// evaluation when it made that one (see [`Context::unset_module_evaluation`]).
    pub fn of(ctx: &Context<'p>, span: Span) -> Option<Self> {
        let project: &'p Project = ctx.project;
        let index = project.modules.iter().position(|m| m.file == span.file)?;
        let evaluation = ctx.unset_module_evaluation(index);
        Some(PyFile {
            file: span.file,
            text: project.sources.get(span.file).text(),
            tree: project.tree(index),
            namespace: evaluation.namespace.clone(),
        })
    }

    pub fn text_of(&self, node: Node) -> &'p str {
        &self.text[node.byte_range()]
    }

    /// The smallest node covering `span`.
    pub fn node_at(&self, span: Span) -> Option<Node<'p>> {
        self.tree
            .root_node()
            .descendant_for_byte_range(span.start, span.end)
    }

    /// What a dotted name means in this module: `getenv` → `os.getenv`, `env.bool` →
    /// `environ.Env.bool`, `config` → `decouple.config`. `None` for names bound to anything
    /// else (project code, unknown values).
    pub fn resolve(&self, dotted: &str) -> Option<String> {
        let (first, rest) = match dotted.split_once('.') {
            Some((first, rest)) => (first, Some(rest)),
            None => (dotted, None),
        };
        let base = match &self.namespace.bindings.get(first)?.value.kind {
            Kind::External(path) => path.to_string(),
            Kind::Instance(instance) => instance.class.to_string(),
            _ => return None,
        };
        Some(match rest {
            Some(rest) => format!("{base}.{rest}"),
            None => base,
        })
    }

    /// Whether the module itself has `import os` (not only a name star-imported from elsewhere).
    pub fn imports_os(&self) -> bool {
        top_level(self.tree.root_node()).any(|statement| {
            statement.kind_name() == "import_statement"
                && named_children(statement)
                    .any(|name| name.kind_name() == "dotted_name" && self.text_of(name) == "os")
        })
    }

    /// Where an `import os` line goes: the start of the first statement that is neither the
    /// module docstring nor a `from __future__` import.
    pub fn import_position(&self) -> usize {
        let mut statements = top_level(self.tree.root_node()).peekable();
        if let Some(first) = statements.peek()
            && first.kind_name() == "expression_statement"
            && first
                .named_child(0)
                .is_some_and(|n| n.kind_name() == "string")
        {
            statements.next();
        }
        statements
            .find(|s| {
                !(s.kind_name() == "future_import_statement"
                    || s.kind_name() == "import_from_statement"
                        && self.text_of(*s).starts_with("from __future__"))
            })
            .map_or(self.text.len(), |s| s.start_byte())
            // A byte order mark stays first.
            .max(if self.text.starts_with('\u{feff}') {
                3
            } else {
                0
            })
    }

    /// Every environment read in the module, in source order (for the module's own style).
    pub fn reads(&self) -> Vec<Read<'p>> {
        let mut found = Vec::new();
        crate::parse::walk(self.tree.root_node(), 20 * MAX_NODES, &mut |node| {
            if let Some(read) = self.read(node) {
                found.push(read);
            }
        });
        found
    }

    /// The environment read `node` is, if it is one whose variable name is a plain string.
    pub fn read(&self, node: Node<'p>) -> Option<Read<'p>> {
        match node.kind_name() {
            "subscript" => {
                let mapping = node.field(Field::Value)?;
                let key = node.field(Field::Subscript)?;
                (self.resolve(&dotted(self.text_of(mapping))?)? == "os.environ").then_some(())?;
                Some(Read {
                    node,
                    kind: ReadKind::EnvironItem,
                    callee: self.text_of(mapping).to_string(),
                    variable: string_value(self, key)?,
                    name: key,
                    default: None,
                    arguments: Vec::new(),
                })
            }
            "call" => {
                let function = node.field(Field::Function)?;
                let callee = self.text_of(function);
                let meaning = self.resolve(&dotted(callee)?)?;
                let kind = match meaning.as_str() {
                    "os.getenv" => ReadKind::Getenv,
                    "os.environ.get" => ReadKind::EnvironGet,
                    "decouple.config" | "decouple.AutoConfig" => ReadKind::Decouple,
                    "environ.Env" => ReadKind::EnvLib {
                        receiver: callee.to_string(),
                    },
                    method if method.starts_with("environ.Env.") => ReadKind::EnvLib {
                        receiver: self.text_of(function.field(Field::Object)?).to_string(),
                    },
                    _ => return None,
                };
                let arguments = arguments(self, node.field(Field::Arguments)?)?;
                let name = match arguments.first()? {
                    Argument::Positional(name) => *name,
                    Argument::Keyword(..) => return None,
                };
                // os.getenv(name, default); django-environ and decouple take `default=` (and
                // django-environ also a second positional argument).
                let default = arguments.iter().enumerate().find_map(|(i, a)| match a {
                    Argument::Positional(value)
                        if i == 1 && !matches!(kind, ReadKind::Decouple) =>
                    {
                        Some(*value)
                    }
                    Argument::Keyword(key, value) if key == "default" => Some(*value),
                    _ => None,
                });
                Some(Read {
                    node,
                    kind,
                    callee: callee.to_string(),
                    variable: string_value(self, name)?,
                    name,
                    default,
                    arguments,
                })
            }
            _ => None,
        }
    }

    /// The string a literal node stands for, when it is a plain one (no f-string, no escapes).
    pub fn string(&self, node: Node) -> Option<String> {
        string_value(self, node)
    }

    /// The quote character of a string literal (`'` or `"`), to write new literals alike.
    pub fn quote_of(&self, node: Node) -> char {
        let start = node
            .child(0)
            .filter(|c| c.kind_name() == "string_start")
            .map(|c| self.text_of(c))
            .unwrap_or("'");
        if start.ends_with('"') { '"' } else { '\'' }
    }

    /// The assignment statement `setting = ...` (or `setting: type = ...`) whose right-hand side
    /// holds `node`, not crossing a function or lambda (a value written inside a helper is the
    /// helper's, not the setting's).
    pub fn assignment_of(&self, node: Node<'p>, setting: &str) -> Option<Assignment<'p>> {
        let mut current = node;
        for _ in 0..MAX_DEPTH {
            let parent = current.parent()?;
            match parent.kind_name() {
                "function_definition" | "lambda" => return None,
                "assignment" => {
                    let left = parent.field(Field::Left)?;
                    let right = parent.field(Field::Right)?;
                    if right.byte_range().contains(&node.start_byte())
                        && left.kind_name() == "identifier"
                        && self.text_of(left) == setting
                        && parent.parent()?.kind_name() == "expression_statement"
                    {
                        return Some(Assignment { right });
                    }
                    return None;
                }
                _ => current = parent,
            }
        }
        None
    }
}

/// Whether `node` runs unconditionally when the module (or class body) does: it is not inside an
/// `if`, `match`, `try`, loop or `with` block, where it would be one branch of several.
pub fn unconditional(node: Node) -> bool {
    let mut current = node;
    for _ in 0..MAX_DEPTH {
        let Some(parent) = current.parent() else {
            return true;
        };
        match parent.kind_name() {
            "module" | "class_definition" => return true,
            "if_statement"
            | "elif_clause"
            | "else_clause"
            | "match_statement"
            | "case_clause"
            | "try_statement"
            | "except_clause"
            | "finally_clause"
            | "for_statement"
            | "while_statement"
            | "with_statement"
            | "function_definition" => return false,
            _ => current = parent,
        }
    }
    false
}

pub struct Assignment<'p> {
    /// The assigned expression.
    pub right: Node<'p>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ReadKind {
    /// `os.getenv(NAME, default)`.
    Getenv,
    /// `os.environ.get(NAME, default)`.
    EnvironGet,
    /// `os.environ[NAME]`: required, no default.
    EnvironItem,
    /// django-environ: `env(NAME, ...)` or `env.bool(NAME, ...)`, with the `Env` it is called on.
    EnvLib { receiver: String },
    /// python-decouple: `config(NAME, default=..., cast=...)`.
    Decouple,
}

/// One read of an environment variable, as written.
pub struct Read<'p> {
    /// The call or subscript.
    pub node: Node<'p>,
    pub kind: ReadKind,
    /// The callee as written (`os.getenv`, `env.bool`, `config`), or the mapping of a subscript
    /// (`os.environ`).
    pub callee: String,
    /// The literal naming the variable, kept as written.
    pub name: Node<'p>,
    pub variable: String,
    /// The default's value, when the read has one.
    pub default: Option<Node<'p>>,
    pub arguments: Vec<Argument<'p>>,
}

pub enum Argument<'p> {
    Positional(Node<'p>),
    Keyword(String, Node<'p>),
}

/// The arguments of a call; `None` with `*args` or `**kwargs`, whose contents a fix cannot see.
fn arguments<'p>(file: &PyFile<'p>, list: Node<'p>) -> Option<Vec<Argument<'p>>> {
    let mut result = Vec::new();
    for child in named_children(list) {
        match child.kind_name() {
            "comment" => {}
            "list_splat" | "dictionary_splat" => return None,
            "keyword_argument" => {
                let name = child.field(Field::Name)?;
                let value = child.field(Field::Value)?;
                result.push(Argument::Keyword(file.text_of(name).to_string(), value));
            }
            _ => result.push(Argument::Positional(child)),
        }
    }
    Some(result)
}

/// `a.b.c` when `text` is a dotted name (no calls, no subscripts), without spaces.
fn dotted(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .split('.')
        .all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
        .then_some(compact)
}

fn string_value(file: &PyFile, node: Node) -> Option<String> {
    if node.kind_name() != "string" {
        return None;
    }
    let mut value = String::new();
    for child in named_children(node) {
        match child.kind_name() {
            "string_start" => {
                let start = file.text_of(child);
                // Plain and raw strings only: no f-strings or bytes.
                let prefix = start.trim_end_matches(['\'', '"']);
                if !prefix.is_empty()
                    && !prefix.eq_ignore_ascii_case("r")
                    && !prefix.eq_ignore_ascii_case("u")
                {
                    return None;
                }
            }
            "string_content" => {
                let content = file.text_of(child);
                if content.contains('\\') {
                    return None;
                }
                value.push_str(content);
            }
            "string_end" => {}
            _ => return None,
        }
    }
    Some(value)
}

pub fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    (0..node.named_child_count()).filter_map(move |i| node.named_child(i as u32))
}

fn top_level<'t>(root: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    named_children(root).filter(|n| n.kind_name() != "comment")
}

/// `walk` with the default bound for one expression; `false` when the expression is too large.
pub fn walk_expression<'t>(root: Node<'t>, visit: &mut dyn FnMut(Node<'t>)) -> bool {
    crate::parse::walk(root, MAX_NODES, visit)
}

/// A Python string literal of `text` with `quote`.
pub fn literal(text: &str, quote: char) -> String {
    let mut out = String::from(quote);
    for c in text.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(quote);
    out
}
