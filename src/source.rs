//! Source files, loaded once and referred to by a small id, so that values and findings carry
//! cheap spans and every output format converts byte offsets to lines and columns the same way.

use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

/// A 1-based line and column; the column counts Unicode characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

pub struct SourceFile {
    pub path: PathBuf,
    /// Path relative to the display root, with `/` separators.
    pub display: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path,
            display,
            text,
            line_starts,
        }
    }

    pub fn position(&self, byte: usize) -> Position {
        let byte = byte.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..floor_char_boundary(&self.text, byte)]
            .chars()
            .count();
        Position {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The 1-based column of `byte` in UTF-16 code units, as SARIF's `utf16CodeUnits` wants.
    pub fn utf16_column(&self, byte: usize) -> usize {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line_start = self.line_starts[self.line_starts.partition_point(|&s| s <= byte) - 1];
        self.text[line_start..byte].encode_utf16().count() + 1
    }

    /// Byte offset where the 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.clamp(1, self.line_starts.len()) - 1]
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[derive(Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId((self.files.len() - 1) as u32)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every file, in the order they were added.
    pub fn ids(&self) -> impl Iterator<Item = FileId> + use<> {
        (0..self.files.len() as u32).map(FileId)
    }

    pub fn start(&self, span: Span) -> Position {
        self.get(span.file).position(span.start)
    }

    pub fn end(&self, span: Span) -> Position {
        self.get(span.file).position(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_on_non_ascii_lines() {
        let file = SourceFile::new(
            PathBuf::from("s.py"),
            "s.py".into(),
            "# café\nX = 'é'; DEBUG = True\n".into(),
        );
        let debug = file.text.find("DEBUG").unwrap();
        assert_eq!(
            file.position(debug),
            Position {
                line: 2,
                column: 10
            }
        );
        assert_eq!(file.line_text(2), "X = 'é'; DEBUG = True");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        let astral = SourceFile::new(
            PathBuf::from("s.py"),
            "s.py".into(),
            "X = '𝒳'; DEBUG = 1\n".into(),
        );
        let debug = astral.text.find("DEBUG").unwrap();
        assert_eq!(astral.position(debug).column, 10);
        assert_eq!(astral.utf16_column(debug), 11);
    }
}
