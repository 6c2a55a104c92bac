//! The pipeline: discover, load (parse and resolve), pick and classify the settings entry
//! modules (keeping those the passed files concern), evaluate and run the rules on each, drop
//! suppressed findings.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::dependencies::Dependencies;
use crate::dependencies::{self, DjangoDefaults};
use crate::deploy::Deployment;
use crate::diagnostic::{Diagnostic, DiagnosticKind, Location};
use crate::discover::{self, Discovery, display_path};
use crate::eval::{self, Scenario};
use crate::exclude::Excludes;
use crate::finding::{Finding, LintedModule};
use crate::profile::{self, Classified, Profile};
use crate::resolve::Project;
use crate::rules::context::{Context, DeploymentEnv};
use crate::rules::registry::{RuleMeta, Severity};
use crate::rules::{self, django_versions, registry};
use crate::source::FileId;
use crate::suppress;
use crate::targets::Targets;

/// Django's defaults for the settings the rules read, as Python source (the newest release's;
/// `django_versions` turns them into an older release's).
const DJANGO_DEFAULTS: &str = include_str!("rules/django_defaults.py");

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

/// A settings module to lint, with what selects it.
struct Entry<'d> {
    module: usize,
    /// The django-configurations class, when the settings are one.
    class: Option<String>,
    /// The deployments that name it through `DJANGO_SETTINGS_MODULE`.
    references: Vec<&'d Deployment>,
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
    let discovery = discover::discover(targets.roots(), targets.files(), excludes, &display_root);
    let project = Project::new(discovery.import_roots.clone(), display_root.clone());
    Ok((targets, discovery, project, display_root))
}

