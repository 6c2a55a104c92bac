//! In-place edits (`sed -i`) that a deployment makes to a settings file it copies into place:
//! `cp local_settings.example.py /data/local_settings.py` then `sed -i
//! "s/secret_key_place_holder/${SECRET_KEY}/" /data/local_settings.py`. The copy is still the
//! module that runs, but not byte for byte: what an edit writes is known when its replacement is
//! literal (`s/DEBUG = True/DEBUG = False/`), and unknown when it comes from the shell (`${KEY}`)
//! or when the script is more than djsafe follows (a regular expression, an address, `d`, `a`).
//! Unknown is never guessed: each edited place evaluates to an unknown value that names the edit.

use std::ops::Range;

use super::model::Origin;

/// One `sed` script applied to a file, as far as djsafe follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub action: Action,
    /// The `sed` command.
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `s/PATTERN/REPLACEMENT/[g]` with a pattern that matches only itself. `replacement` is
    /// `None` when the shell fills it in (`${SECRET_KEY}`) or it uses what djsafe does not model.
    Replace {
        pattern: String,
        replacement: Option<String>,
        every: bool,
    },
    /// A script djsafe does not follow: any line may change.
    Unknown,
}

/// The edits a `sed -i` command's words make (`words[0]` is `sed`): one per `-e` script, or the
/// first operand when there is no `-e`. `expands` says which words the shell expands.
pub fn edits(words: &[String], expands: &[bool], origin: &Origin) -> Vec<Edit> {
    let extended = words
        .iter()
        .any(|w| w == "-E" || w == "-r" || w == "--regexp-extended");
    let mut scripts: Vec<(&str, bool)> = Vec::new();
    let mut operands: Vec<(&str, bool)> = Vec::new();
    let mut index = 1;
    while index < words.len() {
        let word = words[index].as_str();
        let expanded = expands.get(index).copied().unwrap_or(false);
        if word == "-e" || word == "--expression" {
            if let Some(script) = words.get(index + 1) {
                scripts.push((script, expands.get(index + 1).copied().unwrap_or(false)));
            }
            index += 2;
            continue;
        }
        if let Some(script) = word.strip_prefix("--expression=") {
            scripts.push((script, expanded));
        } else if !word.starts_with('-') {
            operands.push((word, expanded));
        }
        index += 1;
    }
    if scripts.is_empty()
        && let Some(first) = operands.first()
    {
        scripts.push(*first);
    }
    scripts
        .into_iter()
        .flat_map(|(script, expanded)| {
            // Commands separated by `;` or new lines.
            script
                .split(['\n', ';'])
                .filter(|c| !c.trim().is_empty())
                .map(move |command| Edit {
                    action: action(command.trim(), expanded, extended),
                    origin: origin.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What one `sed` command does, as far as djsafe follows it.
fn action(command: &str, expanded: bool, extended: bool) -> Action {
    let Some(rest) = command.strip_prefix('s') else {
        return Action::Unknown;
    };
    let Some(delimiter) = rest
        .chars()
        .next()
        .filter(|c| !c.is_alphanumeric() && *c != '\\')
    else {
        return Action::Unknown;
    };
    let parts = split_unescaped(&rest[delimiter.len_utf8()..], delimiter);
    let [pattern, replacement, flags] = parts.as_slice() else {
        return Action::Unknown;
    };
    let Some(pattern) = literal_pattern(pattern, delimiter, extended) else {
        return Action::Unknown;
    };
    if pattern.is_empty() || !flags.chars().all(|c| c == 'g') {
        return Action::Unknown;
    }
    // A shell expansion left in the script may stand for anything: in the pattern, the edit is
    // not followed; in the replacement, what it writes is unknown.
    let expansion = |text: &str| expanded && (text.contains('$') || text.contains('`'));
    if expansion(&pattern) {
        return Action::Unknown;
    }
    let replacement = if expansion(replacement) {
        None
    } else {
        literal_replacement(replacement, &pattern, delimiter)
    };
    Action::Replace {
        pattern,
        replacement,
        every: flags.contains('g'),
    }
}

/// `text` split at each `delimiter` not escaped by a backslash (escapes are kept).
fn split_unescaped(text: &str, delimiter: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let current = parts.last_mut().expect("parts is never empty");
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == delimiter {
            parts.push(String::new());
        } else {
            current.push(c);
        }
    }
    parts
}

/// The text a basic (or `-E` extended) regular expression matches when it matches only one
/// text: every special character escaped, no GNU escape like `\w` or `\n`.
fn literal_pattern(pattern: &str, delimiter: char, extended: bool) -> Option<String> {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next()?;
                // `\(`, `\{`, `\+`, `\|`, `\<` are operators in GNU's basic syntax; letters
                // and digits are classes or back-references.
                let operator = !extended && "(){}+?|<>`'".contains(next);
                if next.is_alphanumeric() || operator {
                    return None;
                }
                out.push(next);
            }
            '.' | '*' | '[' => return None,
            '^' if out.is_empty() => return None,
            '$' if chars.peek().is_none() => return None,
            '+' | '?' | '(' | ')' | '{' | '}' | '|' if extended => return None,
            c if c == delimiter => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// The text a replacement writes when it is literal: `&` is the matched text, `\&` and other
/// escaped punctuation stand for themselves; back-references, `\n` and case changes are not
/// followed.
fn literal_replacement(replacement: &str, matched: &str, delimiter: char) -> Option<String> {
    let mut out = String::new();
    let mut chars = replacement.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next()?;
                if next.is_alphanumeric() {
                    return None;
                }
                out.push(next);
            }
            '&' => out.push_str(matched),
            c if c == delimiter => return None,
            c => out.push(c),
        }
    }
    (!out.contains('\n')).then_some(out)
}

/// A place in the edited text whose value the edits leave unknown, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSpan {
    pub bytes: Range<usize>,
    pub reason: String,
}

