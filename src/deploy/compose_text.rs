//! Compose files read without a YAML parser, the fallback for files that do not parse (Jinja or
//! Helm-style templates): the environment their `environment:` blocks clearly set.

use super::{EnvAssignment, strip_matching_quotes};

/// Environment entries of a docker compose file, found without a YAML parser: entries under any
/// `environment:` key, either list form (`- KEY=value`, `- "KEY=value"`, `- KEY` with no value is skipped)
/// or map form (`KEY: value`, `KEY: "value"`; null values are skipped), determined by indentation (the block
/// ends when indentation returns to the `environment:` key's level or less, except for `- ` items at the
/// key's own level, which YAML allows for a sequence). Quotes are stripped, and trailing ` # comments` on
/// unquoted values. Only entries at the block's first entry indentation count, so deeper (multi-line) content
/// is not mistaken for entries.
pub fn compose_env(text: &str) -> Vec<EnvAssignment> {
    let mut found = Vec::new();
    // Indentation of the open `environment:` key, and of its entries once the first one is seen.
    let mut block: Option<(usize, Option<usize>)> = None;
    for (index, raw) in text.lines().enumerate() {
        let content = raw.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = raw.len() - content.len();
        if let Some((key_indent, entry_indent)) = &mut block {
            let compact_item = indent == *key_indent
                && is_list_item(content)
                && entry_indent.is_none_or(|entries| entries == indent);
            if indent > *key_indent || compact_item {
                if indent == *entry_indent.get_or_insert(indent)
                    && let Some((key, value)) = compose_entry(content)
                {
                    found.push(EnvAssignment {
                        key,
                        value,
                        line: index + 1,
                    });
                }
                continue;
            }
            block = None;
        }
        if is_environment_key(content) {
            block = Some((indent, None));
        }
    }
    found
}

