//! The rows of the matrix: the security-relevant settings, the rules that mark each, and when a
//! row is worth showing.

use std::collections::BTreeSet;

use crate::lint::Outcome;

use super::{Cell, Column, Mark, Row, column_of, shown_rule};

/// How a row's cells are made.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// The setting's value (the first name assigned, else Django's default).
    Value,
    /// Where SECRET_KEY comes from, never the key itself.
    SecretKey,
    /// The email backend, Django's own by their short names (`console`, `smtp`).
    EmailBackend,
    /// The rules that fire and that no other row takes.
    Other,
}

/// When a row is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Always,
    /// A setting of a third-party package (django-cors-headers) or one few projects set: when
    /// some column assigns it or a rule fires on it.
    WhenAssigned,
    /// HSTS's other flags: when some column turns HSTS on (or its seconds are unknown), or a
    /// rule fires on them.
    WhenHstsOn,
}

pub struct RowSpec {
    pub row: &'static str,
    pub settings: &'static [&'static str],
    pub rules: &'static [&'static str],
    pub kind: CellKind,
    pub shown: Shown,
}

pub const OTHER_ROW: &str = "other findings";

const HSTS_SECONDS: &str = "SECURE_HSTS_SECONDS";

pub const ROWS: &[RowSpec] = &[
    value("DEBUG", &["DEBUG"], &["DJS001"], Shown::Always),
    value(
        "ALLOWED_HOSTS",
        &["ALLOWED_HOSTS"],
        &["DJS002", "DJS022"],
        Shown::Always,
    ),
    RowSpec {
        row: "SECRET_KEY",
        settings: &["SECRET_KEY"],
        rules: &["DJS003", "DJS020", "DJS034"],
        kind: CellKind::SecretKey,
        shown: Shown::Always,
    },
    value(
        "SECURE_SSL_REDIRECT",
        &["SECURE_SSL_REDIRECT"],
        &["DJS011", "DJS042"],
        Shown::Always,
    ),
    value(HSTS_SECONDS, &[HSTS_SECONDS], &["DJS004"], Shown::Always),
    value(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        &["SECURE_HSTS_INCLUDE_SUBDOMAINS"],
        &["DJS008"],
        Shown::WhenHstsOn,
    ),
    value(
        "SECURE_HSTS_PRELOAD",
        &["SECURE_HSTS_PRELOAD"],
        &["DJS009"],
        Shown::WhenHstsOn,
    ),
    value(
        "SESSION_COOKIE_SECURE",
        &["SESSION_COOKIE_SECURE"],
        &["DJS023"],
        Shown::Always,
    ),
    value(
        "SESSION_COOKIE_HTTPONLY",
        &["SESSION_COOKIE_HTTPONLY"],
        &["DJS024"],
        Shown::Always,
    ),
    value(
        "CSRF_COOKIE_SECURE",
        &["CSRF_COOKIE_SECURE"],
        &["DJS025"],
        Shown::Always,
    ),
    value(
        "CSRF_TRUSTED_ORIGINS",
        &["CSRF_TRUSTED_ORIGINS"],
        &["DJS032"],
        Shown::WhenAssigned,
    ),
    value(
        "CORS_ALLOW_ALL_ORIGINS",
        &["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"],
        &["DJS030"],
        Shown::WhenAssigned,
    ),
    value(
        "CORS_ALLOWED_ORIGINS",
        &["CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST"],
        &["DJS031"],
        Shown::WhenAssigned,
    ),
    RowSpec {
        row: "EMAIL_BACKEND",
        settings: &["EMAIL_BACKEND", "MAILERS"],
        rules: &["DJS027"],
        kind: CellKind::EmailBackend,
        shown: Shown::Always,
    },
    RowSpec {
        row: OTHER_ROW,
        settings: &[],
        rules: &[],
        kind: CellKind::Other,
        shown: Shown::Always,
    },
];

const fn value(
    row: &'static str,
    settings: &'static [&'static str],
    rules: &'static [&'static str],
    shown: Shown,
) -> RowSpec {
    RowSpec {
        row,
        settings,
        rules,
        kind: CellKind::Value,
        shown,
    }
}

/// The row a rule's findings mark: the one that lists it, else `other findings`.
fn row_of(rule: &str) -> usize {
    ROWS.iter()
        .position(|r| r.rules.contains(&rule))
        .unwrap_or(ROWS.len() - 1)
}

/// The rows shown, each with its cells in column order (`values[column][row]`) and the marks of
/// the findings that hold in each column.
pub fn assemble(columns: &[Column], mut values: Vec<Vec<Cell>>, outcome: &Outcome) -> Vec<Row> {
    let sources = &outcome.project.sources;
    for finding in &outcome.findings {
        if !shown_rule(&finding.rule.id) {
            continue;
        }
        let Some(column) = column_of(finding, columns) else {
            continue;
        };
        let start = sources.start(finding.span);
        let mark = Mark {
            rule: finding.rule.id.clone(),
            name: finding.rule.name.clone(),
            severity: finding.severity.to_string(),
            file: sources.get(finding.span.file).display.clone(),
            line: start.line,
        };
        values[column][row_of(&finding.rule.id)].findings.push(mark);
    }
    let other = ROWS.len() - 1;
    for cells in &mut values {
        for cell in cells.iter_mut() {
            cell.findings
                .sort_by(|a, b| (&a.rule, &a.file, a.line).cmp(&(&b.rule, &b.file, b.line)));
            cell.findings
                .dedup_by(|a, b| (&a.rule, &a.file, a.line) == (&b.rule, &b.file, b.line));
        }
        let rules: BTreeSet<&str> = cells[other]
            .findings
            .iter()
            .map(|m| m.rule.as_str())
            .collect();
        cells[other].text = rules.into_iter().collect::<Vec<_>>().join(" ");
    }
    let hsts = ROWS
        .iter()
        .position(|r| r.row == HSTS_SECONDS)
        .expect("the HSTS row exists");
    let hsts_on = values.iter().any(|cells| {
        let seconds = &cells[hsts];
        !seconds.known || seconds.value.as_deref().is_some_and(|v| v != "0")
    });
    ROWS.iter()
        .enumerate()
        .filter(|(index, spec)| {
            let marked = values
                .iter()
                .any(|cells| !cells[*index].findings.is_empty());
            marked
                || match spec.shown {
                    Shown::Always => true,
                    Shown::WhenHstsOn => hsts_on,
                    Shown::WhenAssigned => values.iter().any(|cells| cells[*index].assigned),
                }
        })
        .map(|(index, spec)| Row {
            row: spec.row,
            settings: spec.settings,
            rules: spec.rules,
            cells: values.iter().map(|cells| cells[index].clone()).collect(),
        })
        .collect()
}
