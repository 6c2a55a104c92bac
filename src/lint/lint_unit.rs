//! Linting one unit: a settings module (or class) under each environment that matters, its
//! findings kept once per span and rule for the most exposed environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::dependencies::Dependencies;
use crate::deploy::Process;
use crate::diagnostic::Diagnostic;
use crate::discover::display_path;
use crate::eval::{self, Scenario};
use crate::finding::{Environment, Finding};
use crate::profile::Profile;
use crate::resolve::Project;
use crate::rules::context::{Context, DeploymentEnv, Evaluations, VariantEnv, VariantVar};
use crate::rules::{self};
use crate::source::{FileId, Span};

use super::{Options, deployment_findings, plan, probes, severity};

/// An environment a unit is linted under, as the rules see it.
#[derive(Clone)]
pub(super) struct Variant {
    pub(super) label: String,
    /// `None` for every variable unset.
    pub(super) environment: Option<Environment>,
    pub(super) profile: Profile,
    pub(super) reason: String,
    pub(super) env: VariantEnv,
    /// Whether the process answers HTTP requests: false for a deployment running a worker or a
    /// management command, where rules about requests do not apply.
    pub(super) serves_http: bool,
}

/// One settings module (or class) to run the rules on, under each of its environments.
pub(super) struct Work {
    pub(super) settings: eval::Settings,
    pub(super) name: String,
    /// The environments of the deployments that run it, for notes.
    pub(super) deployments: Vec<DeploymentEnv>,
    pub(super) variants: Vec<Variant>,
}

/// What every module's lint reads.
pub(super) struct Shared<'a> {
    pub(super) project: &'a Project,
    pub(super) defaults_module: usize,
    pub(super) dependencies: &'a Dependencies,
    pub(super) options: &'a Options,
}

/// Runs the enabled rules on some settings modules, on one thread. Values are reference-counted,
/// so they stay on the thread that made them: a worker evaluates Django's defaults once for its
/// part, the calling thread once for the whole lint (`kept`, its evaluation of them).
pub(super) fn lint_part(
    shared: &Shared,
    part: &[Work],
    kept: Option<&mut Option<Rc<eval::Namespace>>>,
) -> Vec<Linted> {
    let evaluate_defaults = || {
        eval::evaluate(
            shared.project,
            &eval::Settings::module(shared.defaults_module),
            &Scenario::default(),
        )
        .namespace
    };
    let mut own = None;
    let defaults: &eval::Namespace = match kept {
        Some(kept) => kept.get_or_insert_with(evaluate_defaults),
        None => own.insert(evaluate_defaults()),
    };
    let modules = eval::ModuleCache::default();
    part.iter()
        .map(|work| lint_one(shared, defaults, &modules, work))
        .collect()
}

/// Runs the enabled rules on one settings module under each environment that matters: its
/// variants, and the environment names its code compares variables with
/// (`DJANGO_ENV == 'production'`). A finding that several environments share is reported once,
/// for the most exposed of them.
/// What linting one unit gives: its findings, its diagnostics, and the committed dotenv files
/// its settings load where they are deployed (reported once for all units, at their lines).
pub(super) type Linted = (
    Vec<Finding>,
    Vec<Diagnostic>,
    Vec<deployment_findings::LoadedDotenv>,
);

pub(super) fn lint_one(
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
    // Environments the module's own code names: each literal it compares a variable with that
    // names a deployment (`DJANGO_ENV == 'production'`, `case 'staging':`) is evaluated as that
    // deployment, unless a deployment already sets the variable to it.
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
pub(super) fn findings_in(
    shared: &Shared,
    work: &Work,
    variant: &Variant,
    ctx: &Context,
) -> Vec<Finding> {
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
pub(super) struct Cached<'a> {
    pub(super) evaluations: &'a Evaluations,
    pub(super) modules: &'a eval::ModuleCache,
}

pub(super) fn variant_context<'a>(
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

/// A variant as a rule context sees it: its variables with the source lines that set them, and
/// its profile after the djsafe configuration's.
pub(super) fn variant(
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
pub(super) fn deployments_of(unit: &plan::Unit, display_root: &Path) -> Vec<DeploymentEnv> {
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
