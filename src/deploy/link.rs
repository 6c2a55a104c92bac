//! Linking across files: a compose service and the Dockerfile stage it builds, an image and the
//! entrypoint script it copies in, an `env_file` and its variables.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::command::{self, Analysis};
use super::compose::{self, Service};
use super::dockerfile::{self, Stage};
use super::dockerignore;
use super::dotenv;
use super::image_run::ImageRun;
use super::model::{
    DeployFile, Deployment, EnvVar, LeftOut, Note, Origin, Process, Role, SourceKind,
};
use super::normalize;
use super::published::{self, PublishedImage};
use super::script;
use super::supervisor;

pub struct Linker<'a> {
    files: &'a [DeployFile],
    /// Each file's position in `files` by its normalised path (the first of equal ones), so
    /// looking a file up does not compare it with every deployment file of a monorepo.
    by_path: HashMap<PathBuf, usize>,
    read: &'a dyn Fn(&Path) -> Option<String>,
    /// Scripts read as a Docker entrypoint or command: not deployments of their own.
    pub followed: RefCell<BTreeSet<PathBuf>>,
    /// Dockerfiles another file builds (a compose service's `build:`, fly.toml, heroku.yml):
    /// one without a command of its own only makes the image they run.
    pub built: RefCell<BTreeSet<PathBuf>>,
    /// The images the repository's CI workflows build, by name.
    published: Vec<PublishedImage>,
    /// Supervisor configurations an image's script starts (`supervisord -c tasks.conf`), by
    /// path: their programs run in that image's container, with its environment and files.
    pub supervised_in: RefCell<BTreeMap<PathBuf, InImage>>,
}

/// What a process started inside a container has from the image: its environment and which
/// files the build left out.
#[derive(Clone, Debug)]
pub struct InImage {
    pub env: BTreeMap<String, EnvVar>,
    pub left_out: Option<LeftOut>,
}

/// How far up from a Dockerfile's folder a build context is looked for, when no compose file
/// says it (`compose/production/django/Dockerfile` built from the repository's top).
pub(super) const CONTEXT_LEVELS: usize = 4;

