//! Docker's word rules for `ENV`, `ARG`, `WORKDIR` and `COPY` arguments: quotes removed as the
//! builder removes them, and `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}` references kept
//! as references, so the same words can be shown verbatim or resolved against a stage's
//! variables.

/// A piece of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A variable reference: its name, its operator (`:-`, `:+`, `-`, `+`) with the operand, and
    /// the text as written.
    Ref {
        name: String,
        op: Option<(String, String)>,
        raw: String,
    },
}

pub type Pieces = Vec<Piece>;

/// As written, references untouched: what `ENV PATH=/app/bin:$PATH` says.
pub fn verbatim(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(text) => text.as_str(),
            Piece::Ref { raw, .. } => raw.as_str(),
        })
        .collect()
}

/// A variable's value in scope while resolving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bound {
    Known(String),
    /// Declared (an `ARG` without a default): the build may pass anything.
    Declared,
}

/// The value of `pieces` with references resolved by `lookup`, or the first reference that
/// cannot be (a variable not in scope, or a build argument without a default).
pub fn resolve(pieces: &[Piece], lookup: &dyn Fn(&str) -> Option<Bound>) -> Result<String, String> {
    resolve_at(pieces, lookup, 0)
}

fn resolve_at(
    pieces: &[Piece],
    lookup: &dyn Fn(&str) -> Option<Bound>,
    depth: usize,
) -> Result<String, String> {
    let mut value = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => value.push_str(text),
            Piece::Ref { name, op, raw } => {
                let bound = lookup(name);
                let operand = |word: &str| -> Result<String, String> {
                    if depth > 8 {
                        return Err(raw.clone());
                    }
                    resolve_at(&words(word, false).concat(), lookup, depth + 1)
                };
                match (op.as_ref().map(|(o, w)| (o.as_str(), w.as_str())), bound) {
                    (None, Some(Bound::Known(v))) => value.push_str(&v),
                    (None, _) => return Err(raw.clone()),
                    (Some((":-", _)), Some(Bound::Known(v))) if !v.is_empty() => value.push_str(&v),
                    (Some(("-", _)), Some(Bound::Known(v))) => value.push_str(&v),
                    // Unset (or empty): the default, which is what runs unless the build passes
                    // the argument.
                    (Some((":-" | "-", word)), _) => value.push_str(&operand(word)?),
                    (Some((":+", word)), Some(Bound::Known(v))) if !v.is_empty() => {
                        value.push_str(&operand(word)?)
                    }
                    (Some(("+", word)), Some(Bound::Known(_))) => value.push_str(&operand(word)?),
                    (Some((":+" | "+", _)), None | Some(Bound::Known(_))) => {}
                    (Some(_), _) => return Err(raw.clone()),
                }
            }
        }
    }
    Ok(value)
}

/// The words of an argument string: split on unquoted whitespace when `split` (else one word),
/// quotes removed as Docker does: single quotes literal, double quotes honour `\"`, `\\` and
/// `\$` (other backslashes stay), a bare backslash escapes the next character.
pub fn words(text: &str, split: bool) -> Vec<Pieces> {
    let chars: Vec<char> = text.chars().collect();
    let mut words: Vec<Pieces> = Vec::new();
    let mut word: Option<Pieces> = None;
    let mut at = 0;
    let push_char = |word: &mut Pieces, c: char| match word.last_mut() {
        Some(Piece::Text(text)) => text.push(c),
        _ => word.push(Piece::Text(c.to_string())),
    };
    while at < chars.len() {
        let c = chars[at];
        at += 1;
        if split && c.is_whitespace() {
            words.extend(word.take());
            continue;
        }
        let current = word.get_or_insert_with(Vec::new);
        match c {
            '\'' => {
                while at < chars.len() && chars[at] != '\'' {
                    push_char(current, chars[at]);
                    at += 1;
                }
                at += 1;
            }
            '"' => {
                while at < chars.len() && chars[at] != '"' {
                    match chars[at] {
                        '\\' if at + 1 < chars.len() => {
                            let escaped = chars[at + 1];
                            if !matches!(escaped, '"' | '\\' | '$') {
                                push_char(current, '\\');
                            }
                            push_char(current, escaped);
                            at += 2;
                        }
                        '$' => {
                            at = reference(&chars, at, current);
                        }
                        c => {
                            push_char(current, c);
                            at += 1;
                        }
                    }
                }
                at += 1;
            }
            '\\' => {
                if at < chars.len() {
                    push_char(current, chars[at]);
                    at += 1;
                }
            }
            '$' => at = reference(&chars, at - 1, current),
            c => push_char(current, c),
        }
    }
    words.extend(word);
    words
}