pub fn lint(options: &Options) -> Result<Outcome, String> {
    let (targets, discovery, mut project, display_root) =
        open_project(&options.paths, &options.excludes, options.force_exclude)?;
    // Problems reading the project, reported below for the part of it that gets linted.
    let mut reading: Vec<Diagnostic> = discovery.diagnostics.clone();
    // Deployment files join the source map, so findings can point at the line that sets a variable.
    let deployment_sources: BTreeMap<PathBuf, FileId> = discovery
        .deployments
        .iter()
        .filter(|d| d.kind != crate::deploy::SourceKind::EntryPoint)
        .filter_map(|d| {
            let file = &d.origin.file;
            Some((file.clone(), project.load_text_file(file)?))
        })
        .collect();
    let mut entries = if options.settings.is_empty() {
        discovered_entries(&mut project, &discovery, &mut reading)
    } else {
        named_entries(&mut project, &options.settings)?
    };
    let dependencies = dependencies::load(&mut project, &discovery.dependency_files);
    let defaults_source =
        django_versions::defaults_source(DJANGO_DEFAULTS, dependencies.django.release);
    let defaults_module = project.load_text("<django global_settings>", &defaults_source);
    let mut linted_files: HashSet<&Path> = HashSet::new();
    entries.retain(|entry| {
        let closure: Vec<&Path> = project
            .import_closure(entry.module)
            .into_iter()
            .map(|m| project.sources.get(project.modules[m].file).path.as_path())
            .collect();
        let selected = targets.selects(&closure);
        if selected {
            linted_files.extend(closure);
        }
        selected
    });

    let mut diagnostics: BTreeSet<Diagnostic> = BTreeSet::new();
    let mut modules = Vec::new();
    let mut work = Vec::new();
    for entry in &entries {
        let name = match &entry.class {
            Some(class) => format!("{}:{class}", project.modules[entry.module].name),
            None => project.modules[entry.module].name.clone(),
        };
        let classified = classify(options, &name, entry, &display_root);
        let reported = classified.profile != Profile::Development || options.report_development;
        modules.push(LintedModule {
            module: name.clone(),
            profile: classified.profile,
            profile_reason: classified.reason.clone(),
            file: project
                .sources
                .get(project.modules[entry.module].file)
                .display
                .clone(),
            reported,
        });
        if reported {
            work.push(Work {
                settings: eval::Settings {
                    module: entry.module,
                    class: entry.class.clone(),
                },
                name,
                profile: classified.profile,
                deployments: deployments_of(entry, &deployment_sources, &display_root),
            });
        }
    }
    let shared = Shared {
        project: &project,
        defaults_module,
        dependencies: &dependencies,
        options,
    };
    let mut findings = Vec::new();
    for (found, problems) in parallel_chunks(&work, |part| lint_part(&shared, part)) {
        findings.extend(found);
        diagnostics.extend(problems);
    }
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
    // Passed files that no settings module reads are not a problem: pre-commit passes every
    // changed Python file.
    if entries.is_empty() && !targets.triggered() {
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

    findings.retain(|f| {
        let file = project.sources.get(f.span.file);
        let line = file.line_text(file.position(f.span.start).line);
        !suppress::suppresses(line, &f.rule.id, &f.rule.name)
    });
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

/// One settings module (or class) to run the rules on.
struct Work {
    settings: eval::Settings,
    name: String,
    profile: Profile,
    deployments: Vec<DeploymentEnv>,
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
fn lint_part(shared: &Shared, part: &[Work]) -> Vec<(Vec<Finding>, Vec<Diagnostic>)> {
    let defaults = eval::evaluate(
        shared.project,
        &eval::Settings::module(shared.defaults_module),
        &Scenario::default(),
    )
    .namespace;
    part.iter()
        .map(|work| lint_one(shared, &defaults, work))
        .collect()
}

/// Runs the enabled rules on one settings module.
fn lint_one(
    shared: &Shared,
    defaults: &eval::Namespace,
    work: &Work,
) -> (Vec<Finding>, Vec<Diagnostic>) {
    let Shared {
        project,
        dependencies,
        options,
        ..
    } = *shared;
    let ctx = Context::new(
        project,
        work.settings.clone(),
        work.profile,
        &work.deployments,
        defaults,
        &options.env,
    )
    .with_dependencies(dependencies);
    let mut findings = Vec::new();
    for rule in &options.rules {
        let Some(draft) = rules::check_for(&rule.id).and_then(|check| check(&ctx)) else {
            continue;
        };
        findings.push(Finding {
            rule,
            module: work.name.clone(),
            profile: work.profile,
            severity: severity(rule, work.profile, options.strict_staging),
            chain: ctx.baseline().chain_to(draft.span.file),
            span: draft.span,
            message: draft.message,
            scenario: draft.scenario,
            notes: draft.notes,
        });
    }
    (findings, ctx.into_diagnostics().collect())
}

/// Stack of a worker thread: evaluation recurses over nested code (bounded, see `eval`).
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// `items` split into one part per core, `f` run on each part on its own thread, the results
/// concatenated in the order of `items`.
fn parallel_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let chunk = items.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK_BYTES)
                    .spawn_scoped(scope, move || f(part))
                    .expect("the system starts a worker thread")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Staging is deployed but less exposed, so its findings are one level lower unless configured.
fn severity(rule: &RuleMeta, profile: Profile, strict_staging: bool) -> Severity {
    match profile {
        Profile::Production => rule.severity,
        Profile::Staging if strict_staging => rule.severity,
        Profile::Staging => rule.severity.min(Severity::Warning),
        Profile::Development => Severity::Note,
    }
}

fn named_entries<'d>(project: &mut Project, names: &[String]) -> Result<Vec<Entry<'d>>, String> {
    names
        .iter()
        .map(|name| {
            let module = load_named(project, name)?;
            Ok(Entry {
                module,
                class: None,
                references: Vec::new(),
            })
        })
        .collect()
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

/// Modules named by `DJANGO_SETTINGS_MODULE`, plus candidate modules that are settings in their
/// own right: their name says which deployment they are for, or nothing imports them. Shared
/// bases like `common.py` are linted through the modules that import them.
fn discovered_entries<'d>(
    project: &mut Project,
    discovery: &'d Discovery,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry<'d>> {
    let mut referenced: BTreeMap<usize, Vec<&'d Deployment>> = BTreeMap::new();
    for deployment in &discovery.deployments {
        let Some((module, origin)) = deployment.settings_module() else {
            continue;
        };
        match project
            .find_module_file(module)
            .and_then(|path| project.load(&path))
        {
            Some(index) => referenced.entry(index).or_default().push(deployment),
            None => {
                diagnostics.push(Diagnostic::in_file(
                    DiagnosticKind::UnresolvedSettingsModule,
                    display_path(&origin.file, project.display_root()),
                    Some(origin.line),
                    format!("DJANGO_SETTINGS_MODULE names `{module}`, which is not a module under the project's import roots"),
                ));
            }
        }
    }
    let candidates: Vec<usize> = discovery
        .candidates
        .iter()
        .filter_map(|path| project.load(path))
        .collect();
    let imported = project.imported_modules();
    let mut entries: Vec<Entry<'d>> = referenced
        .into_iter()
        .map(|(module, references)| Entry {
            module,
            class: None,
            references,
        })
        .collect();
    for module in candidates {
        // A folder that is not a Python name (a `{{cookiecutter.project}}` template) is not a
        // package Django can import the settings from.
        let importable = project.modules[module]
            .name
            .split('.')
            .all(discover::is_identifier);
        if entries.iter().any(|e| e.module == module)
            || !importable
            || project.is_empty_module(module)
            || !looks_like_django_settings(&project.sources.get(project.modules[module].file).text)
        {
            continue;
        }
        let name = &project.modules[module].name;
        let named_for_a_deployment =
            profile::profile_from_name(name.rsplit('.').next().unwrap_or(name)).is_some();
        if named_for_a_deployment || !imported.contains(&module) {
            entries.push(Entry {
                module,
                class: None,
                references: Vec::new(),
            });
        }
    }
    let mut entries = configuration_entries(project, discovery, entries);
    entries.sort_by(|a, b| {
        (&project.modules[a.module].name, &a.class)
            .cmp(&(&project.modules[b.module].name, &b.class))
    });
    entries
}

/// Whether a module found by its name alone (`settings.py`, `settings/x.py`) is Django settings:
/// it assigns one of Django's settings, star-imports other settings, includes files
/// (split-settings) or defines settings classes (django-configurations). An app's or library's
/// own `settings.py` does none of these. Modules named by DJANGO_SETTINGS_MODULE are settings
/// whatever they contain.
fn looks_like_django_settings(text: &str) -> bool {
    text.contains("import *")
        || text.contains("include(")
        || text.contains("Configuration")
        || crate::django_settings::assigns_a_django_setting(text)
}

/// django-configurations: a module defining settings classes is linted as each class that a
/// DJANGO_CONFIGURATION names, whose name says its deployment, or that no other class extends
/// (a shared base like `Common` is linted through the classes that extend it).
fn configuration_entries<'d>(
    project: &Project,
    discovery: &'d Discovery,
    entries: Vec<Entry<'d>>,
) -> Vec<Entry<'d>> {
    let mut result = Vec::new();
    for entry in entries {
        let classes = project.configuration_classes(entry.module);
        if classes.is_empty() {
            result.push(entry);
            continue;
        }
        for (class, extended) in classes {
            // The files that name this module also name the class they load.
            let references: Vec<&Deployment> = entry
                .references
                .iter()
                .copied()
                .filter(|r| {
                    discovery.deployments.iter().any(|c| {
                        c.origin.file == r.origin.file
                            && c.configuration().is_some_and(|(name, _)| name == class)
                    })
                })
                .collect();
            if !references.is_empty() || profile::profile_from_name(&class).is_some() || !extended {
                result.push(Entry {
                    module: entry.module,
                    class: Some(class),
                    references,
                });
            }
        }
    }
    result
}

fn classify(options: &Options, name: &str, entry: &Entry, display_root: &Path) -> Classified {
    if let Some(profile) = options.profiles.get(name) {
        return Classified {
            profile: *profile,
            reason: "set in the djsafe configuration".into(),
        };
    }
    if !options.settings.is_empty() {
        return match options.profile {
            Some(profile) => Classified {
                profile,
                reason: "set with --profile".into(),
            },
            None => Classified {
                profile: Profile::Production,
                reason: "named with --settings".into(),
            },
        };
    }
    let references: Vec<(&Deployment, String)> = entry
        .references
        .iter()
        .filter_map(|r| {
            let (_, origin) = r.settings_module()?;
            let at = format!(
                "{}:{}",
                display_path(&origin.file, display_root),
                origin.line
            );
            Some((*r, at))
        })
        .collect();
    profile::classify(name, &references)
}

/// The environment of each deployment file (Dockerfile, compose) that selects the entry.
fn deployments_of(
    entry: &Entry,
    sources: &BTreeMap<PathBuf, FileId>,
    display_root: &Path,
) -> Vec<DeploymentEnv> {
    let mut result: Vec<DeploymentEnv> = Vec::new();
    for deployment in &entry.references {
        if deployment.kind == crate::deploy::SourceKind::EntryPoint {
            continue;
        }
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
        let source = sources.get(&deployment.origin.file).copied();
        result.push(DeploymentEnv { file, source, vars });
    }
    result
}

/// The rules enabled by `select` (all when empty) minus `ignore`, by id or name.
pub fn enabled_rules(
    select: &[String],
    ignore: &[String],
) -> Result<Vec<&'static RuleMeta>, String> {
    let lookup = |key: &String| {
        let key = key.trim();
        registry::find(key).ok_or_else(|| format!("unknown rule `{key}` (see `djsafe rules`)"))
    };
    let selected: Vec<&RuleMeta> = if select.is_empty() {
        registry::all().iter().collect()
    } else {
        select.iter().map(lookup).collect::<Result<_, _>>()?
    };
    let ignored: Vec<&RuleMeta> = ignore.iter().map(lookup).collect::<Result<_, _>>()?;
    let mut rules: Vec<&RuleMeta> = selected
        .into_iter()
        .filter(|r| !ignored.iter().any(|i| i.id == r.id))
        .collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);
    Ok(rules)
}