impl<'a> Linker<'a> {
    pub fn new(files: &'a [DeployFile], read: &'a dyn Fn(&Path) -> Option<String>) -> Linker<'a> {
        let mut by_path = HashMap::new();
        for (position, file) in files.iter().enumerate() {
            by_path.entry(normalize(&file.path)).or_insert(position);
        }
        Linker {
            files,
            by_path,
            read,
            followed: RefCell::new(BTreeSet::new()),
            built: RefCell::new(BTreeSet::new()),
            published: published::collect(files),
            supervised_in: RefCell::new(BTreeMap::new()),
        }
    }

    /// A file's text: one discovery read, else from disk.
    pub fn text(&self, path: &Path) -> Option<String> {
        let path = normalize(path);
        self.by_path
            .get(&path)
            .map(|&position| self.files[position].text.clone())
            .or_else(|| (self.read)(&path))
    }

    /// The image a CI workflow of the repository builds under the name `image` refers to.
    fn publishing(&self, image: &str) -> Option<&PublishedImage> {
        let name = published::image_repository(image)?;
        // A literal name first; then one the workflow spells with the repository's own name.
        self.published.iter().find(|p| p.name == name).or_else(|| {
            self.published
                .iter()
                .find(|p| published::name_matches(&p.name, &name))
        })
    }

    /// What a container running `image` runs, when a CI workflow of the repository builds that
    /// image from one of its Dockerfiles.
    pub fn image_run(&self, image: &str) -> Option<ImageRun> {
        let published = self.publishing(image)?;
        let text = self.text(&published.dockerfile)?;
        self.built
            .borrow_mut()
            .insert(normalize(&published.dockerfile));
        let parsed = dockerfile::parse(&text, &BTreeMap::new());
        let (_, stage) = parsed.stage(published.target.as_deref())?;
        let mut deployment = dockerfile::stage_deployment(&published.dockerfile, stage);
        deployment.left_out =
            self.left_out(&parsed, &published.dockerfile, Some(&published.context));
        self.follow_script(
            &mut deployment,
            stage,
            Some(&published.context),
            &published.dockerfile,
        );
        let entrypoint = stage
            .entrypoint
            .as_ref()
            .map(|e| match &e.form {
                dockerfile::ExecForm::Exec(argv) => argv.clone(),
                dockerfile::ExecForm::Shell(text) => {
                    vec!["/bin/sh".into(), "-c".into(), text.clone()]
                }
            })
            .unwrap_or_default();
        Some(ImageRun {
            env: deployment.env,
            command: deployment.command,
            left_out: deployment.left_out,
            entrypoint,
            note: Note {
                origin: published.origin.clone(),
                message: format!(
                    "runs {image}, which the CI workflow step here builds from the repository's {}",
                    published
                        .dockerfile
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ),
            },
        })
    }

    /// The deployment of an image built from `path` to its last stage (a Dockerfile on its own).
    pub fn dockerfile(&self, path: &Path, text: &str) -> Vec<Deployment> {
        let parsed = dockerfile::parse(text, &BTreeMap::new());
        let mut found = dockerfile::build_deployments(path, &parsed);
        if let Some((_, stage)) = parsed.stage(None) {
            let mut deployment = dockerfile::stage_deployment(path, stage);
            deployment.left_out = self.left_out(&parsed, path, None);
            self.follow_script(&mut deployment, stage, None, path);
            found.push(deployment);
        }
        found
    }

    /// What an image built from the Dockerfile at `path` (to `target`, else its last stage)
    /// runs: its environment and command, entrypoint scripts followed. None when the file is
    /// not in the repository.
    pub fn image(
        &self,
        path: &Path,
        build_args: &BTreeMap<String, String>,
        target: Option<&str>,
    ) -> Option<Deployment> {
        let text = self.text(path)?;
        self.built.borrow_mut().insert(normalize(path));
        let parsed = dockerfile::parse(&text, build_args);
        let (_, stage) = parsed.stage(target)?;
        let mut deployment = dockerfile::stage_deployment(path, stage);
        deployment.left_out = self.left_out(&parsed, path, None);
        self.follow_script(&mut deployment, stage, None, path);
        Some(deployment)
    }

    /// A compose service's deployment: the image it builds (environment and command), then its
    /// `env_file`s, then its `environment`, then its `entrypoint`/`command`.
    pub fn service(&self, compose_path: &Path, service: &Service) -> Deployment {
        // A service running an image the repository publishes runs what its Dockerfile builds.
        let publishing = service
            .build
            .is_none()
            .then(|| self.publishing(service.image.as_deref()?))
            .flatten();
        let with_build;
        let service = match publishing {
            Some(image) => {
                let mut built = service.clone();
                built.build = Some(compose::Build {
                    context: image.context.clone(),
                    dockerfile: image.dockerfile.clone(),
                    target: image.target.clone(),
                    args: BTreeMap::new(),
                    line: service.line,
                });
                with_build = built;
                &with_build
            }
            None => service,
        };
        let origin = Origin::new(compose_path, service.line);
        let mut deployment = Deployment::new(
            SourceKind::Compose,
            origin,
            Some(service.name.clone()),
            Role::Runs,
        );
        let mut stage: Option<Stage> = None;
        deployment.build_target = service.build.as_ref().and_then(|b| b.target.clone());
        if let Some(build) = &service.build {
            match self.text(&build.dockerfile) {
                Some(text) => {
                    self.built.borrow_mut().insert(normalize(&build.dockerfile));
                    let parsed = dockerfile::parse(&text, &build.args);
                    match parsed.stage(build.target.as_deref()) {
                        Some((_, found)) => {
                            let image = dockerfile::stage_deployment(&build.dockerfile, found);
                            deployment.env = image.env;
                            deployment.command = image.command;
                            deployment.left_out =
                                self.left_out(&parsed, &build.dockerfile, Some(&build.context));
                            stage = Some(found.clone());
                        }
                        None => deployment.note(
                            Origin::new(compose_path, build.line),
                            format!(
                                "the build target `{}` is not a stage of {}",
                                build.target.as_deref().unwrap_or_default(),
                                build.dockerfile.display()
                            ),
                        ),
                    }
                }
                None => deployment.note(
                    Origin::new(compose_path, build.line),
                    format!(
                        "builds {}, which is not in the repository: the image's environment and command are unknown",
                        build.dockerfile.display()
                    ),
                ),
            }
        }
        if let Some(image) = publishing {
            deployment.note(
                image.origin.clone(),
                format!(
                    "runs {}, which the CI workflow step here builds from the repository's {}",
                    service.image.as_deref().unwrap_or_default(),
                    image
                        .dockerfile
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ),
            );
        }
        for env_file in &service.env_files {
            match self.text(&env_file.path) {
                Some(text) => {
                    for entry in dotenv::parse(&text) {
                        deployment.set(
                            &entry.key,
                            entry.value,
                            Origin::new(&env_file.path, entry.line),
                        );
                    }
                }
                None if env_file.required => deployment.note(
                    Origin::new(&env_file.file, env_file.line),
                    format!(
                        "env_file {} is not in the repository: the variables it sets are unknown",
                        env_file.path.display()
                    ),
                ),
                None => {}
            }
        }
        for (name, value, file, line) in &service.env {
            deployment.set(name, value.clone(), Origin::new(file, *line));
        }
        deployment.source_mount = service
            .source_mount
            .as_ref()
            .map(|(file, line)| Origin::new(file, *line));
        self.service_command(&mut deployment, service, stage.as_ref());
        if deployment.command.is_none()
            && let Some(image) = &service.image
            && let Some(program) = compose::not_django_image(image)
        {
            deployment.command = Some(super::model::Command {
                text: image.clone(),
                origin: deployment.origin.clone(),
                process: Process::NotDjango(program),
                app_module: None,
            });
        }
        deployment
    }

    fn service_command(
        &self,
        deployment: &mut Deployment,
        service: &Service,
        stage: Option<&Stage>,
    ) {
        if service.entrypoint.is_none() && service.command.is_none() {
            if let (Some(stage), Some(build)) = (stage, &service.build) {
                self.follow_script(deployment, stage, Some(&build.context), &build.dockerfile);
            }
            return;
        }
        // Compose's entrypoint replaces the image's and drops its CMD; a command alone keeps
        // the image's entrypoint.
        let image_entrypoint = stage
            .and_then(|s| s.entrypoint.as_ref())
            .filter(|_| service.entrypoint.is_none())
            .map(|e| match &e.form {
                dockerfile::ExecForm::Exec(argv) => argv.clone(),
                dockerfile::ExecForm::Shell(text) => {
                    vec!["/bin/sh".into(), "-c".into(), text.clone()]
                }
            })
            .unwrap_or_default();
        let mut argv = image_entrypoint;
        let mut named_by = None;
        for words in [&service.entrypoint, &service.command]
            .into_iter()
            .flatten()
        {
            argv.extend(words.argv.iter().cloned());
            named_by = Some(words);
        }
        let Some(words) = named_by else { return };
        let mut analysis = command::analyze_argv(&argv);
        if let Some(stage) = stage {
            stage.program_script(&mut analysis, &argv);
        }
        let origin = Origin::new(&words.file, words.line);
        let text = argv.join(" ");
        deployment.run(analysis.command(&text, origin), analysis.env.clone());
        if let (Some(script), Some(stage), Some(build)) = (&analysis.script, stage, &service.build)
        {
            let cmd = service.command.as_ref().map(|w| {
                let a = command::analyze_argv(&w.argv);
                (w.argv.join(" "), Origin::new(&w.file, w.line), a)
            });
            self.apply_script(
                deployment,
                script,
                stage,
                Some(&build.context),
                &build.dockerfile,
                cmd,
            );
        }
    }

    /// When an image's command is a script in the repository, what the script exports and runs.
    fn follow_script(
        &self,
        deployment: &mut Deployment,
        stage: &Stage,
        context: Option<&Path>,
        dockerfile: &Path,
    ) {
        let Some((_, _, analysis)) = stage.command() else {
            return;
        };
        let Some(script) = &analysis.script else {
            return;
        };
        let cmd = stage
            .cmd_analysis()
            .map(|(text, line, a)| (text, Origin::new(dockerfile, line), a));
        self.apply_script(deployment, script, stage, context, dockerfile, cmd);
    }

    fn apply_script(
        &self,
        deployment: &mut Deployment,
        script_path: &str,
        stage: &Stage,
        context: Option<&Path>,
        dockerfile: &Path,
        cmd: Option<(String, Origin, Analysis)>,
    ) {
        let Some((path, text)) = self.find_script(script_path, stage, context, dockerfile) else {
            deployment.note(
                deployment.command.as_ref().map_or(deployment.origin.clone(), |c| c.origin.clone()),
                format!("runs {script_path}, which djsafe could not find in the repository: what it runs is unknown"),
            );
            return;
        };
        // A Python program (`python renew.py`) is not a shell script: its keyword arguments are
        // no exports, and what it runs is not a command line.
        if is_python_program(&path, &text) {
            return;
        }
        self.followed.borrow_mut().insert(path.clone());
        let script = script::read(&text);
        for (name, value, line) in script.exports {
            deployment.set(&name, value, Origin::new(&path, line));
        }
        // Whatever else the script runs, the supervisor programs it starts run in this image.
        for (config, _) in &script.supervisor_configs {
            if let Some((config, _)) = self.find_script(config, stage, context, dockerfile) {
                self.supervised_in
                    .borrow_mut()
                    .entry(config)
                    .or_insert_with(|| InImage {
                        env: deployment.env.clone(),
                        left_out: deployment.left_out.clone(),
                    });
            }
        }
        match script.main {
            Some((text, line, analysis))
                if script::runs_django(&analysis)
                    && !matches!(analysis.process, Process::Management(_) | Process::Build(_)) =>
            {
                deployment.run(
                    analysis.command(&text, Origin::new(&path, line)),
                    analysis.env,
                );
            }
            _ if let Some((config, _)) = script.supervisor_configs.last()
                && self.supervised(deployment, config, stage, context, dockerfile) => {}
            _ if script.runs_arguments => {
                if let Some((text, origin, analysis)) = cmd
                    && !analysis.runs_arguments
                {
                    let next = analysis.script.clone();
                    deployment.run(analysis.command(&text, origin), analysis.env);
                    // `CMD ["/start"]` after an entrypoint: another script, read the same way.
                    if let Some(next) = next
                        && next != script_path
                    {
                        self.apply_script(deployment, &next, stage, context, dockerfile, None);
                    }
                }
            }
            _ => {}
        }
    }

    /// `supervisord -c CONFIG` in a script: the program of the configuration (a file the image
    /// copies in) that runs Django, its server first, is what the container runs.
    fn supervised(
        &self,
        deployment: &mut Deployment,
        config: &str,
        stage: &Stage,
        context: Option<&Path>,
        dockerfile: &Path,
    ) -> bool {
        let Some((path, text)) = self.find_script(config, stage, context, dockerfile) else {
            return false;
        };
        let programs = supervisor::deployments(&path, &text);
        // (Reversed: of programs ranked alike, the first.)
        let Some(program) = programs
            .into_iter()
            .rev()
            .filter(|p| p.command.is_some())
            .max_by_key(|p| {
                let process = &p.command.as_ref().expect("filtered").process;
                match process {
                    Process::Server(_) => 3,
                    Process::DevServer => 2,
                    Process::Unknown | Process::NotDjango(_) => 0,
                    _ => 1,
                }
            })
            .filter(|p| {
                p.command
                    .as_ref()
                    .is_some_and(|c| !matches!(c.process, Process::Unknown | Process::NotDjango(_)))
            })
        else {
            return false;
        };
        for (name, var) in program.env {
            deployment.set(&name, var.value, var.origin);
        }
        deployment.command = program.command;
        true
    }

    /// The repository file an image's `script` path (`/entrypoint.sh`, `./start.sh`) comes from:
    /// through the stage's `COPY` steps from the build context (the compose one, else the
    /// Dockerfile's folder or one above it), else a file of that name next to the Dockerfile.
    fn find_script(
        &self,
        script: &str,
        stage: &Stage,
        context: Option<&Path>,
        dockerfile: &Path,
    ) -> Option<(PathBuf, String)> {
        let in_image = dockerfile::join_image_path(stage.workdir.as_deref(), script);
        let dockerfile_dir = dockerfile.parent().unwrap_or(Path::new(""));
        let contexts: Vec<PathBuf> = match context {
            Some(context) => vec![context.to_path_buf()],
            None => dockerfile_dir
                .ancestors()
                .take(CONTEXT_LEVELS + 1)
                .map(Path::to_path_buf)
                .collect(),
        };
        let mut relative_sources: Vec<String> = Vec::new();
        for copy in stage.copies.iter().rev() {
            let dest = copy.dest.trim_end_matches('/');
            let into_folder = copy.dest.ends_with('/') || copy.sources.len() > 1;
            for source in &copy.sources {
                let source = source.trim_start_matches("./").trim_end_matches('/');
                let base = source.rsplit('/').next().unwrap_or(source);
                if !into_folder && dest == in_image {
                    relative_sources.push(source.to_string());
                } else if let Some(rest) = in_image.strip_prefix(&format!("{dest}/")) {
                    if source.is_empty() || source == "." {
                        relative_sources.push(rest.to_string());
                    } else if into_folder && rest == base {
                        relative_sources.push(source.to_string());
                    } else if !into_folder || !source.contains('.') {
                        // A folder copied to `dest`: the script is inside it.
                        relative_sources.push(format!("{source}/{rest}"));
                    }
                }
            }
        }
        let name = in_image.rsplit('/').next().unwrap_or_default();
        let mut candidates: Vec<PathBuf> = Vec::new();
        for context in &contexts {
            candidates.extend(relative_sources.iter().map(|s| context.join(s)));
        }
        candidates.push(dockerfile_dir.join(name));
        candidates.push(dockerfile_dir.join(script.trim_start_matches('/')));
        candidates
            .into_iter()
            .map(|c| normalize(&c))
            .find_map(|c| Some((c.clone(), self.text(&c)?)))
    }
}

