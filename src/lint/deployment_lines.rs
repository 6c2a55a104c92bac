//! The lines of deployment files among the findings: deployment files join the source map so
//! findings can point into them, and a line of one is one problem whichever settings module or
//! deployment check found it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::discover::{self, Discovery};
use crate::finding::Finding;
use crate::resolve::Project;
use crate::source::{FileId, Span};

use super::LintedModule;

/// Deployment files join the source map, so findings can point at the line that sets a
/// variable: the deployment's own file, and those its variables come from (a compose service's
/// `env_file`, the Dockerfile it builds).
pub(super) fn deployment_sources(
    discovery: &Discovery,
    project: &mut Project,
) -> BTreeMap<PathBuf, FileId> {
    discovery
        .deployments
        .iter()
        .filter(|d| d.kind != crate::deploy::SourceKind::EntryPoint)
        .flat_map(|d| std::iter::once(&d.origin.file).chain(d.env.values().map(|v| &v.origin.file)))
        .collect::<BTreeSet<&PathBuf>>()
        .into_iter()
        .filter_map(|file| Some((file.clone(), project.load_text_file(file)?)))
        .collect()
}

/// A line of a deployment file (not a settings module) is one problem whichever settings module
/// or deployment check found it: a literal SECRET_KEY in a Dockerfile that several modules read
/// is reported once, preferring the finding made while linting a module (it says which setting
/// reads it), then the most severe.
pub(super) fn one_per_deployment_line(
    findings: Vec<Finding>,
    project: &Project,
    modules: &[LintedModule],
    deployment_files: &HashSet<&Path>,
) -> Vec<Finding> {
    let outside_deployment_files =
        |f: &Finding| !deployment_files.contains(project.sources.get(f.span.file).path.as_path());
    let linted = |f: &Finding| modules.iter().any(|m| m.module == f.module);
    let mut best: BTreeMap<(Span, String), usize> = BTreeMap::new();
    for (index, finding) in findings.iter().enumerate() {
        if outside_deployment_files(finding) {
            continue;
        }
        let key = (finding.span, finding.rule.id.clone());
        let better = match best.get(&key) {
            None => true,
            Some(&kept) => {
                let rank = |f: &Finding| (linted(f), f.severity);
                rank(finding) > rank(&findings[kept])
            }
        };
        if better {
            best.insert(key, index);
        }
    }
    let findings = findings
        .into_iter()
        .enumerate()
        .filter(|(index, f)| {
            outside_deployment_files(f) || best.get(&(f.span, f.rule.id.clone())) == Some(index)
        })
        .map(|(_, f)| f)
        .collect();
    key_not_credential(findings, project, deployment_files)
}

/// A literal Django key the settings read from a deployment's variable (`DD_SECRET_KEY`) is
/// DJS003 at that line; the credential rule (DJS033), which knows only the variable's name, would
/// say the same of the same line.
pub(super) fn key_not_credential(
    findings: Vec<Finding>,
    project: &Project,
    deployment_files: &HashSet<&Path>,
) -> Vec<Finding> {
    let in_deployment_file =
        |f: &Finding| deployment_files.contains(project.sources.get(f.span.file).path.as_path());
    let key_lines: HashSet<Span> = findings
        .iter()
        .filter(|f| f.rule.id == "DJS003" && in_deployment_file(f))
        .map(|f| f.span)
        .collect();
    findings
        .into_iter()
        .filter(|f| {
            !(f.rule.id == "DJS033" && key_lines.contains(&f.span) && in_deployment_file(f))
        })
        .collect()
}

/// The files deployments are described in, and those their environments come from.
pub(super) fn deployment_files(discovery: &discover::Discovery) -> HashSet<&Path> {
    discovery
        .deployments
        .iter()
        .flat_map(|d| {
            std::iter::once(d.origin.file.as_path())
                .chain(d.env.values().map(|v| v.origin.file.as_path()))
        })
        .collect()
}