/// `text` with its references found and no quote processing (the legacy `ENV KEY value` form,
/// whose surrounding quotes the caller removed).
pub fn unquoted(text: &str) -> Pieces {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at] == '$' {
            at = reference(&chars, at, &mut pieces);
            continue;
        }
        match pieces.last_mut() {
            Some(Piece::Text(text)) => text.push(chars[at]),
            _ => pieces.push(Piece::Text(chars[at].to_string())),
        }
        at += 1;
    }
    pieces
}

/// Reads a reference starting at the `$` at `at`; returns where the text after it starts.
fn reference(chars: &[char], at: usize, word: &mut Pieces) -> usize {
    let start = at;
    let mut at = at + 1;
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if chars.get(at) == Some(&'{') {
        // Find the matching brace, nested references included.
        let mut depth = 0;
        let mut end = None;
        for (i, &c) in chars.iter().enumerate().skip(at) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            word.push(Piece::Text(chars[start..].iter().collect()));
            return chars.len();
        };
        let inner: String = chars[at + 1..end].iter().collect();
        let name_len = inner
            .find(|c: char| !is_name_char(c))
            .unwrap_or(inner.len());
        let name = inner[..name_len].to_string();
        let rest = &inner[name_len..];
        let op = [":-", ":+", "-", "+"]
            .iter()
            .find(|o| rest.starts_with(**o))
            .map(|o| (o.to_string(), rest[o.len()..].to_string()));
        let raw: String = chars[start..=end].iter().collect();
        if name.is_empty() || (op.is_none() && !rest.is_empty()) {
            // `${x/y/z}` and other forms: a reference nothing here resolves.
            word.push(Piece::Ref {
                name: String::new(),
                op: None,
                raw,
            });
        } else {
            word.push(Piece::Ref { name, op, raw });
        }
        return end + 1;
    }
    let name_start = at;
    while at < chars.len() && is_name_char(chars[at]) {
        at += 1;
    }
    if at == name_start {
        match word.last_mut() {
            Some(Piece::Text(text)) => text.push('$'),
            _ => word.push(Piece::Text("$".into())),
        }
        return name_start;
    }
    word.push(Piece::Ref {
        name: chars[name_start..at].iter().collect(),
        op: None,
        raw: chars[start..at].iter().collect(),
    });
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(name: &str) -> Option<Bound> {
        match name {
            "VERSION" => Some(Bound::Known("1.2".into())),
            "EMPTY" => Some(Bound::Known(String::new())),
            "BUILD_ONLY" => Some(Bound::Declared),
            _ => None,
        }
    }

    fn resolved(text: &str) -> Result<String, String> {
        resolve(&words(text, false).concat(), &lookup)
    }

    #[test]
    fn references_resolve_with_their_operators() {
        assert_eq!(resolved("v$VERSION-${VERSION}"), Ok("v1.2-1.2".into()));
        assert_eq!(resolved("${MISSING:-prod}"), Ok("prod".into()));
        assert_eq!(resolved("${EMPTY:-x}"), Ok("x".into()));
        assert_eq!(resolved("${EMPTY-x}"), Ok("".into()));
        assert_eq!(
            resolved("${BUILD_ONLY:-config.settings.production}"),
            Ok("config.settings.production".into())
        );
        assert_eq!(resolved("${VERSION:+set}"), Ok("set".into()));
        assert_eq!(resolved("${MISSING:+set}"), Ok("".into()));
        assert_eq!(resolved("${MISSING:-${VERSION}}"), Ok("1.2".into()));
        assert_eq!(resolved("/app/bin:$PATH"), Err("$PATH".into()));
        assert_eq!(resolved("$BUILD_ONLY"), Err("$BUILD_ONLY".into()));
        assert_eq!(resolved("${VERSION/1/2}"), Err("${VERSION/1/2}".into()));
        assert_eq!(resolved("cost: $ 5"), Ok("cost: $ 5".into()));
    }

    #[test]
    fn quoting_keeps_references_out_of_single_quotes() {
        let split = words(r#"A='$X' B="${X}" C=\$X D=a\ b"#, true);
        let shown: Vec<String> = split.iter().map(|w| verbatim(w)).collect();
        assert_eq!(shown, ["A=$X", "B=${X}", "C=$X", "D=a b"]);
        assert!(matches!(split[1][1], Piece::Ref { .. }));
        assert!(split[0].iter().all(|p| matches!(p, Piece::Text(_))));
        assert!(split[2].iter().all(|p| matches!(p, Piece::Text(_))));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in ["${", "$", "'", "\"", "\\", "${a:-${b", "${}", "$ {x}"] {
            let _ = words(text, true);
            let _ = resolved(text);
        }
    }
}
