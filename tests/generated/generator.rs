//! A deterministic generator of random Django settings packages: a few modules chained with
//! `from .x import *`, reading the environment through `os`, django-environ and decouple, with
//! branches, containers and their mutations, aliases, comprehensions, helpers and formatting.
//! Every program is valid Python; the generator tracks the type of every name it may use so the
//! program runs without errors in most scenarios (a scenario that raises is skipped by the
//! harness, not counted as a disagreement). Some packages also take names from project modules
//! other modules change (see `shared_modules`).

use std::collections::BTreeMap;

#[path = "shared_modules.rs"]
mod shared_modules;

#[path = "cycles_and_handles.rs"]
mod cycles_and_handles;

#[path = "closures.rs"]
mod closures;

#[path = "config_files.rs"]
mod config_files;

#[path = "rebinding.rs"]
mod rebinding;

#[path = "namespace_helpers.rs"]
mod namespace_helpers;

#[path = "mutations.rs"]
mod mutations;

#[path = "expressions.rs"]
mod expressions;

/// splitmix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Str,
    Bool,
    Int,
    /// A list of strings.
    List,
    /// A dict with string keys.
    Dict,
    /// A set of strings.
    Set,
    /// A tuple of strings.
    Tuple,
    /// `os.getenv('X')`: a string or None.
    OptStr,
}

/// Variables the generated settings read: names real settings use, so the harness's
/// production-like values (chosen by name) fit them.
const VARS: &[&str] = &[
    "DEBUG",
    "DJANGO_DEBUG",
    "SECRET_KEY",
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "ENVIRONMENT",
    "DJANGO_ENV",
    "USE_S3",
    "LOG_LEVEL",
    "PORT",
    "REDIS_URL",
    "CORS_ORIGINS",
    "SSL_REDIRECT",
    "APP_NAME",
];

const STRINGS: &[&str] = &[
    "django-insecure-abc123",
    "localhost",
    "example.com",
    ".example.com",
    "postgres://app:pw@db/app",
    "INFO",
    "True",
    "False",
    "true",
    "0",
    "1",
    "",
    "a,b",
    " spaced ",
    "it's",
    "dev",
    "prod",
    "production",
    "django.contrib.admin",
    "debug_toolbar",
    "x",
    "%",
    "{}",
    "tab\there",
    "é",
];

const KEYS: &[&str] = &[
    "default", "ENGINE", "NAME", "HOST", "PORT", "OPTIONS", "level", "k", "BACKEND", "LOCATION",
];

/// Settings-like names for new module-level bindings.
const SETTING_NAMES: &[&str] = &[
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "DATABASES",
    "CACHES",
    "LOGGING",
    "CSRF_TRUSTED_ORIGINS",
    "CORS_ALLOWED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "EMAIL_BACKEND",
    "TIME_ZONE",
    "STATIC_URL",
    "BASE_APPS",
    "EXTRA_APPS",
    "ENV_NAME",
    "LOG_LEVEL",
    "PORT",
    "SITE_ID",
    "REDIS_URL",
    "FEATURES",
    "ADMINS",
    "_SECRET",
    "_PRIVATE_HOSTS",
    "APP_VERSION",
    "X_FRAME_OPTIONS",
];

const LOCAL_NAMES: &[&str] = &[
    "base_dir", "env_name", "hosts", "apps", "_tmp", "flag", "value", "prefix", "extra",
];

