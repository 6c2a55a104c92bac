//! A structured target: packages of settings modules built from a grammar of what settings do
//! (star imports between the modules, optional imports, environment reads through `os`,
//! django-environ and decouple, branches, loops, helpers, container mutations, `globals()`
//! writes), rendered to Python and linted end to end. Byte-level mutation rarely gets past the
//! parser into cross-module evaluation; this target starts there.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "DATABASES",
    "CACHES",
    "SECURE_SSL_REDIRECT",
    "_SECRET",
    "X",
    "x",
    "helper",
    "env",
    "os",
    "config",
];
const VARS: &[&str] = &["DEBUG", "SECRET_KEY", "DATABASE_URL", "ENV", "HOSTS", "X"];
const METHODS: &[&str] = &[
    "append", "extend", "lower", "upper", "split", "strip", "get", "format", "join", "replace",
    "startswith", "update", "setdefault", "pop", "items", "keys", "copy", "insert", "count",
];
const FUNCTIONS: &[&str] = &[
    "bool", "int", "str", "len", "list", "dict", "tuple", "set", "sorted", "min", "max", "range",
    "repr", "getattr", "helper", "env", "env.bool", "env.list", "env.db", "config", "os.getenv",
    "os.environ.get", "os.environ.setdefault", "Path", "globals", "eval",
];

#[derive(Arbitrary, Debug)]
struct Package {
    modules: Vec<Module>,
}

#[derive(Arbitrary, Debug)]
struct Module {
    statements: Vec<Stmt>,
}

#[derive(Arbitrary, Debug)]
enum Stmt {
    StarImport(u8),
    TryImport { module: u8, present: bool, handler: Vec<Stmt> },
    ImportModule(u8),
    Library(u8),
    Assign(u8, Expr),
    Chain(u8, u8, Expr),
    Mutate(u8, u8, Vec<Expr>),
    SetItem(u8, Expr, Expr),
    Augmented(u8, u8, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    For(u8, Expr, Vec<Stmt>),
    While(Expr, Vec<Stmt>),
    Def { name: u8, params: u8, body: Vec<Stmt>, returns: Expr },
    Class { name: u8, body: Vec<Stmt> },
    GlobalsWrite(Expr, Expr),
    Del(u8),
    Match(Expr, Vec<(Expr, Vec<Stmt>)>),
    Raise,
    Return(Expr),
    Global(u8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Name(u8),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Bool(bool),
    None,
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Getenv(u8, Option<Box<Expr>>),
    Environ(u8),
    Binary(u8, Box<Expr>, Box<Expr>),
    Compare(u8, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    BoolOp(bool, Box<Expr>, Box<Expr>),
    Call(u8, Vec<Expr>, Vec<(u8, Expr)>),
    Method(Box<Expr>, u8, Vec<Expr>),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Box<Expr>, Option<i8>, Option<i8>),
    Attribute(Box<Expr>, u8),
    FString(Vec<(String, Expr, u8)>),
    Percent(String, Box<Expr>),
    Comprehension(Box<Expr>, u8, Box<Expr>, Option<Box<Expr>>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Splat(Box<Expr>, Box<Expr>),
    DictSplat(Box<Expr>, Box<Expr>),
    Walrus(u8, Box<Expr>),
    Lambda(Box<Expr>),
    Unary(u8, Box<Expr>),
}

fn pick<'a>(items: &[&'a str], i: u8) -> &'a str {
    items[i as usize % items.len()]
}

/// A Python string literal (Rust's escapes are Python's for what `{:?}` writes, but `\u{..}`).
fn literal(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '{' | '}' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32 & 0xff)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

struct Render {
    out: String,
    /// How many modules the package has: imports name one of them, or one that does not exist.
    modules: usize,
}

