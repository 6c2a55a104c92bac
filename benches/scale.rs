//! The scale benchmark (issue 11): djsafe next to `find` and ruff on generated monorepos.
//!
//! `cargo bench --bench scale` generates, deterministically and once (reused while the generator
//! version is the same), into `target/bench/`:
//! - `monorepo-200` and `monorepo-2000`: Django projects in mixed settings styles (split
//!   settings, a single settings.py, django-environ and python-decouple reads, a
//!   `settings/__init__.py` selecting by DJANGO_ENV, django-configurations classes,
//!   django-split-settings includes), entry points, Dockerfiles and compose files, ordinary apps
//!   (about 70 `.py` files per project), and virtual environments, `node_modules`, `.git` and
//!   build output holding Python that must be pruned; insecure values planted in deployed
//!   modules, recorded in `<tree>.expected.tsv` (module, file, line, rule), and the same values
//!   in development modules and pruned folders as decoys;
//! - `imports-1000`: one project whose settings import one name from a package that imports
//!   1,000 more modules.
//!
//! For each tree it runs `find <tree> -name '*.py'`, ruff (`check --select S105,S106
//! --no-cache`, installed at a pinned version into a virtual environment under `target/bench/`)
//! and djsafe (this checkout's release binary, `check <tree> --output-format json`): one untimed
//! warm-up run each, then N timed runs (median), the child's peak RSS (wait4), djsafe's recall on
//! the planted findings and the findings nobody planted. Nothing asserts a duration.
//!
//! Environment: `DJSAFE_BENCH_TREES` (default `200,2000,imports-1000`; a number is a monorepo of
//! that many projects), `DJSAFE_BENCH_RUNS` (default 3), `DJSAFE_BENCH_TOOLS` (default
//! `find,ruff,djsafe`), `DJSAFE_BENCH_PYTHON` (the Python that creates ruff's environment,
//! default `python3`).

#[path = "scale/apps.rs"]
mod apps;
#[path = "scale/blocks.rs"]
mod blocks;
#[path = "scale/generate.rs"]
mod generate;
#[path = "scale/measure.rs"]
mod measure;
#[path = "scale/project.rs"]
mod project;
#[path = "scale/pruned.rs"]
mod pruned;
#[path = "scale/recall.rs"]
mod recall;
#[path = "scale/report.rs"]
mod report;
#[path = "scale/styles.rs"]
mod styles;
#[path = "scale/styles_more.rs"]
mod styles_more;
#[path = "scale/tools.rs"]
mod tools;
#[path = "scale/tree.rs"]
mod tree;
#[path = "scale/wide.rs"]
mod wide;

use std::path::{Path, PathBuf};

use generate::Spec;
use report::Row;

struct Config {
    trees: Vec<Spec>,
    runs: usize,
    tools: Vec<String>,
}

impl Config {
    fn from_env() -> Result<Config, String> {
        let var = |name: &str, default: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        let trees = var("DJSAFE_BENCH_TREES", "200,2000,imports-1000")
            .split(',')
            .map(Spec::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let runs = var("DJSAFE_BENCH_RUNS", "3")
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or("DJSAFE_BENCH_RUNS must be a positive number")?;
        let tools: Vec<String> = var("DJSAFE_BENCH_TOOLS", "find,ruff,djsafe")
            .split(',')
            .map(|t| t.trim().to_string())
            .collect();
        if let Some(unknown) = tools
            .iter()
            .find(|t| !["find", "ruff", "djsafe"].contains(&t.as_str()))
        {
            return Err(format!(
                "DJSAFE_BENCH_TOOLS: unknown tool `{unknown}` (find, ruff, djsafe)"
            ));
        }
        Ok(Config { trees, runs, tools })
    }

    fn uses(&self, tool: &str) -> bool {
        self.tools.iter().any(|t| t == tool)
    }
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing else to parse.
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("scale: {e}");
            std::process::exit(2);
        }
    };
    let djsafe = PathBuf::from(env!("CARGO_BIN_EXE_djsafe"));
    // target/release/djsafe → target/bench
    let bench_dir = djsafe
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in target/<profile>/")
        .join("bench");
    std::fs::create_dir_all(bench_dir.join("out")).expect("target/bench/ can be created");
    let ruff = if config.uses("ruff") {
        match tools::ruff(&bench_dir) {
            Ok(ruff) => Some(ruff),
            Err(e) => {
                eprintln!("scale: ruff is not available ({e}); measuring without it");
                None
            }
        }
    } else {
        None
    };
    let mut rows = Vec::new();
    for spec in &config.trees {
        let generated = generate::ensure(&bench_dir, spec).unwrap_or_else(|e| {
            eprintln!("scale: generating {}: {e}", spec.name());
            std::process::exit(2);
        });
        let out = |tool: &str| {
            bench_dir
                .join("out")
                .join(format!("{}.{tool}", spec.name()))
        };
        let mut row = Row::new(spec.name(), &generated);
        row.load.0 = measure::load_average();
        if config.uses("find") {
            eprintln!("{}: find ...", spec.name());
            row.find = Some(
                measure::measure(
                    &|| tools::find_command(&generated.root),
                    &out("find"),
                    config.runs,
                    &[0],
                )
                .expect("find runs"),
            );
            row.py_files = std::fs::read_to_string(out("find")).map_or(0, |t| t.lines().count());
        }
        if let Some(ruff) = &ruff {
            eprintln!("{}: ruff ...", spec.name());
            row.ruff = Some(
                measure::measure(
                    &|| tools::ruff_command(ruff, &generated.root),
                    &out("ruff"),
                    config.runs,
                    &[0, 1],
                )
                .expect("ruff runs"),
            );
        }
        if config.uses("djsafe") {
            eprintln!(
                "{}: djsafe ({} runs after a warm-up) ...",
                spec.name(),
                config.runs
            );
            let measured = measure::measure(
                &|| tools::djsafe_command(&djsafe, &generated.root),
                &out("djsafe.json"),
                config.runs,
                &[0, 1],
            )
            .expect("djsafe runs");
            let report = std::fs::read(out("djsafe.json")).unwrap_or_default();
            row.recall = Some(recall::compare(&report, &generated.expected));
            row.djsafe = Some(measured);
            report::write_recall_details(&bench_dir, &row);
        }
        row.load.1 = measure::load_average();
        rows.push(row);
    }
    let text = report::render(&rows, &config.tools, config.runs, ruff.is_some());
    print!("{text}");
    let _ = std::fs::write(bench_dir.join("results.md"), &text);
}
