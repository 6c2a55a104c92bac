//! Dockerfiles: each build stage's environment (`ENV`, with `ARG` defaults substituted and
//! variables inherited through `FROM <stage>`), working directory, copied files and command
//! (`ENTRYPOINT` + `CMD`), and the `RUN` steps that run Django with settings of their own.

use std::collections::BTreeMap;
use std::path::Path;

#[cfg(test)]
use super::EnvAssignment;
use super::command::{self, Analysis};
use super::docker_words::{self, Bound, Piece};
use super::model::{
    CONFIGURATION, Deployment, EnvValue, Origin, Process, Role, SETTINGS_MODULE, SourceKind,
};

/// A parsed Dockerfile.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    pub stages: Vec<Stage>,
    /// `RUN` steps that set `DJANGO_SETTINGS_MODULE`/`DJANGO_CONFIGURATION` or `--settings`.
    pub build_steps: Vec<BuildStep>,
}

/// One build stage, as it stands at its end (what an image built to it holds).
#[derive(Clone, Debug, Default)]
pub struct Stage {
    pub name: Option<String>,
    /// The `FROM` line.
    pub line: usize,
    /// The image or stage it starts from.
    pub base: String,
    /// Variables with the line of the `ENV` that sets them.
    pub env: BTreeMap<String, (EnvValue, usize)>,
    args: BTreeMap<String, Bound>,
    pub workdir: Option<String>,
    pub entrypoint: Option<Exec>,
    pub cmd: Option<Exec>,
    cmd_set_here: bool,
    /// `COPY`/`ADD` from the build context (not `--from` another stage), this stage's and its
    /// parents'.
    pub copies: Vec<CopyStep>,
    /// This stage's `RUN` commands (shell text), each with its line and the `WORKDIR` it runs in.
    pub runs: Vec<(usize, String, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecForm {
    /// `CMD ["gunicorn", "app.wsgi"]`
    Exec(Vec<String>),
    /// `CMD gunicorn app.wsgi`, run by `/bin/sh -c`.
    Shell(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exec {
    pub form: ExecForm,
    pub line: usize,
}

impl Exec {
    pub fn text(&self) -> String {
        match &self.form {
            ExecForm::Exec(argv) => argv.join(" "),
            ExecForm::Shell(text) => text.clone(),
        }
    }

    fn argv(&self) -> Vec<String> {
        match &self.form {
            ExecForm::Exec(argv) => argv.clone(),
            ExecForm::Shell(text) => vec!["/bin/sh".into(), "-c".into(), text.clone()],
        }
    }

    pub fn analyze(&self) -> Analysis {
        match &self.form {
            ExecForm::Exec(argv) => command::analyze_argv(argv),
            ExecForm::Shell(text) => command::analyze_shell(text),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyStep {
    pub sources: Vec<String>,
    /// Absolute in the image (relative destinations joined to the `WORKDIR`).
    pub dest: String,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub struct BuildStep {
    pub stage: usize,
    pub line: usize,
    pub text: String,
    pub analysis: Analysis,
    /// The stage's variables when the step runs.
    pub env: BTreeMap<String, (EnvValue, usize)>,
}

/// Parses a Dockerfile; `build_args` are the values a build passes (compose `build.args`).
pub fn parse(text: &str, build_args: &BTreeMap<String, String>) -> Dockerfile {
    let mut parsed = Dockerfile::default();
    let mut global_args: BTreeMap<String, Bound> = BTreeMap::new();
    for (line, instruction) in dockerfile_instructions(text) {
        let instruction = instruction.trim_start();
        let (keyword, args) = instruction
            .split_once(char::is_whitespace)
            .unwrap_or((instruction, ""));
        let keyword = keyword.to_ascii_uppercase();
        let args = args.trim();
        if keyword == "FROM" {
            let stage = from(args, line, &parsed.stages, &global_args);
            parsed.stages.push(stage);
            continue;
        }
        if parsed.stages.is_empty() {
            if keyword == "ARG" {
                for (name, bound) in arg_declarations(args, &|_| None, build_args) {
                    global_args.insert(name, bound.unwrap_or(Bound::Declared));
                }
                continue;
            }
            // Docker rejects instructions before `FROM`; a fragment (or a file whose `FROM`
            // comes from a template) still says what it sets.
            parsed.stages.push(Stage {
                line,
                ..Stage::default()
            });
        }
        let stage_index = parsed.stages.len() - 1;
        let Some(stage) = parsed.stages.last_mut() else {
            continue;
        };
        match keyword.as_str() {
            "ARG" => {
                let declared = {
                    let lookup = |name: &str| lookup(stage, name);
                    arg_declarations(args, &lookup, build_args)
                };
                for (name, bound) in declared {
                    let bound = bound
                        .or_else(|| global_args.get(&name).cloned())
                        .unwrap_or(Bound::Declared);
                    stage.args.insert(name, bound);
                }
            }
            "ENV" => {
                for (key, pieces) in env_pieces(args) {
                    let value = resolve(stage, &pieces);
                    stage.env.insert(key, (value, line));
                }
            }
            "WORKDIR" => {
                let dir = resolve(stage, &docker_words::words(args, false).concat());
                if let EnvValue::Literal(dir) = dir {
                    stage.workdir = Some(join_image_path(stage.workdir.as_deref(), &dir));
                }
            }
            "COPY" | "ADD" => {
                if let Some(copy) = copy_step(args, line, stage) {
                    stage.copies.push(copy);
                }
            }
            "CMD" => {
                stage.cmd = Some(exec(args, line));
                stage.cmd_set_here = true;
            }
            "ENTRYPOINT" => {
                stage.entrypoint = Some(exec(args, line));
                // Docker resets a CMD inherited from the base when ENTRYPOINT is set.
                if !stage.cmd_set_here {
                    stage.cmd = None;
                }
            }
            "RUN" => {
                let run = exec(strip_flags(args), line);
                stage.runs.push((line, run.text(), stage.workdir.clone()));
                let analysis = run.analyze();
                let own_settings = analysis
                    .env
                    .iter()
                    .any(|(name, _)| name == SETTINGS_MODULE || name == CONFIGURATION);
                if own_settings {
                    parsed.build_steps.push(BuildStep {
                        stage: stage_index,
                        line,
                        text: run.text(),
                        analysis,
                        env: stage.env.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    parsed
}

fn from(args: &str, line: usize, stages: &[Stage], global_args: &BTreeMap<String, Bound>) -> Stage {
    let words: Vec<&str> = strip_flags(args).split_whitespace().collect();
    let image = words.first().copied().unwrap_or_default();
    let image = docker_words::resolve(&docker_words::unquoted(image), &|name| {
        global_args.get(name).cloned()
    })
    .unwrap_or_else(|_| image.to_string());
    let name = match words.as_slice() {
        [_, as_, name, ..] if as_.eq_ignore_ascii_case("as") => Some(name.to_string()),
        _ => None,
    };
    let parent = stages.iter().rev().find(|s| {
        s.name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(&image))
    });
    let mut stage = parent.cloned().unwrap_or_default();
    stage.name = name;
    stage.line = line;
    stage.base = image;
    stage.cmd_set_here = false;
    stage
}

/// `--platform=...`, `--mount=...`, `--chown=...` flags before an instruction's arguments.
fn strip_flags(args: &str) -> &str {
    let mut rest = args.trim_start();
    while rest.starts_with("--") {
        rest = rest
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r)
            .trim_start();
    }
    rest
}

fn lookup(stage: &Stage, name: &str) -> Option<Bound> {
    match stage.env.get(name) {
        Some((EnvValue::Literal(value), _)) => Some(Bound::Known(value.clone())),
        Some((EnvValue::Unknown(_), _)) => None,
        None => stage.args.get(name).cloned(),
    }
}

fn resolve(stage: &Stage, pieces: &[Piece]) -> EnvValue {
    match docker_words::resolve(pieces, &|name| lookup(stage, name)) {
        Ok(value) => EnvValue::Literal(value),
        Err(reference) => EnvValue::Unknown(format!(
            "uses `{reference}`, which the Dockerfile does not give a value"
        )),
    }
}

/// `ARG NAME`, `ARG NAME=default [NAME2=...]`: each name with its value when it has one (the
/// build's own value first).
fn arg_declarations(
    args: &str,
    lookup: &dyn Fn(&str) -> Option<Bound>,
    build_args: &BTreeMap<String, String>,
) -> Vec<(String, Option<Bound>)> {
    docker_words::words(args, true)
        .into_iter()
        .filter_map(|word| {
            let text = docker_words::verbatim(&word);
            let (name, default) = match text.split_once('=') {
                Some((name, _)) => {
                    let value = value_after_equals(&word);
                    (name.to_string(), Some(value))
                }
                None => (text, None),
            };
            if name.is_empty() {
                return None;
            }
            let bound = match (build_args.get(&name), default) {
                (Some(passed), _) => Some(Bound::Known(passed.clone())),
                (None, Some(pieces)) => Some(
                    docker_words::resolve(&pieces, lookup)
                        .map(Bound::Known)
                        .unwrap_or(Bound::Declared),
                ),
                (None, None) => None,
            };
            Some((name, bound))
        })
        .collect()
}

/// The pieces after the first `=` of a `KEY=value` word.
fn value_after_equals(word: &[Piece]) -> Vec<Piece> {
    let mut value = Vec::new();
    let mut seen = false;
    for piece in word {
        match piece {
            Piece::Text(text) if !seen => {
                if let Some((_, after)) = text.split_once('=') {
                    seen = true;
                    if !after.is_empty() {
                        value.push(Piece::Text(after.to_string()));
                    }
                }
            }
            _ if seen => value.push(piece.clone()),
            _ => {}
        }
    }
    value
}

/// The `(key, value)` pairs of an `ENV` instruction's arguments. Like Docker, the form is decided
/// by the first word: with an `=` it is `KEY=VALUE ...`, otherwise the legacy `KEY VALUE` (the
/// rest of the line, surrounding quotes removed).
fn env_pieces(args: &str) -> Vec<(String, Vec<Piece>)> {
    let first_word = args.split(char::is_whitespace).next().unwrap_or_default();
    if first_word.contains('=') {
        return docker_words::words(args, true)
            .into_iter()
            .filter_map(|word| {
                let text = docker_words::verbatim(&word);
                let (key, _) = text.split_once('=')?;
                (!key.is_empty()).then(|| (key.to_string(), value_after_equals(&word)))
            })
            .collect();
    }
    match args.split_once(char::is_whitespace) {
        Some((key, value)) => vec![(
            key.to_string(),
            docker_words::unquoted(super::strip_matching_quotes(value.trim())),
        )],
        // `ENV KEY` without a value is rejected by Docker and sets nothing.
        None => Vec::new(),
    }
}

/// `ENV` instructions of a Dockerfile, in order, values as written (references kept verbatim,
/// quotes removed as Docker removes them): the reading [`parse`] resolves references on.
#[cfg(test)]
pub fn dockerfile_env(text: &str) -> Vec<EnvAssignment> {
    let mut found = Vec::new();
    for (line, instruction) in dockerfile_instructions(text) {
        let instruction = instruction.trim_start();
        let (keyword, args) = instruction
            .split_once(char::is_whitespace)
            .unwrap_or((instruction, ""));
        if keyword.eq_ignore_ascii_case("env") {
            found.extend(
                env_pieces(args.trim())
                    .into_iter()
                    .map(|(key, value)| EnvAssignment {
                        key,
                        value: docker_words::verbatim(&value),
                        line,
                    }),
            );
        }
    }
    found
}

fn exec(args: &str, line: usize) -> Exec {
    let form = match serde_json::from_str::<Vec<String>>(args.trim()) {
        Ok(argv) if args.trim_start().starts_with('[') => ExecForm::Exec(argv),
        _ => ExecForm::Shell(args.trim().to_string()),
    };
    Exec { form, line }
}

fn copy_step(args: &str, line: usize, stage: &Stage) -> Option<CopyStep> {
    if args
        .split_whitespace()
        .take_while(|w| w.starts_with("--"))
        .any(|w| w.starts_with("--from"))
    {
        return None;
    }
    let args = strip_flags(args);
    let words: Vec<String> = match serde_json::from_str::<Vec<String>>(args) {
        Ok(words) if args.starts_with('[') => words,
        _ => docker_words::words(args, true)
            .iter()
            .map(|w| match resolve(stage, w) {
                EnvValue::Literal(text) => text,
                EnvValue::Unknown(_) => docker_words::verbatim(w),
            })
            .collect(),
    };
    let (dest, sources) = words.split_last()?;
    if sources.is_empty() {
        return None;
    }
    let dest = if dest.starts_with('/') {
        dest.clone()
    } else {
        let mut joined = join_image_path(stage.workdir.as_deref(), dest);
        // `COPY start.sh .` keeps the trailing slash meaning "into this folder".
        if (dest == "." || dest.ends_with('/')) && !joined.ends_with('/') {
            joined.push('/');
        }
        joined
    };
    Some(CopyStep {
        sources: sources.to_vec(),
        dest,
        line,
    })
}

/// `dir` joined to the image folder `base` (`/` when none), `.` and `..` resolved.
pub fn join_image_path(base: Option<&str>, dir: &str) -> String {
    let full = if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("{}/{dir}", base.unwrap_or("/"))
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The folders of a Debian or Alpine image's default `PATH`.
const PATH_FOLDERS: [&str; 6] = [
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
];

impl Stage {
    /// Where the image has a program a command names bare (`ENTRYPOINT ["ephios"]`), when a
    /// `COPY` puts a file of the repository there, in a folder on the default `PATH`
    /// (`COPY deployment/entrypoint.sh /usr/local/bin/ephios`): a script to read.
    pub fn copied_program(&self, word: &str) -> Option<String> {
        if word.is_empty() || word.contains('/') || word.starts_with('-') {
            return None;
        }
        for copy in self.copies.iter().rev() {
            let into_folder = copy.dest.ends_with('/') || copy.sources.len() > 1;
            let dest = copy.dest.trim_end_matches('/');
            for folder in PATH_FOLDERS {
                let named = !into_folder && dest == format!("{folder}/{word}");
                let into = dest == folder
                    && copy
                        .sources
                        .iter()
                        .any(|s| s.trim_end_matches('/').rsplit('/').next() == Some(word));
                if named || into {
                    return Some(format!("{folder}/{word}"));
                }
            }
        }
        None
    }

    /// What a container of this stage runs: `ENTRYPOINT` with `CMD` as its arguments, or `CMD`.
    /// The origin is the instruction that names the process.
    pub fn command(&self) -> Option<(String, usize, Analysis)> {
        match (&self.entrypoint, &self.cmd) {
            (Some(entrypoint), cmd) => {
                let alone = entrypoint.analyze();
                let mut argv = entrypoint.argv();
                let shell_form = matches!(entrypoint.form, ExecForm::Shell(_));
                if let (false, Some(cmd)) = (shell_form, cmd) {
                    argv.extend(cmd.argv());
                }
                let mut combined = command::analyze_argv(&argv);
                self.program_script(&mut combined, &argv);
                let text = match (shell_form, cmd) {
                    (false, Some(cmd)) => format!("{} {}", entrypoint.text(), cmd.text()),
                    _ => entrypoint.text(),
                };
                // A server in the entrypoint itself names the line; otherwise the arguments do.
                let line = match cmd {
                    Some(cmd) if !shell_form && alone.app_module.is_none() => cmd.line,
                    _ => entrypoint.line,
                };
                Some((text, line, combined))
            }
            (None, Some(cmd)) => {
                let mut analysis = cmd.analyze();
                self.program_script(&mut analysis, &cmd.argv());
                Some((cmd.text(), cmd.line, analysis))
            }
            (None, None) => None,
        }
    }

    /// A command whose program is a script the stage copies onto the `PATH` runs that script.
    pub fn program_script(&self, analysis: &mut Analysis, argv: &[String]) {
        if analysis.script.is_none()
            && analysis.process == Process::Unknown
            && let Some(program) = argv.first().and_then(|w| self.copied_program(w))
        {
            analysis.script = Some(program);
        }
    }

    /// The analysis of `CMD` alone: what an entrypoint script ending in `exec "$@"` runs.
    pub fn cmd_analysis(&self) -> Option<(String, usize, Analysis)> {
        let cmd = self.cmd.as_ref()?;
        Some((cmd.text(), cmd.line, cmd.analyze()))
    }
}

impl Dockerfile {
    /// The stage a build produces: the one `target` names, else the last.
    pub fn stage(&self, target: Option<&str>) -> Option<(usize, &Stage)> {
        match target {
            Some(target) => self.stages.iter().enumerate().find(|(_, s)| {
                s.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(target))
            }),
            None => self
                .stages
                .len()
                .checked_sub(1)
                .map(|i| (i, &self.stages[i])),
        }
    }
}

/// The deployment an image built to `stage` describes: its environment and command.
pub fn stage_deployment(path: &Path, stage: &Stage) -> Deployment {
    let mut deployment = Deployment::new(
        SourceKind::Dockerfile,
        Origin::new(path, stage.line),
        stage.name.clone(),
        Role::Runs,
    );
    for (name, (value, line)) in &stage.env {
        deployment.set(name, value.clone(), Origin::new(path, *line));
    }
    if let Some((text, line, analysis)) = stage.command() {
        deployment.run(
            analysis.command(&text, Origin::new(path, line)),
            analysis.env,
        );
    }
    deployment
}

/// The build steps that run Django with settings of their own, as [`Role::Build`] deployments.
pub fn build_deployments(path: &Path, dockerfile: &Dockerfile) -> Vec<Deployment> {
    dockerfile
        .build_steps
        .iter()
        .map(|step| {
            let origin = Origin::new(path, step.line);
            let name = dockerfile.stages[step.stage].name.clone();
            let mut deployment =
                Deployment::new(SourceKind::Dockerfile, origin.clone(), name, Role::Build);
            for (name, (value, line)) in &step.env {
                deployment.set(name, value.clone(), Origin::new(path, *line));
            }
            let analysis = &step.analysis;
            deployment.run(analysis.command(&step.text, origin), analysis.env.clone());
            deployment
        })
        .collect()
}

/// Logical instructions with the 1-based line each starts on: continued lines joined, comment and
/// blank lines dropped (Docker drops them even in the middle of a continued instruction), and
/// here-documents (`RUN <<EOF`) joined to their instruction.
fn dockerfile_instructions(text: &str) -> Vec<(usize, String)> {
    let mut instructions = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut heredoc: Option<(String, usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        if let Some((delimiter, line, mut body)) = heredoc.take() {
            body.push('\n');
            body.push_str(raw);
            if raw.trim() == delimiter {
                instructions.push((line, body));
            } else {
                heredoc = Some((delimiter, line, body));
            }
            continue;
        }
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (content, continues) = match raw.trim_end().strip_suffix('\\') {
            Some(head) => (head, true),
            None => (raw, false),
        };
        let (_, joined) = current.get_or_insert_with(|| (index + 1, String::new()));
        joined.push_str(content);
        if !continues {
            let (line, joined) = current.take().unwrap_or_default();
            match heredoc_delimiter(&joined) {
                Some(delimiter) => heredoc = Some((delimiter, line, joined)),
                None => instructions.push((line, joined)),
            }
        }
    }
    // A continuation or here-document left open at the end of the file still ends.
    instructions.extend(current);
    instructions.extend(heredoc.map(|(_, line, body)| (line, body)));
    instructions
}

/// `RUN <<EOF`, `RUN <<-"EOF"`: the delimiter of a here-document the instruction opens.
fn heredoc_delimiter(instruction: &str) -> Option<String> {
    let keyword = instruction.split_whitespace().next()?.to_ascii_uppercase();
    if !matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
        return None;
    }
    let at = instruction.find("<<")?;
    let rest = instruction[at + 2..].trim_start_matches('-');
    let rest = rest.trim_start_matches(['"', '\'']);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
#[path = "dockerfile_tests.rs"]
mod tests;
