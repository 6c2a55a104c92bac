//! What djsafe knows of a deployment: where it is declared, what it runs and the environment it
//! sets. The parsers (one file per source kind) produce these; `crate::lint` decides from them
//! which settings module runs where, and with what profile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a fact was read: a file and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

/// What a deployment sets an environment variable to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EnvValue {
    /// A value written in the file (after the file format's own quoting and interpolation with
    /// defaults: compose `${DEBUG:-True}` is `True` unless the host sets `DEBUG`).
    Literal(String),
    /// Set, but the repository does not say to what: a Kubernetes `valueFrom`, a compose `- NAME`
    /// passed through from the host, `${VAR}` without a default, a platform secret. The text says
    /// why, for output (`from secretKeyRef django/secret-key`).
    Unknown(String),
}

impl EnvValue {
    pub fn literal(&self) -> Option<&str> {
        match self {
            EnvValue::Literal(value) => Some(value),
            EnvValue::Unknown(_) => None,
        }
    }
}

/// One environment variable a deployment sets, and where.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnvVar {
    pub value: EnvValue,
    /// The line that sets it; may be in another file than the deployment's (an `env_file`, the
    /// Dockerfile a compose service builds).
    pub origin: Origin,
}

/// The kind of file a deployment was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Dockerfile,
    Compose,
    Procfile,
    AppJson,
    HerokuYml,
    FlyToml,
    RenderYaml,
    PlatformSh,
    AppEngine,
    Kubernetes,
    Helm,
    Systemd,
    GunicornConfig,
    Uwsgi,
    Supervisor,
    Shell,
    /// `wsgi.py`, `asgi.py`, `manage.py`.
    EntryPoint,
    /// pytest / tox / setup.cfg configuration naming test settings.
    TestConfig,
    /// A CI workflow (`.github/workflows/*.yml`, `.gitlab-ci.yml`).
    CiWorkflow,
    /// DigitalOcean App Platform (`.do/app.yaml`, `.do/deploy.template.yaml`).
    DigitalOcean,
    /// AWS Elastic Beanstalk (`.ebextensions/*.config`).
    ElasticBeanstalk,
    /// Railway's config as code (`railway.json`, `railway.toml`).
    Railway,
    /// Clever Cloud's `clevercloud/python.json`.
    CleverCloud,
}

/// What a deployment's command runs, as far as the settings' profile is concerned.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Process {
    /// A WSGI/ASGI server serving the project (`gunicorn`, `uwsgi`, `daphne`, `uvicorn`,
    /// `hypercorn`, `waitress-serve`, `mod_wsgi-express`): the program's name.
    Server(String),
    /// `manage.py runserver` / `runserver_plus`: development.
    DevServer,
    /// `manage.py test`, `pytest`, `tox`: tests.
    Tests,
    /// A step that runs while building (`collectstatic`, `compilemessages`, `sphinx-build`).
    Build(String),
    /// Loads the settings but serves no HTTP (`celery worker`, `rqworker`).
    Worker(String),
    /// Another management command (`migrate`, `shell`): its name.
    Management(String),
    /// Runs no Django at all (`postgres`, `nginx`, `redis-server`, `npm`): the program's name.
    NotDjango(String),
    /// A command djsafe cannot place.
    Unknown,
}

/// The command a deployment runs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Command {
    /// As written (exec form joined with spaces), for output.
    pub text: String,
    pub origin: Origin,
    pub process: Process,
    /// The WSGI/ASGI module a server loads (`mysite.wsgi` for `gunicorn mysite.wsgi:application`),
    /// whose `setdefault` applies when the deployment does not set `DJANGO_SETTINGS_MODULE`.
    pub app_module: Option<String>,
}

/// How a deployment takes part in running the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Runs the project somewhere: a container, a platform process, a service. Also an entry
    /// point's forced `os.environ['DJANGO_SETTINGS_MODULE'] = ...` (kind `EntryPoint`, no
    /// command, with a note): whatever runs that entry point runs that module.
    Runs,
    /// An entry point's `os.environ.setdefault(...)`: applies only when nothing else sets the
    /// variable.
    Fallback,
    /// A build step (`RUN DJANGO_SETTINGS_MODULE=x manage.py collectstatic`).
    Build,
    /// Test configuration (pytest, tox, CI test jobs).
    Test,
}

/// One way the repository runs Django.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Deployment {
    /// Where it is declared: the service, process, stage, unit or call.
    pub origin: Origin,
    pub kind: SourceKind,
    /// The compose service, Procfile process type, Kubernetes container, Dockerfile stage,
    /// supervisor program... when the format names one.
    pub name: Option<String>,
    pub role: Role,
    pub command: Option<Command>,
    /// The environment it sets, `--settings=`/`--configuration=` and `VAR=value` command
    /// prefixes included (as `DJANGO_SETTINGS_MODULE` / `DJANGO_CONFIGURATION`).
    pub env: BTreeMap<String, EnvVar>,
    /// What reading it left open, for diagnostics: an `env_file` that is not in the repository,
    /// a Kubernetes `envFrom` Secret, a file that did not parse and was read textually.
    pub notes: Vec<Note>,
    /// Where a compose service bind-mounts the project's source over the container's code: it
    /// runs a developer's checkout.
    pub source_mount: Option<Origin>,
    /// The Dockerfile stage a compose service builds (`build.target`): a name of the
    /// deployment, as a service's is (`target: prod`).
    pub build_target: Option<String>,
    /// An entry point's default that applies only when a variable is set (the other branch of
    /// `'proj.production' if 'WEBSITE_HOSTNAME' in os.environ else 'proj.settings'`): what a
    /// deployment starting the entry point with that variable runs.
    pub selected_by: Option<Selector>,
    /// Python files its container mounts from a ConfigMap (`volumeMounts` with `subPath`, or a
    /// folder of the ConfigMap's keys): for this deployment, the modules at those paths.
    pub mounts: Vec<FileMount>,
    /// The `.dockerignore` of the image it runs: the files it names are not in the container.
    pub left_out: Option<LeftOut>,
}

