//! INI-style files (pytest.ini, tox.ini, setup.cfg, uWSGI, supervisor, systemd units): sections
//! and `key = value` entries with their lines, repeated keys kept (uWSGI's `env`, systemd's
//! `Environment=`), and continued values: indented lines (Python's configparser) or a trailing
//! backslash (systemd).

/// One `key = value` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IniEntry {
    pub section: String,
    /// The line of the section's `[header]` (0 before any).
    pub section_line: usize,
    pub key: String,
    /// The value's lines, each with its line number: the first is on the key's line (possibly
    /// empty), the rest are continuation lines.
    pub lines: Vec<(String, usize)>,
    pub line: usize,
}

impl IniEntry {
    /// The whole value, continuation lines joined with newlines.
    pub fn value(&self) -> String {
        self.lines
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

#[derive(Clone, Copy)]
pub enum Continuation {
    /// An indented line continues the value above (configparser).
    Indent,
    /// A trailing `\` continues the value on the next line (systemd).
    Backslash,
}

/// The entries of an INI text, in order. `key: value` is accepted too when `colon` (configparser).
pub fn parse(text: &str, continuation: Continuation, colon: bool) -> Vec<IniEntry> {
    let mut entries: Vec<IniEntry> = Vec::new();
    let mut section = String::new();
    let mut section_line = 0;
    let mut continuing = false;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = raw.trim();
        if continuing && let Some(last) = entries.last_mut() {
            let (content, more) = match trimmed.strip_suffix('\\') {
                Some(head) => (head.trim(), true),
                None => (trimmed, false),
            };
            last.lines.push((content.to_string(), number));
            continuing = more;
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if indented
            && matches!(continuation, Continuation::Indent)
            && let Some(last) = entries.last_mut().filter(|e| e.section == section)
        {
            last.lines.push((trimmed.to_string(), number));
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            section = name.trim().to_string();
            section_line = number;
            continue;
        }
        let separator = match (
            trimmed.find('='),
            colon.then(|| trimmed.find(':')).flatten(),
        ) {
            (Some(eq), Some(co)) => eq.min(co),
            (Some(eq), None) => eq,
            (None, Some(co)) => co,
            (None, None) => continue,
        };
        let key = trimmed[..separator].trim().to_string();
        let mut value = trimmed[separator + 1..].trim();
        if matches!(continuation, Continuation::Backslash)
            && let Some(head) = value.strip_suffix('\\')
        {
            value = head.trim();
            continuing = true;
        }
        entries.push(IniEntry {
            section: section.clone(),
            section_line,
            key,
            lines: vec![(value.to_string(), number)],
            line: number,
        });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configparser_style() {
        let text = "\
[tox]
envlist = py312

[testenv]
setenv =
    DJANGO_SETTINGS_MODULE = shop.settings.test
    DEBUG=0
commands: pytest {posargs}
; comment
";
        let entries = parse(text, Continuation::Indent, true);
        let summary: Vec<(&str, &str, String, usize)> = entries
            .iter()
            .map(|e| (e.section.as_str(), e.key.as_str(), e.value(), e.line))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("tox", "envlist", "py312".into(), 2),
                (
                    "testenv",
                    "setenv",
                    "DJANGO_SETTINGS_MODULE = shop.settings.test\nDEBUG=0".into(),
                    5
                ),
                ("testenv", "commands", "pytest {posargs}".into(), 8),
            ]
        );
        assert_eq!(
            entries[1].lines[1],
            ("DJANGO_SETTINGS_MODULE = shop.settings.test".into(), 6)
        );
    }

    #[test]
    fn systemd_style() {
        let text = "[Service]\nEnvironment=\"A=1\" \"B=two words\"\nExecStart=/srv/venv/bin/gunicorn \\\n    shop.wsgi:application \\\n    --bind unix:/run/shop.sock\nEnvironment=C=3\n";
        let entries = parse(text, Continuation::Backslash, false);
        let summary: Vec<(&str, String, usize)> = entries
            .iter()
            .map(|e| (e.key.as_str(), e.value(), e.line))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Environment", "\"A=1\" \"B=two words\"".into(), 2),
                (
                    "ExecStart",
                    "/srv/venv/bin/gunicorn\nshop.wsgi:application\n--bind unix:/run/shop.sock"
                        .into(),
                    3
                ),
                ("Environment", "C=3".into(), 6),
            ]
        );
    }
}
