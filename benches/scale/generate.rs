//! Generating a benchmark tree once: into `target/bench/<name>/`, with the expected findings
//! beside it (`<name>.expected.tsv`) and a stamp naming the generator version, so a later run
//! with the same version reuses it. A tree is written under a temporary name and renamed when
//! complete, so an interrupted generation is never mistaken for a finished one.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::project;
use crate::pruned;
use crate::tree::{self, Expected, Rng, Tree};
use crate::wide;

/// Bump when anything generated changes: trees of another version are regenerated.
pub const GENERATOR_VERSION: u32 = 3;
const SEED: u64 = 0x646a_7361_6665_0011;

/// Which tree to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spec {
    /// A monorepo of this many projects.
    Monorepo(usize),
    /// One project whose settings import one name from a package importing 1,000 modules.
    Imports1000,
}

impl Spec {
    pub fn parse(text: &str) -> Result<Spec, String> {
        match text.trim() {
            "imports-1000" => Ok(Spec::Imports1000),
            n => n
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .map(Spec::Monorepo)
                .ok_or_else(|| {
                    format!("unknown tree `{n}`: a number of projects, or imports-1000")
                }),
        }
    }

    pub fn name(&self) -> String {
        match self {
            Spec::Monorepo(n) => format!("monorepo-{n}"),
            Spec::Imports1000 => "imports-1000".to_string(),
        }
    }
}

/// A generated tree on disk.
pub struct Generated {
    pub root: PathBuf,
    pub expected: Vec<Expected>,
    /// Seconds the generation took (when this run generated it, or as recorded in the stamp).
    pub generation_secs: f64,
    pub reused: bool,
    pub files: u64,
    pub disk_bytes: u64,
    pub planted_values: usize,
}

/// The tree of `spec` under `dir`, generated unless a complete one of this version is there.
pub fn ensure(dir: &Path, spec: &Spec) -> std::io::Result<Generated> {
    let name = spec.name();
    let root = dir.join(&name);
    let stamp_path = dir.join(format!("{name}.stamp"));
    let expected_path = dir.join(format!("{name}.expected.tsv"));
    let identity = format!("generator {GENERATOR_VERSION} seed {SEED:#x} tree {name}");
    if let Ok(stamp) = std::fs::read_to_string(&stamp_path)
        && stamp.lines().next() == Some(identity.as_str())
        && root.is_dir()
    {
        let field = |key: &str| -> Option<String> {
            stamp
                .lines()
                .find_map(|l| l.strip_prefix(key).map(str::to_string))
        };
        return Ok(Generated {
            expected: tree::parse_expected_tsv(&std::fs::read_to_string(&expected_path)?),
            generation_secs: field("generation_secs ")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0),
            reused: true,
            files: field("files ").and_then(|v| v.parse().ok()).unwrap_or(0),
            disk_bytes: field("disk_bytes ")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            planted_values: field("planted_values ")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            root,
        });
    }
    let partial = dir.join(format!("{name}.partial"));
    for old in [&partial, &root] {
        if old.exists() {
            std::fs::remove_dir_all(old)?;
        }
    }
    let _ = std::fs::remove_file(&stamp_path);
    std::fs::create_dir_all(&partial)?;
    eprintln!("generating {name} into {} ...", root.display());
    let start = Instant::now();
    let (expected, planted_values) = write_tree(&partial, spec)?;
    std::fs::write(&expected_path, tree::expected_tsv(&expected))?;
    std::fs::rename(&partial, &root)?;
    let generation_secs = start.elapsed().as_secs_f64();
    let (files, disk_bytes) = disk_usage(&root);
    std::fs::write(
        &stamp_path,
        format!(
            "{identity}\ngeneration_secs {generation_secs:.2}\nfiles {files}\ndisk_bytes {disk_bytes}\nplanted_values {planted_values}\n"
        ),
    )?;
    Ok(Generated {
        root,
        expected: tree::parse_expected_tsv(&tree::expected_tsv(&expected)),
        generation_secs,
        reused: false,
        files,
        disk_bytes,
        planted_values,
    })
}

/// Writes the tree project by project (never all of it in memory); returns the expected findings
/// and how many insecure values were planted.
fn write_tree(root: &Path, spec: &Spec) -> std::io::Result<(Vec<Expected>, usize)> {
    let mut expected = Vec::new();
    let mut planted = 0;
    match spec {
        Spec::Monorepo(projects) => {
            let mut top = Tree::default();
            pruned::write_root(&mut top, *projects, &mut Rng::fork(SEED, u64::MAX));
            top.write(root)?;
            for n in 0..*projects {
                let mut tree = Tree::default();
                project::generate(&mut tree, n, &mut Rng::fork(SEED, n as u64));
                tree.write(root)?;
                expected.append(&mut tree.expected);
                planted += tree.planted_values;
            }
        }
        Spec::Imports1000 => {
            let mut tree = Tree::default();
            wide::generate(&mut tree, &mut Rng::new(SEED));
            tree.write(root)?;
            expected = tree.expected;
            planted = tree.planted_values;
        }
    }
    Ok((expected, planted))
}

/// Files under `root` and the disk space they take (allocated blocks, as `du` counts).
fn disk_usage(root: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
        if let Ok(meta) = entry.metadata() {
            bytes += meta.blocks() * 512;
            if meta.is_file() {
                files += 1;
            }
        }
    }
    (files, bytes)
}
