//! The folders of the project, each listed once: discovery's walk records every folder it reads,
//! and questions such as "does `pkg/mod.py` exist?" or "is this a package?" are answered from
//! those listings instead of asking the kernel path by path. A folder the walk did not read (one
//! it pruned, or one outside the paths given) is listed from disk the first time it is asked
//! about, then kept. Kernel path lookups were most of djsafe's time on large trees (issue 11).

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a folder entry is, after following a symbolic link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// A FIFO, socket or device: never opened (reading one may block forever).
    Special,
    /// A symbolic link to nothing.
    Broken,
}

/// One entry of a folder, as its [`Listing`] holds it.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub name: &'a OsStr,
    pub kind: Kind,
    /// Whether the entry is a symbolic link (then `kind` is what it points to).
    pub link: bool,
}

/// Where an entry's name ends in its listing's `names`, and what it is.
#[derive(Clone, Copy, Debug)]
struct Packed {
    end: u32,
    kind: Kind,
    link: bool,
}

/// One folder's entries, sorted by name. The names are kept one after the other in one buffer:
/// a monorepo's listings hold hundreds of thousands of names, and one allocation each was most
/// of discovery's memory (issue 11).
#[derive(Debug, Default)]
pub struct Listing {
    names: Box<[u8]>,
    entries: Box<[Packed]>,
    /// The folder's canonical path, when it differs from the path it was listed under (it was
    /// reached through a symbolic link).
    real: Option<PathBuf>,
}

impl Listing {
    fn entry(&self, position: usize) -> Entry<'_> {
        let start = match position {
            0 => 0,
            _ => self.entries[position - 1].end as usize,
        };
        let packed = self.entries[position];
        Entry {
            name: OsStr::from_bytes(&self.names[start..packed.end as usize]),
            kind: packed.kind,
            link: packed.link,
        }
    }

    /// The entries, sorted by name.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.entries.len()).map(|position| self.entry(position))
    }

    pub fn get(&self, name: &OsStr) -> Option<Entry<'_>> {
        let (mut low, mut high) = (0, self.entries.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.entry(middle).name.cmp(name) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(self.entry(middle)),
            }
        }
        None
    }

    /// Reads a folder: one `getdents` for the names and kinds, a `stat` only for symbolic links.
    pub fn read(dir: &Path, real: Option<PathBuf>) -> std::io::Result<Listing> {
        crate::stats::count(&crate::stats::LISTED);
        let mut read: Vec<(OsString, Kind, bool)> = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let Ok(entry) = entry else { continue };
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let link = file_type.is_symlink();
            let kind = if link {
                match std::fs::metadata(entry.path()) {
                    Ok(meta) => kind_of(meta.file_type()),
                    Err(_) => Kind::Broken,
                }
            } else {
                kind_of(file_type)
            };
            read.push((entry.file_name(), kind, link));
        }
        read.sort_by(|a, b| a.0.cmp(&b.0));
        let mut names = Vec::with_capacity(read.iter().map(|(name, _, _)| name.len()).sum());
        let mut entries = Vec::with_capacity(read.len());
        for (name, kind, link) in read {
            names.extend_from_slice(name.as_bytes());
            // A folder's names never add up to 4 GiB; one that would is cut there.
            let Ok(end) = u32::try_from(names.len()) else {
                names.truncate(entries.last().map_or(0, |p: &Packed| p.end as usize));
                break;
            };
            entries.push(Packed { end, kind, link });
        }
        Ok(Listing {
            names: names.into_boxed_slice(),
            entries: entries.into_boxed_slice(),
            real,
        })
    }
}

fn kind_of(file_type: std::fs::FileType) -> Kind {
    if file_type.is_dir() {
        Kind::Dir
    } else if file_type.is_file() {
        Kind::File
    } else {
        Kind::Special
    }
}

/// The listings of the folders djsafe has looked at.
#[derive(Default)]
pub struct FsIndex {
    /// Folders discovery walked, by the path it walked them under.
    walked: HashMap<PathBuf, Arc<Listing>>,
    /// Folders listed on demand (`None`: not a readable folder).
    lazy: Mutex<HashMap<PathBuf, Option<Arc<Listing>>>>,
}

impl FsIndex {
    /// Records a folder the walk read. `real` is its canonical path when it differs.
    pub fn insert_walked(&mut self, dir: PathBuf, listing: Arc<Listing>) {
        self.walked.insert(dir, listing);
    }

    /// Forgets the walk's listings: each folder is listed again when next asked about, as one
    /// the walk did not read would be.
    pub fn forget_walked(&mut self) {
        self.walked = HashMap::new();
    }

