//! Deployment files (Dockerfiles, docker compose files, entry points): the environment they set and the
//! Django settings module they select. Everything is read textually, so no YAML or shell parser is needed
//! and files that would not parse still yield what they clearly say.

/// One environment variable assignment found in a deployment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvAssignment {
    pub key: String,
    pub value: String,
    /// 1-based line of the instruction / entry that sets it.
    pub line: usize,
}

/// A place where a text names a Django settings module through `DJANGO_SETTINGS_MODULE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsModuleReference {
    pub module: String,
    /// 1-based line of the module name.
    pub line: usize,
}

/// Which kind of deployment file a file name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeployFileKind {
    Dockerfile,
    Compose,
}

/// `Dockerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `Dockerfile-staging`, `backend.dockerfile`
/// (case-insensitive) → Dockerfile; `docker-compose.yml`, `docker-compose.prod.yaml`, `docker-compose-dev.yml`,
/// `compose.yaml`, `compose.override.yml` → Compose; anything else None.
pub fn deploy_file_kind(file_name: &str) -> Option<DeployFileKind> {
    let name = file_name.to_ascii_lowercase();
    // BuildKit reads `Dockerfile.dockerignore` as the ignore file of that Dockerfile, not as a Dockerfile.
    if name.ends_with(".dockerignore") {
        return None;
    }
    if name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name.starts_with("dockerfile-")
        || name.ends_with(".dockerfile")
    {
        return Some(DeployFileKind::Dockerfile);
    }
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    let compose_stem = name.starts_with("docker-compose.")
        || name.starts_with("docker-compose-")
        || name.starts_with("compose.");
    (yaml && compose_stem).then_some(DeployFileKind::Compose)
}

/// `ENV` instructions of a Dockerfile, in order. Handles both forms: `ENV KEY=VALUE [KEY2=VALUE2 ...]`
/// (values may be single- or double-quoted, with backslash escapes inside double quotes and bare values)
/// and the legacy `ENV KEY VALUE` (the whole rest of the line is the value, surrounding quotes removed).
/// Instructions are case-insensitive (`env`), line continuations with a trailing `\` join lines (the line
/// reported is the line where the instruction starts), comment lines (`#`) are skipped, including inside a
/// continuation. Variable references like `$FOO`/`${FOO}` are kept verbatim.
pub fn dockerfile_env(text: &str) -> Vec<EnvAssignment> {
    let mut found = Vec::new();
    for (line, instruction) in dockerfile_instructions(text) {
        let instruction = instruction.trim_start();
        let (keyword, args) = instruction
            .split_once(char::is_whitespace)
            .unwrap_or((instruction, ""));
        if keyword.eq_ignore_ascii_case("env") {
            found.extend(
                env_arguments(args)
                    .into_iter()
                    .map(|(key, value)| EnvAssignment { key, value, line }),
            );
        }
    }
    found
}

/// Logical instructions with the 1-based line each starts on: continued lines joined, comment and blank
/// lines dropped (Docker drops them even in the middle of a continued instruction).
fn dockerfile_instructions(text: &str) -> Vec<(usize, String)> {
    let mut instructions = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (content, continues) = match raw.trim_end().strip_suffix('\\') {
            Some(head) => (head, true),
            None => (raw, false),
        };
        let (_, joined) = current.get_or_insert_with(|| (index + 1, String::new()));
        joined.push_str(content);
        if !continues {
            instructions.extend(current.take());
        }
    }
    // A continuation left open at the end of the file still ends the instruction.
    instructions.extend(current);
    instructions
}

/// The `(key, value)` pairs of an `ENV` instruction's arguments. Like Docker, the form is decided by the
/// first word: with an `=` it is `KEY=VALUE ...`, otherwise the legacy `KEY VALUE`.
fn env_arguments(args: &str) -> Vec<(String, String)> {
    let args = args.trim();
    let first_word = args.split(char::is_whitespace).next().unwrap_or_default();
    if first_word.contains('=') {
        return shell_words(args)
            .into_iter()
            .filter_map(|word| {
                let (key, value) = word.split_once('=')?;
                (!key.is_empty()).then(|| (key.to_string(), value.to_string()))
            })
            .collect();
    }
    match args.split_once(char::is_whitespace) {
        Some((key, value)) => vec![(
            key.to_string(),
            strip_matching_quotes(value.trim()).to_string(),
        )],
        // `ENV KEY` without a value is rejected by Docker and sets nothing.
        None => Vec::new(),
    }
}

