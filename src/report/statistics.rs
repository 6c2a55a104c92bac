//! `--statistics`: how many findings each rule has, instead of the findings (like ruff's).

use serde::Serialize;

use crate::lint::Outcome;

#[derive(Serialize)]
struct Count<'a> {
    rule: &'a str,
    name: &'a str,
    count: usize,
}

/// Rules with findings, most findings first, then by id.
fn counts(outcome: &Outcome) -> Vec<Count<'_>> {
    let mut counts: Vec<Count> = Vec::new();
    for finding in &outcome.findings {
        match counts.iter_mut().find(|c| c.rule == finding.rule.id) {
            Some(count) => count.count += 1,
            None => counts.push(Count {
                rule: &finding.rule.id,
                name: &finding.rule.name,
                count: 1,
            }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(b.rule)));
    counts
}

/// One line per rule, `  3  DJS001  debug-enabled`, then how many diagnostics were left out.
pub fn render_text(outcome: &Outcome) -> String {
    let counts = counts(outcome);
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    let id_width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in &counts {
        out.push_str(&format!(
            "  {:>width$}  {:id_width$}  {}\n",
            c.count, c.rule, c.name
        ));
    }
    if counts.is_empty() {
        out.push_str("No problems found.\n");
    }
    match outcome.diagnostics.len() {
        0 => {}
        1 => out.push_str(
            "1 diagnostic (djsafe could not read or resolve something; run without --statistics to see it).\n",
        ),
        n => out.push_str(&format!(
            "{n} diagnostics (djsafe could not read or resolve everything; run without --statistics to see them).\n"
        )),
    }
    out
}

/// `[{"rule": "DJS001", "name": "debug-enabled", "count": 3}]`, in the text's order.
pub fn render_json(outcome: &Outcome) -> String {
    serde_json::to_string_pretty(&counts(outcome)).expect("the counts serialize") + "\n"
}
