//! Differential testing on generated programs: random settings packages (tests/generated/
//! generator.rs, deterministic from a seed) are imported by CPython under several environments
//! and compared with `djsafe explain --format json`, as tests/differential.rs does for the
//! fixtures. A value djsafe claims to know that differs from CPython's is a failure; an unknown
//! is not. The share of values djsafe knows is printed, to follow coverage.
//!
//! `DJSAFE_GENERATED_PACKAGES` (default 1600) and `DJSAFE_GENERATED_SEED` choose the sample; a
//! package that disagrees is kept under target/generated-failures/ with what differed. For long
//! local runs, `DJSAFE_GENERATED_SECONDS` stops starting packages after that many seconds (the
//! summary then counts the packages actually run) and `DJSAFE_GENERATED_PROGRESS=N` prints the
//! running figures every N packages, so a run stopped early still reports them.

mod common;

#[path = "generated/generator.rs"]
mod generator;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::differential::{Tally, compare, compare_with, djsafe_explain, reads};
use common::python::{Server, production_value};
use generator::Rng;

/// The CI sample: 1600 packages keep the test within about two minutes (the round 6 shapes made
/// a package about a quarter slower to check than the 2000 of before).
const DEFAULT_PACKAGES: usize = 1600;
const DEFAULT_SEED: u64 = 0x0d15_afe0;

/// Spellings the scenarios give variables: djsafe's probes and a production-like value.
const SPELLINGS: &[&str] = &[
    "true",
    "True",
    "1",
    "yes",
    "on",
    "false",
    "False",
    "0",
    "off",
    "no",
    "",
    "production",
];

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The seed of package `index`: each package can be generated again on its own.
fn package_seed(seed: u64, index: usize) -> u64 {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    rng.next()
}

fn write_package(dir: &Path, package: &generator::Package) {
    for (path, text) in &package.files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Compares one package under every scenario; returns the disagreements' descriptions.
fn check_package(python: &mut Server, dir: &Path, seed: u64, tally: &mut Tally) -> usize {
    let mut rng = Rng::new(seed);
    let package = generator::package(&mut rng);
    write_package(dir, &package);
    let module = package.entry.as_str();
    let before = tally.mismatches.len();
    let unset = djsafe_explain(dir, module, &BTreeMap::new());
    let read = reads(&unset);
    compare_with(
        python,
        dir,
        module,
        "unset",
        BTreeMap::new(),
        Some(unset),
        tally,
    );
    let production = read
        .iter()
        .map(|v| (v.clone(), production_value(v)))
        .collect();
    compare(python, dir, module, "production-like", production, tally);
    for round in 0..2 {
        let env: BTreeMap<String, String> = read
            .iter()
            .map(|v| (v.clone(), rng.pick(SPELLINGS).to_string()))
            .collect();
        let shown = format!("mix {round}: {env:?}");
        compare(python, dir, module, &shown, env, tally);
    }
    tally.mismatches.len() - before
}

#[test]
fn generated_settings_match_cpython() {
    let packages = setting("DJSAFE_GENERATED_PACKAGES", DEFAULT_PACKAGES as u64) as usize;
    let seed = setting("DJSAFE_GENERATED_SEED", DEFAULT_SEED);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let budget = std::env::var("DJSAFE_GENERATED_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_secs);
    let progress = setting("DJSAFE_GENERATED_PROGRESS", 0) as usize;
    let started = std::time::Instant::now();
    let run = AtomicUsize::new(0);
    let scratch = tempfile::tempdir().unwrap();
    let failures = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/generated-failures");
    let next = AtomicUsize::new(0);
    let total = Mutex::new(Tally::default());
    let failed: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let (next, total, failed, scratch, failures, run) =
                (&next, &total, &failed, scratch.path(), &failures, &run);
            scope.spawn(move || {
                let mut python = Server::start("tests/differential/import_settings.py");
                let mut tally = Tally::default();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= packages || budget.is_some_and(|b| started.elapsed() >= b) {
                        break;
                    }
                    let dir = scratch.join(format!("w{worker}-p{index}"));
                    let package_seed = package_seed(seed, index);
                    let before = tally.mismatches.len();
                    if check_package(&mut python, &dir, package_seed, &mut tally) > 0 {
                        let kept = failures.join(format!("seed-{seed}-package-{index}"));
                        let _ = std::fs::remove_dir_all(&kept);
                        common::fixtures::copy_dir(&dir, &kept);
                        std::fs::write(
                            kept.join("DISAGREEMENTS.txt"),
                            tally.mismatches[before..].join("\n") + "\n",
                        )
                        .unwrap();
                        failed.lock().unwrap().push(kept);
                    }
                    std::fs::remove_dir_all(&dir).unwrap();
                    let done = run.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress > 0 && done % progress == 0 {
                        // This worker's figures, and the failures so far: enough to follow a
                        // long run and to know where it stood if it is stopped.
                        eprintln!(
                            "generated: {done} packages run after {:.0}s (worker {worker}: {} compared, {} known, {} disagreements; {} packages kept)",
                            started.elapsed().as_secs_f64(),
                            tally.compared,
                            tally.resolved,
                            tally.mismatches.len(),
                            failed.lock().unwrap().len()
                        );
                    }
                }
                let mut total = total.lock().unwrap();
                total.compared += tally.compared;
                total.resolved += tally.resolved;
                total.mismatches.extend(tally.mismatches);
            });
        }
    });
    let tally = total.into_inner().unwrap();
    let mut failed = failed.into_inner().unwrap();
    failed.sort();
    let packages = run.into_inner();
    println!(
        "generated: {packages} packages (seed {seed}), {} values compared, {} known ({:.1}%), {} disagreements in {} packages",
        tally.compared,
        tally.resolved,
        100.0 * tally.resolved as f64 / tally.compared.max(1) as f64,
        tally.mismatches.len(),
        failed.len()
    );
    assert!(tally.compared > 0, "nothing was compared");
    let shown: Vec<&str> = tally
        .mismatches
        .iter()
        .take(40)
        .map(String::as_str)
        .collect();
    assert!(
        tally.mismatches.is_empty(),
        "djsafe disagrees with CPython on {} generated packages (kept in {}):\n{}",
        failed.len(),
        failures.display(),
        shown.join("\n")
    );
}

/// The generator is deterministic: the same seed gives the same package.
#[test]
fn generator_is_deterministic() {
    let a = generator::package(&mut Rng::new(7));
    let b = generator::package(&mut Rng::new(7));
    assert_eq!(a.files, b.files);
    let c = generator::package(&mut Rng::new(8));
    assert_ne!(a.files, c.files);
}

/// `DJSAFE_GENERATED_DUMP=DIR` writes the first packages of the sample there, to read them.
#[test]
fn dump_packages() {
    let Ok(dir) = std::env::var("DJSAFE_GENERATED_DUMP") else {
        return;
    };
    let seed = setting("DJSAFE_GENERATED_SEED", DEFAULT_SEED);
    for index in 0..setting("DJSAFE_GENERATED_PACKAGES", 5) as usize {
        let package = generator::package(&mut Rng::new(package_seed(seed, index)));
        write_package(&Path::new(&dir).join(format!("p{index}")), &package);
    }
}
