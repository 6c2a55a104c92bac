//! `djsafe deployments --matrix`: what each deployment ends up with, side by side. One column
//! per environment a settings unit runs in (every variable unset, each deployment that runs it,
//! each environment name its code compares with), one row per security-relevant setting, each
//! cell the value under that environment and the rules that fire there.
//!
//! Everything comes from the lint's own machinery: the plan's units and deployments, the same
//! rule contexts, the same rules, the same suppressions. Only the de-duplication differs:
//! `djsafe check` reports a finding once for the most exposed environment it holds in, the
//! matrix shows every environment's.

mod cells;
mod rows;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::dependencies;
use crate::deploy::{Deployment, Process, Role};
use crate::discover::display_path;
use crate::eval::{self, Scenario};
use crate::finding::{Environment, Finding, LintedModule};
use crate::profile::Profile;
use crate::rules::django_versions;
use crate::source::FileId;
use crate::suppress::per_file::PerFileIgnores;

use super::plan::{self, Resolved, deployment_label};
use super::{Options, Outcome, Shared, Variant, Work};

pub use rows::OTHER_ROW;

/// The whole table, in the shape `--output-format json` writes.
#[derive(Serialize)]
pub struct Matrix {
    pub version: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Deployments that are no column: build steps, test configuration, and deployments whose
    /// settings djsafe cannot tell.
    pub other_deployments: Vec<OtherDeployment>,
    /// Settings modules djsafe lints that no column shows: development settings no deployment
    /// runs.
    pub other_settings: Vec<OtherSettings>,
}

/// One environment a settings unit is evaluated in.
#[derive(Serialize, Clone)]
pub struct Column {
    /// 1-based, as the text legend numbers it.
    pub column: usize,
    /// The settings module (`mysite.settings.production`) or class (`mysite.settings:Prod`).
    pub settings: String,
    /// `variables unset`, the deployment's label (`docker-compose.yml:8 (web)`) or the probed
    /// value (`DJANGO_ENV='production'`).
    pub environment: String,
    pub kind: ColumnKind,
    /// The file and line that describe the deployment, for a deployment's column.
    pub source: Option<String>,
    pub line: Option<usize>,
    /// What the deployment runs, for a deployment's column.
    pub command: Option<String>,
    pub profile: Profile,
    pub profile_reason: String,
    /// Whether the rules run here: development environments are evaluated but, as in
    /// `djsafe check`, not checked unless the configuration reports development.
    pub checked: bool,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// Every environment variable unset: what runs when nothing sets them.
    Unset,
    /// A deployment's environment.
    Deployment,
    /// A value the settings compare a variable with, which no deployment file sets.
    Probed,
}

#[derive(Serialize)]
pub struct Row {
    /// The setting shown (`DEBUG`), or `other findings`.
    pub row: &'static str,
    /// The settings read for it, in order of preference (a legacy name second).
    pub settings: &'static [&'static str],
    /// The rules whose findings mark its cells (empty for `other findings`: every rule no other
    /// row takes).
    pub rules: &'static [&'static str],
    /// One per column, in column order.
    pub cells: Vec<Cell>,
}

#[derive(Serialize, Clone, Default)]
pub struct Cell {
    /// What the text table shows (for SECRET_KEY, where the key comes from).
    pub text: String,
    /// Python's repr of the value, `null` when the row is not a value (`other findings`) or
    /// nothing sets it.
    pub value: Option<String>,
    /// Whether every part of the value is known.
    pub known: bool,
    /// Whether the settings assign it (false: Django's default, or not set at all).
    pub assigned: bool,
    /// Why the value (or part of it) is unknown.
    pub reason: Option<String>,
    /// The findings of `djsafe check` about this setting in this environment.
    pub findings: Vec<Mark>,
}

#[derive(Serialize, Clone)]
pub struct Mark {
    pub rule: String,
    pub name: String,
    pub severity: String,
    pub file: String,
    pub line: usize,
}

#[derive(Serialize)]
pub struct OtherDeployment {
    pub source: String,
    pub line: usize,
    pub name: Option<String>,
    pub why: String,
}