/// What a module can see: names defined on every path so far, with their types.
#[derive(Clone, Default)]
struct Scope {
    names: BTreeMap<String, Ty>,
    /// Which configuration libraries are bound (`env` is a django-environ `Env`, `config` is
    /// decouple's).
    environ: bool,
    decouple: bool,
    /// Helper functions defined: name -> kind.
    helpers: BTreeMap<String, Helper>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Helper {
    /// `env_bool(name, default)`: the variable's truthiness by spelling.
    Bool,
    /// `env_list(name, default)`: a comma-separated variable as a list.
    List,
    /// `pick(flag, a, b)`: `a if flag else b`.
    Pick,
    /// `set_setting(name, value)`: `globals()[name] = value`.
    SetGlobal,
    /// `set_setting` defined in an imported module: it sets the name there.
    SetForeign,
}

impl Scope {
    fn of(&self, ty: Ty) -> Vec<&str> {
        self.names
            .iter()
            .filter(|(_, t)| **t == ty)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Names a star import brings in: everything without a leading underscore.
    fn exported(&self) -> Scope {
        Scope {
            names: self
                .names
                .iter()
                .filter(|(n, _)| !n.starts_with('_'))
                .map(|(n, t)| (n.clone(), *t))
                .collect(),
            environ: self.environ,
            decouple: self.decouple,
            // `globals()` in a helper is its own module's: called from an importer, it sets a
            // name there, not here.
            helpers: self
                .helpers
                .iter()
                .map(|(n, h)| {
                    (
                        n.clone(),
                        if *h == Helper::SetGlobal {
                            Helper::SetForeign
                        } else {
                            *h
                        },
                    )
                })
                .collect(),
        }
    }
}

/// One generated package: files relative to the project root, and the entry module.
pub struct Package {
    pub files: Vec<(String, String)>,
    pub entry: String,
}

struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    indent: usize,
    /// Statements left in the module: bounds the size of what is generated.
    budget: usize,
}

pub fn package(rng: &mut Rng) -> Package {
    let mut files = vec![
        ("proj/__init__.py".to_string(), String::new()),
        ("proj/settings/__init__.py".to_string(), String::new()),
    ];
    // base <- [common] <- production; local is optional (present or absent) and imported in a
    // try/except ImportError, or imported unconditionally by a development module.
    let with_common = rng.chance(60);
    let local_state = rng.below(3); // 0: no local module, 1: local present, 2: local imported but absent
    let (base_text, base_scope) = module(rng, None, 14);
    files.push(("proj/settings/base.py".into(), base_text));
    let mut parent = ("base", base_scope.clone());
    if with_common {
        let (text, scope) = module(rng, Some(("base", &base_scope)), 10);
        files.push(("proj/settings/common.py".into(), text));
        parent = ("common", scope);
    }
    let mut local_scope = None;
    if local_state == 1 {
        let (text, scope) = module(rng, Some(("base", &base_scope)), 5);
        files.push(("proj/settings/local.py".into(), text));
        local_scope = Some(scope);
    }
    let local = match local_state {
        0 => None,
        1 => Some(("local", true, local_scope)),
        _ => Some(("local", false, None)),
    };
    let (mut text, _) = module_with_local(rng, (parent.0, &parent.1), local, 12);
    if rng.chance(35) {
        let (shared, lines) = shared_modules::generate(rng, base_scope.environ);
        files.extend(shared);
        text.push_str(&lines);
    }
    // Issue 10, round 5: cycles through a third module and module handles, closures, YAML and
    // TOML files.
    if rng.chance(20) {
        let (added, lines) = cycles_and_handles::generate(rng);
        files.extend(added);
        text.push_str(&lines);
    }
    if rng.chance(20) {
        text.push_str(&closures::generate(rng));
    }
    if rng.chance(15) {
        let (added, lines) = config_files::generate(rng);
        files.extend(added);
        text.push_str(&lines);
    }
    // Issue 10, round 6: writes that may rebind any name, classmethods, plugins by name.
    if rng.chance(20) {
        let (added, lines) = rebinding::generate(rng);
        files.extend(added);
        text.push_str(&lines);
    }
    // Issue 10, round 7: functions handed the namespace, missing imports, bound methods,
    // unhashable comprehensions, generator functions.
    if rng.chance(20) {
        let (added, lines) = namespace_helpers::generate(rng);
        files.extend(added);
        text.push_str(&lines);
    }
    files.push(("proj/settings/production.py".into(), text));
    Package {
        files,
        entry: "proj.settings.production".into(),
    }
}

/// A module: an optional star import of `parent`, then statements.
fn module(rng: &mut Rng, parent: Option<(&str, &Scope)>, size: usize) -> (String, Scope) {
    let mut scope = Scope::default();
    let mut g = Gen {
        rng,
        out: String::new(),
        indent: 0,
        budget: size,
    };
    match parent {
        Some((name, parent_scope)) => {
            g.line(&format!("from .{name} import *"));
            scope = parent_scope.exported();
        }
        None => g.preamble(&mut scope),
    }
    g.statements(&mut scope, size, true);
    (g.out, scope)
}

/// The entry module: a star import of `parent`, a local override imported inside `try` (or, at
/// times, unconditionally), then statements.
fn module_with_local(
    rng: &mut Rng,
    parent: (&str, &Scope),
    local: Option<(&str, bool, Option<Scope>)>,
    size: usize,
) -> (String, Scope) {
    let mut g = Gen {
        rng,
        out: String::new(),
        indent: 0,
        budget: size,
    };
    g.line(&format!("from .{} import *", parent.0));
    let mut scope = parent.1.exported();
    g.statements(&mut scope, size / 2, true);
    if let Some((name, present, local_scope)) = local {
        g.line("try:");
        g.line(&format!("    from .{name} import *"));
        g.line("except ImportError:");
        g.line("    pass");
        // Names the local module defines are only there when it exists: keep the ones both
        // sides agree on (they come from the same base, with possibly different values).
        if present && let Some(local_scope) = local_scope {
            scope
                .names
                .retain(|n, t| local_scope.names.get(n) == Some(t));
        }
    }
    g.statements(&mut scope, size - size / 2, true);
    (g.out, scope)
}

impl Gen<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn preamble(&mut self, scope: &mut Scope) {
        self.line("import os");
        self.line("import sys");
        if self.rng.chance(50) {
            self.line("import environ");
            self.line("env = environ.Env()");
            scope.environ = true;
        }
        if self.rng.chance(40) {
            self.line("from decouple import config, Csv");
            scope.decouple = true;
        }
        if self.rng.chance(40) {
            self.line("");
            self.line("def env_bool(name, default=False):");
            self.line("    value = os.getenv(name)");
            self.line("    if value is None:");
            self.line("        return default");
            self.line("    return value.strip().lower() in ('1', 'true', 'yes', 'on')");
            scope.helpers.insert("env_bool".into(), Helper::Bool);
        }
        if self.rng.chance(30) {
            self.line("");
            self.line("def env_list(name, default=''):");
            self.line("    return [item.strip() for item in os.getenv(name, default).split(',') if item.strip()]");
            scope.helpers.insert("env_list".into(), Helper::List);
        }
        if self.rng.chance(20) {
            self.line("");
            self.line("def pick(flag, a, b):");
            self.line("    if flag:");
            self.line("        return a");
            self.line("    return b");
            scope.helpers.insert("pick".into(), Helper::Pick);
        }
        if self.rng.chance(15) {
            self.line("");
            self.line("def set_setting(name, value):");
            self.line("    globals()[name] = value");
            scope
                .helpers
                .insert("set_setting".into(), Helper::SetGlobal);
        }
        self.line("");
    }

