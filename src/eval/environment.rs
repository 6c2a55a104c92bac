//! The process environment as the run sees it: the scenario's variables and the settings' own
//! writes (`os.environ[...] = ...`), every read recorded (which variables the settings read,
//! which spellings of them the result depends on, which literals they are compared with).

use std::rc::Rc;

use super::{EnvChange, EnvRead, Run, spellings, value};

impl Run<'_> {
    /// Reads an environment variable as the scenario (and the settings so far) have it; a
    /// variable set to a value the repository does not say reads as unset here, so callers that
    /// must tell use [`Run::env_read`].
    pub(super) fn getenv(&self, name: &str) -> Option<String> {
        self.consult(name);
        self.env.get(name).cloned().flatten()
    }

    /// Sets (or unsets, with `None`) a variable of the process environment, as the settings do.
    pub(super) fn set_env(&mut self, name: String, value: Option<String>) {
        self.env_log
            .push(EnvChange::Set(name.clone(), value.clone()));
        self.env.insert(name, value);
    }

    /// Sets a variable of the process environment to a value the repository does not say.
    pub(super) fn set_env_unknown(&mut self, name: String) {
        self.env_log.push(EnvChange::Unknown(name.clone()));
        self.env.remove(&name);
        self.unknown_env.insert(name);
    }

    /// Applies a change to the process environment made by an evaluation being reused.
    pub(super) fn replay_env(&mut self, change: &EnvChange) {
        match change {
            EnvChange::Set(name, value) => self.set_env(name.clone(), value.clone()),
            EnvChange::Unknown(name) => self.set_env_unknown(name.clone()),
        }
    }

    /// Records that the evaluation depends on the text of variable `name` (see `spellings`).
    pub(super) fn consult(&self, name: &str) {
        self.consult_through_table(name);
        if !self.spellings.borrow().opaque.contains(name) {
            self.spellings.borrow_mut().opaque.insert(name.to_string());
        }
    }

    /// Records that the evaluation depends on variable `name` only as a table of its spellings
    /// says (the caller records the table).
    pub(super) fn consult_through_table(&self, name: &str) {
        if !self.consulted.borrow().contains(name) {
            self.consulted.borrow_mut().insert(name.to_string());
        }
    }

    /// [`Run::env_read`] for a read whose result is the same for the spellings `table` puts
    /// together, and that reads nothing else of the variable's text; without a table, a read
    /// like any other.
    pub(super) fn env_read_as(&mut self, name: &str, table: Option<spellings::Table>) -> EnvRead {
        let Some(table) = table else {
            return self.env_read(name);
        };
        self.consult_through_table(name);
        self.spellings
            .get_mut()
            .tables
            .entry(name.to_string())
            .or_default()
            .push(table);
        self.scenario_value(name)
    }

    pub(super) fn env_read(&mut self, name: &str) -> EnvRead {
        self.consult(name);
        self.scenario_value(name)
    }

    /// The variable's value in this scenario, recorded as read.
    pub(super) fn scenario_value(&mut self, name: &str) -> EnvRead {
        if !self.read.contains(name) {
            self.read.insert(name.into());
        }
        match self.env.get(name) {
            Some(Some(value)) => EnvRead::Set(value.clone()),
            Some(None) => EnvRead::Unset,
            None if self.unknown_env.contains(name) => EnvRead::SetUnknown,
            None => EnvRead::Unset,
        }
    }

    /// The variables a value read from variable `name` depends on: none while `name` still holds
    /// the value Django gave it to name the settings being imported (see `bound_variables`).
    pub(super) fn env_deps(&self, name: &str) -> value::EnvDeps {
        let bound = self.bound.get(name).is_some_and(|v| {
            self.env
                .get(name)
                .is_some_and(|set| set.as_ref() == Some(v))
        });
        if bound {
            value::EnvDeps::default()
        } else {
            Rc::new([Rc::from(name)].into_iter().collect())
        }
    }

    /// Records that a value read from the environment was compared with string literals.
    pub(super) fn record_comparison(&mut self, subject: &value::Value, other: &value::Value) {
        let [var] = subject.env.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let literals: Vec<Rc<str>> = match &other.kind {
            value::Kind::Str(s) => vec![s.clone()],
            value::Kind::List(_) | value::Kind::Tuple(_) | value::Kind::Set(_) => other
                .items()
                .unwrap_or_default()
                .iter()
                .filter_map(|i| match &i.kind {
                    value::Kind::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => return,
        };
        // Only literals written in the settings, not values read from the environment too.
        if !other.env.is_empty() {
            return;
        }
        self.compared
            .entry(var.clone())
            .or_default()
            .extend(literals);
    }
}