#[derive(Serialize)]
pub struct OtherSettings {
    pub settings: String,
    pub profile: Profile,
    pub profile_reason: String,
}

/// Builds the matrix of the repositories `options.paths` name, as `djsafe check` lints them.
pub fn build(options: &Options, per_file_ignores: &PerFileIgnores) -> Result<Matrix, String> {
    let (targets, discovery, mut project, display_root) =
        super::open_project(&options.paths, &options.excludes, options.force_exclude)?;
    let deployment_sources = super::deployment_lines::deployment_sources(&discovery, &mut project);
    let plan = plan::plan(&mut project, &discovery);
    let dependencies = dependencies::load(&mut project, &discovery.dependency_files);
    let defaults_source =
        django_versions::defaults_source(super::DJANGO_DEFAULTS, dependencies.django.release);
    let defaults_module = project.load_text("<django global_settings>", &defaults_source);
    let deployment_findings =
        super::deployment_findings::check(&mut project, &plan, options, &targets);

    let mut other_deployments = Vec::new();
    let mut work = Vec::new();
    let mut other_settings = Vec::new();
    for unit in &plan.units {
        let runs: Vec<&Resolved> = plan
            .resolved
            .iter()
            .filter(|r| r.module == Some(unit.settings.module) && r.class == unit.settings.class)
            .filter(|r| r.deployment.role == Role::Runs && r.profile.is_some())
            .filter(|r| runs_django(r.deployment))
            .collect();
        let variants: Vec<Variant> = unit
            .variants
            .iter()
            .map(|v| super::variant(options, &unit.name, v, &deployment_sources, &display_root))
            .collect();
        let reported = options.report_development
            || variants.iter().any(|v| v.profile != Profile::Development);
        if !reported && runs.is_empty() {
            other_settings.push(OtherSettings {
                settings: unit.name.clone(),
                profile: variants[0].profile,
                profile_reason: variants[0].reason.clone(),
            });
            continue;
        }
        let mut deployments: Vec<DeploymentColumn> = runs
            .iter()
            .map(|resolved| DeploymentColumn {
                variant: deployment_variant(
                    options,
                    unit,
                    resolved,
                    &deployment_sources,
                    &display_root,
                ),
                source: display_path(&resolved.deployment.origin.file, &display_root),
                line: resolved.deployment.origin.line,
                name: resolved.deployment.name.clone(),
                command: resolved.deployment.command.as_ref().map(|c| c.text.clone()),
            })
            .collect();
        deployments.sort_by(|a, b| (&a.source, a.line, &a.name).cmp(&(&b.source, b.line, &b.name)));
        work.push(MatrixWork {
            work: Work {
                settings: unit.settings.clone(),
                name: unit.name.clone(),
                deployments: super::deployments_of(unit, &display_root),
                variants,
            },
            deployments,
        });
    }
    for resolved in &plan.resolved {
        if let Some(why) = not_a_column(resolved, &plan) {
            other_deployments.push(OtherDeployment {
                source: display_path(&resolved.deployment.origin.file, &display_root),
                line: resolved.deployment.origin.line,
                name: resolved.deployment.name.clone(),
                why,
            });
        }
    }
    other_deployments
        .sort_by(|a, b| (&a.source, a.line, &a.name).cmp(&(&b.source, b.line, &b.name)));

    let shared = Shared {
        project: &project,
        defaults_module,
        dependencies: &dependencies,
        options,
    };
    let evaluated: Vec<Evaluated> =
        crate::parallel::chunks(&work, |part| evaluate_part(&shared, part));

    // Suppressions apply as in `djsafe check`: `# noqa` comments, per-file ignores.
    let mut findings: Vec<Finding> = deployment_findings;
    let mut columns = Vec::new();
    let mut values: Vec<Vec<Cell>> = Vec::new();
    let mut dotenv = Vec::new();
    for unit in evaluated {
        for (meta, cells, found) in unit.columns {
            columns.push(meta);
            values.push(cells);
            findings.extend(found);
        }
        dotenv.extend(unit.dotenv);
    }
    findings.extend(super::deployment_findings::dotenv_secrets(
        &mut project,
        dotenv,
        options,
        &targets,
    ));
    let findings = super::deployment_lines::key_not_credential(
        findings,
        &project,
        &super::deployment_lines::deployment_files(&discovery),
    );
    let modules: Vec<LintedModule> = work
        .iter()
        .map(|w| LintedModule {
            module: w.work.name.clone(),
            profile: w.work.variants[0].profile,
            profile_reason: w.work.variants[0].reason.clone(),
            file: project
                .sources
                .get(project.modules[w.work.settings.module].file)
                .display
                .clone(),
            reported: true,
        })
        .collect();
    let mut outcome = Outcome {
        project,
        modules,
        findings,
        diagnostics: Vec::new(),
        rules: options.rules.clone(),
        django: dependencies.django,
    };
    crate::suppress::apply(&mut outcome, per_file_ignores);

    for (index, column) in columns.iter_mut().enumerate() {
        column.column = index + 1;
    }
    let rows = rows::assemble(&columns, values, &outcome);
    Ok(Matrix {
        version: 1,
        columns,
        rows,
        other_deployments,
        other_settings,
    })
}

