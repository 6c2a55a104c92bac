//! Settings files that a build or start-up step copies into place: `RUN cp docker/config.py
//! settings/config.py` in a Dockerfile, `cp "${template}" /app/proj/settings/local_settings.py`
//! in an entrypoint script. The module a deployment names (`settings.config`), or that settings
//! star-import (`from .local_settings import *`), is then not missing: it is the copied file.
//!
//! Paths are followed in the image's file system: a Dockerfile's `COPY . /app` says where the
//! repository lands, relative paths join the stage's `WORKDIR`, a script's simple variable
//! assignments (`file="/data/x.py"`) are substituted, and copies are chained (a template copied to
//! `/data`, then from `/data` into the package). Only `cp` and `mv` of single files with literal
//! paths are read; anything else (`sed` edits aside) is not a copy djsafe can follow.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::dockerfile;
use super::link::CONTEXT_LEVELS;
use super::model::{DeployFile, Origin, SourceKind};
use super::sed;
use super::shell;

/// A repository file that a deployment step copies to a path of the repository's layout where no
/// file exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCopy {
    /// The repository file copied.
    pub from: PathBuf,
    /// Where the copy lands, as a path in the repository's folders.
    pub to: PathBuf,
    /// The step that puts it there (the last copy of a chain).
    pub origin: Origin,
    /// `sed -i` edits made to the copy or to a file of its chain, in the order of the steps.
    pub edits: Vec<sed::Edit>,
}

/// One `cp`/`mv` in image paths, or an in-place edit (`sed -i`, with `from` empty) of `to`.
struct Step {
    from: String,
    to: String,
    origin: Origin,
    edits: Vec<sed::Edit>,
}

impl Step {
    fn is_edit(&self) -> bool {
        self.from.is_empty()
    }
}

/// How many copies a chain may follow (`template -> /data -> package`).
const MAX_HOPS: usize = 4;

/// The copies of `.py` files that the repository's Dockerfiles and shell scripts make, whose
/// destination is not a file of the repository. `exists` says whether a repository path is a file.
pub fn collect(
    files: &[DeployFile],
    playbooks: &[(PathBuf, String)],
    import_roots: &[PathBuf],
    exists: &dyn Fn(&Path) -> bool,
) -> Vec<FileCopy> {
    // Where the repository lands in images: `COPY . /app` (or `COPY . .` under a WORKDIR).
    let mut roots: Vec<(String, PathBuf)> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    // Most repositories copy no file in a script: then no Dockerfile is parsed again here.
    let copies_something =
        |file: &DeployFile| file.text.contains("cp ") || file.text.contains("mv ");
    let sets_python_path =
        |file: &DeployFile| file.kind == SourceKind::Dockerfile && file.text.contains("PYTHONPATH");
    if !files
        .iter()
        .any(|f| copies_something(f) || sets_python_path(f))
        && playbooks.is_empty()
    {
        return Vec::new();
    }
    let mut path_copies: Vec<FileCopy> = Vec::new();
    for file in files {
        match file.kind {
            SourceKind::Dockerfile => {
                let parsed = dockerfile::parse(&file.text, &BTreeMap::new());
                // The build context: the Dockerfile's folder or one above it (compose files
                // and CI say which; the copied file's existence decides here).
                let contexts = build_contexts(&file.path);
                roots.extend(repository_roots(&parsed, &contexts));
                path_copies.extend(python_path_copies(
                    &file.path,
                    &parsed,
                    &contexts,
                    import_roots,
                    exists,
                ));
                for stage in &parsed.stages {
                    for (line, text, workdir) in &stage.runs {
                        let origin = Origin::new(&file.path, *line);
                        steps.extend(script_steps(text, workdir.as_deref(), &origin));
                    }
                }
            }
            SourceKind::Shell if copies_something(file) => {
                steps.extend(script_steps(&file.text, None, &Origin::new(&file.path, 1)));
            }
            _ => {}
        }
    }
    let mut copies: Vec<FileCopy> = Vec::new();
    for step in steps
        .iter()
        .filter(|s| !s.is_edit() && s.to.ends_with(".py"))
    {
        let Some((from, root, edits)) = source_of(step, &steps, &roots, exists) else {
            continue;
        };
        // The destination in the same checkout as the source (the context it was found in).
        let Some(to) = repository_paths(&step.to, &roots)
            .into_iter()
            .find(|(_, rank)| roots[*rank].1 == roots[root].1)
            .map(|(path, _)| path)
        else {
            continue;
        };
        if exists(&to) || copies.iter().any(|c| c.to == to) {
            continue;
        }
        copies.push(FileCopy {
            from,
            to,
            origin: step.origin.clone(),
            edits,
        });
    }
    for copy in path_copies {
        if !copies.iter().any(|c| c.to == copy.to) {
            copies.push(copy);
        }
    }
    for (path, text) in playbooks {
        for copy in ansible_copies(path, text, exists) {
            if !exists(&copy.to) && !copies.iter().any(|c| c.to == copy.to) {
                copies.push(copy);
            }
        }
    }
    copies.sort_by(|a, b| a.to.cmp(&b.to));
    copies
}