impl Linker<'_> {
    /// The `.dockerignore` an image built from `dockerfile` uses, in the build context a file
    /// names, else the one its `COPY` steps suggest.
    fn left_out(
        &self,
        parsed: &dockerfile::Dockerfile,
        dockerfile: &Path,
        context: Option<&Path>,
    ) -> Option<LeftOut> {
        let context = match context {
            Some(context) => normalize(context),
            None => self.guessed_context(parsed, dockerfile),
        };
        dockerignore::for_build(dockerfile, &context, &|path| self.text(path))
    }

    /// The build context of an image no file says how to build: the Dockerfile's folder, or the
    /// nearest folder above it (up to [`CONTEXT_LEVELS`]) holding every source its `COPY` steps
    /// name literally (`docker/Dockerfile` copying `bookmarks/` is built from the top). Every
    /// stage is built from the one context, so every stage's steps say where it is.
    fn guessed_context(&self, parsed: &dockerfile::Dockerfile, dockerfile: &Path) -> PathBuf {
        let dockerfile_dir = normalize(dockerfile.parent().unwrap_or(Path::new("")));
        let sources: Vec<&str> = parsed
            .stages
            .iter()
            .flat_map(|stage| &stage.copies)
            .flat_map(|copy| &copy.sources)
            .map(|s| s.trim_start_matches("./").trim_end_matches('/'))
            // Not a URL (`ADD https://...`), a wildcard or a variable: a path of the context.
            .filter(|s| {
                !s.is_empty()
                    && *s != "."
                    && !s.contains("://")
                    && !s.contains(['*', '?', '[', '$'])
            })
            .collect();
        if sources.is_empty() {
            return dockerfile_dir;
        }
        dockerfile_dir
            .ancestors()
            .take(CONTEXT_LEVELS + 1)
            .find(|context| {
                sources.iter().all(|source| {
                    let path = context.join(source);
                    self.text(&path).is_some() || path.exists()
                })
            })
            .map_or(dockerfile_dir.clone(), Path::to_path_buf)
    }
}

/// A `.py` file, or one whose `#!` line runs Python.
fn is_python_program(path: &Path, text: &str) -> bool {
    path.extension().is_some_and(|e| e == "py")
        || text
            .lines()
            .next()
            .is_some_and(|first| first.starts_with("#!") && first.contains("python"))
}

#[cfg(test)]
#[path = "link_tests.rs"]
mod tests;