/// A unit to show, with the deployments that run it.
struct MatrixWork {
    work: Work,
    deployments: Vec<DeploymentColumn>,
}

/// A deployment's environment, where the deployment is described and what it runs.
struct DeploymentColumn {
    variant: Variant,
    source: String,
    line: usize,
    name: Option<String>,
    command: Option<String>,
}

/// A unit's columns: each with its cells (one per row of [`rows::ROWS`]) and its findings.
struct Evaluated {
    columns: Vec<(Column, Vec<Cell>, Vec<Finding>)>,
    /// Committed dotenv files the unit's settings load where they are checked.
    dotenv: Vec<super::deployment_findings::LoadedDotenv>,
}

/// Evaluates some units on one thread (values are reference-counted, so they stay on the thread
/// that made them; what leaves it is text).
fn evaluate_part(shared: &Shared, part: &[MatrixWork]) -> Vec<Evaluated> {
    let defaults = eval::evaluate(
        shared.project,
        &eval::Settings::module(shared.defaults_module),
        &Scenario::default(),
    )
    .namespace;
    let modules = eval::ModuleCache::default();
    part.iter()
        .map(|unit| {
            let work = &unit.work;
            let evaluations = crate::rules::context::Evaluations::default();
            let cached = super::Cached {
                evaluations: &evaluations,
                modules: &modules,
            };
            let unset = super::variant_context(shared, &defaults, work, &work.variants[0], cached);
            let probed = super::probes::probed_of(shared.options, work, &unset);
            let mut environments: Vec<(&Variant, ColumnKind, Option<&DeploymentColumn>)> =
                vec![(&work.variants[0], ColumnKind::Unset, None)];
            environments.extend(
                unit.deployments
                    .iter()
                    .map(|d| (&d.variant, ColumnKind::Deployment, Some(d))),
            );
            environments.extend(probed.iter().map(|v| (v, ColumnKind::Probed, None)));
            let mut dotenv = Vec::new();
            let columns = environments
                .into_iter()
                .map(|(variant, kind, deployment)| {
                    let same_as_unset = kind == ColumnKind::Unset
                        || (variant.env.is_empty() && variant.profile == work.variants[0].profile);
                    let owned = (!same_as_unset)
                        .then(|| super::variant_context(shared, &defaults, work, variant, cached));
                    let ctx = owned.as_ref().unwrap_or(&unset);
                    let checked = variant.profile != Profile::Development
                        || shared.options.report_development;
                    let found = if checked {
                        dotenv.extend(super::deployment_findings::dotenv_loaded(
                            &ctx.baseline(),
                            &work.name,
                            variant.profile,
                        ));
                        super::findings_in(shared, work, variant, ctx)
                    } else {
                        Vec::new()
                    };
                    let cells = rows::ROWS.iter().map(|row| cells::cell(ctx, row)).collect();
                    let column = Column {
                        column: 0,
                        settings: work.name.clone(),
                        environment: variant.label.clone(),
                        kind,
                        source: deployment.map(|d| d.source.clone()),
                        line: deployment.map(|d| d.line),
                        command: deployment.and_then(|d| d.command.clone()),
                        profile: variant.profile,
                        profile_reason: variant.reason.clone(),
                        checked,
                    };
                    (column, cells, found)
                })
                .collect();
            Evaluated { columns, dotenv }
        })
        .collect()
}