/// The build contexts a Dockerfile may be built from: its folder or one above it (compose files
/// and CI say which; the existence of the files it copies decides here).
pub(super) fn build_contexts(dockerfile: &Path) -> Vec<PathBuf> {
    dockerfile
        .ancestors()
        .skip(1)
        .take(CONTEXT_LEVELS)
        .map(Path::to_path_buf)
        .collect()
}

/// Where the repository lands in a Dockerfile's images (`COPY . /app`, or `COPY . .` under a
/// `WORKDIR`), with each build context it may be copied from.
pub(super) fn repository_roots(
    parsed: &dockerfile::Dockerfile,
    contexts: &[PathBuf],
) -> Vec<(String, PathBuf)> {
    let mut roots = Vec::new();
    for stage in &parsed.stages {
        for copy in &stage.copies {
            if copy.sources.iter().any(|s| s == "." || s == "./") {
                let dest = copy.dest.trim_end_matches('/');
                let dest = if dest.is_empty() { "/" } else { dest };
                for context in contexts {
                    roots.push((dest.to_string(), context.clone()));
                }
            }
        }
    }
    roots
}

/// `COPY docker/dockersettings.py /extrapython/` in a stage with `ENV PYTHONPATH=/extrapython`:
/// the file is a top-level module of the image (`DJANGO_SETTINGS_MODULE=dockersettings`). It
/// resolves as a top-level module of the build context: at the context's top when that is an
/// import root, else in the first import root inside it (`src/`), where no file of that name
/// exists.
fn python_path_copies(
    path: &Path,
    parsed: &dockerfile::Dockerfile,
    contexts: &[PathBuf],
    import_roots: &[PathBuf],
    exists: &dyn Fn(&Path) -> bool,
) -> Vec<FileCopy> {
    let mut found = Vec::new();
    for stage in &parsed.stages {
        let Some(python_path) = stage
            .env
            .get("PYTHONPATH")
            .and_then(|(value, _)| value.literal())
        else {
            continue;
        };
        let dirs: Vec<&str> = python_path
            .split(':')
            .map(|d| d.trim_end_matches('/'))
            .filter(|d| d.starts_with('/') && d.len() > 1)
            .collect();
        for copy in &stage.copies {
            let dest = copy.dest.trim_end_matches('/');
            let into_folder = copy.dest.ends_with('/') || copy.sources.len() > 1;
            for source in copy.sources.iter().filter(|s| s.ends_with(".py")) {
                let source = source.trim_start_matches("./");
                let (dir, name) = if into_folder {
                    (dest, source.rsplit('/').next().unwrap_or(source))
                } else {
                    match dest.rsplit_once('/') {
                        Some((dir, name)) => (dir, name),
                        None => continue,
                    }
                };
                if !dirs.contains(&dir) || !name.ends_with(".py") {
                    continue;
                }
                let Some(context) = contexts.iter().find(|c| exists(&c.join(source))) else {
                    continue;
                };
                let top = import_roots
                    .iter()
                    .find(|root| *root == context)
                    .or_else(|| import_roots.iter().find(|root| root.starts_with(context)))
                    .unwrap_or(context);
                let to = top.join(name);
                if !exists(&to) {
                    found.push(FileCopy {
                        from: super::normalize(&context.join(source)),
                        to,
                        origin: Origin::new(path, copy.line),
                        edits: Vec::new(),
                    });
                }
            }
        }
    }
    found
}

