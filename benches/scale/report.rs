//! The side-by-side table: each tree's `find`, ruff and djsafe times, djsafe's peak RSS and
//! recall, the ratios issue 11's targets are stated in, and how the trees were made.

use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

use crate::generate::{GENERATOR_VERSION, Generated};
use crate::measure::Measured;
use crate::recall::{self, Recall};
use crate::tools::RUFF_VERSION;

pub struct Row {
    pub name: String,
    pub files: u64,
    pub disk_bytes: u64,
    pub generation_secs: f64,
    pub reused: bool,
    pub planted_values: usize,
    pub py_files: usize,
    pub find: Option<Measured>,
    pub ruff: Option<Measured>,
    pub djsafe: Option<Measured>,
    pub recall: Option<Result<Recall, String>>,
    /// The load average before and after measuring this tree.
    pub load: (Option<f64>, Option<f64>),
}

impl Row {
    pub fn new(name: String, generated: &Generated) -> Row {
        Row {
            name,
            files: generated.files,
            disk_bytes: generated.disk_bytes,
            generation_secs: generated.generation_secs,
            reused: generated.reused,
            planted_values: generated.planted_values,
            py_files: 0,
            find: None,
            ruff: None,
            djsafe: None,
            recall: None,
            load: (None, None),
        }
    }
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 10.0 {
        format!("{s:.2} s")
    } else {
        format!("{s:.1} s")
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// A tool's median, or why there is none.
fn time(m: &Option<Measured>) -> String {
    match m {
        None => "-".into(),
        Some(m) if !m.ok => format!("failed: {}", m.problem.as_deref().unwrap_or("?")),
        Some(m) => secs(m.median()),
    }
}

fn ratio(a: &Option<Measured>, b: &Option<Measured>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a.ok && b.ok => {
            let r = a.median().as_secs_f64() / b.median().as_secs_f64().max(1e-9);
            // A ratio below 1 needs two decimals to say anything (ruff/djsafe is 0.05×).
            if r < 1.0 {
                format!("{r:.2}×")
            } else {
                format!("{r:.1}×")
            }
        }
        _ => "-".into(),
    }
}

pub fn render(rows: &[Row], tools: &[String], runs: usize, with_ruff: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nscale benchmark: generator v{GENERATOR_VERSION}; median of {runs} runs after one untimed warm-up (warm cache); tools: {}{}\n",
        tools.join(", "),
        if with_ruff {
            format!(" (ruff {RUFF_VERSION})")
        } else {
            String::new()
        }
    );
    out.push_str("| tree | `.py` files | find | ruff | djsafe | djsafe peak RSS | recall (planted found) | extra findings | djsafe / find | ruff / djsafe |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
    for row in rows {
        let (recall, extra) = match &row.recall {
            None => ("-".to_string(), "-".to_string()),
            Some(Err(e)) => (format!("no report: {e}"), "-".to_string()),
            Some(Ok(r)) => (
                format!(
                    "{:.1}% ({}/{})",
                    100.0 * r.found as f64 / r.expected.max(1) as f64,
                    r.found,
                    r.expected
                ),
                r.extra.len().to_string(),
            ),
        };
        let rss = row
            .djsafe
            .as_ref()
            .map_or("-".into(), |m| mib(m.peak_rss()));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.name,
            row.py_files,
            time(&row.find),
            time(&row.ruff),
            time(&row.djsafe),
            rss,
            recall,
            extra,
            ratio(&row.djsafe, &row.find),
            ratio(&row.ruff, &row.djsafe),
        );
    }
    scaling(&mut out, rows);
    out.push_str("\n| tree | files | disk | generated in | planted values | expected findings | settings modules | diagnostics | find / ruff / djsafe min–max | ruff / djsafe CPU (user+sys) | find / ruff peak RSS | load average before–after |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for row in rows {
        let spread = |m: &Option<Measured>| {
            m.as_ref().filter(|m| m.ok).map_or("-".into(), |m| {
                format!("{}–{}", secs(m.min()), secs(m.max()))
            })
        };
        let (expected, modules, diagnostics) = match &row.recall {
            Some(Ok(r)) => (
                r.expected.to_string(),
                r.modules.to_string(),
                r.diagnostics.to_string(),
            ),
            _ => ("-".into(), "-".into(), "-".into()),
        };
        let peak = |m: &Option<Measured>| m.as_ref().map_or("-".into(), |m| mib(m.peak_rss()));
        let cpu = |m: &Option<Measured>| {
            m.as_ref()
                .filter(|m| m.ok)
                .map_or("-".into(), |m| secs(m.median_cpu()))
        };
        let load = |l: Option<f64>| l.map_or("?".into(), |l| format!("{l:.1}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} s{} | {} | {} | {} | {} | {} / {} / {} | {} / {} | {} / {} | {}–{} |",
            row.name,
            row.files,
            mib(row.disk_bytes),
            row.generation_secs,
            if row.reused { " (reused)" } else { "" },
            row.planted_values,
            expected,
            modules,
            diagnostics,
            spread(&row.find),
            spread(&row.ruff),
            spread(&row.djsafe),
            cpu(&row.ruff),
            cpu(&row.djsafe),
            peak(&row.find),
            peak(&row.ruff),
            load(row.load.0),
            load(row.load.1),
        );
    }
    for row in rows {
        if let Some(Ok(r)) = &row.recall {
            list(
                &mut out,
                &row.name,
                "missed (planted, not reported)",
                &r.missed,
            );
            list(
                &mut out,
                &row.name,
                "extra (reported, not planted)",
                &r.extra,
            );
        }
    }
    out
}

/// How the largest monorepo's times compare with the smallest's (issue 11: djsafe ≤ 12× from
/// 200 to 2,000 projects).
fn scaling(out: &mut String, rows: &[Row]) {
    let monorepos: Vec<&Row> = rows
        .iter()
        .filter(|r| r.name.starts_with("monorepo-"))
        .collect();
    let (Some(small), Some(large)) = (
        monorepos.iter().min_by_key(|r| r.py_files),
        monorepos.iter().max_by_key(|r| r.py_files),
    ) else {
        return;
    };
    if small.name == large.name {
        return;
    }
    let _ = writeln!(
        out,
        "\n{} / {} time: djsafe {}, find {}, ruff {} (the tree: {:.1}× the `.py` files)",
        large.name,
        small.name,
        ratio(&large.djsafe, &small.djsafe),
        ratio(&large.find, &small.find),
        ratio(&large.ruff, &small.ruff),
        large.py_files as f64 / small.py_files.max(1) as f64,
    );
}

fn list(out: &mut String, tree: &str, what: &str, items: &[crate::tree::Expected]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{tree}: {} {what}{}",
        items.len(),
        if items.len() > 10 {
            ", the first 10:"
        } else {
            ":"
        }
    );
    for item in items.iter().take(10) {
        let _ = writeln!(out, "  {}", recall::describe(item));
    }
}

/// All missed and extra findings of a tree, in `target/bench/<tree>.recall.txt`.
pub fn write_recall_details(bench_dir: &Path, row: &Row) {
    let Some(Ok(r)) = &row.recall else { return };
    let mut text = format!(
        "# {}: {} of {} planted findings reported\n",
        row.name, r.found, r.expected
    );
    text.push_str(&format!("\n## missed ({})\n", r.missed.len()));
    for e in &r.missed {
        text.push_str(&format!("{}\n", recall::describe(e)));
    }
    text.push_str(&format!("\n## extra ({})\n", r.extra.len()));
    for e in &r.extra {
        text.push_str(&format!("{}\n", recall::describe(e)));
    }
    let _ = std::fs::write(bench_dir.join(format!("{}.recall.txt", row.name)), text);
}
