//! The pipeline: discover, load (parse and resolve), plan what is linted and as what (keeping
//! what the passed files concern), evaluate and run the rules on each unit under each of its
//! environments. (`suppress` then drops the suppressed findings.)

mod deployment_findings;
mod deployment_lines;
pub mod deployments;
mod extensions;
pub mod matrix;
mod plan;
mod probes;
mod secret_values;
pub(crate) mod shape;

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::dependencies::Dependencies;
use crate::dependencies::{self, DjangoDefaults};
use crate::deploy::Process;
use crate::diagnostic::{Diagnostic, DiagnosticKind, Location};
use crate::discover::{self, Discovery, display_path};
use crate::eval::{self, Scenario};
use crate::exclude::Excludes;
use crate::finding::{Environment, Finding, LintedModule};
use crate::profile::Profile;
use crate::resolve::Project;
use crate::rules::context::{Context, DeploymentEnv, Evaluations, VariantEnv, VariantVar};
use crate::rules::registry::{RuleMeta, Severity};
use crate::rules::{self, django_versions};
use crate::source::{FileId, Span};
use crate::targets::Targets;

use deployment_lines::{deployment_files, deployment_sources, one_per_deployment_line};

/// Django's defaults for the settings the rules read, as Python source (the newest release's;
/// `django_versions` turns them into an older release's).
const DJANGO_DEFAULTS: &str = include_str!("../rules/django_defaults.py");

pub struct Options {
    pub paths: Vec<PathBuf>,
    /// Lint exactly these dotted modules instead of discovering them.
    pub settings: Vec<String>,
    /// The profile of `settings` modules.
    pub profile: Option<Profile>,
    pub env: BTreeMap<String, String>,
    pub rules: Vec<&'static RuleMeta>,
    pub profiles: BTreeMap<String, Profile>,
    pub report_development: bool,
    pub strict_staging: bool,
    pub excludes: Excludes,
    /// Drop passed paths that match an exclude too (pre-commit passes files one by one).
    pub force_exclude: bool,
}

pub struct Outcome {
    pub project: Project,
    pub modules: Vec<LintedModule>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// The rules the lint ran with, in id order (SARIF lists them all, with stable indices).
    pub rules: Vec<&'static RuleMeta>,
    /// The Django release whose defaults settings that are never assigned get.
    pub django: DjangoDefaults,
}

