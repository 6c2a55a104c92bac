//! Where any text (Python, Dockerfile, YAML, ini, shell) names a settings module through
//! `DJANGO_SETTINGS_MODULE`, or a django-configurations class through `DJANGO_CONFIGURATION`.

/// A place where a text names a Django settings module through `DJANGO_SETTINGS_MODULE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsModuleReference {
    pub module: String,
    /// 1-based line of the module name.
    pub line: usize,
}

const SETTINGS_VARIABLE: &str = "DJANGO_SETTINGS_MODULE";

/// Where a text names a Django settings module through `DJANGO_SETTINGS_MODULE`, as `(module, line)` in
/// order. Works on Python (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pkg.settings.prod")`,
/// `os.environ["DJANGO_SETTINGS_MODULE"] = 'x.y'`), Dockerfiles (`ENV DJANGO_SETTINGS_MODULE x.y`,
/// `ENV A=1 DJANGO_SETTINGS_MODULE=x.y`), compose/YAML/.env/ini/TOML (`DJANGO_SETTINGS_MODULE: x.y`,
/// `- DJANGO_SETTINGS_MODULE=x.y`, `DJANGO_SETTINGS_MODULE = x.y`) and shell (`export ...=x.y`).
///
/// Textual scan: after each occurrence of the name (not part of a longer identifier, not on a line whose
/// first non-blank character is `#`), skip the closing quote (and `]`) of a quoted name, then blanks and at
/// most one separator among `,` `=` `:`, then blanks (line breaks too after `,`, for wrapped Python calls),
/// then read a value that is optionally quoted. It is accepted only if it is a dotted Python module path.
/// To keep variables and prose out: a quoted name needs a quoted value (Python/JSON literals), an unquoted
/// value must end its word, and without a separator the value must contain a dot.
pub fn settings_module_references(text: &str) -> Vec<SettingsModuleReference> {
    variable_references(text, SETTINGS_VARIABLE)
}

/// Where a text sets DJANGO_CONFIGURATION (django-configurations' class name), read like
/// [`settings_module_references`].
pub fn configuration_references(text: &str) -> Vec<SettingsModuleReference> {
    variable_references(text, "DJANGO_CONFIGURATION")
}

fn variable_references(text: &str, variable: &str) -> Vec<SettingsModuleReference> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (start, _) in text.match_indices(variable) {
        let end = start + variable.len();
        let before = start.checked_sub(1).map(|at| bytes[at]);
        if before.is_some_and(is_identifier_byte)
            || bytes.get(end).copied().is_some_and(is_identifier_byte)
        {
            continue;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
        if text[line_start..start].trim_start().starts_with('#') {
            continue;
        }
        if let Some((module, at)) = assigned_module(text, start, end) {
            found.push(SettingsModuleReference {
                module,
                line: text[..at].matches('\n').count() + 1,
            });
        }
    }
    found
}

