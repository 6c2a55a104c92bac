//! Enough of the POSIX shell's grammar to read the commands deployment files run: words with
//! their quoting removed, split into simple commands at `&&`, `||`, `;`, `|`, `&`, newlines and
//! parentheses, with comments, redirections and here-documents skipped. Nothing is expanded:
//! a word that still holds a `$` expansion says so, so its value is never taken as literal.

/// One word of a command, quotes removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// It holds a `$NAME`, `${...}`, `$(...)` or backquote expansion outside single quotes:
    /// the shell would replace it, so the text is not the value the program sees.
    pub expands: bool,
}

/// A simple command's words and the 1-based line (of the text given) it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleCommand {
    pub words: Vec<Word>,
    pub line: usize,
}

/// Bounds the work on pathological input (a megabyte of `&&`): no deployment script is longer.
const MAX_COMMANDS: usize = 10_000;

/// The simple commands of a shell text, in order.
pub fn commands(text: &str) -> Vec<SimpleCommand> {
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        heredocs: Vec::new(),
    };
    let mut result = Vec::new();
    let mut current = SimpleCommand {
        words: Vec::new(),
        line: 1,
    };
    let mut skip_next_word = false;
    while let Some(token) = lexer.next_token() {
        match token {
            Token::Word(word, line) => {
                if skip_next_word {
                    skip_next_word = false;
                    continue;
                }
                if current.words.is_empty() {
                    current.line = line;
                }
                current.words.push(word);
            }
            Token::Redirect { takes_target } => skip_next_word = takes_target,
            Token::Separator => {
                skip_next_word = false;
                if !current.words.is_empty() {
                    result.push(std::mem::replace(
                        &mut current,
                        SimpleCommand {
                            words: Vec::new(),
                            line: lexer.line,
                        },
                    ));
                    if result.len() >= MAX_COMMANDS {
                        return result;
                    }
                }
            }
        }
    }
    if !current.words.is_empty() {
        result.push(current);
    }
    result
}

/// The words of one command line (a Dockerfile shell form, a Procfile entry), all of its simple
/// commands together: what `split` gives for text with no operators.
pub fn split(text: &str) -> Vec<Word> {
    commands(text).into_iter().flat_map(|c| c.words).collect()
}

enum Token {
    Word(Word, usize),
    /// `>`, `2>&1`, `<`: `takes_target` when the next word is the file.
    Redirect {
        takes_target: bool,
    },
    Separator,
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    line: usize,
    /// Here-document delimiters waiting for the end of the current line.
    heredocs: Vec<String>,
}

