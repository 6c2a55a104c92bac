//! The matrix for people: a numbered legend of the columns (labels can be long, so the table's
//! header carries only the numbers), then the table, at most [`WIDTH`] characters wide whatever
//! the terminal. Cells wrap to between [`NARROWEST`] and [`WIDEST`] characters over at most
//! [`CELL_LINES`] lines: as wide as lets every column fit in as few blocks as possible (columns
//! that do not fit go to a further block that repeats the setting names).

use std::collections::BTreeMap;

use super::{Cell, ColumnKind, Matrix, OTHER_ROW};

/// The widest a table line gets.
const WIDTH: usize = 100;
/// The widest a cell's text gets before it wraps.
const WIDEST: usize = 30;
/// The narrowest a cell's text is made to fit more columns side by side.
const NARROWEST: usize = 14;
/// The most lines a cell takes; the rest is cut with `…` (the JSON output has it all).
const CELL_LINES: usize = 4;
/// Between the setting names and the first column, and between columns.
const GAP: usize = 2;

pub fn render(matrix: &Matrix) -> String {
    if matrix.columns.is_empty() {
        let mut out = String::from(
            "No settings to show: djsafe found no settings module that a deployment runs or that it lints.\n",
        );
        out.push_str(&not_shown(matrix));
        return out;
    }
    let mut out = String::new();
    let modules: std::collections::BTreeSet<&str> =
        matrix.columns.iter().map(|c| c.settings.as_str()).collect();
    out.push_str(&format!(
        "{} environment{} of {} settings module{}: each cell is what the setting is there.\n\n",
        matrix.columns.len(),
        plural(matrix.columns.len()),
        modules.len(),
        plural(modules.len()),
    ));
    out.push_str(&legend(matrix));
    out.push('\n');
    out.push_str(&table(matrix));
    out.push_str(&marks(matrix));
    out.push_str(&notations(matrix));
    out.push_str(&unknowns(matrix));
    out.push_str(&not_shown(matrix));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `  1  mysite.settings.production  Dockerfile:3  production`, one line per column.
fn legend(matrix: &Matrix) -> String {
    let rows: Vec<[String; 4]> = matrix
        .columns
        .iter()
        .map(|c| {
            let environment = match c.kind {
                ColumnKind::Probed => format!("{} (probed)", c.environment),
                _ => c.environment.clone(),
            };
            let profile = if c.checked {
                c.profile.to_string()
            } else {
                format!("{} (not checked)", c.profile)
            };
            [
                c.column.to_string(),
                c.settings.clone(),
                environment,
                profile,
            ]
        })
        .collect();
    let header = ["#", "settings", "environment", "profile"].map(str::to_string);
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| width(&r[i]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let line = format!(
            "  {:>w0$}  {:<w1$}  {:<w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if matrix.columns.iter().any(|c| c.kind == ColumnKind::Probed) {
        out.push_str(
            "  (probed): a value the settings compare the variable with, which no deployment file sets\n",
        );
    }
    if matrix.columns.iter().any(|c| !c.checked) {
        out.push_str(
            "  (not checked): development settings are evaluated but not checked, as in `djsafe check`\n",
        );
    }
    out
}

/// A cell as table lines: its mark, then its text wrapped.
struct Shown {
    mark: char,
    lines: Vec<String>,
}

impl Shown {
    fn of(cell: &Cell, other: bool, cap: usize) -> Shown {
        let mark = cell
            .findings
            .iter()
            .map(|m| match m.severity.as_str() {
                "error" => (3, '×'),
                "warning" => (2, '!'),
                _ => (1, '·'),
            })
            .max()
            .map_or(' ', |(_, mark)| mark);
        let text = if other && cell.text.is_empty() {
            "-"
        } else {
            cell.text.as_str()
        };
        Shown {
            mark,
            lines: wrap(text, cap, CELL_LINES),
        }
    }

    fn width(&self) -> usize {
        2 + self.lines.iter().map(|l| width(l)).max().unwrap_or(0)
    }
}

/// The cells wrapped to `cap`, each column's width, and the blocks of columns that fit.
struct Layout {
    shown: Vec<Vec<Shown>>,
    column_widths: Vec<usize>,
    blocks: Vec<Vec<usize>>,
}

fn layout(matrix: &Matrix, label_width: usize, cap: usize) -> Layout {
    let shown: Vec<Vec<Shown>> = matrix
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|cell| Shown::of(cell, row.row == OTHER_ROW, cap))
                .collect()
        })
        .collect();
    let column_widths: Vec<usize> = matrix
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            shown
                .iter()
                .map(|row| row[index].width())
                .chain(std::iter::once(2 + width(&column.column.to_string())))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut used = label_width;
    for (index, column_width) in column_widths.iter().enumerate() {
        let needed = GAP + column_width;
        match blocks.last_mut() {
            Some(block) if used + needed <= WIDTH => block.push(index),
            _ => {
                blocks.push(vec![index]);
                used = label_width;
            }
        }
        used += needed;
    }
    Layout {
        shown,
        column_widths,
        blocks,
    }
}