/// Whether a YAML file that is no deployment file may hold Ansible tasks that copy files.
pub fn may_copy_files(path: &Path, text: &str) -> bool {
    path.extension().is_some_and(|e| e == "yml" || e == "yaml")
        && text.contains("dest")
        && (text.contains("copy") || text.contains("template"))
}

/// Ansible `copy`/`template` tasks whose `src` and `dest` start with the same `{{ var }}`, the
/// folder the repository is checked out to on the host (`{{ engine_dir }}/conf/site/x.py` to
/// `{{ engine_dir }}/conf/run/x.py`), with `{{ item }}` taken from `with_items`/`loop`. The
/// checkout is the playbook's folder or one above it where the source exists.
fn ansible_copies(path: &Path, text: &str, exists: &dyn Fn(&Path) -> bool) -> Vec<FileCopy> {
    let Ok(documents) = super::yaml::parse(text) else {
        return Vec::new();
    };
    let mut tasks = Vec::new();
    let mut stack: Vec<&super::tree::Node> = documents.iter().collect();
    // Bounded by the parsed tree's size (yaml::parse caps it).
    while let Some(node) = stack.pop() {
        if node.is_map() {
            for key in [
                "copy",
                "template",
                "ansible.builtin.copy",
                "ansible.builtin.template",
            ] {
                if let Some(module) = node.get(key) {
                    tasks.push((node, module));
                }
            }
            stack.extend(node.entries().iter().map(|e| &e.value));
        } else {
            stack.extend(node.items());
        }
    }
    let mut copies = Vec::new();
    for (task, module) in tasks {
        let (Some(src), Some(dest_node)) =
            (module.get("src").and_then(|n| n.text()), module.get("dest"))
        else {
            continue;
        };
        let Some(dest) = dest_node.text() else {
            continue;
        };
        let items: Vec<String> = match task.get("with_items").or(task.get("loop")) {
            Some(list) => list
                .items()
                .iter()
                .filter_map(|i| i.text().map(str::to_string))
                .collect(),
            None => vec![String::new()],
        };
        for item in &items {
            let expand = |p: &str| p.replace("{{ item }}", item).replace("{{item}}", item);
            let (src, dest) = (expand(src), expand(dest));
            let (Some(src), Some(dest)) = (checkout_relative(&src), checkout_relative(&dest))
            else {
                continue;
            };
            if src.0 != dest.0
                || !dest.1.ends_with(".py")
                || src.1.contains("{{")
                || dest.1.contains("{{")
            {
                continue;
            }
            let Some(checkout) = path
                .ancestors()
                .skip(1)
                .take(CONTEXT_LEVELS + 1)
                .find(|dir| exists(&dir.join(&src.1)))
            else {
                continue;
            };
            copies.push(FileCopy {
                from: checkout.join(&src.1),
                to: checkout.join(&dest.1),
                origin: Origin::new(path, dest_node.line),
                edits: Vec::new(),
            });
        }
    }
    copies
}

/// `{{ var }}/rest` as the variable's text and `rest`.
fn checkout_relative(path: &str) -> Option<(String, String)> {
    let rest = path.strip_prefix("{{")?;
    let (var, rest) = rest.split_once("}}")?;
    let rest = rest.strip_prefix('/')?;
    (!rest.is_empty() && !rest.split('/').any(|p| p == ".."))
        .then(|| (var.trim().to_string(), rest.to_string()))
}

/// The repository file a copy step ultimately reads, following earlier copies to its source,
/// and the in-place edits (`sed -i` writing a generated key into the copy) made to the files of
/// the chain, the source's first: the module that runs is the source so edited.
fn source_of(
    step: &Step,
    steps: &[Step],
    roots: &[(String, PathBuf)],
    exists: &dyn Fn(&Path) -> bool,
) -> Option<(PathBuf, usize, Vec<sed::Edit>)> {
    let edits_of = |path: &str| -> Vec<sed::Edit> {
        steps
            .iter()
            .filter(|s| s.is_edit() && s.to == path)
            .flat_map(|s| s.edits.iter().cloned())
            .collect()
    };
    // Gathered from the destination back to the source, then put in the order they apply.
    let mut chain_edits: Vec<Vec<sed::Edit>> = vec![edits_of(&step.to)];
    let mut from = step.from.clone();
    for _ in 0..MAX_HOPS {
        if let Some((path, root)) = repository_paths(&from, roots)
            .into_iter()
            .find(|(path, _)| exists(path))
        {
            let edits = chain_edits.into_iter().rev().flatten().collect();
            return Some((path, root, edits));
        }
        chain_edits.push(edits_of(&from));
        from = steps
            .iter()
            .find(|s| !s.is_edit() && s.to == from)?
            .from
            .clone();
    }
    None
}