/// A YAML sequence item: a dash followed by whitespace or the end of the line (`-x` is a plain scalar).
fn is_list_item(content: &str) -> bool {
    content
        .strip_prefix('-')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// `environment:` opening a block; an inline value (`environment: [..]`, flow maps) does not.
fn is_environment_key(content: &str) -> bool {
    ["environment", "\"environment\"", "'environment'"]
        .iter()
        .filter_map(|key| content.strip_prefix(key))
        .filter_map(|rest| rest.trim_start().strip_prefix(':'))
        .any(|rest| {
            let rest = rest.trim();
            rest.is_empty() || rest.starts_with('#')
        })
}

/// The `(key, value)` of one line of an `environment:` block, in list or map form.
fn compose_entry(content: &str) -> Option<(String, String)> {
    if is_list_item(content) {
        let item = yaml_scalar(&content[1..])?;
        let (key, value) = item.split_once('=')?;
        let key = key.trim();
        return (!key.is_empty()).then(|| {
            (
                key.to_string(),
                strip_matching_quotes(value.trim()).to_string(),
            )
        });
    }
    let (key, rest) = split_map_key(content)?;
    Some((key, yaml_scalar(rest)?))
}

/// Splits `KEY: value` (key optionally quoted) at the colon YAML treats as the separator, one followed by
/// whitespace or the end of the line, so that plain keys never swallow a `host:port` value.
fn split_map_key(content: &str) -> Option<(String, &str)> {
    if content.starts_with(['"', '\'']) {
        let (key, rest) = quoted_prefix(content)?;
        let rest = rest.trim_start().strip_prefix(':')?;
        return (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some((key, rest));
    }
    let colon = content.match_indices(':').map(|(at, _)| at).find(|&at| {
        let after = &content[at + 1..];
        after.is_empty() || after.starts_with([' ', '\t'])
    })?;
    let key = content[..colon].trim_end();
    (!key.is_empty()).then(|| (key.to_string(), &content[colon + 1..]))
}

/// A one-line YAML scalar: quoted (with its escapes) or plain with a trailing ` # comment` removed. None for
/// nulls, which compose treats as "take it from the shell", and for multi-line values this reader does not join.
fn yaml_scalar(text: &str) -> Option<String> {
    let text = text.trim();
    if text.starts_with(['"', '\'']) {
        return quoted_prefix(text).map(|(value, _)| value);
    }
    let comment = text
        .char_indices()
        .find(|&(at, c)| c == '#' && (at == 0 || text[..at].ends_with([' ', '\t'])))
        .map_or(text.len(), |(at, _)| at);
    let plain = text[..comment].trim_end();
    match plain {
        "" | "~" | "null" | "Null" | "NULL" => None,
        // `|` and `>` start block scalars whose content is on the following lines.
        _ if plain.starts_with(['|', '>']) => None,
        _ => Some(plain.to_string()),
    }
}

/// The YAML quoted string at the start of `text` (which starts with `"` or `'`) and what follows it. Double
/// quotes take backslash escapes; in single quotes `''` is a literal quote. None if it is not closed on this line.
fn quoted_prefix(text: &str) -> Option<(String, &str)> {
    let mut chars = text.char_indices();
    let (_, quote) = chars.next()?;
    let mut value = String::new();
    while let Some((at, c)) = chars.next() {
        if c == quote {
            if quote == '\'' && text[at + 1..].starts_with('\'') {
                chars.next();
                value.push('\'');
                continue;
            }
            return Some((value, &text[at + 1..]));
        }
        if c == '\\' && quote == '"' {
            let (_, escaped) = chars.next()?;
            value.push(match escaped {
                'n' => '\n',
                't' => '\t',
                other => other,
            });
        } else {
            value.push(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(key: &str, value: &str, line: usize) -> EnvAssignment {
        EnvAssignment {
            key: key.to_string(),
            value: value.to_string(),
            line,
        }
    }

    #[test]
    fn compose_map_form_under_services() {
        let text = "\
services:
  web:
    image: app
    environment:
      DEBUG: \"true\"
      SECRET_KEY: 'it''s secret'
      ALLOWED_HOSTS: example.com # production host
      REDIS_URL: redis://cache:6379/0
      HASH: abc#def
      FROM_SHELL:
      ALSO_SHELL: ~
      EMPTY: \"\"
      \"QUOTED_KEY\": v
    ports:
      - \"8000:8000\"
  worker:
    environment:
      CELERY: \"1\" # trailing comment
";
        assert_eq!(
            compose_env(text),
            vec![
                env("DEBUG", "true", 5),
                env("SECRET_KEY", "it's secret", 6),
                env("ALLOWED_HOSTS", "example.com", 7),
                env("REDIS_URL", "redis://cache:6379/0", 8),
                env("HASH", "abc#def", 9),
                env("EMPTY", "", 12),
                env("QUOTED_KEY", "v", 13),
                env("CELERY", "1", 18),
            ]
        );
    }

    #[test]
    fn compose_list_form() {
        let text = "\
services:
  web:
    environment:
      - DEBUG=1
      - \"SECRET_KEY=abc def\"
      - 'QUOTED=x'
      - VALUE_QUOTES=\"quoted\"
      # - COMMENTED=1
      - WITH_COMMENT=yes # note
      - NO_VALUE
      - EMPTY=
    command: run
";
        assert_eq!(
            compose_env(text),
            vec![
                env("DEBUG", "1", 4),
                env("SECRET_KEY", "abc def", 5),
                env("QUOTED", "x", 6),
                env("VALUE_QUOTES", "quoted", 7),
                env("WITH_COMMENT", "yes", 9),
                env("EMPTY", "", 11),
            ]
        );
    }

    #[test]
    fn compose_block_ends_at_key_indentation() {
        let text = "\
services:
  web:
    environment:
      A: 1
    labels:
      B: 2
  db:
    environment:
    - C=3
    - D=4
    volumes:
    - data:/var/lib
x-env: &env
  E: 5
";
        assert_eq!(
            compose_env(text),
            vec![env("A", "1", 4), env("C", "3", 9), env("D", "4", 10)]
        );
    }

    #[test]
    fn compose_ignores_deeper_lines_and_inline_values() {
        let text = "\
services:
  web:
    environment:
      MULTI: |
        NOT_A_KEY: 1
      AFTER: 2
  other:
    environment: [X=1]
    labels:
      Y: 2
";
        assert_eq!(compose_env(text), vec![env("AFTER", "2", 6)]);
    }
}