fn table(matrix: &Matrix) -> String {
    let label_width = matrix.rows.iter().map(|r| width(r.row)).max().unwrap_or(0);
    // The fewest blocks, then the widest cells.
    let Layout {
        shown,
        column_widths,
        blocks,
    } = (NARROWEST..=WIDEST)
        .rev()
        .map(|cap| layout(matrix, label_width, cap))
        .min_by_key(|l| l.blocks.len())
        .expect("the range of widths is not empty");
    let mut out = String::new();
    for (number, block) in blocks.iter().enumerate() {
        if number > 0 {
            out.push('\n');
        }
        let mut header = " ".repeat(label_width);
        for &index in block {
            header.push_str(&" ".repeat(GAP + 2));
            header.push_str(&pad(
                &matrix.columns[index].column.to_string(),
                column_widths[index] - 2,
            ));
        }
        out.push_str(header.trim_end());
        out.push('\n');
        for (row, cells) in matrix.rows.iter().zip(&shown) {
            let height = block
                .iter()
                .map(|&i| cells[i].lines.len())
                .max()
                .unwrap_or(1);
            for line in 0..height {
                let label = if line == 0 { row.row } else { "" };
                let mut text = pad(label, label_width);
                for &index in block {
                    let cell = &cells[index];
                    let mark = if line == 0 { cell.mark } else { ' ' };
                    let part = cell.lines.get(line).map_or("", String::as_str);
                    text.push_str(&" ".repeat(GAP));
                    text.push(mark);
                    text.push(' ');
                    text.push_str(&pad(part, column_widths[index] - 2));
                }
                out.push_str(text.trim_end());
                out.push('\n');
            }
        }
    }
    out
}

/// Which rules mark which columns.
fn marks(matrix: &Matrix) -> String {
    let mut by_rule: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for row in &matrix.rows {
        for (cell, column) in row.cells.iter().zip(&matrix.columns) {
            for mark in &cell.findings {
                let columns = by_rule.entry((&mark.rule, &mark.name)).or_default();
                if !columns.contains(&column.column) {
                    columns.push(column.column);
                }
            }
        }
    }
    let mut out = String::from(
        "\n× error, ! warning, · note: a rule of `djsafe check` fires for that setting in that\n",
    );
    if by_rule.is_empty() {
        out.push_str("environment; none does.\n");
        return out;
    }
    out.push_str("environment (`djsafe check` shows each finding):\n");
    let name_width = by_rule
        .keys()
        .map(|(id, name)| width(id) + 1 + width(name))
        .max()
        .unwrap_or(0);
    for ((id, name), mut columns) in by_rule {
        columns.sort_unstable();
        let columns: Vec<String> = columns.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "  {}  {}\n",
            pad(&format!("{id} {name}"), name_width),
            columns.join(", ")
        ));
    }
    out
}

/// What the cells' notations mean, for those the table uses.
fn notations(matrix: &Matrix) -> String {
    let texts = || matrix.rows.iter().flat_map(|r| &r.cells).map(|c| &c.text);
    let mut out = String::new();
    if texts().any(|t| t.contains('$')) {
        out.push_str("$VAR: the value of a variable that a deployment sets outside the repository or\n      that the settings require\n");
    }
    if texts().any(|t| t.contains("(default)")) {
        out.push_str("(default): never assigned, so Django's default\n");
    }
    if texts().any(|t| t.contains('?')) {
        out.push_str("?: a part djsafe cannot know (see below)\n");
    }
    out
}

