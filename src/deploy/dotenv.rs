//! Committed dotenv files: `KEY=value` lines read as python-dotenv reads them (what
//! django-environ's `read_env`, python-decouple and compose `env_file` load), and which file
//! names are templates people copy (`.env.example`) rather than configuration.

use super::model::EnvValue;

/// One variable a dotenv file sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotenvEntry {
    pub key: String,
    pub value: EnvValue,
    /// 1-based line of the key.
    pub line: usize,
}

/// The variables of a dotenv file, in order (a key set twice appears twice; the last wins).
///
/// As python-dotenv: `export ` prefixes, blanks around `=`, `#` comments (on their own line, or
/// after a space following an unquoted value), single quotes literal (`\'` and `\\` escapes),
/// double quotes with backslash escapes and line breaks, and `${OTHER}` / `${OTHER:-default}`
/// expanded (unquoted and double-quoted values) from the keys set above. A reference to a
/// variable the file does not set depends on the host: the value is unknown, unless the
/// reference has a default. A key without `=` sets nothing.
pub fn parse(text: &str) -> Vec<DotenvEntry> {
    let mut entries: Vec<DotenvEntry> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut line = 1;
    while at < chars.len() {
        let (entry, next, lines) = parse_line(&chars, at, line);
        at = next;
        if let Some((key, raw)) = entry {
            let value = match raw {
                Raw::Literal(text) => EnvValue::Literal(text),
                Raw::Expand(text) => expand(&text, &entries),
            };
            entries.push(DotenvEntry { key, value, line });
        }
        line += lines;
    }
    entries
}

enum Raw {
    Literal(String),
    /// Expanded against the keys above.
    Expand(String),
}

/// One logical line from `start`: its entry, where the next line starts, and how many physical
/// lines it spanned (a double-quoted value may span several).
fn parse_line(chars: &[char], start: usize, _line: usize) -> (Option<(String, Raw)>, usize, usize) {
    let mut at = start;
    let mut lines = 1;
    let end_of_line = |from: usize| {
        chars[from..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| from + p + 1)
    };
    let skip_blanks = |mut at: usize| {
        while at < chars.len() && matches!(chars[at], ' ' | '\t' | '\r') {
            at += 1;
        }
        at
    };
    at = skip_blanks(at);
    let rest: String = chars[at..end_of_line(at)].iter().collect();
    if let Some(after) = rest.strip_prefix("export")
        && after.starts_with([' ', '\t'])
    {
        at = skip_blanks(at + "export".len());
    }
    let key_start = at;
    while at < chars.len() && (chars[at].is_alphanumeric() || matches!(chars[at], '_' | '.' | '-'))
    {
        at += 1;
    }
    let key: String = chars[key_start..at].iter().collect();
    at = skip_blanks(at);
    if key.is_empty() || at >= chars.len() || chars[at] != '=' {
        return (None, end_of_line(at.min(chars.len())), lines);
    }
    at = skip_blanks(at + 1);
    let value = match chars.get(at) {
        Some('\'') => {
            let mut value = String::new();
            at += 1;
            while at < chars.len() && chars[at] != '\'' {
                if chars[at] == '\\' && matches!(chars.get(at + 1), Some('\'' | '\\')) {
                    at += 1;
                }
                if chars[at] == '\n' {
                    lines += 1;
                }
                value.push(chars[at]);
                at += 1;
            }
            Raw::Literal(value)
        }
        Some('"') => {
            let mut value = String::new();
            at += 1;
            while at < chars.len() && chars[at] != '"' {
                let c = chars[at];
                if c == '\\' && at + 1 < chars.len() {
                    at += 1;
                    match chars[at] {
                        'n' => value.push('\n'),
                        't' => value.push('\t'),
                        'r' => value.push('\r'),
                        other @ ('"' | '\\' | '\'') => value.push(other),
                        other => {
                            value.push('\\');
                            value.push(other);
                        }
                    }
                } else {
                    if c == '\n' {
                        lines += 1;
                    }
                    value.push(c);
                }
                at += 1;
            }
            Raw::Expand(value)
        }
        _ => {
            let end = end_of_line(at);
            let text: String = chars[at..end].iter().collect();
            let text = text.trim_end_matches(['\n', '\r']);
            let comment = text
                .char_indices()
                .find(|&(i, c)| c == '#' && (i == 0 || text[..i].ends_with([' ', '\t'])))
                .map_or(text.len(), |(i, _)| i);
            return (
                Some((key, Raw::Expand(text[..comment].trim_end().to_string()))),
                end,
                lines,
            );
        }
    };
    (Some((key, value)), end_of_line(at.min(chars.len())), lines)
}

/// `${NAME}` and `${NAME:-default}` from the entries above.
fn expand(text: &str, above: &[DotenvEntry]) -> EnvValue {
    let mut result = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        result.push_str(&rest[..start]);
        let Some(close) = rest[start..].find('}') else {
            result.push_str(&rest[start..]);
            return EnvValue::Literal(result);
        };
        let inner = &rest[start + 2..start + close];
        let (name, default) = match inner.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (inner, None),
        };
        match above.iter().rev().find(|e| e.key == name) {
            Some(entry) => match &entry.value {
                EnvValue::Literal(value) => result.push_str(value),
                EnvValue::Unknown(reason) => return EnvValue::Unknown(reason.clone()),
            },
            None => match default {
                Some(default) => result.push_str(default),
                None => {
                    return EnvValue::Unknown(format!(
                        "uses ${{{name}}}, which the file does not set"
                    ));
                }
            },
        }
        rest = &rest[start + close + 1..];
    }
    result.push_str(rest);
    EnvValue::Literal(result)
}

