//! Modules a deployment's image leaves out ([`crate::deploy::dockerignore`]): the repository holds
//! them, the container does not. An evaluation sees them as missing when its environment holds
//! the variable of an image that leaves them out, as it sees a mounted file only under its
//! mount's variable ([`super::placed`]).

use super::Project;
use crate::deploy::LeftOut;

/// The prefix of the variable that says, in an evaluation's environment, that its deployment runs
/// an image built with an ignore file: no real variable name holds a NUL byte.
const MARKER_PREFIX: &str = "\0left-out:";

/// The variable an evaluation sets when its deployment's image is built with `left_out`'s file.
pub fn marker(left_out: &LeftOut) -> String {
    format!("{MARKER_PREFIX}{}", left_out.file().display())
}

impl Project {
    /// The ignore files of the images deployments run.
    pub fn add_left_out<'a>(&mut self, files: impl IntoIterator<Item = &'a LeftOut>) {
        for left_out in files {
            let marker = marker(left_out);
            if !self.left_out.iter().any(|(known, _)| *known == marker) {
                self.left_out.push((marker, left_out.clone()));
            }
        }
        self.left_out.sort_by(|a, b| a.0.cmp(&b.0));
    }

    /// The first loaded module, by name, that `left_out` leaves out of its image, with the line
    /// of the pattern: only when there is one does a deployment's evaluation need to know which
    /// image it runs.
    pub fn first_left_out(&self, left_out: &LeftOut) -> Option<(usize, usize)> {
        self.modules
            .iter()
            .enumerate()
            .filter_map(|(index, m)| {
                let line = left_out.leaves_out(&self.sources.get(m.file).path)?;
                Some((index, line))
            })
            .min_by(|a, b| self.modules[a.0].name.cmp(&self.modules[b.0].name))
    }

    /// The ignore file, and its line, that leaves `module` out of the image of an evaluation
    /// whose environment holds a variable for which `holds` is true.
    pub fn left_out_of(
        &self,
        module: usize,
        holds: &dyn Fn(&str) -> bool,
    ) -> Option<(&std::path::Path, usize)> {
        if self.left_out.is_empty() {
            return None;
        }
        let path = &self.sources.get(self.modules[module].file).path;
        self.left_out.iter().find_map(|(marker, left_out)| {
            if !holds(marker) {
                return None;
            }
            let line = left_out.leaves_out(path)?;
            Some((left_out.file().as_path(), line))
        })
    }
}
