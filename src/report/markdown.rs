//! Rule documentation (Markdown) for the places that take plain text, such as SARIF's
//! `help.text`, and descriptions cut to a length limit.

/// At most `max` characters, cut on a character boundary, with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The rule docs as plain text for `help.text`: headings lose their `#`, code fences go,
/// links become `text (url)` and inline code loses its backticks.
pub fn markdown_to_text(markdown: &str) -> String {
    let mut lines = Vec::new();
    for line in markdown.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            continue;
        }
        let line = match trimmed.strip_prefix('#') {
            Some(_) => trimmed.trim_start_matches('#').trim_start(),
            None => line,
        };
        lines.push(unlink(line).replace('`', ""));
    }
    lines.join("\n")
}

/// `[text](url)` → `text (url)`.
fn unlink(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let url_start = close + 2;
            after[url_start..]
                .find(')')
                .map(|end| (&after[..close], &after[url_start..url_start + end]))
        });
        match link {
            Some((text, url)) => {
                out.push_str(&rest[..open]);
                out.push_str(&format!("{text} ({url})"));
                rest = &after[text.len() + 2 + url.len() + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_are_cut_on_a_character_boundary() {
        let long = "é".repeat(2000);
        let cut = truncate(&long, 1024);
        assert_eq!(cut.chars().count(), 1024);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("short", 1024), "short");
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let text = markdown_to_text(
            "## What it does\nChecks `DEBUG`.\n```python\nDEBUG = True\n```\n- [Django](https://d.example/x) and [b]\n",
        );
        assert_eq!(
            text,
            "What it does\nChecks DEBUG.\nDEBUG = True\n- Django (https://d.example/x) and [b]"
        );
    }
}