/// A deployment's environment as a column: the plan's variant for it, or (the plan folds a
/// deployment that sets nothing but the settings module into the unset variant) one with no
/// variables and the deployment's own profile.
fn deployment_variant(
    options: &Options,
    unit: &plan::Unit,
    resolved: &Resolved,
    sources: &BTreeMap<PathBuf, FileId>,
    display_root: &Path,
) -> Variant {
    let planned = unit.variants.iter().find(|v| {
        v.deployment
            .is_some_and(|d| std::ptr::eq(d, resolved.deployment))
    });
    let classified = resolved
        .profile
        .as_ref()
        .expect("columns are deployments with a profile");
    let folded = plan::Variant {
        deployment: Some(resolved.deployment),
        env: BTreeMap::new(),
        label: deployment_label(resolved.deployment, display_root),
        profile: classified.profile,
        reason: classified.reason.clone(),
    };
    super::variant(
        options,
        &unit.name,
        planned.unwrap_or(&folded),
        sources,
        display_root,
    )
}

fn runs_django(deployment: &Deployment) -> bool {
    !deployment
        .command
        .as_ref()
        .is_some_and(|c| matches!(c.process, Process::NotDjango(_)))
}

/// Why a deployment is no column, or `None` when it is one.
fn not_a_column(resolved: &Resolved, plan: &plan::Plan) -> Option<String> {
    let deployment = resolved.deployment;
    if !runs_django(deployment) {
        return None;
    }
    match deployment.role {
        Role::Fallback => return None,
        Role::Build => return Some("a build step".into()),
        Role::Test => return Some("test configuration".into()),
        Role::Runs => {}
    }
    if resolved.set_elsewhere.is_some() {
        return Some(
            "it must set DJANGO_SETTINGS_MODULE outside the repository: its entry point falls back to development settings".into(),
        );
    }
    let Some(module) = resolved.module else {
        return Some(match &resolved.module_name {
            Some(name) => format!("its settings module `{name}` is not under the import roots"),
            None => "its settings module is not known from the repository".into(),
        });
    };
    let has_unit = plan
        .units
        .iter()
        .any(|u| u.settings.module == module && u.settings.class == resolved.class);
    if !has_unit {
        return Some("its settings module defines no settings".into());
    }
    if resolved.profile.is_none() {
        return Some("djsafe cannot tell what it runs".into());
    }
    None
}

/// The matrix as JSON: `{"version": 1, "columns": [...], "rows": [...], "other_deployments":
/// [...], "other_settings": [...]}` (documented in README.md).
pub fn render_json(matrix: &Matrix) -> String {
    let mut out =
        serde_json::to_string_pretty(matrix).expect("the matrix serializes: strings and numbers");
    out.push('\n');
    out
}

/// Findings by the column they hold in: the unit they are about and the environment.
pub(super) fn column_of(finding: &Finding, columns: &[Column]) -> Option<usize> {
    let environment = match &finding.environment {
        None => plan::UNSET_LABEL,
        Some(Environment::Deployment(label) | Environment::Probed(label)) => label.as_str(),
    };
    let same_unit = |column: &Column| {
        column.settings == finding.module
            || column
                .settings
                .split_once(':')
                .is_some_and(|(module, _)| module == finding.module)
    };
    columns
        .iter()
        .position(|c| same_unit(c) && c.environment == environment)
}

/// Rules a column can never show: the opt-in unused-noqa is about comments, not settings.
pub(super) fn shown_rule(id: &str) -> bool {
    !matches!(id, "DJS048")
}
