//! Statements that change the scope's containers: in place (`append`, `update`, `|=`...) and
//! through something djsafe does not follow (an escape), where CPython's change still lands in
//! the object every name holding it sees.

use super::{Gen, KEYS, Scope, Ty, python_str};

impl Gen<'_> {
    pub(super) fn mutation(&mut self, scope: &mut Scope) {
        let lists = scope.of(Ty::List);
        let dicts = scope.of(Ty::Dict);
        let sets = scope.of(Ty::Set);
        let kind = self.rng.below(3);
        if kind == 0 && !lists.is_empty() {
            let name = self.rng.pick(&lists).to_string();
            match self.rng.below(9) {
                0 | 1 => {
                    let item = self.expr(scope, Ty::Str, 1);
                    self.line(&format!("{name}.append({item})"));
                }
                2 => {
                    let more = self.expr(scope, Ty::List, 1);
                    self.line(&format!("{name}.extend({more})"));
                }
                3 => {
                    let item = self.expr(scope, Ty::Str, 1);
                    let at = self.rng.pick(&["0", "1", "-1", "len("]);
                    let at = if at == "len(" {
                        format!("len({name})")
                    } else {
                        at.to_string()
                    };
                    self.line(&format!("{name}.insert({at}, {item})"));
                }
                4 => {
                    let more = self.expr(scope, Ty::List, 1);
                    self.line(&format!("{name} += {more}"));
                }
                5 => {
                    let item = self.str_lit();
                    self.line(&format!("if {item} in {name}:"));
                    self.line(&format!("    {name}.remove({item})"));
                }
                6 => {
                    self.line(&format!("if {name}:"));
                    self.line(&format!("    {name}.pop()"));
                }
                7 => {
                    let item = self.expr(scope, Ty::Str, 1);
                    self.line(&format!("if {name}:"));
                    self.line(&format!("    {name}[0] = {item}"));
                }
                _ => {
                    // `x = x + [...]` rebinds: the alias keeps the old list.
                    let more = self.expr(scope, Ty::List, 1);
                    self.line(&format!("{name} = {name} + {more}"));
                }
            }
        } else if kind == 1 && !dicts.is_empty() {
            let name = self.rng.pick(&dicts).to_string();
            let key = python_str(self.rng.pick(KEYS));
            match self.rng.below(6) {
                0 | 1 => {
                    let ty = self.any_value_ty();
                    let value = self.expr(scope, ty, 1);
                    self.line(&format!("{name}[{key}] = {value}"));
                }
                2 => {
                    let more = self.expr(scope, Ty::Dict, 1);
                    self.line(&format!("{name}.update({more})"));
                }
                3 => {
                    let ty = self.any_value_ty();
                    let value = self.expr(scope, ty, 1);
                    self.line(&format!("{name}.setdefault({key}, {value})"));
                }
                4 => {
                    self.line(&format!("{name}.pop({key}, None)"));
                }
                _ => {
                    // A nested dict changed through its parent.
                    let value = self.expr(scope, Ty::Str, 1);
                    self.line(&format!("if isinstance({name}.get({key}), dict):"));
                    self.line(&format!("    {name}[{key}]['NAME'] = {value}"));
                }
            }
        } else if !sets.is_empty() {
            let name = self.rng.pick(&sets).to_string();
            let item = self.expr(scope, Ty::Str, 1);
            let method = self.rng.pick(&["add", "discard"]);
            self.line(&format!("{name}.{method}({item})"));
        } else {
            let ty = self.any_ty();
            let name = self.new_name(ty);
            let value = self.expr(scope, ty, 2);
            self.line(&format!("{name} = {value}"));
            scope.names.insert(name, ty);
        }
    }

    /// A list, dict or set of the scope reached through something djsafe does not follow (a key
    /// or index it cannot evaluate, a method it does not model, a branch it cannot decide, a
    /// function it does not model, a loop it cannot unroll), then changed through it: in CPython
    /// the change lands in the object every other name holding it sees. `sys.platform` is
    /// 'linux' and `os.name` 'posix' where the harness runs; djsafe models neither.
    pub(super) fn escape(&mut self, scope: &mut Scope) {
        let containers: Vec<(String, Ty)> = [Ty::List, Ty::Dict, Ty::Set]
            .iter()
            .flat_map(|t| {
                scope
                    .of(*t)
                    .into_iter()
                    .map(|n| (n.to_string(), *t))
                    .collect::<Vec<_>>()
            })
            .collect();
        if containers.is_empty() {
            return self.mutation(scope);
        }
        let (name, ty) = self.rng.pick(&containers);
        let empty = match ty {
            Ty::List => "[]",
            Ty::Dict => "{}",
            _ => "set()",
        };
        let item = self.str_lit();
        let key = python_str(self.rng.pick(KEYS));
        // A statement changing the object `target` evaluates to (`name`'s, in CPython).
        let write = |target: &str| match ty {
            Ty::List => format!("{target}.append({item})"),
            Ty::Dict => format!("{target}[{key}] = {item}"),
            _ => format!("{target}.add({item})"),
        };
        let holder = self
            .rng
            .pick(&["OPTIONS", "BY_PLATFORM", "PROFILES", "_holder", "GROUPS"]);
        match self.rng.below(10) {
            0 => {
                let (unknown, known, other) = self.rng.pick(&[
                    ("sys.platform", "linux", "darwin"),
                    ("os.name", "posix", "nt"),
                    ("'apps'.zfill(1)", "apps", "extra"),
                ]);
                self.line(&format!(
                    "{holder} = {{'{known}': {name}, '{other}': {empty}}}"
                ));
                self.line(&write(&format!("{holder}[{unknown}]")));
                scope.names.insert(holder.to_string(), Ty::Dict);
            }
            1 => {
                self.line(&format!("{holder} = ({name}, {empty})"));
                self.line(&write(&format!("{holder}[int(os.name == 'nt')]")));
                scope.names.remove(holder);
            }
            2 => {
                self.line(&format!("{holder} = [{name}]"));
                self.line(&format!("{holder}.sort(key=len)"));
                self.line(&write(&format!("{holder}[0]")));
                scope.names.remove(holder);
            }
            3 => {
                self.line(&format!("{holder} = {{'k': {name}}}"));
                self.line("if os.name == 'nt':");
                self.line(&format!("    {holder}['k'] = {empty}"));
                self.line(&write(&format!("{holder}['k']")));
                scope.names.insert(holder.to_string(), Ty::Dict);
            }
            4 | 5 => {
                // An alias djsafe cannot resolve, which later statements may change.
                let alias = self.new_name(ty);
                if alias == name {
                    return;
                }
                if self.rng.chance(50) {
                    self.line(&format!(
                        "{alias} = {name} if sys.platform.startswith('linux') else {empty}"
                    ));
                } else {
                    self.line(&format!("{alias} = (os.name == 'nt') or {name}"));
                }
                scope.names.insert(alias.clone(), ty);
                if self.rng.chance(50) {
                    self.line(&write(&alias));
                }
            }
            6 => {
                self.line(&format!("{holder} = {{'outer': {{'k': {name}}}}}"));
                self.line(&write(&format!("{holder}['outer']['k'.zfill(1)]")));
                scope.names.insert(holder.to_string(), Ty::Dict);
            }
            7 => {
                self.line(&format!("{holder} = {{'k': {name}}}"));
                self.line(&write(&format!("dict.get({holder}, 'k')")));
                scope.names.insert(holder.to_string(), Ty::Dict);
            }
            8 => {
                self.line("def _choose(flag, a, b):");
                self.line("    if flag:");
                self.line("        return a");
                self.line("    return b");
                self.line(&write(&format!(
                    "_choose(sys.platform == 'linux', {name}, {empty})"
                )));
            }
            _ => {
                self.line(&format!("{holder} = {{'k': {name}}}"));
                self.line("for _entry in sys.path[:1]:");
                self.line(&format!("    _item = {holder}.get('k')"));
                self.line(&format!("    {}", write("_item")));
                scope.names.insert(holder.to_string(), Ty::Dict);
            }
        }
    }
}