/// Splits on unquoted whitespace and removes quoting as Docker does for `ENV`: single quotes are literal,
/// double quotes honour `\"`, `\\` and `\$` (other backslashes stay), and a bare backslash escapes the next
/// character. `$` references are not expanded.
fn shell_words(args: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = args.chars();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            words.extend(word.take());
            continue;
        }
        let word = word.get_or_insert_with(String::new);
        match c {
            '\'' => word.extend(chars.by_ref().take_while(|&c| c != '\'')),
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(escaped @ ('"' | '\\' | '$')) => word.push(escaped),
                            Some(other) => {
                                word.push('\\');
                                word.push(other);
                            }
                            None => word.push('\\'),
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => word.extend(chars.next()),
            c => word.push(c),
        }
    }
    words.extend(word);
    words
}

/// `text` without one pair of matching surrounding quotes.
fn strip_matching_quotes(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    text
}

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
    fn file_kinds() {
        use DeployFileKind::*;
        for name in [
            "Dockerfile",
            "dockerfile",
            "Dockerfile.prod",
            "prod.Dockerfile",
            "dev.Dockerfile",
            "Dockerfile-staging",
            "backend.dockerfile",
        ] {
            assert_eq!(deploy_file_kind(name), Some(Dockerfile), "{name}");
        }
        for name in [
            "docker-compose.yml",
            "docker-compose.prod.yaml",
            "Docker-Compose.YML",
            "docker-compose-dev.yml",
            "compose.yaml",
            "compose.override.yml",
        ] {
            assert_eq!(deploy_file_kind(name), Some(Compose), "{name}");
        }
        for name in [
            "Dockerfile.dockerignore",
            ".dockerignore",
            "docker-compose.json",
            "compose.py",
            "compose",
            "settings.py",
            "mydockerfile",
            "composer.yml",
        ] {
            assert_eq!(deploy_file_kind(name), None, "{name}");
        }
    }

    #[test]
    fn dockerfile_key_value_form() {
        let text = "FROM python:3.12\nENV DEBUG=False\nRUN pip install -r requirements.txt\n";
        assert_eq!(dockerfile_env(text), vec![env("DEBUG", "False", 2)]);
    }

    #[test]
    fn dockerfile_multiple_variables_and_quotes() {
        let text =
            r#"ENV A=1 B="two words" C='single $quoted' D="esc \"q\" \\ \$HOME \n" E=bare\ space"#;
        assert_eq!(
            dockerfile_env(text),
            vec![
                env("A", "1", 1),
                env("B", "two words", 1),
                env("C", "single $quoted", 1),
                env("D", r#"esc "q" \ $HOME \n"#, 1),
                env("E", "bare space", 1),
            ]
        );
    }

    #[test]
    fn dockerfile_empty_values_and_references() {
        let text = "ENV EMPTY= QUOTED=\"\" PATH=/app/bin:$PATH HOME_DIR=${HOME}/x";
        assert_eq!(
            dockerfile_env(text),
            vec![
                env("EMPTY", "", 1),
                env("QUOTED", "", 1),
                env("PATH", "/app/bin:$PATH", 1),
                env("HOME_DIR", "${HOME}/x", 1),
            ]
        );
    }

    #[test]
    fn dockerfile_legacy_form() {
        let text = "ENV SECRET_KEY some secret value  \nENV GREETING \"hello world\"\nENV LONELY\n";
        assert_eq!(
            dockerfile_env(text),
            vec![
                env("SECRET_KEY", "some secret value", 1),
                env("GREETING", "hello world", 2),
            ]
        );
    }

    #[test]
    fn dockerfile_instruction_is_case_insensitive() {
        let text = "env A=1\n  Env B 2\nENVIRONMENT C=3\n";
        assert_eq!(
            dockerfile_env(text),
            vec![env("A", "1", 1), env("B", "2", 2)]
        );
    }

    #[test]
    fn dockerfile_continuations_and_comments() {
        let text = "\
FROM python
# ENV COMMENTED=1
ENV A=1 \\
    # a comment inside the continuation
    B=2 \\

    C=\"three\"
RUN echo hi
ENV D=4 \\
";
        assert_eq!(
            dockerfile_env(text),
            vec![
                env("A", "1", 3),
                env("B", "2", 3),
                env("C", "three", 3),
                env("D", "4", 9),
            ]
        );
    }

    #[test]
    fn dockerfile_continuation_inside_run_is_not_env() {
        let text = "RUN apt-get update && \\\n    env FOO=bar true\nENV X=1\n";
        assert_eq!(dockerfile_env(text), vec![env("X", "1", 3)]);
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