/// What a dotenv-like file name is.
// For the evaluator's `.env` reading (issue 8): which committed files are configuration.
#[allow(dead_code)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotenvName {
    /// Loaded as configuration: `.env`, `.env.production`, `prod.env`.
    Config,
    /// A template to copy: `.env.example`, `.env.sample`, `env.template`, `.env.dist`.
    Template,
}

#[allow(dead_code)]
const TEMPLATE_WORDS: &[&str] = &[
    "example",
    "examples",
    "sample",
    "samples",
    "template",
    "templates",
    "tmpl",
    "tpl",
    "dist",
    "default",
    "defaults",
    "skel",
    "skeleton",
    "demo",
    "orig",
];

/// Whether a file name is a dotenv file and which kind: `.env`, `.env.<x>`, `<x>.env`, `env.<x>`;
/// any of its dotted/dashed parts being a template word (`example`, `sample`, `template`,
/// `dist`, `tpl`...) makes it a template.
#[allow(dead_code)]
pub fn classify_name(file_name: &str) -> Option<DotenvName> {
    let lower = file_name.to_ascii_lowercase();
    let is_dotenv = lower == ".env"
        || lower.starts_with(".env.")
        || lower.starts_with(".env-")
        || lower.starts_with(".env_")
        || lower.starts_with("env.")
        || lower.ends_with(".env")
        || lower.contains(".env.");
    if !is_dotenv {
        return None;
    }
    let template = lower
        .split(['.', '-', '_'])
        .any(|part| TEMPLATE_WORDS.contains(&part));
    Some(if template {
        DotenvName::Template
    } else {
        DotenvName::Config
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(key: &str, value: &str, line: usize) -> DotenvEntry {
        DotenvEntry {
            key: key.into(),
            value: EnvValue::Literal(value.into()),
            line,
        }
    }

    #[test]
    fn a_committed_dotenv_file() {
        let text = "\
# Django
DEBUG=True
SECRET_KEY='django-insecure-3x!a#b$c'
export ALLOWED_HOSTS=localhost,127.0.0.1   # dev hosts
DATABASE_URL = \"postgres://app:${DB_PASSWORD:-app}@db:5432/app\"
DB_HOST=db
REPLICA_URL=postgres://${DB_HOST}/app
HASH=abc#def
EMPTY=
QUOTED_EMPTY=\"\"
MULTILINE=\"line one
line two\"
AFTER=1
NO_VALUE
CACHE_URL=${REDIS_URL}
";
        let entries = parse(text);
        assert_eq!(
            entries,
            vec![
                lit("DEBUG", "True", 2),
                lit("SECRET_KEY", "django-insecure-3x!a#b$c", 3),
                lit("ALLOWED_HOSTS", "localhost,127.0.0.1", 4),
                lit("DATABASE_URL", "postgres://app:app@db:5432/app", 5),
                lit("DB_HOST", "db", 6),
                lit("REPLICA_URL", "postgres://db/app", 7),
                lit("HASH", "abc#def", 8),
                lit("EMPTY", "", 9),
                lit("QUOTED_EMPTY", "", 10),
                lit("MULTILINE", "line one\nline two", 11),
                lit("AFTER", "1", 13),
                DotenvEntry {
                    key: "CACHE_URL".into(),
                    value: EnvValue::Unknown(
                        "uses ${REDIS_URL}, which the file does not set".into()
                    ),
                    line: 15,
                },
            ]
        );
    }

    #[test]
    fn quoting_and_escapes() {
        let text = "A='single ${NOT} \\'x\\''\nB=\"tab\\there \\\"q\\\"\"\nC=\"hash # kept\" # comment\nexport  D = spaced\nexported=1\n";
        assert_eq!(
            parse(text),
            vec![
                lit("A", "single ${NOT} 'x'", 1),
                lit("B", "tab\there \"q\"", 2),
                lit("C", "hash # kept", 3),
                lit("D", "spaced", 4),
                lit("exported", "1", 5),
            ]
        );
    }

    #[test]
    fn crlf_and_garbage() {
        assert_eq!(
            parse("A=1\r\nB='2'\r\n"),
            vec![lit("A", "1", 1), lit("B", "2", 2)]
        );
        for text in [
            "=",
            "'",
            "A='",
            "A=\"",
            "A=${",
            "export",
            "\u{feff}A=1",
            "A=\"\\",
        ] {
            let _ = parse(text);
        }
    }

    #[test]
    fn template_names() {
        use DotenvName::*;
        for (name, kind) in [
            (".env", Some(Config)),
            (".env.production", Some(Config)),
            (".env.local", Some(Config)),
            ("prod.env", Some(Config)),
            ("docker.env", Some(Config)),
            (".env.example", Some(Template)),
            (".env.sample", Some(Template)),
            (".env.template", Some(Template)),
            (".env.dist", Some(Template)),
            ("env.example", Some(Template)),
            (".env-example", Some(Template)),
            ("example.env", Some(Template)),
            (".env.production.example", Some(Template)),
            (".env.tpl", Some(Template)),
            ("settings.py", None),
            ("environment.yml", None),
            (".envrc", None),
        ] {
            assert_eq!(classify_name(name), kind, "{name}");
        }
    }
}
