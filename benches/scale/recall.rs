//! Comparing djsafe's JSON report with the planted findings: which were found, which were
//! missed, and what djsafe reported that nobody planted.

use std::collections::BTreeSet;

use crate::tree::Expected;

pub struct Recall {
    pub expected: usize,
    pub found: usize,
    pub missed: Vec<Expected>,
    pub extra: Vec<Expected>,
    pub modules: usize,
    pub diagnostics: usize,
}

/// `report` is djsafe's `--output-format json` output.
pub fn compare(report: &[u8], expected: &[Expected]) -> Result<Recall, String> {
    let report: serde_json::Value =
        serde_json::from_slice(report).map_err(|e| format!("djsafe's JSON does not parse: {e}"))?;
    let findings = report["findings"]
        .as_array()
        .ok_or("djsafe's JSON has no `findings` array")?;
    let reported: BTreeSet<Expected> = findings
        .iter()
        .map(|f| Expected {
            module: f["module"].as_str().unwrap_or("?").to_string(),
            file: f["file"].as_str().unwrap_or("?").to_string(),
            line: f["line"].as_u64().unwrap_or(0) as usize,
            rule: f["rule"].as_str().unwrap_or("?").to_string(),
        })
        .collect();
    let expected: BTreeSet<Expected> = expected.iter().cloned().collect();
    Ok(Recall {
        expected: expected.len(),
        found: expected.intersection(&reported).count(),
        missed: expected.difference(&reported).cloned().collect(),
        extra: reported.difference(&expected).cloned().collect(),
        modules: report["modules"].as_array().map_or(0, Vec::len),
        diagnostics: report["diagnostics"].as_array().map_or(0, Vec::len),
    })
}

/// One finding as `module  file:line  rule`.
pub fn describe(e: &Expected) -> String {
    format!("{}  {}:{}  {}", e.module, e.file, e.line, e.rule)
}
