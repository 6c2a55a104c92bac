//! `djsafe explain MODULE`: every setting a module ends up with, its value with every variable
//! unset (and for each probe value of the variables it reads), the variables it reads, and where
//! it was set. The JSON form is what the differential tests compare with CPython.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

use crate::django_settings::is_setting_name;
use crate::eval::value::Value;
use crate::eval::{Evaluation, Scenario, Settings, evaluate};
use crate::exclude::Excludes;
use crate::lint;
use crate::report::ChainLink;
use crate::resolve::Project;
use crate::rules::context::PROBES;

#[derive(Serialize)]
struct Explained {
    version: u32,
    module: String,
    file: String,
    /// Variables set in every scenario (`--env`); all others are unset.
    env: BTreeMap<String, String>,
    settings: Vec<Setting>,
    /// Set when names may come from code djsafe cannot see (`from pkg import *` of a library,
    /// `exec`): a setting missing from `settings` may then still exist.
    opaque: Option<String>,
    /// Imports inside `try: ... except ImportError:`, and whether their module exists here.
    optional_imports: Vec<Optional>,
    diagnostics: Vec<String>,
}

#[derive(Serialize)]
struct Optional {
    module: String,
    file: String,
    line: usize,
    present: bool,
}

#[derive(Serialize)]
struct Setting {
    name: String,
    /// Python's `repr` of the value; parts djsafe cannot know are shown as `<unknown: ...>`.
    value: String,
    known: bool,
    /// Why the value (or a part of it) is unknown.
    reason: Option<String>,
    /// Environment variables the value depends on.
    reads: Vec<String>,
    /// Where the value was produced, and the imports that brought it into the module.
    chain: Vec<ChainLink>,
    /// For each variable read, the value's repr with that variable set to each probe.
    probes: BTreeMap<String, BTreeMap<String, String>>,
}

pub fn explain(
    path: PathBuf,
    module: &str,
    env: BTreeMap<String, String>,
    json: bool,
    with_probes: bool,
) -> Result<String, String> {
    let (_, _, mut project, _) = lint::open_project(&[path], &Excludes::default(), false)?;
    // `module:Class` names a django-configurations class in the module.
    let (module_name, class) = match module.split_once(':') {
        Some((module, class)) => (module, Some(class.to_string())),
        None => (module, None),
    };
    let index = lint::load_named(&mut project, module_name)?;
    let settings = Settings {
        module: index,
        class,
    };
    let baseline = evaluate(&project, &settings, &Scenario::with_vars(env.clone()));
    let mut names: Vec<&str> = baseline
        .namespace
        .bindings
        .keys()
        .map(|n| &**n)
        .filter(|n| is_setting_name(n))
        .collect();
    names.sort();
    let mut probe_runs = ProbeRuns::new();
    let settings: Vec<Setting> = names
        .into_iter()
        .map(|name| {
            let probes = with_probes.then_some(&mut probe_runs);
            describe(&project, &settings, &env, &baseline, probes, name)
        })
        .collect();
    let mut diagnostics: Vec<String> = project
        .diagnostics
        .iter()
        .chain(baseline.diagnostics.iter())
        .map(|d| {
            let (file, line) = d.file_and_line(&project.sources);
            format!(
                "{file}:{}: {}",
                line.map(|l| l.to_string()).unwrap_or_default(),
                d.message
            )
        })
        .collect();
    diagnostics.sort();
    diagnostics.dedup();
    let explained = Explained {
        version: 1,
        module: module.to_string(),
        file: project
            .sources
            .get(project.modules[index].file)
            .display
            .clone(),
        env,
        settings,
        opaque: baseline.namespace.opaque.as_ref().map(|o| o.to_string()),
        optional_imports: baseline
            .optional_imports
            .iter()
            .map(|o| Optional {
                module: o.module.to_string(),
                file: project.sources.get(o.span.file).display.clone(),
                line: project.sources.start(o.span).line,
                present: o.present,
            })
            .collect(),
        diagnostics,
    };
    Ok(if json {
        serde_json::to_string_pretty(&explained).expect("explain output serializes") + "\n"
    } else {
        render_text(&explained)
    })
}

