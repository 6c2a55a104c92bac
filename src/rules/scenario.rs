//! How a finding says when it holds. A value derives from environment variables; under the
//! environment a module is linted in (every variable unset, a deployment's, or a probed
//! environment name) some of them are set and the rest unset, and messages, scenario labels and
//! anchors follow: "when `DEBUG` is unset", "when `DJANGO_ENV` is 'staging' and `SECRET_KEY` is
//! unset", or, when a deployment file sets every one of them, at the line that sets it.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::eval::value::python_repr;
use crate::source::Span;

use super::context::{Context, VariantVar};

impl Context<'_> {
    /// When a value that derives from `deps` holds: `when `X` is unset`, `when `E` is 'staging'
    /// and `X` is unset`; empty when it always does.
    pub fn when(&self, deps: &BTreeSet<Rc<str>>) -> String {
        let mut parts: Vec<String> = deps
            .iter()
            .filter_map(|var| {
                if let Some(value) = self.forced.get(&**var) {
                    return Some(format!("`{var}` is {} (--env)", python_repr(value)));
                }
                let set = self.variant.get(&**var)?;
                Some(match &set.value {
                    Some(value) => format!("`{var}` is {}{}", python_repr(value), at(set)),
                    None => format!("`{var}` is set{}", at(set)),
                })
            })
            .collect();
        let unset: BTreeSet<Rc<str>> = self.unset_of(deps);
        if !unset.is_empty() {
            let verb = if unset.len() == 1 { "is" } else { "are" };
            parts.push(format!("{} {verb} unset", variables(&unset)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("when {}", parts.join(" and "))
        }
    }

    /// The variables of `deps` the environment leaves unset (neither the environment linted
    /// under nor `--env` sets them).
    pub fn unset_of(&self, deps: &BTreeSet<Rc<str>>) -> BTreeSet<Rc<str>> {
        deps.iter()
            .filter(|var| !self.variant.contains_key(&***var) && !self.forced.contains_key(&***var))
            .cloned()
            .collect()
    }

    /// The scenario label of a value that derives from `deps`: `always`, `DEBUG unset`,
    /// `DJANGO_ENV='staging', SECRET_KEY unset`.
    pub fn scenario(&self, deps: &BTreeSet<Rc<str>>) -> String {
        let mut parts: Vec<String> = deps
            .iter()
            .filter_map(|var| {
                if let Some(value) = self.forced.get(&**var) {
                    return Some(format!("{var}={}", python_repr(value)));
                }
                let set = self.variant.get(&**var)?;
                Some(match &set.value {
                    Some(value) => format!("{var}={}", python_repr(value)),
                    None => format!("{var} set"),
                })
            })
            .collect();
        let unset = self.unset_of(deps);
        if !unset.is_empty() {
            parts.push(unset_scenario(&unset));
        }
        if parts.is_empty() {
            "always".into()
        } else {
            parts.join(", ")
        }
    }

    /// When a deployment file sets every variable of `deps` (and there is one), the line that
    /// sets the first, and what it sets (`` `DEBUG`='1' at docker-compose.yml:9 ``): a value the
    /// deployment decides is reported where the deployment decides it.
    pub fn decided_by_deployment(&self, deps: &BTreeSet<Rc<str>>) -> Option<(Span, String)> {
        if deps.is_empty() || !self.unset_of(deps).is_empty() {
            return None;
        }
        let mut anchor = None;
        let mut said = Vec::new();
        for var in deps {
            let set = self.variant.get(&**var)?;
            let file = set.file.as_ref()?;
            let value = match &set.value {
                Some(value) => python_repr(value),
                None => "a value the repository does not show".into(),
            };
            said.push(format!("`{var}`={value} at {file}:{}", set.line));
            if anchor.is_none() {
                anchor = self.line_span(set);
            }
        }
        Some((anchor?, said.join(", ")))
    }

    /// When the text of a value derived from `deps` comes from a deployment file (a variable of
    /// `deps` that the environment sets, in a file, to a value containing `text`), the line that
    /// sets it and what it sets. A variable that only picked the branch where the literal is
    /// (`APP_ENV='staging'` choosing `staging.py`'s key) supplies nothing: the literal is in the
    /// settings.
    pub fn supplied_by_deployment(
        &self,
        deps: &BTreeSet<Rc<str>>,
        text: &str,
    ) -> Option<(Span, String)> {
        if text.is_empty() {
            return None;
        }
        deps.iter().find_map(|var| {
            let set = self.variant.get(&**var)?;
            let file = set.file.as_ref()?;
            let value = set.value.as_ref().filter(|v| v.contains(text))?;
            let said = format!("`{var}`={} at {file}:{}", python_repr(value), set.line);
            Some((self.line_span(set)?, said))
        })
    }

    /// Whether `text` came from a committed dotenv file the settings load, through one of `deps`:
    /// that file's line is where it is reported (see `lint::dotenv_findings`), not the settings'.
    pub fn from_committed_dotenv(&self, deps: &BTreeSet<Rc<str>>, text: &str) -> bool {
        self.baseline().from_dotenv(deps, text)
    }

    /// How findings name the environment they hold in (`docker-compose.prod.yml:4 (web)`).
    pub fn variant_label(&self) -> &str {
        self.variant_label
    }

    fn line_span(&self, set: &VariantVar) -> Option<Span> {
        let file = set.source?;
        let source = self.project.sources.get(file);
        let start = source.line_start(set.line);
        Some(Span {
            file,
            start,
            end: start + source.line_text(set.line).len(),
        })
    }
}

fn at(set: &VariantVar) -> String {
    match &set.file {
        Some(file) => format!(" ({file}:{})", set.line),
        None => String::new(),
    }
}

/// `` `DEBUG` `` or `` `A` and `B` ``, for messages naming environment variables.
pub fn variables(vars: &BTreeSet<Rc<str>>) -> String {
    let names: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
    match names.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// The scenario label for a value that holds with these variables unset.
pub fn unset_scenario(vars: &BTreeSet<Rc<str>>) -> String {
    if vars.is_empty() {
        "always".into()
    } else {
        let names: Vec<&str> = vars.iter().map(|v| &**v).collect();
        format!("{} unset", names.join(", "))
    }
}