/// The module assigned by the occurrence of the variable name at `start..end`, with the byte offset of
/// the value.
fn assigned_module(text: &str, start: usize, end: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let open_quote = start
        .checked_sub(1)
        .map(|at| bytes[at])
        .filter(|b| matches!(b, b'"' | b'\''));
    let mut pos = end;
    // A name written as a string literal closes here; `environ["..."]` also closes its subscript.
    let literal_name = open_quote.is_some() && bytes.get(pos).copied() == open_quote;
    if literal_name {
        pos += 1;
        if bytes.get(pos) == Some(&b']') {
            pos += 1;
        }
    }
    pos = skip_blanks(bytes, pos, false);
    let separator = bytes
        .get(pos)
        .copied()
        .filter(|b| matches!(b, b',' | b'=' | b':'));
    if separator.is_some() {
        pos += 1;
    }
    pos = skip_blanks(bytes, pos, separator == Some(b','));
    let value_start = pos;
    let module = match bytes.get(pos) {
        Some(&quote @ (b'"' | b'\'')) => {
            let body = &text[pos + 1..];
            let close = body.find([quote as char, '\n'])?;
            if body.as_bytes()[close] != quote {
                return None;
            }
            &body[..close]
        }
        // An unquoted value next to a quoted name is a variable or an expression, not a module.
        _ if literal_name => return None,
        _ => {
            let rest = &text[pos..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            // The value must end its word: `$X`, `${X:-a.b}` or `f"..."` are not module names. It may end
            // at the quote that opened the name, as in `- "DJANGO_SETTINGS_MODULE=x.y"`.
            let ends_word = bytes.get(pos + len).is_none_or(|&b| {
                b.is_ascii_whitespace()
                    || matches!(b, b';' | b',' | b')' | b']' | b'}' | b'&' | b'|' | b'\\')
                    || Some(b) == open_quote
            });
            if !ends_word {
                return None;
            }
            &rest[..len]
        }
    };
    // Without a separator this is `ENV NAME value`-like; prose ("set DJANGO_SETTINGS_MODULE to ...") is not.
    if separator.is_none() && !module.contains('.') {
        return None;
    }
    is_module_path(module).then(|| (module.to_string(), value_start))
}

fn skip_blanks(bytes: &[u8], mut pos: usize, across_lines: bool) -> usize {
    while let Some(&b) = bytes.get(pos) {
        let blank = matches!(b, b' ' | b'\t') || (across_lines && matches!(b, b'\r' | b'\n'));
        if !blank {
            break;
        }
        pos += 1;
    }
    pos
}

fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*`
fn is_module_path(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                && part.bytes().all(is_identifier_byte)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::EnvAssignment;
    use crate::deploy::compose_text::compose_env;

    fn env(key: &str, value: &str, line: usize) -> EnvAssignment {
        EnvAssignment {
            key: key.to_string(),
            value: value.to_string(),
            line,
        }
    }

    fn modules(text: &str) -> Vec<(String, usize)> {
        settings_module_references(text)
            .into_iter()
            .map(|r| (r.module, r.line))
            .collect()
    }

    fn module(name: &str, line: usize) -> (String, usize) {
        (name.to_string(), line)
    }

    #[test]
    fn settings_module_in_python() {
        let text = "\
import os

os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"pkg.settings.prod\")
os.environ['DJANGO_SETTINGS_MODULE'] = 'x.y'
environ.setdefault('DJANGO_SETTINGS_MODULE','single')
os.environ.setdefault(
    \"DJANGO_SETTINGS_MODULE\",
    \"wrapped.settings\",
)
";
        assert_eq!(
            modules(text),
            vec![
                module("pkg.settings.prod", 3),
                module("x.y", 4),
                module("single", 5),
                module("wrapped.settings", 8),
            ]
        );
    }

    #[test]
    fn settings_module_python_variables_and_expressions_ignored() {
        let text = "\
os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", settings_module)
os.environ[\"DJANGO_SETTINGS_MODULE\"] = name
module = os.environ.get(\"DJANGO_SETTINGS_MODULE\")
os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", f\"{project}.settings\")
if os.environ[\"DJANGO_SETTINGS_MODULE\"] == \"a.b\": pass
";
        assert_eq!(modules(text), vec![]);
    }

    #[test]
    fn settings_module_in_dockerfile() {
        let text = "\
ENV DJANGO_SETTINGS_MODULE config.settings.production
ENV A=1 DJANGO_SETTINGS_MODULE=x.y B=2
ENV A=1 \\
    DJANGO_SETTINGS_MODULE=\"quoted.settings\"
";
        assert_eq!(
            modules(text),
            vec![
                module("config.settings.production", 1),
                module("x.y", 2),
                module("quoted.settings", 4),
            ]
        );
    }

    #[test]
    fn settings_module_in_compose_env_ini_and_shell() {
        let text = "\
    environment:
      DJANGO_SETTINGS_MODULE: app.settings # prod
      - DJANGO_SETTINGS_MODULE=list.settings
      - \"DJANGO_SETTINGS_MODULE=quoted_list.settings\"
      DJANGO_SETTINGS_MODULE: \"map.settings\"
[pytest]
DJANGO_SETTINGS_MODULE = tests.settings
export DJANGO_SETTINGS_MODULE=shell.settings && gunicorn app.wsgi
DJANGO_SETTINGS_MODULE=dotenv
DJANGO_SETTINGS_MODULE=\"toml.settings\"
";
        assert_eq!(
            modules(text),
            vec![
                module("app.settings", 2),
                module("list.settings", 3),
                module("quoted_list.settings", 4),
                module("map.settings", 5),
                module("tests.settings", 7),
                module("shell.settings", 8),
                module("dotenv", 9),
                module("toml.settings", 10),
            ]
        );
    }

    #[test]
    fn settings_module_comment_lines_ignored() {
        let text = "\
# DJANGO_SETTINGS_MODULE=commented.settings
    # os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"also.commented\")
DJANGO_SETTINGS_MODULE=kept.settings
";
        assert_eq!(modules(text), vec![module("kept.settings", 3)]);
    }

    #[test]
    fn settings_module_longer_identifiers_ignored() {
        let text = "\
MY_DJANGO_SETTINGS_MODULE_X=a.b
DJANGO_SETTINGS_MODULE_X=a.b
MY_DJANGO_SETTINGS_MODULE=a.b
DJANGO_SETTINGS_MODULE2=a.b
";
        assert_eq!(modules(text), vec![]);
    }

    #[test]
    fn settings_module_non_module_values_ignored() {
        let text = "\
DJANGO_SETTINGS_MODULE=$SETTINGS
DJANGO_SETTINGS_MODULE=${SETTINGS:-a.b}
DJANGO_SETTINGS_MODULE: \"has space.settings\"
DJANGO_SETTINGS_MODULE=1bad.settings
DJANGO_SETTINGS_MODULE=trailing.
DJANGO_SETTINGS_MODULE=path/to/settings.py
DJANGO_SETTINGS_MODULE=\"unterminated.settings
DJANGO_SETTINGS_MODULE:
  next.line
DJANGO_SETTINGS_MODULE ==
echo $DJANGO_SETTINGS_MODULE
Set DJANGO_SETTINGS_MODULE to point at your settings.
";
        assert_eq!(modules(text), vec![]);
    }

    #[test]
    fn settings_module_crlf_line_endings() {
        let text = "A=1\r\nDJANGO_SETTINGS_MODULE=crlf.settings\r\n";
        assert_eq!(modules(text), vec![module("crlf.settings", 2)]);
        assert_eq!(
            compose_env("environment:\r\n  A: 1\r\n"),
            vec![env("A", "1", 2)]
        );
    }
}
