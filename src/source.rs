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
    /// What snippets show when it is not the text read, line for line with it: a Python file a
    /// ConfigMap mounts is evaluated with its Helm template expressions replaced by a name, and
    /// shown as the manifest writes it.
    shown: Option<Box<str>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, text: String) -> Self {
        SourceFile {
            path,
            display,
            text: OnceLock::from(text),
            deflated: None,
            line_starts: OnceLock::new(),
            shown: None,
        }
    }

    /// Shows `shown` in snippets instead of the text read (see [`SourceFile::shown`]).
    pub fn with_shown(mut self, shown: String) -> Self {
        self.shown = Some(shown.into());
        self
    }

    /// The text a snippet of `start..end` shows, and the range in it. Lines of the shown text
    /// correspond to the text's; on a line where they differ (a template expression where the
    /// text has its placeholder), what both share before and after the difference keeps its
    /// place and a range touching the difference covers it as the shown line writes it.
    pub fn shown(&self, start: usize, end: usize) -> (&str, usize, usize) {
        let Some(shown) = self.shown.as_deref() else {
            return (self.text(), start, end);
        };
        let offset = |byte, is_end| {
            let (line_start, in_line) = self.shown_place(shown, byte, is_end);
            line_start + in_line
        };
        let start = offset(start, false);
        let end = offset(end, true).max(start);
        (shown, start, end)
    }

    /// The position of `byte` as snippets show the file: its own, unless a shown text stands
    /// for the text (the start of a range when `is_end` is false, its end when true).
    pub fn shown_position(&self, byte: usize, is_end: bool) -> Position {
        let Some(shown) = self.shown.as_deref() else {
            return self.position(byte);
        };
        let line = self.position(byte).line;
        let (_, in_line) = self.shown_place(shown, byte, is_end);
        let written = self.shown_line_text(line);
        Position {
            line,
            column: written[..floor_char_boundary(written, in_line)]
                .chars()
                .count()
                + 1,
        }
    }

    /// [`SourceFile::utf16_column`] as snippets show the file.
    pub fn shown_utf16_column(&self, byte: usize, is_end: bool) -> usize {
        let Some(shown) = self.shown.as_deref() else {
            return self.utf16_column(byte);
        };
        let line = self.position(byte).line;
        let (_, in_line) = self.shown_place(shown, byte, is_end);
        let written = self.shown_line_text(line);
        written[..floor_char_boundary(written, in_line)]
            .encode_utf16()
            .count()
            + 1
    }

    /// The 1-based line as snippets show it, without its line break.
    pub fn shown_line_text(&self, line: usize) -> &str {
        match self.shown.as_deref() {
            Some(shown) => shown
                .split('\n')
                .nth(line.saturating_sub(1))
                .unwrap_or_default()
                .trim_end_matches('\r'),
            None => self.line_text(line),
        }
    }

    /// Where the shown line of `byte` starts in `shown`, and `byte`'s offset in that line.
    fn shown_place(&self, shown: &str, byte: usize, is_end: bool) -> (usize, usize) {
        let text = self.text();
        let byte = floor_char_boundary(text, byte.min(text.len()));
        let line = self.position(byte).line;
        let read = self.line_text(line);
        let column = (byte - self.line_start(line)).min(read.len());
        // Where the shown line starts: past `line - 1` line breaks (bounded by the text).
        let Some(shown_start) = shown
            .match_indices('\n')
            .nth(line.wrapping_sub(2))
            .map(|(at, _)| at + 1)
            .or((line == 1).then_some(0))
        else {
            return (shown.len(), 0);
        };
        let written = self.shown_line_text(line);
        let prefix: usize = read
            .chars()
            .zip(written.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let suffix: usize = read[prefix..]
            .chars()
            .rev()
            .zip(written[prefix.min(written.len())..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let in_line = if column <= prefix {
            column
        } else if column >= read.len() - suffix {
            column - (read.len() - suffix) + (written.len() - suffix)
        } else if is_end {
            written.len() - suffix
        } else {
            prefix
        };
        (shown_start, in_line.min(written.len()))
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

    /// Where a span starts, as the file is shown (see [`SourceFile::shown`]).
    pub fn start(&self, span: Span) -> Position {
        self.get(span.file).shown_position(span.start, false)
    }

    /// Where a span ends, as the file is shown.
    pub fn end(&self, span: Span) -> Position {
        self.get(span.file).shown_position(span.end, true)
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
    fn shown_text_maps_ranges_line_for_line() {
        let read = "\nif True:\n    CACHE = __helm_template__\n    DEBUG = False  # é\n";
        let shown = "data:\n  settings.py: |-\n    CACHE = {{ .Values.cache | quote }}\n    DEBUG = False  # é\n";
        let file = SourceFile::new(PathBuf::from("c.yaml"), "c.yaml".into(), read.into())
            .with_shown(shown.into());
        let placeholder = read.find("__helm").unwrap();
        let (text, start, end) = file.shown(placeholder, placeholder + "__helm_template__".len());
        assert_eq!(text, shown);
        assert_eq!(&shown[start..end], "{{ .Values.cache | quote }}");
        let name = read.find("CACHE").unwrap();
        let (_, start, end) = file.shown(name, name + 5);
        assert_eq!(&shown[start..end], "CACHE");
        let debug = read.find("False").unwrap();
        let (_, start, end) = file.shown(debug, debug + 5);
        assert_eq!(&shown[start..end], "False");
        assert_eq!(
            file.shown_line_text(3),
            "    CACHE = {{ .Values.cache | quote }}"
        );
        // Without a shown text, the text itself.
        let plain = SourceFile::new(PathBuf::from("s.py"), "s.py".into(), "DEBUG = 1\n".into());
        assert_eq!(plain.shown(0, 5), ("DEBUG = 1\n", 0, 5));
        assert_eq!(plain.shown_line_text(1), "DEBUG = 1");
    }

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