/// The repository paths an image path may be: under each folder the repository lands in.
pub(super) fn repository_paths(
    image_path: &str,
    roots: &[(String, PathBuf)],
) -> Vec<(PathBuf, usize)> {
    roots
        .iter()
        .enumerate()
        .filter_map(|(rank, (root, context))| {
            let rest = if root == "/" {
                image_path.strip_prefix('/')
            } else {
                image_path.strip_prefix(root.as_str())?.strip_prefix('/')
            }?;
            (!rest.is_empty() && !rest.split('/').any(|part| part == ".."))
                .then(|| (context.join(rest), rank))
        })
        .collect()
}

/// The `cp`/`mv` commands of a script, in image paths (relative ones joined to `workdir`).
fn script_steps(text: &str, workdir: Option<&str>, origin: &Origin) -> Vec<Step> {
    let mut variables: BTreeMap<String, String> = BTreeMap::new();
    let mut steps = Vec::new();
    for command in shell::commands(text) {
        let words: Vec<String> = command
            .words
            .iter()
            .map(|w| substitute(&w.text, &variables))
            .collect();
        if let [only] = words.as_slice()
            && let Some((name, value)) = only.split_once('=')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !value.contains('$')
        {
            variables.insert(name.to_string(), value.to_string());
            continue;
        }
        let Some(program) = words.first() else {
            continue;
        };
        let line = origin.line + command.line - 1;
        if program == "sed"
            && words
                .iter()
                .any(|w| w == "-i" || w.starts_with("--in-place"))
        {
            // The last word is the file edited (sed's script comes first).
            if let Some(file) = words.last().filter(|w| !w.starts_with('-')) {
                let at = Origin::new(&origin.file, line);
                let expands: Vec<bool> = command
                    .words
                    .iter()
                    .zip(&words)
                    .map(|(word, text)| word.expands && (text.contains('$') || text.contains('`')))
                    .collect();
                // The file is the last operand, not a script.
                let script_words = &words[..words.len() - 1];
                steps.push(Step {
                    from: String::new(),
                    to: absolute(file, workdir),
                    edits: sed::edits(script_words, &expands, &at),
                    origin: at,
                });
            }
            continue;
        }
        if program != "cp" && program != "mv" {
            continue;
        }
        let paths: Vec<&String> = words[1..].iter().filter(|w| !w.starts_with('-')).collect();
        let [from, to] = paths.as_slice() else {
            continue;
        };
        if from.contains('$') || to.contains('$') || from.contains('*') {
            continue;
        }
        steps.push(Step {
            from: absolute(from, workdir),
            to: absolute(to, workdir),
            origin: Origin::new(&origin.file, line),
            edits: Vec::new(),
        });
    }
    steps
}

/// `$NAME` and `${NAME}` replaced by the script's own literal assignments.
fn substitute(text: &str, variables: &BTreeMap<String, String>) -> String {
    let mut out = text.to_string();
    for (name, value) in variables {
        out = out
            .replace(&format!("${{{name}}}"), value)
            .replace(&format!("${name}"), value);
    }
    out
}