    /// The canonical path of a walked folder: its own path unless a link led there.
    pub fn real_dir(&self, dir: &Path) -> Option<PathBuf> {
        let listing = self.walked.get(dir)?;
        Some(listing.real.clone().unwrap_or_else(|| dir.to_path_buf()))
    }

    /// A folder's listing, read from disk the first time when the walk did not read it.
    pub fn listing(&self, dir: &Path) -> Option<Arc<Listing>> {
        if let Some(listing) = self.walked.get(dir) {
            return Some(listing.clone());
        }
        let mut lazy = self.lazy.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lazy.get(dir) {
            return known.clone();
        }
        let listing = std::fs::canonicalize(dir).ok().and_then(|real| {
            let real = (real != dir).then_some(real);
            Listing::read(dir, real).ok().map(Arc::new)
        });
        lazy.insert(dir.to_path_buf(), listing.clone());
        listing
    }

    /// What `path` is, or `None` when it does not exist (or its folder cannot be read).
    pub fn kind(&self, path: &Path) -> Option<Kind> {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            // The file system root, or a path ending in `..`: rare enough to ask the kernel.
            return std::fs::metadata(path).ok().map(|m| kind_of(m.file_type()));
        };
        if name.is_empty() {
            return None;
        }
        let listing = self.listing(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })?;
        listing.get(name).map(|e| e.kind)
    }

    pub fn is_file(&self, path: &Path) -> bool {
        self.kind(path) == Some(Kind::File)
    }

    pub fn is_dir(&self, path: &Path) -> bool {
        self.kind(path) == Some(Kind::Dir)
    }

    pub fn exists(&self, path: &Path) -> bool {
        self.kind(path).is_some_and(|k| k != Kind::Broken)
    }

    /// The canonical path of a file: from its folder's listing when the folder is known and the
    /// file is no link; otherwise as the kernel says (`path` itself when it cannot).
    pub fn canonical(&self, path: &Path) -> PathBuf {
        let known = path.parent().zip(path.file_name()).and_then(|(dir, name)| {
            let listing = self.listing(dir)?;
            let entry = listing.get(name)?;
            if entry.link {
                return None;
            }
            let clean = !path.components().any(|c| {
                matches!(
                    c,
                    std::path::Component::ParentDir | std::path::Component::CurDir
                )
            });
            if !clean || !path.is_absolute() {
                return None;
            }
            Some(match &listing.real {
                Some(real) => real.join(name),
                None => path.to_path_buf(),
            })
        });
        known.unwrap_or_else(|| path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
    }

    /// The files in `dir` whose names satisfy `wanted`, sorted by name.
    pub fn files_matching(&self, dir: &Path, wanted: impl Fn(&OsStr) -> bool) -> Vec<PathBuf> {
        self.listing(dir)
            .map(|listing| {
                listing
                    .entries()
                    .filter(|e| wanted(e.name))
                    .map(|e| dir.join(e.name))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_from_listings_read_once() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("pkg/sub")).unwrap();
        std::fs::write(top.join("pkg/__init__.py"), "").unwrap();
        std::fs::write(top.join("pkg/mod.py"), "").unwrap();
        let index = FsIndex::default();
        assert!(index.is_file(&top.join("pkg/mod.py")));
        assert!(index.is_dir(&top.join("pkg/sub")));
        assert!(!index.exists(&top.join("pkg/other.py")));
        // Listed once: a file created afterwards is not seen, as the walk would not see it.
        std::fs::write(top.join("pkg/late.py"), "").unwrap();
        assert!(!index.is_file(&top.join("pkg/late.py")));
        assert_eq!(
            index.canonical(&top.join("pkg/mod.py")),
            top.join("pkg/mod.py")
        );
    }

    #[test]
    fn links_resolve_to_their_targets() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("real")).unwrap();
        std::fs::write(top.join("real/settings.py"), "").unwrap();
        std::os::unix::fs::symlink(top.join("real"), top.join("linked")).unwrap();
        std::os::unix::fs::symlink(top.join("nowhere"), top.join("broken.py")).unwrap();
        let index = FsIndex::default();
        assert!(index.is_dir(&top.join("linked")));
        assert_eq!(
            index.canonical(&top.join("linked/settings.py")),
            top.join("real/settings.py")
        );
        assert_eq!(index.kind(&top.join("broken.py")), Some(Kind::Broken));
        assert!(!index.exists(&top.join("broken.py")));
    }
}
