//! DJS048 unused-noqa, as ruff's RUF100: a `# noqa` or `# djsafe: noqa-file` code that silences
//! nothing. Only what djsafe can judge is reported: codes of rules that ran (a code for a rule
//! left out with `--select` or `--ignore` may be needed when it runs), codes that look like
//! djsafe's but name no rule (`DJS999`), in the files of the modules it reported on. Other tools'
//! codes (`E501`) and bare `# noqa` comments, which flake8 and ruff read too, are never reported.
//! A directive that names DJS048 itself is not reported.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{FileDirectives, Use};
use crate::finding::Finding;
use crate::lint::Outcome;
use crate::rules::registry;
use crate::source::{FileId, Span};

pub const RULE: &str = crate::rules::AFTER_SUPPRESSION[0];

pub fn findings<'p>(
    outcome: &'p Outcome,
    files: &mut HashMap<FileId, FileDirectives<'p>>,
    used: &HashSet<Use>,
) -> Vec<Finding> {
    let project = &outcome.project;
    let Some(rule) = registry::find(RULE) else {
        return Vec::new();
    };
    // Each file, with the first reported module whose import closure holds it.
    let mut owners: BTreeMap<FileId, usize> = BTreeMap::new();
    let reported: Vec<usize> = (0..outcome.modules.len())
        .filter(|&i| outcome.modules[i].reported)
        .collect();
    let Some(&first) = reported.first() else {
        return Vec::new();
    };
    // The first module of each name, and of each file.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_file: HashMap<FileId, usize> = HashMap::new();
    for (index, module) in project.modules.iter().enumerate() {
        by_name.entry(module.name.as_str()).or_insert(index);
        by_file.entry(module.file).or_insert(index);
    }
    for &i in &reported {
        let linted = &outcome.modules[i];
        let name = linted.module.split(':').next().unwrap_or(&linted.module);
        let Some(&index) = by_name.get(name) else {
            continue;
        };
        for module in project.import_closure(index) {
            owners.entry(project.modules[module].file).or_insert(i);
        }
    }
    // Requirements and deployment files: every module reads them. A file loaded twice is one.
    let canonical = super::canonical(project);
    for file in project.sources.ids() {
        if canonical[&file] == file && !by_file.contains_key(&file) {
            owners.entry(file).or_insert(first);
        }
    }
    let mut found = Vec::new();
    for (&file, &owner) in &owners {
        let directives = files.entry(file).or_insert_with(|| {
            FileDirectives::read_module(project, file, by_file.get(&file).copied(), false)
        });
        for (i, directive) in directives.directives.iter().enumerate() {
            if directive.is_bare() {
                continue;
            }
            let mut unused = Vec::new();
            let mut unknown = Vec::new();
            let mut exempt = false;
            for (c, code) in directive.codes.iter().enumerate() {
                match registry::find(&code.text) {
                    Some(meta) if meta.id == RULE => exempt = true,
                    Some(meta)
                        if outcome.rules.iter().any(|r| r.id == meta.id)
                            && !used.contains(&(file, i, Some(c))) =>
                    {
                        unused.push(code.text.clone());
                    }
                    Some(_) => {}
                    None if code.text.to_ascii_uppercase().starts_with("DJS") => {
                        unknown.push(code.text.clone())
                    }
                    None => {}
                }
            }
            if exempt || (unused.is_empty() && unknown.is_empty()) {
                continue;
            }
            let (form, place) = if directive.file_level {
                ("`djsafe: noqa-file`", "in this file")
            } else {
                ("`noqa`", "on this line")
            };
            let mut parts = Vec::new();
            if !unused.is_empty() {
                let verb = if unused.len() == 1 {
                    "silences"
                } else {
                    "silence"
                };
                parts.push(format!("{} {verb} nothing {place}", unused.join(", ")));
            }
            if !unknown.is_empty() {
                let verb = if unknown.len() == 1 {
                    "is not a djsafe rule"
                } else {
                    "are not djsafe rules"
                };
                parts.push(format!("{} {verb}", unknown.join(", ")));
            }
            let linted = &outcome.modules[owner];
            found.push(Finding {
                rule,
                module: linted.module.clone(),
                profile: linted.profile,
                severity: rule.severity,
                span: Span {
                    file,
                    start: directive.start,
                    end: directive.codes_end,
                },
                message: format!("unused {form} directive: {}", parts.join("; ")),
                scenario: "always".into(),
                environment: None,
                chain: Vec::new(),
                notes: Vec::new(),
                setting: None,
                fix: None,
            });
        }
    }
    found
}
