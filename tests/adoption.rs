//! Adopting djsafe in an existing project: fingerprints that survive line moves (JSON, SARIF
//! and GitLab agree on them), `check --add-noqa` on a legacy project (every kind of line, then
//! idempotent, then CI fails only on new findings), unused suppressions (DJS048, opt-in),
//! `per-file-ignores`, and `extend-select`/`extend-ignore`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::fixtures::copy_dir;
use common::python::Server;
use common::{Run, djsafe_in};
use serde_json::Value;

fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(path)
}

fn copy(path: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&testdata(path), tmp.path());
    tmp
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "."];
    all.extend_from_slice(args);
    djsafe_in(dir, &all)
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().unwrap()
}

/// `rule module file:line` of each finding.
fn listed(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}",
                f["rule"].as_str().unwrap(),
                f["module"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect()
}

/// (rule, module) → (fingerprint, line) of every finding.
fn fingerprints(dir: &Path) -> BTreeMap<(String, String), (String, u64)> {
    let report = json(&check(dir, &["--output-format", "json"]));
    let mut found = BTreeMap::new();
    for f in findings(&report) {
        let key = (
            f["rule"].as_str().unwrap().to_string(),
            f["module"].as_str().unwrap().to_string(),
        );
        let value = (
            f["fingerprint"].as_str().unwrap().to_string(),
            f["line"].as_u64().unwrap(),
        );
        assert!(
            found.insert(key, value).is_none(),
            "one finding per rule and module"
        );
    }
    found
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

#[test]
fn fingerprints_survive_line_moves_and_change_when_the_flagged_line_does() {
    let tmp = copy("projects/staging-deployed");
    let dir = tmp.path();
    let before = fingerprints(dir);
    assert!(before.len() >= 10, "{before:#?}");
    let production = dir.join("dblood/settings/production.py");
    let staging = dir.join("dblood/settings/staging.py");

    // Lines added above, a line moved below another, a comment and spacing on a flagged line.
    edit(
        &production,
        "from .common import *\n",
        "\"\"\"Production settings.\"\"\"\n\n# Reviewed in 2024.\nfrom .common import *\n",
    );
    edit(
        &production,
        "DEBUG = os.getenv('DEBUG', 'True') != 'False'\nALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS', 'localhost').split(';')\n",
        "ALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS', 'localhost').split(';')\n\nDEBUG  =  os.getenv('DEBUG', 'True') != 'False'  # see ticket 42\n",
    );
    edit(
        &staging,
        "from .production import *\n",
        "# Staging.\n\nfrom .production import *\n",
    );
    let moved = fingerprints(dir);
    println!("fingerprints before and after moving lines:");
    for (key, (print, line)) in &before {
        let (after, after_line) = &moved[key];
        println!(
            "  {} {}: {print} line {line} -> {after} line {after_line}",
            key.0, key.1
        );
    }
    assert_eq!(
        moved.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (key, (print, line)) in &before {
        assert_eq!(
            &moved[key].0, print,
            "{key:?} changed fingerprint on a move"
        );
        // Settings a module never assigns stay at its first line; every other finding moved.
        if *line != 1 {
            assert_ne!(
                moved[key].1, *line,
                "{key:?} did not move: the test moves every line"
            );
        }
    }

    // Editing the flagged expression makes it another finding; the others keep theirs.
    edit(
        &production,
        "os.getenv('DEBUG', 'True') != 'False'",
        "os.getenv('DEBUG', 'true') != 'False'",
    );
    let edited = fingerprints(dir);
    let debug = (
        "DJS001".to_string(),
        "dblood.settings.production".to_string(),
    );
    println!(
        "DJS001 in production after editing its expression: {} -> {}",
        moved[&debug].0, edited[&debug].0
    );
    for (key, (print, _)) in &moved {
        assert_eq!(
            &edited[key].0 == print,
            *key != debug,
            "{key:?}: only the edited finding changes fingerprint"
        );
    }
}

#[test]
fn sarif_and_gitlab_use_the_json_fingerprints() {
    let dir = testdata("projects/staging-deployed");
    let report = json(&check(&dir, &["--output-format", "json"]));
    let by_finding: BTreeMap<(String, String), String> = findings(&report)
        .iter()
        .map(|f| {
            (
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["module"].as_str().unwrap().to_string(),
                ),
                f["fingerprint"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let prints: Vec<&String> = by_finding.values().collect();
    let unique: std::collections::BTreeSet<&String> = prints.iter().copied().collect();
    assert_eq!(unique.len(), prints.len(), "fingerprints are unique");
    for print in &prints {
        assert!(print.len() == 16 && print.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    let gitlab = json(&check(&dir, &["--output-format", "gitlab"]));
    let gitlab_prints: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["check_name"].as_str().unwrap().starts_with("DJS"))
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    let json_prints: Vec<&str> = findings(&report)
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(gitlab_prints, json_prints);

    let sarif = json(&check(&dir, &["--output-format", "sarif"]));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule = result["ruleId"].as_str().unwrap();
        let modules = result["properties"]["modules"].as_array().unwrap();
        for module in modules {
            let key = (
                rule.to_string(),
                module["module"].as_str().unwrap().to_string(),
            );
            assert_eq!(module["fingerprint"].as_str().unwrap(), by_finding[&key]);
        }
        // The result's own is its first module at the result's level.
        let primary = modules
            .iter()
            .find(|m| m["severity"] == result["level"])
            .unwrap();
        assert_eq!(
            result["partialFingerprints"]["djsafe/v1"], primary["fingerprint"],
            "{result:#}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// --add-noqa

/// The files of a folder that differ from `original`, with their new text.
fn changed_files(original: &Path, dir: &Path) -> String {
    let mut out = String::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut paths = Vec::new();
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                paths.push(path);
            }
        }
    }
    paths.sort();
    for path in paths {
        let relative = path.strip_prefix(dir).unwrap();
        let now = std::fs::read_to_string(&path).unwrap();
        if std::fs::read_to_string(original.join(relative))
            .ok()
            .as_deref()
            != Some(&now)
        {
            out.push_str(&format!("=== {}\n{now}", relative.display()));
        }
    }
    out
}

#[test]
fn add_noqa_accepts_todays_findings_once_and_ci_fails_only_on_new_ones() {
    let tmp = copy("adoption/legacy");
    let dir = tmp.path();
    let before = json(&check(dir, &["--output-format", "json"]));
    assert!(findings(&before).len() >= 12, "{:#?}", listed(&before));

    let added = check(dir, &["--add-noqa"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert_eq!(added.stdout, "");
    assert_eq!(added.stderr, "Added 11 noqa directives.\n");
    insta::assert_snapshot!(
        "legacy.add-noqa",
        changed_files(&testdata("adoption/legacy"), dir)
    );

    // Every finding is accepted, and what was added silences something each.
    let after = check(
        dir,
        &["--extend-select", "unused-noqa", "--output-format", "json"],
    );
    assert_eq!(listed(&json(&after)), Vec::<String>::new());
    assert_eq!(after.code, 0);

    // A second run has nothing to add and changes nothing.
    let snapshot = changed_files(&testdata("adoption/legacy"), dir);
    let again = check(dir, &["--add-noqa"]);
    assert_eq!((again.code, again.stderr.as_str()), (0, ""));
    assert_eq!(changed_files(&testdata("adoption/legacy"), dir), snapshot);

    // The comments went where Python takes them: the modules still import in CPython, with the
    // same settings as before.
    let settings = dir.join("payroll/settings/staging.py");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(
        text.contains("and-wrapped-to-fit-79-columns\"\"\"  # noqa: DJS003\n"),
        "the noqa of a multi-line string goes after it:\n{text}"
    );
    let mut python = Server::start("tests/differential/import_settings.py");
    let env = serde_json::json!({"PAYROLL_SECRET_KEY": "k".repeat(50)});
    for module in ["payroll.settings.production", "payroll.settings.staging"] {
        let mut import = |root: &Path| {
            python.request(&serde_json::json!({"root": root, "module": module, "env": env}))
        };
        let mut before = import(&testdata("adoption/legacy"));
        let mut after = import(dir);
        assert!(before["settings"].is_object(), "{module}: {before}");
        // The project's folder differs; every setting else is the same.
        for settings in [&mut before, &mut after] {
            settings["settings"]
                .as_object_mut()
                .unwrap()
                .remove("BASE_DIR");
        }
        assert_eq!(after["settings"], before["settings"], "{module}");
    }

    // A new problem fails the check, and it is the only one reported.
    let production = dir.join("payroll/settings/production.py");
    let mut text = std::fs::read_to_string(&production).unwrap();
    text.push_str("SESSION_COOKIE_HTTPONLY = False\n");
    std::fs::write(&production, text).unwrap();
    let new = check(dir, &["--output-format", "json"]);
    assert_eq!(new.code, 1);
    assert_eq!(
        listed(&json(&new)),
        [
            "DJS024 payroll.settings.production payroll/settings/production.py:9",
            "DJS024 payroll.settings.staging payroll/settings/production.py:9"
        ]
    );
}

#[test]
fn a_bare_noqa_on_the_first_line_does_not_hide_settings_left_at_their_defaults() {
    let tmp = copy("adoption/legacy");
    let dir = tmp.path();
    let production = dir.join("payroll/settings/production.py");
    edit(
        &production,
        "import *  # noqa: F401,F403",
        "import *  # noqa",
    );
    let report = json(&check(
        dir,
        &["--select", "DJS004", "--output-format", "json"],
    ));
    assert!(
        listed(&report).contains(
            &"DJS004 payroll.settings.production payroll/settings/production.py:1".to_string()
        ),
        "{:#?}",
        listed(&report)
    );
    // Naming the rule there, or the module-level form, does.
    edit(
        &production,
        "import *  # noqa",
        "import *  # noqa: F403, DJS004",
    );
    let report = json(&check(
        dir,
        &["--select", "DJS004", "--output-format", "json"],
    ));
    assert!(!listed(&report).iter().any(|f| f.contains("production.py")));
}

// ---------------------------------------------------------------------------------------------
// unused-noqa (DJS048)

#[test]
fn unused_noqa_reports_suppressions_that_silence_nothing() {
    let dir = testdata("adoption/stale-noqa");
    let text = check(
        &dir,
        &["--extend-select", "unused-noqa", "--color", "never"],
    );
    assert_eq!(text.code, 1);
    insta::assert_snapshot!("stale-noqa.unused", text.stdout);

    // Off by default.
    let default = json(&check(&dir, &["--output-format", "json"]));
    assert!(!findings(&default).iter().any(|f| f["rule"] == "DJS048"));

    // Only the codes of rules that ran are judged (and unknown djsafe codes).
    let some = json(&check(
        &dir,
        &[
            "--select",
            "DJS001",
            "--extend-select",
            "DJS048",
            "--output-format",
            "json",
        ],
    ));
    assert_eq!(
        findings(&some)
            .iter()
            .map(|f| format!("{} {}", f["line"], f["message"].as_str().unwrap()))
            .collect::<Vec<_>>(),
        [
            "7 unused `noqa` directive: debug-enabled silences nothing on this line",
            "9 unused `noqa` directive: DJS02 is not a djsafe rule",
        ]
    );
}

#[test]
fn unused_noqa_from_the_configuration_and_silenced_by_its_own_code() {
    let tmp = copy("adoption/stale-noqa");
    let dir = tmp.path();
    std::fs::write(
        dir.join("djsafe.toml"),
        "extend-select = [\"unused-noqa\"]\n",
    )
    .unwrap();
    let report = json(&check(dir, &["--output-format", "json"]));
    let lines = |report: &Value| -> Vec<u64> {
        findings(report)
            .iter()
            .filter(|f| f["rule"] == "DJS048")
            .map(|f| f["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(lines(&report), [1, 5, 7, 9]);
    edit(
        &dir.join("notes/settings.py"),
        "# noqa: DJS003",
        "# noqa: DJS003, unused-noqa",
    );
    assert_eq!(
        lines(&json(&check(dir, &["--output-format", "json"]))),
        [1, 7, 9]
    );
}

// ---------------------------------------------------------------------------------------------
// per-file-ignores, extend-select, extend-ignore

#[test]
fn per_file_ignores_from_the_configuration() {
    let dir = testdata("adoption/per-file-ignores");
    let configured = json(&check(&dir, &["--output-format", "json"]));
    let isolated = json(&check(&dir, &["--output-format", "json", "--isolated"]));
    insta::assert_snapshot!(
        "per-file-ignores",
        format!(
            "with djsafe.toml:\n{}\n\nwithout (--isolated):\n{}\n",
            listed(&configured).join("\n"),
            listed(&isolated).join("\n")
        )
    );
    // Everything the configuration ignores was there without it.
    assert!(listed(&isolated).len() > listed(&configured).len());
    for finding in listed(&configured) {
        assert!(listed(&isolated).contains(&finding), "{finding}");
    }
}

#[test]
fn per_file_ignores_on_the_command_line_replace_the_configured_ones() {
    let dir = testdata("adoption/per-file-ignores");
    let run = check(
        &dir,
        &[
            "--output-format",
            "json",
            "--per-file-ignores",
            "intranet/settings/base.py:DJS015,legacy_production.py:debug-enabled",
        ],
    );
    let listed = listed(&json(&run));
    assert!(
        !listed.iter().any(|f| f.starts_with("DJS015")),
        "{listed:#?}"
    );
    assert!(
        !listed.iter().any(|f| f.starts_with("DJS001")),
        "{listed:#?}"
    );
    // The configured ones no longer apply.
    assert!(
        listed.iter().any(|f| f.starts_with("DJS046")),
        "{listed:#?}"
    );
    assert!(
        listed.iter().any(|f| f.starts_with("DJS003")),
        "{listed:#?}"
    );

    let bad = check(&dir, &["--per-file-ignores", "settings.py"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("PATTERN:RULE"), "{}", bad.stderr);
    let unknown = check(&dir, &["--per-file-ignores", "settings.py:DJS999"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown rule `DJS999`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn an_unknown_rule_in_per_file_ignores_is_a_configuration_error() {
    let tmp = copy("adoption/per-file-ignores");
    std::fs::write(
        tmp.path().join("djsafe.toml"),
        "[per-file-ignores]\n\"*.py\" = [\"no-such-rule\"]\n",
    )
    .unwrap();
    let run = check(tmp.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule `no-such-rule`"),
        "{}",
        run.stderr
    );
}

#[test]
fn extend_select_and_extend_ignore_add_to_the_selection() {
    let dir = testdata("projects/staging-deployed");
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--output-format", "json"];
        all.extend_from_slice(args);
        let mut rules: Vec<String> = findings(&json(&check(&dir, &all)))
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules.dedup();
        rules
    };
    assert_eq!(
        rules(&["--select", "DJS001", "--extend-select", "DJS002"]),
        ["DJS001", "DJS002"]
    );
    assert_eq!(
        rules(&[
            "--select",
            "DJS001,DJS002,DJS003",
            "--extend-ignore",
            "allowed-hosts-wildcard"
        ]),
        ["DJS001", "DJS003"]
    );
    // In the configuration: extend-ignore adds to ignore, and `--ignore` replaces only `ignore`.
    let tmp = copy("projects/staging-deployed");
    std::fs::write(
        tmp.path().join("djsafe.toml"),
        "select = [\"DJS001\", \"DJS002\", \"DJS003\"]\nignore = [\"DJS001\"]\nextend-ignore = [\"DJS002\"]\nextend-select = [\"DJS004\"]\n",
    )
    .unwrap();
    let configured = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--output-format", "json"];
        all.extend_from_slice(args);
        let mut rules: Vec<String> = findings(&json(&check(tmp.path(), &all)))
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules.dedup();
        rules
    };
    assert_eq!(configured(&[]), ["DJS003", "DJS004"]);
    assert_eq!(configured(&["--ignore", "DJS003"]), ["DJS001", "DJS004"]);
}

/// `--add-noqa` on every fixture project (constructs, idioms, adoption, fixes): afterwards
/// nothing is reported but the stale suppressions that were there before (DJS048), a second run
/// adds nothing, and a file djsafe could only read with replaced bytes is left alone, saying so.
#[test]
fn add_noqa_on_every_fixture_leaves_nothing_and_is_idempotent() {
    let base = testdata("");
    let mut dirs: Vec<PathBuf> = ["projects", "idioms", "adoption", "fixes"]
        .iter()
        .flat_map(|group| std::fs::read_dir(base.join(group)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|d| d.is_dir())
        .collect();
    dirs.sort();
    // What is reported with unused-noqa on, without positions (added lines move them).
    let reported = |dir: &Path| -> Vec<String> {
        let report = json(&check(
            dir,
            &["--extend-select", "unused-noqa", "--output-format", "json"],
        ));
        findings(&report)
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    for fixture in &dirs {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        copy_dir(fixture, dir);
        let stale: Vec<String> = reported(dir)
            .into_iter()
            .filter(|f| f.starts_with("DJS048"))
            .collect();
        let added = check(dir, &["--add-noqa"]);
        assert_eq!(added.code, 0, "{}: {}", fixture.display(), added.stderr);
        if fixture.ends_with("non-utf8") {
            assert!(added.stderr.contains("not valid UTF-8"), "{}", added.stderr);
            continue;
        }
        assert_eq!(
            reported(dir),
            stale,
            "{}: {}",
            fixture.display(),
            added.stderr
        );
        let again = check(dir, &["--add-noqa"]);
        assert_eq!(again.stderr, "", "{}", fixture.display());
    }
}