impl Lexer {
    fn peek(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn next_token(&mut self) -> Option<Token> {
        loop {
            let c = self.peek(0)?;
            match c {
                ' ' | '\t' | '\r' => {
                    self.bump();
                }
                '\\' if self.peek(1) == Some('\n') => {
                    self.bump();
                    self.bump();
                }
                '\\' if self.peek(1) == Some('\r') && self.peek(2) == Some('\n') => {
                    self.at += 2;
                    self.bump();
                }
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                '\n' => {
                    self.bump();
                    self.skip_heredocs();
                    return Some(Token::Separator);
                }
                ';' | '&' | '|' | '(' | ')' => {
                    self.bump();
                    // `&>file` redirects both streams; `>&2` is handled with `>`.
                    if c == '&' && self.peek(0) == Some('>') {
                        self.bump();
                        return Some(Token::Redirect { takes_target: true });
                    }
                    while self
                        .peek(0)
                        .is_some_and(|n| n == c && matches!(c, '&' | '|' | ';'))
                    {
                        self.bump();
                    }
                    return Some(Token::Separator);
                }
                '<' | '>' => return Some(self.redirect()),
                '0'..='9' if self.is_fd_redirect() => {
                    self.bump();
                    return Some(self.redirect());
                }
                _ => {
                    let line = self.line;
                    return Some(Token::Word(self.word(), line));
                }
            }
        }
    }

    fn is_fd_redirect(&self) -> bool {
        matches!(self.peek(1), Some('<' | '>'))
    }

    fn redirect(&mut self) -> Token {
        let first = self.bump();
        if first == Some('<') && self.peek(0) == Some('<') {
            self.bump();
            if self.peek(0) == Some('<') {
                // `<<<word`: a here-string, its word is the input.
                self.bump();
                return Token::Redirect { takes_target: true };
            }
            if self.peek(0) == Some('-') {
                self.bump();
            }
            while matches!(self.peek(0), Some(' ' | '\t')) {
                self.bump();
            }
            let delimiter = self.word().text;
            if !delimiter.is_empty() {
                self.heredocs.push(delimiter);
            }
            return Token::Redirect {
                takes_target: false,
            };
        }
        while matches!(self.peek(0), Some('>' | '|')) {
            self.bump();
        }
        if self.peek(0) == Some('&') {
            // `>&2`, `2>&1`: a descriptor, not a file word... unless a name follows.
            self.bump();
            while self.peek(0).is_some_and(|c| c.is_ascii_digit() || c == '-') {
                self.bump();
            }
            return Token::Redirect {
                takes_target: false,
            };
        }
        Token::Redirect { takes_target: true }
    }

    /// After a line that opened here-documents, their bodies up to each delimiter line.
    fn skip_heredocs(&mut self) {
        for delimiter in std::mem::take(&mut self.heredocs) {
            while self.at < self.chars.len() {
                let start = self.at;
                while self.peek(0).is_some_and(|c| c != '\n') {
                    self.bump();
                }
                let line: String = self.chars[start..self.at].iter().collect();
                self.bump();
                if line.trim() == delimiter {
                    break;
                }
            }
        }
    }

    /// One word, quotes removed; `$(...)` and backquotes kept whole.
    fn word(&mut self) -> Word {
        let mut text = String::new();
        let mut expands = false;
        while let Some(c) = self.peek(0) {
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>' => break,
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some('\n') | None => {}
                        Some(escaped) => text.push(escaped),
                    }
                }
                '\'' => {
                    self.bump();
                    while let Some(c) = self.bump() {
                        if c == '\'' {
                            break;
                        }
                        text.push(c);
                    }
                }
                '"' => {
                    self.bump();
                    while let Some(c) = self.peek(0) {
                        match c {
                            '"' => {
                                self.bump();
                                break;
                            }
                            '\\' if matches!(self.peek(1), Some('"' | '\\' | '$' | '`' | '\n')) => {
                                self.bump();
                                let escaped = self.bump();
                                if escaped != Some('\n') {
                                    text.extend(escaped);
                                }
                            }
                            '$' | '`' => expands |= self.expansion(&mut text),
                            _ => {
                                self.bump();
                                text.push(c);
                            }
                        }
                    }
                }
                '$' | '`' => expands |= self.expansion(&mut text),
                _ => {
                    self.bump();
                    text.push(c);
                }
            }
        }
        Word { text, expands }
    }

    /// Copies a `$` expansion (or backquotes) verbatim; true when it is one.
    fn expansion(&mut self, text: &mut String) -> bool {
        let start = self.at;
        let first = self.bump();
        let is_expansion = match (first, self.peek(0)) {
            (Some('`'), _) => {
                while let Some(c) = self.bump() {
                    if c == '`' {
                        break;
                    }
                }
                true
            }
            (Some('$'), Some(open @ ('(' | '{'))) => {
                let close = if open == '(' { ')' } else { '}' };
                let mut depth = 0usize;
                while let Some(c) = self.bump() {
                    if c == open {
                        depth += 1;
                    } else if c == close {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                }
                true
            }
            (Some('$'), Some(c)) if c.is_ascii_alphanumeric() || "_@*#?$!-".contains(c) => {
                if c.is_ascii_alphabetic() || c == '_' {
                    while self
                        .peek(0)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        self.bump();
                    }
                } else {
                    self.bump();
                }
                true
            }
            _ => false,
        };
        text.extend(&self.chars[start..self.at]);
        is_expansion
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, Vec<String>)> {
        commands(text)
            .into_iter()
            .map(|c| (c.line, c.words.into_iter().map(|w| w.text).collect()))
            .collect()
    }

    fn owned(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn operators_split_commands() {
        assert_eq!(
            texts(
                "python manage.py migrate && gunicorn app.wsgi:application -b :8000; echo done | tee log &"
            ),
            vec![
                (1, owned(&["python", "manage.py", "migrate"])),
                (
                    1,
                    owned(&["gunicorn", "app.wsgi:application", "-b", ":8000"])
                ),
                (1, owned(&["echo", "done"])),
                (1, owned(&["tee", "log"])),
            ]
        );
    }

    #[test]
    fn quotes_escapes_and_expansions() {
        let words = split(
            r#"sh -c "python manage.py migrate && exec gunicorn \"x\"" 'a b'\ c $HOME "${X:-y}" $(date) pre\$fix"#,
        );
        let got: Vec<(&str, bool)> = words.iter().map(|w| (w.text.as_str(), w.expands)).collect();
        assert_eq!(
            got,
            vec![
                ("sh", false),
                ("-c", false),
                ("python manage.py migrate && exec gunicorn \"x\"", false),
                ("a b c", false),
                ("$HOME", true),
                ("${X:-y}", true),
                ("$(date)", true),
                ("pre$fix", false),
            ]
        );
    }

    #[test]
    fn lines_comments_continuations_and_heredocs() {
        let text = "\
#!/bin/sh
set -e
# gunicorn commented.wsgi
export DJANGO_SETTINGS_MODULE=shop.settings.prod  # trailing
cat > /tmp/x <<EOF
gunicorn inside.heredoc
EOF
exec gunicorn shop.wsgi \\
    --bind 0.0.0.0:8000 2>&1 >> /var/log/app.log
";
        assert_eq!(
            texts(text),
            vec![
                (2, owned(&["set", "-e"])),
                (
                    4,
                    owned(&["export", "DJANGO_SETTINGS_MODULE=shop.settings.prod"])
                ),
                (5, owned(&["cat"])),
                (
                    8,
                    owned(&["exec", "gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"])
                ),
            ]
        );
    }

    #[test]
    fn unterminated_quotes_and_garbage_do_not_panic() {
        for text in [
            "\"open",
            "'open",
            "$(",
            "${",
            "`",
            "\\",
            "<<",
            "2>",
            "a &&& b ||| c",
            "é$é",
        ] {
            let _ = commands(text);
        }
        assert_eq!(
            split("a 'b"),
            vec![
                Word {
                    text: "a".into(),
                    expands: false
                },
                Word {
                    text: "b".into(),
                    expands: false
                }
            ]
        );
    }
}
