//! The pieces every generator uses: a seeded random source (the trees must be the same bytes on
//! every machine and every run, so no time, no hash order, no `rand` version drift), a Python
//! source builder that knows the line numbers of what it writes (planted findings are recorded by
//! line), and the expected findings.

use std::collections::BTreeMap;
use std::path::Path;

/// SplitMix64: small, fast, and fully determined by its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator for one part of the tree (one project), independent of how many numbers the
    /// other parts drew: changing one style does not reshuffle every other project.
    pub fn fork(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407));
        rng.next();
        rng
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `len` characters a secret key is made of (letters, digits, punctuation Django uses).
    pub fn key(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)";
        (0..len)
            .map(|_| ALPHABET[self.below(ALPHABET.len())] as char)
            .collect()
    }
}

/// Python source being written, with the number of the next line.
#[derive(Default)]
pub struct Py {
    text: String,
    lines: usize,
}

impl Py {
    pub fn new() -> Py {
        Py::default()
    }

    /// Appends `text` (one or more lines, without the final newline) and returns the number of
    /// its first line.
    pub fn add(&mut self, text: &str) -> usize {
        let first = self.lines + 1;
        for line in text.split('\n') {
            self.text.push_str(line);
            self.text.push('\n');
            self.lines += 1;
        }
        first
    }

    /// The number the next line will get.
    pub fn next_line(&self) -> usize {
        self.lines + 1
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// One finding djsafe must report: the settings module (`pkg.settings.production`, or
/// `pkg.settings:Production` for a django-configurations class), the file and line that cause it
/// (paths relative to the tree, `/`-separated, as djsafe's JSON prints them) and the rule id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expected {
    pub module: String,
    pub file: String,
    pub line: usize,
    pub rule: String,
}

/// A generated tree: files (relative path → content) and the findings planted in them.
#[derive(Default)]
pub struct Tree {
    pub files: BTreeMap<String, String>,
    pub expected: Vec<Expected>,
    /// How many settings modules (entries) djsafe should lint, for the table.
    pub planted_values: usize,
    pub decoys: usize,
}

impl Tree {
    pub fn file(&mut self, path: impl Into<String>, text: impl Into<String>) {
        let path = path.into();
        let previous = self.files.insert(path.clone(), text.into());
        assert!(previous.is_none(), "generator wrote {path} twice");
    }

    /// Records that `rules` fire at `file:line` for each of `modules`.
    pub fn expect(&mut self, modules: &[String], file: &str, line: usize, rules: &[&str]) {
        for module in modules {
            for rule in rules {
                self.expected.push(Expected {
                    module: module.clone(),
                    file: file.to_string(),
                    line,
                    rule: rule.to_string(),
                });
            }
        }
    }

    /// Writes every file under `root` (which must not exist yet).
    pub fn write(&self, root: &Path) -> std::io::Result<()> {
        let mut made = std::collections::BTreeSet::new();
        for (path, text) in &self.files {
            let path = root.join(path);
            let dir = path.parent().expect("a file has a folder");
            if made.insert(dir.to_path_buf()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
        }
        Ok(())
    }
}

/// Expected findings as lines of `module<TAB>file<TAB>line<TAB>rule`, sorted.
pub fn expected_tsv(expected: &[Expected]) -> String {
    let mut sorted = expected.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|e| format!("{}\t{}\t{}\t{}\n", e.module, e.file, e.line, e.rule))
        .collect()
}

pub fn parse_expected_tsv(text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            Some(Expected {
                module: parts.next()?.to_string(),
                file: parts.next()?.to_string(),
                line: parts.next()?.parse().ok()?,
                rule: parts.next()?.to_string(),
            })
        })
        .collect()
}
