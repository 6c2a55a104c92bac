//! Which spellings of a variable an evaluation cannot tell apart (issue 11's "evaluate less").
//! The rules probe a variable with a dozen spellings (`'False'`, `'false'`, `'0'`, `'off'`...),
//! and each spelling is a scenario of its own, evaluated whole. But an evaluation depends on the
//! scenario only through what its reads of the environment gave: when every read of `DEBUG` was
//! a boolean cast (`env.bool('DEBUG')`, `config('DEBUG', cast=bool)`, `values.BooleanValue`) and
//! the cast gives the same result for two spellings, importing the settings under one spelling
//! runs exactly as under the other, step for step, and gives the same evaluation. So each read
//! records, for every spelling, what it would give (a table); a variable read in any other way
//! (`os.getenv('DEBUG') == 'True'`, where the text itself flows on) is opaque and its spellings
//! are never confused. Nothing is approximated: a reused evaluation is one whose every input is
//! identical.

use std::collections::{BTreeMap, BTreeSet};

/// Values tried for an environment variable a setting reads: the usual spellings of true and
/// false, and the empty string.
pub const PROBES: &[&str] = &[
    "", "0", "1", "False", "false", "FALSE", "True", "true", "no", "off", "yes", "on",
];

/// What one read gives for each spelling of [`PROBES`], as a class: equal classes are equal
/// results (`0` false, `1` true); any other result (an exception, a string) is a class of its
/// own.
pub type Table = [u8; PROBES.len()];

/// The table of a read that casts the text to a boolean with `cast`, `None` for a spelling the
/// cast does not turn into a plain `True` or `False` (a class of its own).
pub(crate) fn bool_table(cast: impl Fn(&str) -> Option<bool>) -> Table {
    let mut table = [0; PROBES.len()];
    for (index, spelling) in PROBES.iter().enumerate() {
        table[index] = match cast(spelling) {
            Some(truth) => u8::from(truth),
            None => 2 + index as u8,
        };
    }
    table
}

/// How an evaluation read each variable it consulted.
#[derive(Clone, Debug, Default)]
pub struct Spellings {
    /// Variables consulted at least once in a way that has no table: the text itself reached
    /// the evaluation.
    pub opaque: BTreeSet<String>,
    /// The tables of the other reads, in the order they ran.
    pub tables: BTreeMap<String, Vec<Table>>,
}

impl Spellings {
    /// Whether an evaluation run with `var` set to `ran` gives the same as with `var` set to
    /// `other`: both are probed spellings and every read of `var` gave the same for both.
    pub fn agree(&self, var: &str, ran: &str, other: &str) -> bool {
        if self.opaque.contains(var) {
            return false;
        }
        let position = |s: &str| PROBES.iter().position(|p| *p == s);
        let (Some(ran), Some(other)) = (position(ran), position(other)) else {
            return false;
        };
        self.tables
            .get(var)
            .is_some_and(|tables| tables.iter().all(|t| t[ran] == t[other]))
    }

    /// Adds the reads of a module evaluated (or reused) inside the run.
    pub fn extend(&mut self, other: Spellings) {
        self.opaque.extend(other.opaque);
        for (var, tables) in other.tables {
            self.tables.entry(var).or_default().extend(tables);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boolean_cast_confuses_only_spellings_it_reads_alike() {
        let mut spellings = Spellings::default();
        spellings.tables.insert(
            "DEBUG".into(),
            vec![bool_table(|s| match s {
                "1" | "True" | "true" | "yes" | "on" => Some(true),
                "" => None,
                _ => Some(false),
            })],
        );
        assert!(spellings.agree("DEBUG", "False", "off"));
        assert!(spellings.agree("DEBUG", "1", "on"));
        assert!(!spellings.agree("DEBUG", "False", "True"));
        // A spelling the cast rejects is like no other.
        assert!(!spellings.agree("DEBUG", "", "False"));
        assert!(spellings.agree("DEBUG", "", ""));
        // Not a probed spelling, or not read through a table.
        assert!(!spellings.agree("DEBUG", "False", "nope"));
        assert!(!spellings.agree("OTHER", "False", "off"));
        spellings.opaque.insert("DEBUG".into());
        assert!(!spellings.agree("DEBUG", "False", "off"));
    }

    #[test]
    fn every_read_must_agree() {
        let mut spellings = Spellings::default();
        let truthy = bool_table(|s| Some(matches!(s, "1" | "True" | "true" | "yes" | "on")));
        let text = bool_table(|_| None);
        spellings.tables.insert("DEBUG".into(), vec![truthy, text]);
        assert!(!spellings.agree("DEBUG", "False", "off"));
    }
}