/// Evaluations with one variable set to a probe value, shared by the settings that read it.
type ProbeRuns = HashMap<(String, &'static str), Evaluation>;

fn describe(
    project: &Project,
    settings: &Settings,
    env: &BTreeMap<String, String>,
    baseline: &Evaluation,
    probe_runs: Option<&mut ProbeRuns>,
    name: &str,
) -> Setting {
    let binding = &baseline.namespace.bindings[name];
    let value = &binding.value;
    let reads: Vec<String> = value.deps().iter().map(|v| v.to_string()).collect();
    let mut probes = BTreeMap::new();
    let Some(probe_runs) = probe_runs else {
        return setting(project, baseline, name, value, reads, BTreeMap::new());
    };
    for var in reads.iter().filter(|var| !env.contains_key(*var)) {
        let results = PROBES
            .iter()
            .map(|probe| {
                let run = probe_runs.entry((var.clone(), *probe)).or_insert_with(|| {
                    let mut vars = env.clone();
                    vars.insert(var.clone(), probe.to_string());
                    evaluate(project, settings, &Scenario::with_vars(vars))
                });
                let shown = run
                    .namespace
                    .bindings
                    .get(name)
                    .map_or("<unbound>".to_string(), |b| b.value.to_string());
                (probe.to_string(), shown)
            })
            .collect();
        probes.insert(var.clone(), results);
    }
    setting(project, baseline, name, value, reads, probes)
}

fn setting(
    project: &Project,
    baseline: &Evaluation,
    name: &str,
    value: &Value,
    reads: Vec<String>,
    probes: BTreeMap<String, BTreeMap<String, String>>,
) -> Setting {
    let spans = baseline
        .chain_to(value.origin.file)
        .into_iter()
        .chain(std::iter::once(value.origin));
    let chain = spans
        .map(|span| {
            let file = project.sources.get(span.file);
            let line = file.position(span.start).line;
            ChainLink {
                file: file.display.clone(),
                line,
                text: file.shown_line_text(line).trim().to_string(),
            }
        })
        .collect();
    Setting {
        name: name.to_string(),
        value: value.to_string(),
        known: value.is_fully_known(),
        reason: value.first_unknown().as_ref().map(unknown_reason),
        reads,
        chain,
        probes,
    }
}

fn unknown_reason(value: &Value) -> String {
    if let crate::eval::value::Kind::External(path) = &value.kind {
        return format!("`{path}` comes from a library djsafe does not model");
    }
    value
        .unknown_reason()
        .map(|r| r.to_string())
        .unwrap_or_else(|| value.to_string())
}

fn render_text(explained: &Explained) -> String {
    let mut out = format!("{} ({})", explained.module, explained.file);
    if explained.env.is_empty() {
        out.push_str(", every environment variable unset\n");
    } else {
        let set: Vec<String> = explained
            .env
            .iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect();
        out.push_str(&format!(
            ", with {} and every other variable unset\n",
            set.join(" ")
        ));
    }
    for setting in &explained.settings {
        out.push_str(&format!("\n{} = {}\n", setting.name, setting.value));
        let origin = setting
            .chain
            .last()
            .map(|l| format!("{}:{}", l.file, l.line))
            .unwrap_or_default();
        out.push_str(&format!("  from {origin}"));
        if setting.chain.len() > 1 {
            let via: Vec<String> = setting.chain[..setting.chain.len() - 1]
                .iter()
                .map(|l| format!("{}:{}", l.file, l.line))
                .collect();
            out.push_str(&format!(" via {}", via.join(" → ")));
        }
        out.push('\n');
        if !setting.reads.is_empty() {
            out.push_str(&format!("  reads {}\n", setting.reads.join(", ")));
        }
        for (var, results) in &setting.probes {
            let shown: Vec<String> = results
                .iter()
                .map(|(probe, value)| format!("{probe:?} → {value}"))
                .collect();
            out.push_str(&format!("  {var}: {}\n", shown.join(", ")));
        }
    }
    for optional in &explained.optional_imports {
        let state = if optional.present {
            "present in the repository, so it is imported"
        } else {
            "absent from the repository, so the `except ImportError` branch runs"
        };
        out.push_str(&format!(
            "\noptional module `{}` ({}:{}): {state}\n",
            optional.module, optional.file, optional.line
        ));
    }
    for diagnostic in &explained.diagnostics {
        out.push_str(&format!("\nwarning: {diagnostic}\n"));
    }
    out
}