    fn statements(&mut self, scope: &mut Scope, count: usize, top: bool) {
        for _ in 0..count {
            if self.budget == 0 {
                break;
            }
            self.budget -= 1;
            self.statement(scope, top);
        }
    }

    fn var(&mut self) -> &'static str {
        self.rng.pick(VARS)
    }

    fn str_lit(&mut self) -> String {
        python_str(self.rng.pick(STRINGS))
    }

    /// A name for a new binding of type `ty`: mostly a setting that holds such values in real
    /// projects.
    fn new_name(&mut self, ty: Ty) -> String {
        let typical: &[&str] = match ty {
            Ty::Bool => &[
                "DEBUG",
                "SECURE_SSL_REDIRECT",
                "SESSION_COOKIE_SECURE",
                "USE_TZ",
                "CORS_ALLOW_ALL_ORIGINS",
                "_DEBUG",
            ],
            Ty::Str | Ty::OptStr => &[
                "SECRET_KEY",
                "TIME_ZONE",
                "STATIC_URL",
                "EMAIL_BACKEND",
                "ENV_NAME",
                "X_FRAME_OPTIONS",
                "REDIS_URL",
                "_SECRET",
            ],
            Ty::Int => &[
                "SITE_ID",
                "SECURE_HSTS_SECONDS",
                "PORT",
                "SESSION_COOKIE_AGE",
            ],
            Ty::List | Ty::Tuple => &[
                "ALLOWED_HOSTS",
                "INSTALLED_APPS",
                "MIDDLEWARE",
                "CSRF_TRUSTED_ORIGINS",
                "BASE_APPS",
                "EXTRA_APPS",
                "CORS_ALLOWED_ORIGINS",
                "ADMINS",
                "_PRIVATE_HOSTS",
            ],
            Ty::Dict => &[
                "DATABASES",
                "CACHES",
                "LOGGING",
                "FEATURES",
                "STORAGES",
                "REST_FRAMEWORK",
            ],
            Ty::Set => &["FEATURES", "ENABLED", "_FLAGS"],
        };
        match self.rng.below(100) {
            0..=64 => self.rng.pick(typical).to_string(),
            65..=84 => self.rng.pick(SETTING_NAMES).to_string(),
            _ => self.rng.pick(LOCAL_NAMES).to_string(),
        }
    }

    fn statement(&mut self, scope: &mut Scope, top: bool) {
        match self.rng.below(100) {
            0..=34 => {
                let ty = self.any_ty();
                let name = self.new_name(ty);
                let value = self.expr(scope, ty, 2);
                if self.rng.chance(5) {
                    let other = self.new_name(ty);
                    self.line(&format!("{name} = {other} = {value}"));
                    scope.names.insert(other, ty);
                } else {
                    self.line(&format!("{name} = {value}"));
                }
                scope.names.insert(name, ty);
            }
            35..=41 => {
                // An alias: both names hold the same object.
                let containers: Vec<String> = [Ty::List, Ty::Dict, Ty::Set]
                    .iter()
                    .flat_map(|t| {
                        scope
                            .of(*t)
                            .into_iter()
                            .map(|n| (n.to_string(), *t))
                            .collect::<Vec<_>>()
                    })
                    .map(|(n, _)| n)
                    .collect();
                if containers.is_empty() {
                    return self.statement(scope, top);
                }
                let source = self.rng.pick(&containers).clone();
                let ty = scope.names[&source];
                let name = self.new_name(ty);
                self.line(&format!("{name} = {source}"));
                scope.names.insert(name, ty);
            }
            42..=59 => self.mutation(scope),
            // Rare, as in real settings: each makes the objects it reaches unknown.
            60..=61 => self.escape(scope),
            62..=72 if self.indent < 2 => self.if_statement(scope, top),
            73..=76 if self.indent < 2 => self.match_statement(scope),
            77..=80 => self.for_statement(scope),
            81..=83 => {
                // `globals()` writes, directly or through a helper.
                let name = self.rng.pick(SETTING_NAMES).to_string();
                let ty = self.scalar_ty();
                let value = self.expr(scope, ty, 1);
                match scope.helpers.get("set_setting") {
                    Some(Helper::SetForeign) if self.rng.chance(50) => {
                        self.line(&format!("set_setting({}, {value})", python_str(&name)));
                        return;
                    }
                    Some(Helper::SetGlobal) if self.rng.chance(50) => {
                        self.line(&format!("set_setting({}, {value})", python_str(&name)));
                    }
                    _ => self.line(&format!("globals()[{}] = {value}", python_str(&name))),
                }
                scope.names.insert(name, ty);
            }
            84..=86 => {
                // A conversion guarded against bad spellings, as settings often do.
                let name = self.new_name(Ty::Int);
                let var = self.var();
                let default = self.rng.below(100);
                self.line("try:");
                self.line(&format!(
                    "    {name} = int(os.getenv({}, '{default}'))",
                    python_str(var)
                ));
                self.line("except ValueError:");
                self.line(&format!("    {name} = {default}"));
                scope.names.insert(name, Ty::Int);
            }
            87..=88 => {
                let names: Vec<String> = scope
                    .names
                    .keys()
                    .filter(|n| n.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
                    .cloned()
                    .collect();
                if names.is_empty() {
                    return;
                }
                let name = self.rng.pick(&names).clone();
                self.line(&format!("del {name}"));
                scope.names.remove(&name);
            }
            89..=91 => {
                // Augmented assignment on a scalar.
                let ints = scope.of(Ty::Int);
                let strs = scope.of(Ty::Str);
                if !ints.is_empty() && self.rng.chance(50) {
                    let name = self.rng.pick(&ints).to_string();
                    let op = self.rng.pick(&["+=", "-=", "*=", "//=", "%="]);
                    let operand = self.nonzero_int();
                    self.line(&format!("{name} {op} {operand}"));
                } else if !strs.is_empty() {
                    let name = self.rng.pick(&strs).to_string();
                    let operand = self.expr(scope, Ty::Str, 1);
                    self.line(&format!("{name} += {operand}"));
                }
            }
            92..=94 => {
                // An annotated assignment, or an unpacking.
                let name = self.new_name(Ty::Int);
                if self.rng.chance(50) {
                    let value = self.expr(scope, Ty::Int, 1);
                    self.line(&format!("{name}: int = {value}"));
                    scope.names.insert(name, Ty::Int);
                } else {
                    let other = self.new_name(Ty::Bool);
                    if other == name {
                        return;
                    }
                    let a = self.expr(scope, Ty::Str, 1);
                    let b = self.expr(scope, Ty::Bool, 1);
                    self.line(&format!("{name}, {other} = {a}, {b}"));
                    scope.names.insert(name, Ty::Str);
                    scope.names.insert(other, Ty::Bool);
                }
            }
            62..=76 => self.mutation(scope),
            _ => {
                // A function of the module called with arguments.
                let value = self.expr(scope, Ty::Bool, 2);
                let name = self.new_name(Ty::Bool);
                self.line(&format!("{name} = {value}"));
                scope.names.insert(name, Ty::Bool);
            }
        }
    }

    fn any_ty(&mut self) -> Ty {
        self.rng.pick(&[
            Ty::Str,
            Ty::Str,
            Ty::Bool,
            Ty::Bool,
            Ty::Int,
            Ty::List,
            Ty::List,
            Ty::Dict,
            Ty::Dict,
            Ty::Set,
            Ty::Tuple,
            Ty::OptStr,
        ])
    }

    fn scalar_ty(&mut self) -> Ty {
        self.rng.pick(&[Ty::Str, Ty::Bool, Ty::Int])
    }

    fn nonzero_int(&mut self) -> i64 {
        let n = self.rng.below(9) as i64 + 1;
        if self.rng.chance(30) { -n } else { n }
    }

    fn any_value_ty(&mut self) -> Ty {
        self.rng
            .pick(&[Ty::Str, Ty::Bool, Ty::Int, Ty::List, Ty::Dict])
    }

    /// A block of statements under the current indentation; returns the scope after it.
    fn block(&mut self, scope: &Scope, count: usize) -> Scope {
        let mut inner = scope.clone();
        self.indent += 1;
        let before = self.out.len();
        let budget = self.budget;
        self.budget = count;
        self.statements(&mut inner, count, false);
        self.budget = budget.saturating_sub(count);
        if self.out.len() == before {
            self.line("pass");
        }
        self.indent -= 1;
        inner
    }

    fn if_statement(&mut self, scope: &mut Scope, _top: bool) {
        let arms = 1 + self.rng.below(3);
        let with_else = self.rng.chance(50);
        let mut outcomes = Vec::new();
        for i in 0..arms {
            let condition = self.expr(scope, Ty::Bool, 2);
            let keyword = if i == 0 { "if" } else { "elif" };
            self.line(&format!("{keyword} {condition}:"));
            let size = 1 + self.rng.below(3);
            outcomes.push(self.block(scope, size));
        }
        if with_else {
            self.line("else:");
            let size = 1 + self.rng.below(2);
            outcomes.push(self.block(scope, size));
        } else {
            outcomes.push(scope.clone());
        }
        merge(scope, &outcomes);
    }

    fn match_statement(&mut self, scope: &mut Scope) {
        let subject = self.expr(scope, Ty::Str, 1);
        self.line(&format!("match {subject}:"));
        self.indent += 1;
        let mut outcomes = Vec::new();
        let patterns = [
            "'prod' | 'production'",
            "'dev'",
            "'True' | 'true' | '1'",
            "''",
            "'localhost'",
        ];
        for _ in 0..1 + self.rng.below(3) {
            let pattern = self.rng.pick(&patterns);
            self.line(&format!("case {pattern}:"));
            let size = 1 + self.rng.below(2);
            outcomes.push(self.block(scope, size));
        }
        if self.rng.chance(60) {
            self.line("case _:");
            let size = 1 + self.rng.below(2);
            outcomes.push(self.block(scope, size));
        } else {
            outcomes.push(scope.clone());
        }
        self.indent -= 1;
        merge(scope, &outcomes);
    }

    fn for_statement(&mut self, scope: &mut Scope) {
        let lists = scope.of(Ty::List);
        let dicts = scope.of(Ty::Dict);
        let items = self.expr_of(scope, &[Ty::List, Ty::Tuple], 1);
        // A loop over the list it appends to never ends: loop over a copy of a named list.
        let items = if items.chars().all(|c| c.is_alphanumeric() || c == '_') {
            format!("tuple({items})")
        } else {
            items
        };
        if !dicts.is_empty() && self.rng.chance(40) {
            let name = self.rng.pick(&dicts).to_string();
            self.line(&format!("for key in {items}:"));
            self.line(&format!("    {name}[key.upper()] = key"));
        } else if !lists.is_empty() {
            let name = self.rng.pick(&lists).to_string();
            self.line(&format!("for item in {items}:"));
            if self.rng.chance(50) {
                self.line(&format!("    if item not in {name}:"));
                self.line(&format!("        {name}.append(item)"));
            } else {
                self.line(&format!("    {name}.append(item.lower())"));
            }
        } else {
            let name = self.new_name(Ty::List);
            self.line(&format!("{name} = []"));
            self.line(&format!("for item in {items}:"));
            self.line(&format!("    {name}.append(item + '!')"));
            scope.names.insert(name, Ty::List);
        }
        // The loop variable is bound after the loop only when there was an item.
        scope.names.remove("item");
        scope.names.remove("key");
    }
}

/// The scope after branches: names defined on every path, with one type.
fn merge(scope: &mut Scope, outcomes: &[Scope]) {
    let mut merged = BTreeMap::new();
    if let Some((first, rest)) = outcomes.split_first() {
        for (name, ty) in &first.names {
            if rest.iter().all(|o| o.names.get(name) == Some(ty)) {
                merged.insert(name.clone(), *ty);
            }
        }
    }
    scope.names = merged;
}

/// A Python string literal for `text`.
pub fn python_str(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}