fn absolute(path: &str, workdir: Option<&str>) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.starts_with('/') {
        path.to_string()
    } else {
        dockerfile::join_image_path(workdir, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, kind: SourceKind, text: &str) -> DeployFile {
        DeployFile {
            path: PathBuf::from(path),
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn dockerfile_run_cp_into_the_package() {
        let files = [file(
            "repo/docker/Dockerfile",
            SourceKind::Dockerfile,
            "FROM python:3.11\nWORKDIR /srv\nCOPY . /srv\nRUN set -eux; \\\n    cp docker/config.py settings/config.py; \\\n    python manage.py collectstatic\n",
        )];
        let exists = |p: &Path| p == Path::new("repo/docker/config.py");
        // The context is the repository's top (`docker/config.py` is found there), so the copy
        // lands in `repo/settings/`.
        let copies = collect(&files, &[], &[], &exists);
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].from, PathBuf::from("repo/docker/config.py"));
        assert_eq!(copies[0].to, PathBuf::from("repo/settings/config.py"));
        assert_eq!(copies[0].origin.line, 4);
    }

    #[test]
    fn ansible_copy_with_items() {
        let playbook = "- hosts: all\n  tasks:\n    - name: Copy settings\n      copy:\n        remote_src: true\n        src: \"{{ engine_dir }}/conf/site/{{item}}\"\n        dest: \"{{ engine_dir }}/conf/run/{{ item }}\"\n      with_items:\n        - site_nginx.conf\n        - site_settings.py\n";
        let playbooks = [(
            PathBuf::from("repo/conf/ansible/install.yml"),
            playbook.to_string(),
        )];
        let exists = |p: &Path| p == Path::new("repo/conf/site/site_settings.py");
        let copies = collect(&[], &playbooks, &[], &exists);
        assert_eq!(
            copies,
            [FileCopy {
                from: PathBuf::from("repo/conf/site/site_settings.py"),
                to: PathBuf::from("repo/conf/run/site_settings.py"),
                origin: Origin::new(Path::new("repo/conf/ansible/install.yml"), 7),
                edits: Vec::new(),
            }]
        );
    }

    #[test]
    fn a_script_chain_through_variables() {
        let files = [
            file(
                "repo/Dockerfile",
                SourceKind::Dockerfile,
                "FROM python\nWORKDIR /app\nCOPY . .\n",
            ),
            file(
                "repo/docker/start.sh",
                SourceKind::Shell,
                "#!/bin/sh\ntarget=\"/data/local.py\"\nif [ ! -f \"$target\" ]; then\n  cp /app/proj/local.example.py \"${target}\"\nfi\ncp \"${target}\" /app/proj/local.py\n",
            ),
        ];
        let exists = |p: &Path| p == Path::new("repo/proj/local.example.py");
        let copies = collect(&files, &[], &[], &exists);
        let copy = FileCopy {
            from: PathBuf::from("repo/proj/local.example.py"),
            to: PathBuf::from("repo/proj/local.py"),
            origin: Origin::new(Path::new("repo/docker/start.sh"), 6),
            edits: Vec::new(),
        };
        assert_eq!(copies, std::slice::from_ref(&copy));
        // A key written into the intermediate copy with `sed -i`: the module that runs is the
        // template with that edit.
        let mut edited = files.clone();
        edited[1].text = edited[1].text.replace(
            "fi\n",
            "  sed -i \"s/placeholder/$KEY/\" \"${target}\"\nfi\n",
        );
        let edit = sed::Edit {
            action: sed::Action::Replace {
                pattern: "placeholder".into(),
                replacement: None,
                every: false,
            },
            origin: Origin::new(Path::new("repo/docker/start.sh"), 5),
        };
        assert_eq!(
            collect(&edited, &[], &[], &exists),
            [FileCopy {
                origin: Origin::new(Path::new("repo/docker/start.sh"), 7),
                edits: vec![edit],
                ..copy
            }]
        );
    }

    #[test]
    fn a_settings_file_copied_onto_the_python_path() {
        let files = [file(
            "repo/docker/Dockerfile",
            SourceKind::Dockerfile,
            "FROM python:3.13 AS base\nRUN mkdir /extrapython\nCOPY docker/dockersettings.py /extrapython/\nENV PYTHONPATH=/extrapython\nENV DJANGO_SETTINGS_MODULE=dockersettings\nCOPY docker/start.sh /start.sh\nCMD [\"/start.sh\"]\n",
        )];
        let exists = |p: &Path| p == Path::new("repo/docker/dockersettings.py");
        assert_eq!(
            collect(&files, &[], &[], &exists),
            [FileCopy {
                from: PathBuf::from("repo/docker/dockersettings.py"),
                to: PathBuf::from("repo/dockersettings.py"),
                origin: Origin::new(Path::new("repo/docker/Dockerfile"), 3),
                edits: Vec::new(),
            }]
        );
        // Copied elsewhere than the Python path, it is no top-level module.
        let mut elsewhere = files.clone();
        elsewhere[0].text = elsewhere[0]
            .text
            .replace("ENV PYTHONPATH=/extrapython\n", "");
        assert!(collect(&elsewhere, &[], &[], &exists).is_empty());
    }
}
