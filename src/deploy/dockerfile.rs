//! Dockerfiles: the environment their `ENV` instructions set.

use super::{EnvAssignment, strip_matching_quotes};

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
}