/// What `paths` name, discovered: the targets (folders and passed files), what discovery found
/// there, a project on the import roots found, and the folder output paths are relative to.
pub fn open_project(
    paths: &[PathBuf],
    excludes: &Excludes,
    force_exclude: bool,
) -> Result<(Targets, Discovery, Project, PathBuf), String> {
    let paths = paths
        .iter()
        .map(|p| {
            p.canonicalize()
                .map_err(|e| format!("{}: {e}", p.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let display_root = match paths.as_slice() {
        [only] if only.is_dir() => only.clone(),
        _ => std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| e.to_string())?,
    };
    let targets = Targets::new(&paths, excludes, force_exclude);
    let mut discovery =
        discover::discover(targets.roots(), targets.files(), excludes, &display_root);
    // The project holds the only reference, so that it can forget the listings when planning
    // is done (see `Project::forget_walked_listings`).
    let index = std::mem::take(&mut discovery.index);
    let mut project =
        Project::with_index(discovery.import_roots.clone(), display_root.clone(), index);
    project.add_copies(&discovery.copies);
    project.add_mounts(
        discovery
            .deployments
            .iter()
            .flat_map(|d| &d.mounts)
            .filter_map(|mount| {
                Some(crate::resolve::MountedFile {
                    path: mount.repository_path.clone()?,
                    marker: crate::deploy::mounts::marker(mount),
                    source: mount.origin.file.clone(),
                    text: mount.text.clone(),
                })
            }),
    );
    project.add_left_out(
        discovery
            .deployments
            .iter()
            .filter_map(|d| d.left_out.as_ref()),
    );
    Ok((targets, discovery, project, display_root))
}

pub fn lint(options: &Options) -> Result<Outcome, String> {
    let (targets, discovery, mut project, display_root) =
        open_project(&options.paths, &options.excludes, options.force_exclude)?;
    crate::stats::phase("discovery");
    // Problems reading the project, reported below for the part of it that gets linted.
    let mut reading: Vec<Diagnostic> = discovery.diagnostics.clone();
    let deployment_sources = deployment_sources(&discovery, &mut project);
    let mut plan = if options.settings.is_empty() {
        plan::plan(&mut project, &discovery)
    } else {
        named_plan(&mut project, &options.settings, options.profile)?
    };
    crate::stats::phase("plan");
    // Planning is done with the walk's listings; what is asked from here on is listed again.
    project.forget_walked_listings();
    crate::memory::release_free_pages();
    reading.extend(plan.diagnostics.iter().cloned());
    let dependencies = dependencies::load(&mut project, &discovery.dependency_files);
    let defaults_source =
        django_versions::defaults_source(DJANGO_DEFAULTS, dependencies.django.release);
    let defaults_module = project.load_text("<django global_settings>", &defaults_source);
    let fallback_findings = deployment_findings::check(&mut project, &plan, options, &targets);
    let closure_files = |project: &Project, unit: &plan::Unit| -> Vec<PathBuf> {
        project
            .import_closure(unit.settings.module)
            .into_iter()
            .map(|m| project.sources.get(project.modules[m].file).path.clone())
            .collect()
    };
    let mut linted_files: HashSet<PathBuf> = HashSet::new();
    // The units are taken from the plan, each batch dropped once linted.
    let planned_none = plan.units.is_empty();
    let mut units: VecDeque<plan::Unit> = VecDeque::new();
    for unit in std::mem::take(&mut plan.units) {
        let closure = closure_files(&project, &unit);
        let borrowed: Vec<&Path> = closure.iter().map(PathBuf::as_path).collect();
        if targets.selects(&borrowed) {
            linted_files.extend(closure);
            units.push_back(unit);
        }
    }

    let mut diagnostics: BTreeSet<Diagnostic> = BTreeSet::new();
    let mut modules = Vec::new();
    let mut findings = fallback_findings;
    let mut dotenv_loaded: Vec<deployment_findings::LoadedDotenv> = Vec::new();
    // In batches, the syntax trees parsed for one batch dropped before the next, and the texts
    // it inflated deflated again: memory stays that of a batch however large the repository
    // (issue 11). What a batch lints is made for it, not for every unit up front.
    while !units.is_empty() {
        let batch: Vec<plan::Unit> = units.drain(..LINT_BATCH.min(units.len())).collect();
        project.release_trees();
        project.sources.release_texts(FileId(0));
        // What the last batch (or planning, and the walk's listings) freed goes back to the
        // system before this batch's threads allocate from arenas of their own.
        crate::memory::release_free_pages();
        let mut work = Vec::with_capacity(batch.len());
        for unit in &batch {
            let variants: Vec<Variant> = unit
                .variants
                .iter()
                .map(|v| variant(options, &unit.name, v, &deployment_sources, &display_root))
                .collect();
            let shown = variants
                .iter()
                .max_by_key(|v| v.profile)
                .expect("a unit has its unset variant");
            let reported = options.report_development
                || variants.iter().any(|v| v.profile != Profile::Development);
            modules.push(LintedModule {
                module: unit.name.clone(),
                profile: shown.profile,
                profile_reason: shown.reason.clone(),
                file: project
                    .sources
                    .get(project.modules[unit.settings.module].file)
                    .display
                    .clone(),
                reported,
            });
            work.push(Work {
                settings: unit.settings.clone(),
                name: unit.name.clone(),
                deployments: deployments_of(unit, &display_root),
                variants,
            });
        }
        let shared = Shared {
            project: &project,
            defaults_module,
            dependencies: &dependencies,
            options,
        };
        for (found, problems, loaded) in
            crate::parallel::chunks(&work, |part| lint_part(&shared, part))
        {
            findings.extend(found);
            diagnostics.extend(problems);
            dotenv_loaded.extend(loaded);
        }
    }
    project.release_trees();
    crate::memory::release_free_pages();
    crate::stats::phase("lint");
    let linted_files: HashSet<&Path> = linted_files.iter().map(PathBuf::as_path).collect();
    diagnostics.extend(
        reading
            .iter()
            .chain(&project.diagnostics)
            .filter(|d| {
                let file = match &d.location {
                    Location::Span(span) => project.sources.get(span.file).path.clone(),
                    Location::Path { file, .. } => display_root.join(file),
                };
                targets.covers(&file, &linted_files)
            })
            .cloned(),
    );
    findings.extend(deployment_findings::dotenv_secrets(
        &mut project,
        dotenv_loaded,
        options,
        &targets,
    ));
    // Passed files that no settings module reads are not a problem: pre-commit passes every
    // changed Python file.
    if planned_none && !targets.triggered() {
        let shown: Vec<String> = options
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        diagnostics.insert(Diagnostic::in_file(
            DiagnosticKind::NoSettings,
            shown.join(" "),
            None,
            "no Django settings module found: no settings.py, no settings/ package, and no DJANGO_SETTINGS_MODULE naming one",
        ));
    }

    let deployment_files = deployment_files(&discovery);
    let findings = one_per_deployment_line(findings, &project, &modules, &deployment_files);
    let mut findings = findings;
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                project.sources.get(f.span.file).display.clone(),
                f.span.start,
                f.rule.id.clone(),
                f.module.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let mut diagnostics: Vec<Diagnostic> = diagnostics.into_iter().collect();
    diagnostics.sort_by_cached_key(|d| {
        let (file, line) = d.file_and_line(&project.sources);
        (file, line, d.message.clone())
    });
    Ok(Outcome {
        project,
        modules,
        findings,
        diagnostics,
        rules: options.rules.clone(),
        django: dependencies.django,
    })
}

/// An environment a unit is linted under, as the rules see it.
#[derive(Clone)]
struct Variant {
    label: String,
    /// `None` for every variable unset.
    environment: Option<Environment>,
    profile: Profile,
    reason: String,
    env: VariantEnv,
    /// Whether the process answers HTTP requests: false for a deployment running a worker or a
    /// management command, where rules about requests do not apply.
    serves_http: bool,
}

/// One settings module (or class) to run the rules on, under each of its environments.
struct Work {
    settings: eval::Settings,
    name: String,
    /// The environments of the deployments that run it, for notes.
    deployments: Vec<DeploymentEnv>,
    variants: Vec<Variant>,
}

/// What every module's lint reads.
struct Shared<'a> {
    project: &'a Project,
    defaults_module: usize,
    dependencies: &'a Dependencies,
    options: &'a Options,
}

/// Runs the enabled rules on some settings modules, on one thread. Values are reference-counted,
/// so they stay on the thread that made them: each thread evaluates Django's defaults once.
fn lint_part(shared: &Shared, part: &[Work]) -> Vec<Linted> {
    let defaults = eval::evaluate(
        shared.project,
        &eval::Settings::module(shared.defaults_module),
        &Scenario::default(),
    )
    .namespace;
    let modules = eval::ModuleCache::default();
    part.iter()
        .map(|work| lint_one(shared, &defaults, &modules, work))
        .collect()
}

/// Runs the enabled rules on one settings module under each environment that matters: its
/// variants, and the environment names its code compares variables with
/// (`DJANGO_ENV == 'production'`). A finding that several environments share is reported once,
/// for the most exposed of them.
/// What linting one unit gives: its findings, its diagnostics, and the committed dotenv files
/// its settings load where they are deployed (reported once for all units, at their lines).
type Linted = (
    Vec<Finding>,
    Vec<Diagnostic>,
    Vec<deployment_findings::LoadedDotenv>,
);

fn lint_one(
    shared: &Shared,
    defaults: &eval::Namespace,
    modules: &eval::ModuleCache,
    work: &Work,
) -> Linted {
    let options = shared.options;
    let evaluations = Evaluations::default();
    let cached = Cached {
        evaluations: &evaluations,
        modules,
    };
    let unset = variant_context(shared, defaults, work, &work.variants[0], cached);
    let probed = probes::probed_of(options, work, &unset);
    let mut found: BTreeMap<(Span, String), Finding> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut dotenv = Vec::new();
    for variant in work.variants.iter().chain(&probed) {
        if variant.profile == Profile::Development && !options.report_development {
            continue;
        }
        let owned = (!variant.env.is_empty())
            .then(|| variant_context(shared, defaults, work, variant, cached));
        let ctx = owned.as_ref().unwrap_or(&unset);
        dotenv.extend(deployment_findings::dotenv_loaded(
            &ctx.baseline(),
            &work.name,
            variant.profile,
        ));
        for finding in findings_in(shared, work, variant, ctx) {
            let key = (finding.span, finding.rule.id.clone());
            match found.get(&key) {
                Some(kept) if kept.profile >= finding.profile => {}
                _ => {
                    found.insert(key, finding);
                }
            }
        }
        if let Some(owned) = owned {
            diagnostics.extend(owned.into_diagnostics());
        }
    }
    diagnostics.extend(unset.into_diagnostics());
    (found.into_values().collect(), diagnostics, dotenv)
}

/// What the enabled rules find in one unit under one of its environments (`ctx` is that
/// environment's), every finding kept: `lint_one` keeps one per span and rule across
/// environments, `djsafe deployments --matrix` shows each environment's.
fn findings_in(shared: &Shared, work: &Work, variant: &Variant, ctx: &Context) -> Vec<Finding> {
    let options = shared.options;
    let mut found = Vec::new();
    for rule in &options.rules {
        if rules::DEPLOYMENT_RULES.contains(&rule.id.as_str())
            || rule.http && !variant.serves_http
            || rules::silenced::silenced_check(rule, ctx).is_some()
        {
            continue;
        }
        let Some(mut draft) = rules::check_for(&rule.id).and_then(|check| check(ctx)) else {
            continue;
        };
        draft.notes.extend(rules::silenced::unknown_note(rule, ctx));
        found.push(Finding {
            rule,
            module: work.name.clone(),
            profile: variant.profile,
            severity: severity(rule, variant.profile, options.strict_staging),
            chain: ctx.baseline().chain_to(draft.span.file),
            span: draft.span,
            message: draft.message,
            scenario: draft.scenario,
            environment: variant.environment.clone(),
            notes: draft.notes,
            setting: draft.setting,
            fix: draft
                .fix
                .filter(|_| !shared.project.is_mounted_file(draft.span.file)),
        });
    }
    found
}

/// The evaluations a unit's contexts share: the unit's own, and the modules other units on the
/// same thread evaluated.
#[derive(Clone, Copy)]
struct Cached<'a> {
    evaluations: &'a Evaluations,
    modules: &'a eval::ModuleCache,
}

fn variant_context<'a>(
    shared: &'a Shared,
    defaults: &'a eval::Namespace,
    work: &'a Work,
    variant: &'a Variant,
    cached: Cached<'a>,
) -> Context<'a> {
    Context::new(
        shared.project,
        work.settings.clone(),
        variant.profile,
        &work.deployments,
        defaults,
        &shared.options.env,
    )
    .with_variant(&variant.label, &variant.env)
    .with_dependencies(shared.dependencies)
    .with_evaluations(cached.evaluations)
    .with_module_cache(cached.modules)
}