impl Render {
    fn line(&mut self, indent: usize, text: &str) {
        self.out.push_str(&"    ".repeat(indent));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn module_name(&self, i: u8) -> String {
        let i = i as usize % (self.modules + 1);
        if i == self.modules { "missing".into() } else { format!("m{i}") }
    }

    fn block(&mut self, indent: usize, statements: &[Stmt]) {
        if statements.is_empty() {
            self.line(indent, "pass");
        }
        for statement in statements {
            self.statement(indent, statement);
        }
    }

    fn statement(&mut self, indent: usize, statement: &Stmt) {
        match statement {
            Stmt::StarImport(m) => {
                let text = format!("from .{} import *", self.module_name(*m));
                self.line(indent, &text);
            }
            Stmt::TryImport { module, present, handler } => {
                let name = if *present { self.module_name(*module) } else { "local_settings".into() };
                self.line(indent, "try:");
                self.line(indent + 1, &format!("from .{name} import *"));
                self.line(indent, "except ImportError:");
                self.block(indent + 1, handler);
            }
            Stmt::ImportModule(m) => {
                let text = format!("from . import {} as imported", self.module_name(*m));
                self.line(indent, &text);
            }
            Stmt::Library(i) => {
                let text = pick(
                    &[
                        "import os",
                        "import environ\nenv = environ.Env(DEBUG=(bool, False))",
                        "from decouple import config, Csv",
                        "from pathlib import Path",
                        "import dj_database_url",
                        "from split_settings.tools import include, optional\ninclude('m1.py', optional('missing.py'))",
                        "from os import getenv, environ",
                        "import json, ast",
                    ],
                    *i,
                );
                for l in text.lines() {
                    self.line(indent, l);
                }
            }
            Stmt::Assign(name, value) => {
                let text = format!("{} = {}", pick(NAMES, *name), self.expr(value, 0));
                self.line(indent, &text);
            }
            Stmt::Chain(a, b, value) => {
                let text = format!("{} = {} = {}", pick(NAMES, *a), pick(NAMES, *b), self.expr(value, 0));
                self.line(indent, &text);
            }
            Stmt::Mutate(name, method, args) => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a, 0)).collect();
                let text = format!("{}.{}({})", pick(NAMES, *name), pick(METHODS, *method), args.join(", "));
                self.line(indent, &text);
            }
            Stmt::SetItem(name, key, value) => {
                let text = format!("{}[{}] = {}", pick(NAMES, *name), self.expr(key, 0), self.expr(value, 0));
                self.line(indent, &text);
            }
            Stmt::Augmented(name, op, value) => {
                let op = pick(&["+=", "-=", "*=", "//=", "%=", "|=", "**="], *op);
                let text = format!("{} {op} {}", pick(NAMES, *name), self.expr(value, 0));
                self.line(indent, &text);
            }
            Stmt::If(condition, then, otherwise) => {
                let text = format!("if {}:", self.expr(condition, 0));
                self.line(indent, &text);
                self.block(indent + 1, then);
                if !otherwise.is_empty() {
                    self.line(indent, "else:");
                    self.block(indent + 1, otherwise);
                }
            }
            Stmt::For(name, items, body) => {
                let text = format!("for {} in {}:", pick(NAMES, *name), self.expr(items, 0));
                self.line(indent, &text);
                self.block(indent + 1, body);
            }
            Stmt::While(condition, body) => {
                let text = format!("while {}:", self.expr(condition, 0));
                self.line(indent, &text);
                self.block(indent + 1, body);
            }
            Stmt::Def { name, params, body, returns } => {
                let params = pick(&["", "a", "a, b=1", "name, default=None", "*args, **kwargs", "x, /, y=[]"], *params);
                self.line(indent, &format!("def {}({params}):", pick(NAMES, *name)));
                self.block(indent + 1, body);
                let text = format!("return {}", self.expr(returns, 0));
                self.line(indent + 1, &text);
            }
            Stmt::Class { name, body } => {
                self.line(indent, &format!("class {}(object):", pick(NAMES, *name)));
                self.block(indent + 1, body);
            }
            Stmt::GlobalsWrite(key, value) => {
                let text = format!("globals()[{}] = {}", self.expr(key, 0), self.expr(value, 0));
                self.line(indent, &text);
            }
            Stmt::Del(name) => self.line(indent, &format!("del {}", pick(NAMES, *name))),
            Stmt::Match(subject, cases) => {
                let text = format!("match {}:", self.expr(subject, 0));
                self.line(indent, &text);
                if cases.is_empty() {
                    self.line(indent + 1, "case _:");
                    self.line(indent + 2, "pass");
                }
                for (pattern, body) in cases {
                    let pattern = match pattern {
                        Expr::Name(_) => "_".to_string(),
                        other => self.expr(other, 2),
                    };
                    self.line(indent + 1, &format!("case {pattern}:"));
                    self.block(indent + 2, body);
                }
            }
            Stmt::Raise => self.line(indent, "raise ImportError('no')"),
            Stmt::Return(value) => {
                let text = format!("return {}", self.expr(value, 0));
                self.line(indent, &text);
            }
            Stmt::Global(name) => self.line(indent, &format!("global {}", pick(NAMES, *name))),
            Stmt::Text(text) => {
                for l in text.lines() {
                    self.line(indent, l);
                }
            }
        }
    }

    fn expr(&mut self, expr: &Expr, depth: usize) -> String {
        // The grammar nests without limit; deep nesting is what djsafe must bound, so allow a
        // lot of it, but not more than the fuzzer's input could describe anyway.
        let d = depth + 1;
        match expr {
            Expr::Name(n) => pick(NAMES, *n).to_string(),
            Expr::Int(i) => format!("({i})"),
            Expr::Float(f) if f.is_finite() => format!("({f:?})"),
            Expr::Float(_) => "float('inf')".into(),
            Expr::Str(s) => literal(s),
            Expr::Bytes(b) => format!("b{}", literal(&b.iter().map(|&c| (c & 0x7f) as char).collect::<String>())),
            Expr::Bool(b) => if *b { "True".into() } else { "False".into() },
            Expr::None => "None".into(),
            Expr::List(items) => format!("[{}]", self.list(items, d)),
            Expr::Tuple(items) => format!("({},)", self.list(items, d)),
            Expr::Set(items) if items.is_empty() => "set()".into(),
            Expr::Set(items) => format!("{{{}}}", self.list(items, d)),
            Expr::Dict(pairs) => {
                let pairs: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{}: {}", self.expr(k, d), self.expr(v, d)))
                    .collect();
                format!("{{{}}}", pairs.join(", "))
            }
            Expr::Getenv(var, default) => match default {
                Some(default) => format!("os.getenv({}, {})", literal(pick(VARS, *var)), self.expr(default, d)),
                None => format!("os.getenv({})", literal(pick(VARS, *var))),
            },
            Expr::Environ(var) => format!("os.environ[{}]", literal(pick(VARS, *var))),
            Expr::Binary(op, a, b) => {
                let op = pick(&["+", "-", "*", "/", "//", "%", "**", "|", "&", "<<", ">>", "@"], *op);
                format!("({} {op} {})", self.expr(a, d), self.expr(b, d))
            }
            Expr::Compare(op, a, b) => {
                let op = pick(&["==", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not"], *op);
                format!("({} {op} {})", self.expr(a, d), self.expr(b, d))
            }
            Expr::Not(a) => format!("(not {})", self.expr(a, d)),
            Expr::BoolOp(and, a, b) => {
                format!("({} {} {})", self.expr(a, d), if *and { "and" } else { "or" }, self.expr(b, d))
            }
            Expr::Call(function, args, keywords) => {
                let mut parts: Vec<String> = args.iter().map(|a| self.expr(a, d)).collect();
                for (k, v) in keywords {
                    let key = pick(&["default", "cast", "key", "sep", "maxsplit"], *k);
                    parts.push(format!("{key}={}", self.expr(v, d)));
                }
                format!("{}({})", pick(FUNCTIONS, *function), parts.join(", "))
            }
            Expr::Method(receiver, method, args) => {
                format!("{}.{}({})", self.expr(receiver, d), pick(METHODS, *method), self.list(args, d))
            }
            Expr::Subscript(a, b) => format!("{}[{}]", self.expr(a, d), self.expr(b, d)),
            Expr::Slice(a, start, end) => format!(
                "{}[{}:{}]",
                self.expr(a, d),
                start.map(|s| s.to_string()).unwrap_or_default(),
                end.map(|s| s.to_string()).unwrap_or_default()
            ),
            Expr::Attribute(a, name) => format!("{}.{}", self.expr(a, d), pick(NAMES, *name)),
            Expr::FString(parts) => {
                let mut text = String::from("f'");
                for (literal_part, value, conversion) in parts {
                    let escaped = literal(literal_part);
                    text.push_str(&escaped[1..escaped.len() - 1].replace('{', "{{").replace('}', "}}"));
                    let inner = self.expr(value, d).replace('\'', "\"");
                    let conversion = pick(&["", "!r", "!s", "=", ":>10", "!a"], *conversion);
                    text.push_str(&format!("{{{inner}{conversion}}}"));
                }
                text.push('\'');
                text
            }
            Expr::Percent(template, values) => format!("{} % {}", literal(template), self.expr(values, d)),
            Expr::Comprehension(body, name, items, condition) => {
                let name = pick(NAMES, *name);
                let condition = match condition {
                    Some(c) => format!(" if {}", self.expr(c, d)),
                    None => String::new(),
                };
                format!("[{} for {name} in {}{condition}]", self.expr(body, d), self.expr(items, d))
            }
            Expr::Conditional(a, condition, b) => {
                format!("({} if {} else {})", self.expr(a, d), self.expr(condition, d), self.expr(b, d))
            }
            Expr::Splat(a, b) => format!("[*{}, *{}]", self.expr(a, d), self.expr(b, d)),
            Expr::DictSplat(a, b) => format!("{{**{}, **{}}}", self.expr(a, d), self.expr(b, d)),
            Expr::Walrus(name, value) => format!("({} := {})", pick(NAMES, *name), self.expr(value, d)),
            Expr::Lambda(body) => format!("(lambda *a: {})", self.expr(body, d)),
            Expr::Unary(op, a) => format!("({}{})", pick(&["-", "+", "~"], *op), self.expr(a, d)),
        }
    }

    fn list(&mut self, items: &[Expr], depth: usize) -> String {
        items.iter().map(|i| self.expr(i, depth)).collect::<Vec<_>>().join(", ")
    }
}

fuzz_target!(|package: Package| {
    let modules = package.modules.len().clamp(1, 5);
    let mut files = vec![
        djsafe_fuzz::manage_py("proj.settings.m0"),
        ("proj/__init__.py".to_string(), Vec::new()),
        ("proj/settings/__init__.py".to_string(), Vec::new()),
    ];
    for (i, module) in package.modules.iter().take(modules).enumerate() {
        let mut render = Render { out: String::from("import os\n"), modules };
        render.block(0, &module.statements);
        files.push((format!("proj/settings/m{i}.py"), render.out.into_bytes()));
    }
    djsafe_fuzz::lint_project(&files);
});