/// The text after `edits`, applied in order as `sed` applies a script to each line, and the
/// places whose value is unknown. `display` names the edit's file in reasons.
pub fn apply(
    text: &str,
    edits: &[Edit],
    display: &dyn Fn(&Origin) -> String,
) -> (String, Vec<UnknownSpan>) {
    let mut text = text.to_string();
    let mut unknown: Vec<UnknownSpan> = Vec::new();
    for edit in edits {
        let at = display(&edit.origin);
        match &edit.action {
            Action::Unknown => {
                // Every line may change: each line's text is unknown.
                let mut start = 0;
                for line in text.split_inclusive('\n') {
                    let end = start + line.trim_end().len();
                    if !line.trim().is_empty() {
                        unknown.push(UnknownSpan {
                            bytes: start..end,
                            reason: format!(
                                "the file is edited by `sed` at {at} in a way djsafe does not follow"
                            ),
                        });
                    }
                    start += line.len();
                }
            }
            Action::Replace {
                pattern,
                replacement,
                every,
            } => {
                let earlier = unknown.len();
                let mut out = String::with_capacity(text.len());
                // Where the text grew or shrank (old offset, change), to move earlier unknown
                // places along with the text around them.
                let mut shifts: Vec<(usize, isize)> = Vec::new();
                let mut line_start = 0;
                for line in text.split_inclusive('\n') {
                    let mut rest = line;
                    let mut replaced_once = false;
                    while let Some(found) = rest.find(pattern.as_str()) {
                        if replaced_once && !every {
                            break;
                        }
                        out.push_str(&rest[..found]);
                        let start = out.len();
                        match replacement {
                            Some(replacement) => {
                                out.push_str(replacement);
                                let old = line_start + (line.len() - rest.len()) + found;
                                let change = replacement.len() as isize - pattern.len() as isize;
                                shifts.push((old + pattern.len(), change));
                            }
                            None => {
                                // Kept as it was, so positions stay those of the file shown.
                                out.push_str(pattern);
                                unknown.push(UnknownSpan {
                                    bytes: start..out.len(),
                                    reason: format!(
                                        "`{pattern}` is replaced by `sed` at {at} with a value the shell fills in"
                                    ),
                                });
                            }
                        }
                        rest = &rest[found + pattern.len()..];
                        replaced_once = true;
                    }
                    out.push_str(rest);
                    line_start += line.len();
                }
                debug_assert_eq!(line_start, text.len());
                let moved = |at: usize| {
                    let change: isize = shifts
                        .iter()
                        .filter(|(old, _)| *old <= at)
                        .map(|(_, change)| change)
                        .sum();
                    at.saturating_add_signed(change)
                };
                for place in &mut unknown[..earlier] {
                    place.bytes = moved(place.bytes.start)..moved(place.bytes.end);
                }
                text = out;
            }
        }
    }
    unknown.sort_by_key(|u| (u.bytes.start, u.bytes.end));
    (text, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn words(script: &[&str]) -> (Vec<String>, Vec<bool>) {
        let words: Vec<String> = script.iter().map(|w| w.to_string()).collect();
        let expands = words.iter().map(|w| w.contains('$')).collect();
        (words, expands)
    }

    fn edits_of(script: &[&str]) -> Vec<Action> {
        let (words, expands) = words(script);
        edits(&words, &expands, &Origin::new(Path::new("start.sh"), 3))
            .into_iter()
            .map(|e| e.action)
            .collect()
    }

    #[test]
    fn shell_filled_replacement_is_unknown() {
        assert_eq!(
            edits_of(&[
                "sed",
                "-i",
                "s/secret\\_key\\_place\\_holder/${SECRET_KEY}/",
                "/data/x.py"
            ]),
            vec![Action::Replace {
                pattern: "secret_key_place_holder".into(),
                replacement: None,
                every: false
            }]
        );
    }

    #[test]
    fn literal_edits_and_what_is_not_followed() {
        assert_eq!(
            edits_of(&[
                "sed",
                "-i",
                "-e",
                "s|DEBUG = True|DEBUG = False|g",
                "-e",
                "/^#/d",
                "f.py"
            ]),
            vec![
                Action::Replace {
                    pattern: "DEBUG = True".into(),
                    replacement: Some("DEBUG = False".into()),
                    every: true
                },
                Action::Unknown
            ]
        );
        // A regular expression, an address, a flag other than `g`.
        for script in [
            "s/DEBUG.*/DEBUG = 0/",
            "1s/a/b/",
            "s/a/b/I",
            "s/\\(a\\)/\\1/",
        ] {
            assert_eq!(
                edits_of(&["sed", "-i", script, "f.py"]),
                vec![Action::Unknown],
                "{script}"
            );
        }
        // `&` is the matched text.
        assert_eq!(
            edits_of(&["sed", "-i", "s/'x'/[&]/", "f.py"]),
            vec![Action::Replace {
                pattern: "'x'".into(),
                replacement: Some("['x']".into()),
                every: false
            }]
        );
    }

    #[test]
    fn applies_line_by_line_and_keeps_unknown_places_in_place() {
        let (words, expands) = words(&["sed", "-i", "s/KEY/${K}/", "f.py"]);
        let mut all = edits(&words, &expands, &Origin::new(Path::new("start.sh"), 3));
        let (words, expands) = self::words(&["sed", "-i", "s/A = /AB = /", "f.py"]);
        all.extend(edits(
            &words,
            &expands,
            &Origin::new(Path::new("start.sh"), 4),
        ));
        let (words, expands) = self::words(&["sed", "-i", "s/DEBUG = True/DEBUG = False/", "f.py"]);
        all.extend(edits(
            &words,
            &expands,
            &Origin::new(Path::new("start.sh"), 5),
        ));
        let text = "A = 'KEY KEY'\nDEBUG = True\nB = 'KEY'\n";
        let (edited, unknown) = apply(text, &all, &|o| format!("{}:{}", o.file.display(), o.line));
        // The first line grows by one byte (`A = ` becomes `AB = `): the unknown places after
        // it move with it.
        assert_eq!(edited, "AB = 'KEY KEY'\nDEBUG = False\nB = 'KEY'\n");
        let places: Vec<&str> = unknown.iter().map(|u| &edited[u.bytes.clone()]).collect();
        assert_eq!(places, ["KEY", "KEY"]);
        assert_eq!(
            unknown[0].bytes,
            6..9,
            "only the first on a line without `g`"
        );
        assert_eq!(
            unknown[1].reason,
            "`KEY` is replaced by `sed` at start.sh:3 with a value the shell fills in"
        );
    }
}