/// Environments the module's own code names: each literal it compares a variable with that names
/// a deployment (`DJANGO_ENV == 'production'`, `case 'staging':`) is evaluated as that
/// deployment, unless a deployment already sets the variable to it.
/// Settings modules linted between two releases of the syntax trees: 32 holds 5 MiB less at
/// the peak than 64 on the 2,000-project benchmark for 2% more parses (shared bases parsed again
/// in the next batch).
const LINT_BATCH: usize = 32;

/// Staging is deployed but less exposed, so its findings are one level lower unless configured.
pub(super) fn severity(rule: &RuleMeta, profile: Profile, strict_staging: bool) -> Severity {
    match profile {
        Profile::Production => rule.severity,
        Profile::Staging if strict_staging => rule.severity,
        Profile::Staging => rule.severity.min(Severity::Warning),
        Profile::Development => Severity::Note,
    }
}

/// The modules named with `--settings`, each with its variables unset, as `--profile` says
/// (production by default).
fn named_plan<'d>(
    project: &mut Project,
    names: &[String],
    profile: Option<Profile>,
) -> Result<plan::Plan<'d>, String> {
    let units = names
        .iter()
        .map(|name| {
            // `module:Class` names a django-configurations class in the module, as in `explain`.
            let (module_name, class) = match name.split_once(':') {
                Some((module, class)) => (module, Some(class.to_string())),
                None => (name.as_str(), None),
            };
            let module = load_named(project, module_name)?;
            if let Some(class) = &class
                && !plan::configuration_classes(project, module)
                    .iter()
                    .any(|(name, _)| name == class)
            {
                return Err(format!(
                    "`{module_name}` defines no django-configurations class `{class}`"
                ));
            }
            Ok(plan::Unit {
                settings: eval::Settings {
                    module,
                    class: class.clone(),
                },
                name: match &class {
                    Some(class) => format!("{}:{class}", project.modules[module].name),
                    None => project.modules[module].name.clone(),
                },
                variants: vec![plan::Variant::unset(
                    profile.unwrap_or(Profile::Production),
                    match profile {
                        Some(_) => "set with --profile".into(),
                        None => "named with --settings".into(),
                    },
                )],
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(plan::Plan {
        units,
        resolved: Vec::new(),
        development_fallbacks: Vec::new(),
        diagnostics: Vec::new(),
    })
}

/// Loads a settings module by dotted name, or says why it cannot be.
pub fn load_named(project: &mut Project, name: &str) -> Result<usize, String> {
    let path = project.find_module_file(name).ok_or_else(|| {
        format!("settings module `{name}` not found under the import roots of the given paths")
    })?;
    project.load(&path).ok_or_else(|| {
        format!(
            "settings module `{name}` ({}) could not be read",
            path.display()
        )
    })
}

/// A variant as a rule context sees it: its variables with the source lines that set them, and
/// its profile after the djsafe configuration's.
fn variant(
    options: &Options,
    unit: &str,
    variant: &plan::Variant,
    sources: &BTreeMap<PathBuf, FileId>,
    display_root: &Path,
) -> Variant {
    let (profile, reason) = match options.profiles.get(unit) {
        Some(profile) => (*profile, "set in the djsafe configuration".to_string()),
        None => (variant.profile, variant.reason.clone()),
    };
    let env = variant
        .env
        .iter()
        .map(|(name, setting)| {
            let var = VariantVar {
                value: setting.value.clone(),
                file: setting
                    .origin
                    .as_ref()
                    .map(|o| display_path(&o.file, display_root)),
                line: setting.origin.as_ref().map_or(0, |o| o.line),
                source: setting
                    .origin
                    .as_ref()
                    .and_then(|o| sources.get(&o.file).copied()),
            };
            (name.clone(), var)
        })
        .collect();
    let serves_http = !variant.deployment.is_some_and(|d| {
        matches!(
            d.command.as_ref().map(|c| &c.process),
            Some(Process::Worker(_) | Process::Management(_))
        )
    });
    Variant {
        serves_http,
        label: variant.label.clone(),
        environment: variant
            .deployment
            .map(|_| Environment::Deployment(variant.label.clone())),
        profile,
        reason,
        env,
    }
}

/// The environment of each deployment that runs the unit, for notes on findings about what
/// they set.
fn deployments_of(unit: &plan::Unit, display_root: &Path) -> Vec<DeploymentEnv> {
    let mut result: Vec<DeploymentEnv> = Vec::new();
    for deployment in unit.variants.iter().filter_map(|v| v.deployment) {
        let file = display_path(&deployment.origin.file, display_root);
        if result.iter().any(|d| d.file == file) {
            continue;
        }
        let vars = deployment
            .env
            .iter()
            .filter_map(|(key, var)| {
                let value = var.value.literal()?;
                Some((key.clone(), (value.to_string(), var.origin.line)))
            })
            .collect();
        result.push(DeploymentEnv { file, vars });
    }
    result
}
