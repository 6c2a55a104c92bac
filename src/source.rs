//! Source files, loaded once and referred to by a small id, so that values and findings carry
//! cheap spans and every output format converts byte offsets to lines and columns the same way.

use std::path::PathBuf;
use std::sync::OnceLock;

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
    /// The text, while it is held as text: see [`SourceMap::release_texts`].
    text: OnceLock<String>,
    /// The text deflated, once it was released: a monorepo's settings modules and what they
    /// import were the largest thing held while linting (issue 11).
    deflated: Option<Box<[u8]>>,
    /// Where each line starts, computed when a position is first asked for (most files never
    /// get one). Files are at most `discover::MAX_FILE_BYTES`, so offsets fit 32 bits.
    line_starts: OnceLock<Box<[u32]>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, text: String) -> Self {
        SourceFile {
            path,
            display,
            text: OnceLock::from(text),
            deflated: None,
            line_starts: OnceLock::new(),
        }
    }

    /// The file's text, inflated again when it was released.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| self.inflated())
    }

    /// The released text inflated again. Inflating what `release` deflated gives the text
    /// back; a failure would be a bug in the compressor, and an empty text is then what the
    /// file is read as.
    fn inflated(&self) -> String {
        let deflated = self.deflated.as_deref().unwrap_or_default();
        miniz_oxide::inflate::decompress_to_vec(deflated)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Whether the text holds `needle`, without keeping a released text inflated: planning asks
    /// this of every module a settings module imports, and caching each answer's text undid
    /// the memory `release` saves (9 MB on the 2,000-project benchmark tree).
    pub fn text_contains(&self, needle: &str) -> bool {
        match self.text.get() {
            Some(text) => text.contains(needle),
            None => self.inflated().contains(needle),
        }
    }

    /// Drops the text (deflated first, the first time), to be inflated when next asked for.
    /// Texts too small to gain are kept.
    fn release(&mut self) {
        if self.deflated.is_none() {
            let Some(text) = self.text.get() else {
                return;
            };
            if text.len() < MIN_DEFLATED_BYTES {
                return;
            }
            self.deflated = Some(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 1).into());
        }
        self.text = OnceLock::new();
        self.line_starts = OnceLock::new();
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text()
                        .match_indices('\n')
                        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
                )
                .collect()
        })
    }

    fn line_start_of(&self, byte: usize) -> usize {
        let starts = self.line_starts();
        starts[starts.partition_point(|&s| s as usize <= byte) - 1] as usize
    }

    pub fn position(&self, byte: usize) -> Position {
        let text = self.text();
        let byte = byte.min(text.len());
        let starts = self.line_starts();
        let line_index = starts.partition_point(|&s| s as usize <= byte) - 1;
        let line_start = starts[line_index] as usize;
        let column = text[line_start..floor_char_boundary(text, byte)]
            .chars()
            .count();
        Position {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The 1-based column of `byte` in UTF-16 code units, as SARIF's `utf16CodeUnits` wants.
    pub fn utf16_column(&self, byte: usize) -> usize {
        let text = self.text();
        let byte = floor_char_boundary(text, byte.min(text.len()));
        let line_start = self.line_start_of(byte);
        text[line_start..byte].encode_utf16().count() + 1
    }

    /// Byte offset where the 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        let starts = self.line_starts();
        starts[line.clamp(1, starts.len()) - 1] as usize
    }

    /// The text of the 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let text = self.text();
        let starts = self.line_starts();
        let start = starts[line - 1] as usize;
        let end = starts.get(line).map_or(text.len(), |&s| s as usize);
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Below this, deflating a text saves too little to be worth inflating it again.
const MIN_DEFLATED_BYTES: usize = 512;

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

    /// The id the next file added gets.
    pub fn next_id(&self) -> FileId {
        FileId(self.files.len() as u32)
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

    /// Releases the text of every file added since `first` (or inflated since it was released):
    /// each is deflated the first time and inflated again when next read. Callers hold no
    /// borrow of any text (`&mut`).
    pub fn release_texts(&mut self, first: FileId) {
        for file in self.files.iter_mut().skip(first.0 as usize) {
            file.release();
        }
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
        let debug = file.text().find("DEBUG").unwrap();
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
        let debug = astral.text().find("DEBUG").unwrap();
        assert_eq!(astral.position(debug).column, 10);
        assert_eq!(astral.utf16_column(debug), 11);
    }
}