/// The cells djsafe could not determine, with why.
fn unknowns(matrix: &Matrix) -> String {
    let mut lines: Vec<String> = Vec::new();
    for row in &matrix.rows {
        let mut by_reason: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (cell, column) in row.cells.iter().zip(&matrix.columns) {
            let undetermined = cell.text.starts_with("unknown") || cell.text.contains('?');
            if let (true, Some(reason)) = (undetermined, &cell.reason) {
                by_reason
                    .entry(reason)
                    .or_default()
                    .push(column.column.to_string());
            }
        }
        for (reason, columns) in by_reason {
            lines.push(format!(
                "  {} in {}: {reason}\n",
                row.row,
                columns.join(", ")
            ));
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("\nCould not be determined:\n{}", lines.concat())
}

fn not_shown(matrix: &Matrix) -> String {
    let mut out = String::new();
    if !matrix.other_deployments.is_empty() {
        out.push_str("\nDeployments that are no column (`djsafe deployments` lists them):\n");
        for other in &matrix.other_deployments {
            let name = other
                .name
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {}:{}{name}: {}\n",
                other.source, other.line, other.why
            ));
        }
    }
    if !matrix.other_settings.is_empty() {
        out.push_str("\nDevelopment settings no deployment runs (not checked):\n");
        for other in &matrix.other_settings {
            out.push_str(&format!(
                "  {} ({})\n",
                other.settings, other.profile_reason
            ));
        }
    }
    out
}

/// Characters, as a terminal counts them for the text djsafe writes here.
fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

/// `text` in lines of at most `max` characters, broken after spaces and commas where it can be,
/// at most `lines` of them (the last cut with `…` when more would follow).
fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_inclusive([' ', ',', '/']) {
        let mut word = word.to_string();
        if width(&current) + width(word.trim_end()) > max && !current.is_empty() {
            out.push(current.trim_end().to_string());
            current = String::new();
            word = word.trim_start().to_string();
        }
        while width(&word) > max {
            let cut = break_point(&word, max);
            let head: String = word.chars().take(cut).collect();
            let tail: String = word.chars().skip(cut).collect();
            out.push(head);
            word = tail;
        }
        current.push_str(&word);
    }
    if !current.trim().is_empty() || out.is_empty() {
        out.push(current.trim_end().to_string());
    }
    if out.len() > lines {
        out.truncate(lines);
        let last = out.last_mut().expect("lines > 0");
        let kept: String = last.chars().take(max - 1).collect();
        *last = format!("{kept}…");
    }
    out
}

/// Where to cut a word longer than `max`: after the last `.`, `_`, `/`, `-` or `:` in its first
/// `max` characters when that keeps at least half of them (`'guestbook.fly.` + `dev']`), else at
/// `max`.
fn break_point(word: &str, max: usize) -> usize {
    word.chars()
        .take(max)
        .enumerate()
        .filter(|(_, c)| matches!(c, '.' | '_' | '/' | '-' | ':'))
        .map(|(index, _)| index + 1)
        .filter(|&cut| cut >= max / 2 && cut < max)
        .last()
        .unwrap_or(max)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_commas_and_cuts_long_cells() {
        assert_eq!(wrap("True", 22, 4), ["True"]);
        assert_eq!(
            wrap("fallback literal when SECRET_KEY is unset", 22, 4),
            ["fallback literal when", "SECRET_KEY is unset"]
        );
        assert_eq!(
            wrap("['a.example.com', 'b.example.com']", 22, 4),
            ["['a.example.com',", "'b.example.com']"]
        );
        assert_eq!(wrap("abcdefghij", 4, 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            wrap("['guestbook.fly.dev']", 20, 4),
            ["['guestbook.fly.", "dev']"]
        );
        assert_eq!(
            wrap("$DJANGO_ALLOWED_HOSTS", 19, 4),
            ["$DJANGO_ALLOWED_", "HOSTS"]
        );
        assert_eq!(wrap("abcdefghijklmnopq", 4, 2), ["abcd", "efg…"]);
        assert_eq!(wrap("", 4, 2), [""]);
    }
}