/// The files an image build leaves out of the build context ([`super::dockerignore`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LeftOut {
    /// The ignore file.
    pub(super) file: PathBuf,
    /// The build context its patterns are relative to.
    pub(super) context: PathBuf,
    /// Each pattern with its line, and whether it is an exception (`!`).
    pub(super) patterns: Vec<(usize, bool, String)>,
}

/// A variable an entry point tests to pick its settings module: set to anything non-empty
/// (`value` `None`), or to one value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Selector {
    pub var: String,
    pub value: Option<String>,
}

impl Selector {
    /// Whether an environment holding `value` for the variable makes the entry point pick this.
    pub fn holds(&self, value: Option<&EnvValue>) -> bool {
        match (value, &self.value) {
            (None, _) => false,
            (Some(EnvValue::Literal(set)), None) => !set.is_empty(),
            // Set to something the repository does not say: presumably the point of setting it.
            (Some(EnvValue::Unknown(_)), None) => true,
            (Some(EnvValue::Literal(set)), Some(wanted)) => set == wanted,
            (Some(EnvValue::Unknown(_)), Some(_)) => false,
        }
    }
}

/// A file a container mounts from a ConfigMap whose data holds it (`local_settings.py: |-`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileMount {
    /// Where the container sees it (`/app/proj/local_settings.py`).
    pub mount_path: String,
    /// The ConfigMap's data key that holds it.
    pub origin: Origin,
    /// Its text, line for line with the manifest: the lines before the block are empty, the
    /// block's lines are without the block's indentation, and Helm template expressions are
    /// replaced so that what they touch is unknown ([`super::mounts`]).
    pub text: String,
    /// The repository path it lands at, once the image's layout says (`COPY . /app`).
    pub repository_path: Option<PathBuf>,
}

/// Something a deployment's files leave undetermined, at the line that says it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Note {
    pub origin: Origin,
    pub message: String,
}

pub const SETTINGS_MODULE: &str = "DJANGO_SETTINGS_MODULE";
pub const CONFIGURATION: &str = "DJANGO_CONFIGURATION";

impl Deployment {
    /// The settings module it sets, when it sets one to a known value.
    pub fn settings_module(&self) -> Option<(&str, &Origin)> {
        self.literal(SETTINGS_MODULE)
    }

    /// The django-configurations class it sets, when it sets one to a known value.
    pub fn configuration(&self) -> Option<(&str, &Origin)> {
        self.literal(CONFIGURATION)
    }

    fn literal(&self, var: &str) -> Option<(&str, &Origin)> {
        let set = self.env.get(var)?;
        Some((set.value.literal()?, &set.origin))
    }
}

/// A file discovery found that may describe deployments.
#[derive(Clone)]
pub struct DeployFile {
    pub path: PathBuf,
    pub kind: SourceKind,
    pub text: String,
}

/// Reads another file of the repository (an `env_file`, an entrypoint script) by path.
pub type ReadFile<'a> = &'a dyn Fn(&Path) -> Option<String>;

impl Origin {
    pub fn new(file: &Path, line: usize) -> Origin {
        Origin {
            file: file.to_path_buf(),
            line,
        }
    }
}

impl Deployment {
    pub fn new(kind: SourceKind, origin: Origin, name: Option<String>, role: Role) -> Deployment {
        Deployment {
            origin,
            kind,
            name,
            role,
            command: None,
            env: BTreeMap::new(),
            notes: Vec::new(),
            source_mount: None,
            build_target: None,
            selected_by: None,
            mounts: Vec::new(),
            left_out: None,
        }
    }

    /// Runs what an image built from the repository runs: its environment, its command and the
    /// files its build leaves out (every platform that builds a Dockerfile adopts all three).
    pub fn run_image(&mut self, image: Deployment) {
        self.env = image.env;
        self.command = image.command;
        self.left_out = image.left_out;
    }

    /// Sets a variable, over any earlier value (a later `ENV`, a compose `environment` over the
    /// image's).
    pub fn set(&mut self, name: &str, value: EnvValue, origin: Origin) {
        self.env.insert(name.to_string(), EnvVar { value, origin });
    }

    /// Sets a variable unless the deployment already sets it (an image's `ENV` under a compose
    /// service's own `environment`).
    pub fn set_default(&mut self, name: &str, var: &EnvVar) {
        self.env
            .entry(name.to_string())
            .or_insert_with(|| var.clone());
    }

    pub fn note(&mut self, origin: Origin, message: impl Into<String>) {
        self.notes.push(Note {
            origin,
            message: message.into(),
        });
    }

    /// Runs `command`: it becomes the deployment's command, and the variables it sets itself
    /// (`--settings`, `VAR=x` prefixes) override the deployment's, at the command's line.
    pub fn run(&mut self, command: Command, env: Vec<(String, EnvValue)>) {
        for (name, value) in env {
            self.set(&name, value, command.origin.clone());
        }
        self.command = Some(command);
    }
}
