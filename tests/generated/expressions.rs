//! Expressions of each type the generator tracks: strings (methods, f-strings, `%` and
//! `.format`), booleans, integers, lists and dicts, nested to a bounded depth.

use super::{Gen, KEYS, Scope, Ty, python_str};

impl Gen<'_> {
    /// An expression of type `ty`, nested at most `depth` more levels.
    pub(super) fn expr(&mut self, scope: &Scope, ty: Ty, depth: usize) -> String {
        let names = scope.of(ty);
        if !names.is_empty() && self.rng.chance(25) {
            return self.rng.pick(&names).to_string();
        }
        if depth == 0 {
            return self.leaf(ty);
        }
        let d = depth - 1;
        match ty {
            Ty::Str => self.str_expr(scope, d),
            Ty::Bool => self.bool_expr(scope, d),
            Ty::Int => self.int_expr(scope, d),
            Ty::List => self.list_expr(scope, d),
            Ty::Dict => self.dict_expr(scope, d),
            Ty::Set => match self.rng.below(3) {
                0 => format!("set({})", self.expr(scope, Ty::List, d)),
                1 => format!("{{{}, {}}}", self.expr(scope, Ty::Str, d), self.str_lit()),
                _ => format!("{{x.lower() for x in {}}}", self.expr(scope, Ty::List, d)),
            },
            Ty::Tuple => match self.rng.below(3) {
                0 => format!("tuple({})", self.expr(scope, Ty::List, d)),
                1 => format!("({},)", self.expr(scope, Ty::Str, d)),
                _ => format!("({}, {})", self.expr(scope, Ty::Str, d), self.str_lit()),
            },
            Ty::OptStr => {
                let var = python_str(self.var());
                match self.rng.below(3) {
                    0 => format!("os.getenv({var})"),
                    1 => format!("os.environ.get({var})"),
                    _ => "None".into(),
                }
            }
        }
    }

    /// An expression of one of `tys`.
    pub(super) fn expr_of(&mut self, scope: &Scope, tys: &[Ty], depth: usize) -> String {
        let ty = self.rng.pick(tys);
        self.expr(scope, ty, depth)
    }

    pub(super) fn leaf(&mut self, ty: Ty) -> String {
        match ty {
            Ty::Str => self.str_lit(),
            Ty::Bool => self.rng.pick(&["True", "False"]).to_string(),
            Ty::Int => {
                let n = self.rng.below(200) as i64 - 50;
                n.to_string()
            }
            Ty::List => format!("[{}, {}]", self.str_lit(), self.str_lit()),
            Ty::Dict => format!(
                "{{{}: {}}}",
                python_str(self.rng.pick(KEYS)),
                self.str_lit()
            ),
            Ty::Set => format!("{{{}}}", self.str_lit()),
            Ty::Tuple => format!("({},)", self.str_lit()),
            Ty::OptStr => "None".into(),
        }
    }

    pub(super) fn str_expr(&mut self, scope: &Scope, d: usize) -> String {
        let var = python_str(self.var());
        let default = self.str_lit();
        match self.rng.below(20) {
            0 => self.str_lit(),
            1 => format!("os.getenv({var}, {default})"),
            2 => format!("os.environ.get({var}, {default})"),
            3 if scope.environ => format!("env.str({var}, default={default})"),
            4 if scope.environ => format!("env({var}, default={default})"),
            5 if scope.decouple => format!("config({var}, default={default})"),
            6 => {
                let method = self.rng.pick(&[
                    ".lower()",
                    ".upper()",
                    ".strip()",
                    ".replace('a', 'b')",
                    ".lstrip('.')",
                    ".title()",
                    ".capitalize()",
                    ".removeprefix('django')",
                ]);
                format!("{}{method}", self.paren(scope, Ty::Str, d))
            }
            7 => format!(
                "{} + {}",
                self.expr(scope, Ty::Str, d),
                self.expr(scope, Ty::Str, d)
            ),
            8 | 9 => self.fstring(scope, d),
            10 => format!(
                "'%s-%s' % ({}, {})",
                self.expr(scope, Ty::Str, d),
                self.expr(scope, Ty::Int, d)
            ),
            11 => format!(
                "'{{}}/{{}}'.format({}, {})",
                self.expr(scope, Ty::Str, d),
                self.expr(scope, Ty::Bool, d)
            ),
            12 => format!(
                "str({})",
                self.expr_of(scope, &[Ty::Int, Ty::Bool, Ty::List], d)
            ),
            13 => format!(
                "{} if {} else {}",
                self.paren(scope, Ty::Str, d),
                self.paren(scope, Ty::Bool, d),
                self.paren(scope, Ty::Str, d)
            ),
            14 => format!("', '.join({})", self.expr(scope, Ty::List, d)),
            15 => format!("{} or {}", self.expr(scope, Ty::OptStr, d), self.str_lit()),
            16 => format!(
                "repr({})",
                self.expr_of(scope, &[Ty::Str, Ty::Int, Ty::List], d)
            ),
            17 => format!("{}[{}:]", self.paren(scope, Ty::Str, d), self.rng.below(4)),
            18 if scope.helpers.contains_key("pick") => format!(
                "pick({}, {}, {})",
                self.expr(scope, Ty::Bool, d),
                self.expr(scope, Ty::Str, d),
                self.expr(scope, Ty::Str, d)
            ),
            // A variable the settings require: the harness sets it when CPython says so.
            19 if self.rng.chance(30) => format!("os.environ[{var}]"),
            _ => format!("os.getenv({var}, {default})"),
        }
    }

    pub(super) fn fstring(&mut self, scope: &Scope, _d: usize) -> String {
        let ty = self
            .rng
            .pick(&[Ty::Str, Ty::Int, Ty::Bool, Ty::OptStr, Ty::List]);
        let names = scope.of(ty);
        let inner = if !names.is_empty() && self.rng.chance(60) {
            self.rng.pick(&names).to_string()
        } else {
            // Quotes inside an f-string's braces must differ from its own before Python 3.12.
            self.expr(scope, ty, 0).replace('\'', "\"")
        };
        if inner.contains('\\') || inner.contains('"') && inner.contains('\'') {
            return self.str_lit();
        }
        let conversion = self.rng.pick(&["", "", "", "!r", "!s", "="]);
        let prefix = self.rng.pick(&["", "https://", "redis://cache:6379/", "v"]);
        if conversion == "=" {
            format!("f'{prefix}{{{inner}=}}'")
        } else {
            format!("f'{prefix}{{{inner}{conversion}}}-x'")
        }
    }

    /// An expression, parenthesised when it is not atomic.
    pub(super) fn paren(&mut self, scope: &Scope, ty: Ty, d: usize) -> String {
        let e = self.expr(scope, ty, d);
        if e.chars().all(|c| c.is_alphanumeric() || c == '_')
            || e.starts_with('\'') && !e[1..].contains('\'')
        {
            e
        } else {
            format!("({e})")
        }
    }

    pub(super) fn bool_expr(&mut self, scope: &Scope, d: usize) -> String {
        let var = python_str(self.var());
        match self.rng.below(20) {
            0 => self.leaf(Ty::Bool),
            1 => format!("os.getenv({var}, {}) == 'True'", self.str_lit()),
            2 => format!(
                "os.getenv({var}, {}).lower() in ('1', 'true', 'yes')",
                self.str_lit()
            ),
            3 => format!("os.environ.get({var}) is not None"),
            4 => format!("{var} in os.environ"),
            5 if scope.environ => format!("env.bool({var}, default={})", self.leaf(Ty::Bool)),
            6 if scope.decouple => {
                format!("config({var}, default={}, cast=bool)", self.leaf(Ty::Bool))
            }
            7 => format!("bool(os.getenv({var}, {}))", self.str_lit()),
            8 => format!("not {}", self.paren(scope, Ty::Bool, d)),
            9 => format!(
                "{} and {}",
                self.paren(scope, Ty::Bool, d),
                self.paren(scope, Ty::Bool, d)
            ),
            10 => format!(
                "{} or {}",
                self.paren(scope, Ty::Bool, d),
                self.paren(scope, Ty::Bool, d)
            ),
            11 => {
                let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
                format!(
                    "{} {op} {}",
                    self.paren(scope, Ty::Int, d),
                    self.paren(scope, Ty::Int, d)
                )
            }
            12 => format!("{} == {}", self.paren(scope, Ty::Str, d), self.str_lit()),
            13 => format!(
                "{}.startswith({})",
                self.paren(scope, Ty::Str, d),
                self.str_lit()
            ),
            14 => format!("{} in {}", self.str_lit(), self.paren(scope, Ty::List, d)),
            15 if scope.helpers.contains_key("env_bool") => {
                format!("env_bool({var}, {})", self.leaf(Ty::Bool))
            }
            16 => format!("{} is None", self.expr(scope, Ty::OptStr, d)),
            17 => format!(
                "bool({})",
                self.expr_of(scope, &[Ty::List, Ty::Str, Ty::Dict], d)
            ),
            18 => format!(
                "{} not in {}",
                self.str_lit(),
                self.paren(scope, Ty::Dict, d)
            ),
            _ => format!("os.getenv({var}, 'False').lower() == 'true'"),
        }
    }

    pub(super) fn int_expr(&mut self, scope: &Scope, d: usize) -> String {
        let var = python_str(self.var());
        match self.rng.below(12) {
            0 | 1 => self.leaf(Ty::Int),
            2 if scope.environ => format!("env.int({var}, default={})", self.rng.below(100)),
            3 if scope.decouple => {
                format!("config({var}, default={}, cast=int)", self.rng.below(100))
            }
            4 | 5 => {
                let op = self.rng.pick(&["+", "-", "*", "//", "%"]);
                let right = if matches!(op, "//" | "%") {
                    let n = self.nonzero_int();
                    if n < 0 {
                        format!("({n})")
                    } else {
                        n.to_string()
                    }
                } else {
                    self.paren(scope, Ty::Int, d)
                };
                format!("{} {op} {right}", self.paren(scope, Ty::Int, d))
            }
            6 => format!(
                "len({})",
                self.expr_of(scope, &[Ty::List, Ty::Str, Ty::Dict, Ty::Set], d)
            ),
            7 => format!(
                "{} if {} else {}",
                self.paren(scope, Ty::Int, d),
                self.paren(scope, Ty::Bool, d),
                self.paren(scope, Ty::Int, d)
            ),
            8 => format!("-{}", self.paren(scope, Ty::Int, d)),
            9 => format!(
                "{}({}, {})",
                self.rng.pick(&["min", "max"]),
                self.expr(scope, Ty::Int, d),
                self.expr(scope, Ty::Int, d)
            ),
            10 => format!(
                "{}.count({})",
                self.paren(scope, Ty::Str, d),
                self.str_lit()
            ),
            _ => format!("int({})", self.paren(scope, Ty::Bool, d)),
        }
    }

    pub(super) fn list_expr(&mut self, scope: &Scope, d: usize) -> String {
        let var = python_str(self.var());
        match self.rng.below(14) {
            0 | 1 => {
                let n = self.rng.below(4);
                let items: Vec<String> = (0..n).map(|_| self.expr(scope, Ty::Str, d)).collect();
                format!("[{}]", items.join(", "))
            }
            2 => format!(
                "{} + {}",
                self.expr(scope, Ty::List, d),
                self.expr(scope, Ty::List, d)
            ),
            3 => format!(
                "[*{}, {}]",
                self.paren(scope, Ty::List, d),
                self.expr(scope, Ty::Str, d)
            ),
            4 => format!("[x.lower() for x in {}]", self.paren(scope, Ty::List, d)),
            5 => format!("[x for x in {} if x]", self.paren(scope, Ty::List, d)),
            6 => format!("{}.split(',')", self.paren(scope, Ty::Str, d)),
            7 if scope.environ => format!("env.list({var}, default=[{}])", self.str_lit()),
            8 if scope.decouple => format!("config({var}, default={}, cast=Csv())", self.str_lit()),
            9 => format!(
                "list({})",
                self.expr_of(scope, &[Ty::List, Ty::Tuple, Ty::Str], d)
            ),
            10 => format!("sorted({})", self.expr_of(scope, &[Ty::List, Ty::Set], d)),
            11 => format!("{}.copy()", self.paren(scope, Ty::List, d)),
            12 if scope.helpers.contains_key("env_list") => {
                format!("env_list({var}, {})", self.str_lit())
            }
            _ => format!("list({}.keys())", self.paren(scope, Ty::Dict, d)),
        }
    }

    pub(super) fn dict_expr(&mut self, scope: &Scope, d: usize) -> String {
        match self.rng.below(8) {
            0..=2 => {
                let n = self.rng.below(4);
                let mut items = Vec::new();
                for _ in 0..n {
                    let key = python_str(self.rng.pick(KEYS));
                    let ty = self.any_value_ty();
                    let value = self.expr(scope, ty, d);
                    items.push(format!("{key}: {value}"));
                }
                format!("{{{}}}", items.join(", "))
            }
            3 => format!(
                "{{**{}, {}: {}}}",
                self.paren(scope, Ty::Dict, d),
                python_str(self.rng.pick(KEYS)),
                self.expr(scope, Ty::Str, d)
            ),
            4 => format!(
                "dict(NAME={}, PORT={})",
                self.expr(scope, Ty::Str, d),
                self.expr(scope, Ty::Int, d)
            ),
            5 => format!(
                "{} | {}",
                self.paren(scope, Ty::Dict, d),
                self.paren(scope, Ty::Dict, d)
            ),
            6 => format!("{{'default': {}}}", self.expr(scope, Ty::Dict, d)),
            _ => format!("{}.copy()", self.paren(scope, Ty::Dict, d)),
        }
    }
}
