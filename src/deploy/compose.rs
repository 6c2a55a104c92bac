//! Compose files: one deployment per service, with its `environment` (map or list, anchors and
//! `<<` merges included), `env_file`s, `command`/`entrypoint`, the Dockerfile stage it `build`s
//! (whose environment and command it inherits), `image`, same-file and cross-file `extends`,
//! and interpolation from the `.env` next to the compose file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::dotenv;
use super::interpolate::{interpolate, interpolate_lossy};
use super::model::EnvValue;
use super::normalize;
use super::shell;
use super::tree::{Node, Value};
use super::yaml;

/// A compose service, as written (before linking to the Dockerfile it builds).
#[derive(Clone, Debug, Default)]
pub struct Service {
    pub name: String,
    pub line: usize,
    /// `environment` entries in order, with the file and line that set them.
    pub env: Vec<(String, EnvValue, PathBuf, usize)>,
    pub env_files: Vec<EnvFileRef>,
    pub command: Option<Words>,
    pub entrypoint: Option<Words>,
    pub build: Option<Build>,
    pub image: Option<String>,
    /// The compose file and line of a `volumes` bind mount of the project's source over the
    /// container's code (`.:/app`, `./src/backend:/app`): the service runs the checkout as it is
    /// being edited.
    pub source_mount: Option<(PathBuf, usize)>,
    extends: Option<(Option<String>, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFileRef {
    /// Resolved against the compose file's folder.
    pub path: PathBuf,
    pub required: bool,
    pub file: PathBuf,
    pub line: usize,
}

/// A `command`/`entrypoint`: compose splits a string into words (no shell), a list is used as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    pub argv: Vec<String>,
    pub file: PathBuf,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    /// The build context folder, resolved against the compose file's folder.
    pub context: PathBuf,
    /// The Dockerfile path, resolved against the context.
    pub dockerfile: PathBuf,
    pub target: Option<String>,
    pub args: BTreeMap<String, String>,
    pub line: usize,
}

/// How deep `extends` chains are followed.
const MAX_EXTENDS: usize = 4;

/// The services of a compose file, or why it cannot be read as YAML.
pub fn services(
    path: &Path,
    text: &str,
    read: &dyn Fn(&Path) -> Option<String>,
) -> Result<Vec<Service>, String> {
    services_at(path, text, read, 0)
}

fn services_at(
    path: &Path,
    text: &str,
    read: &dyn Fn(&Path) -> Option<String>,
    depth: usize,
) -> Result<Vec<Service>, String> {
    let root = yaml::parse_one(text)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    // Compose reads the `.env` of the project folder for interpolation.
    let vars: BTreeMap<String, String> = read(&dir.join(".env"))
        .map(|text| {
            dotenv::parse(&text)
                .into_iter()
                .filter_map(|e| Some((e.key, e.value.literal()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let reader = Reader {
        path,
        dir,
        vars: &vars,
        read,
    };
    let entries = match root.get("services") {
        Some(services) => services.entries().to_vec(),
        // Version 1 files put services at the top level.
        None => root
            .entries()
            .iter()
            .filter(|e| e.value.get("image").is_some() || e.value.get("build").is_some())
            .cloned()
            .collect(),
    };
    let mut services: Vec<Service> = entries
        .iter()
        .filter(|e| e.value.is_map())
        .map(|e| reader.service(&e.key, e.key_line, &e.value))
        .collect();
    // `extends`: the base's settings under the service's own.
    let snapshot = services.clone();
    for service in &mut services {
        let mut seen = 0;
        while let Some((file, base_name)) = service.extends.take() {
            seen += 1;
            if seen > MAX_EXTENDS {
                break;
            }
            let base = match file {
                None => snapshot.iter().find(|s| s.name == base_name).cloned(),
                Some(file) if depth < MAX_EXTENDS => {
                    let other = normalize(&dir.join(file));
                    read(&other)
                        .and_then(|text| services_at(&other, &text, read, depth + 1).ok())
                        .and_then(|list| list.into_iter().find(|s| s.name == base_name))
                }
                Some(_) => None,
            };
            if let Some(base) = base {
                inherit(service, base);
            }
        }
    }
    Ok(services)
}

fn inherit(service: &mut Service, base: Service) {
    let own = std::mem::take(&mut service.env);
    service.env = base.env;
    service.env.extend(own);
    let own_files = std::mem::take(&mut service.env_files);
    service.env_files = base.env_files;
    service.env_files.extend(own_files);
    service.command = service.command.take().or(base.command);
    service.entrypoint = service.entrypoint.take().or(base.entrypoint);
    service.build = service.build.take().or(base.build);
    service.image = service.image.take().or(base.image);
    service.source_mount = service.source_mount.take().or(base.source_mount);
    service.extends = base.extends;
}

struct Reader<'a> {
    path: &'a Path,
    dir: &'a Path,
    vars: &'a BTreeMap<String, String>,
    read: &'a dyn Fn(&Path) -> Option<String>,
}

impl Reader<'_> {
    fn service(&self, name: &str, line: usize, node: &Node) -> Service {
        let mut service = Service {
            name: name.to_string(),
            line,
            ..Service::default()
        };
        if let Some(env) = node.get("environment") {
            service.env = self.environment(env);
        }
        if let Some(files) = node.get("env_file") {
            service.env_files = self.env_files(files);
        }
        service.command = node.get("command").and_then(|n| self.words(n));
        service.entrypoint = node.get("entrypoint").and_then(|n| self.words(n));
        service.image = node
            .get("image")
            .and_then(Node::text)
            .map(|t| interpolate_lossy(t, self.vars));
        service.build = node.get("build").and_then(|n| self.build(n));
        service.source_mount = node
            .get("volumes")
            .and_then(|n| self.source_mount(n, service.build.as_ref()));
        service.extends = node.get("extends").and_then(|n| match &n.value {
            Value::Scalar { text, .. } => Some((None, text.clone())),
            Value::Map(_) => Some((
                n.get("file").and_then(Node::text).map(str::to_string),
                n.get("service").and_then(Node::text)?.to_string(),
            )),
            _ => None,
        });
        service
    }

    fn environment(&self, node: &Node) -> Vec<(String, EnvValue, PathBuf, usize)> {
        let file = self.path.to_path_buf();
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .map(|e| {
                    let value = match &e.value.value {
                        Value::Null => self.host_value(&e.key),
                        Value::Scalar { text, plain } => {
                            // Compose writes YAML booleans as `true`/`false`.
                            let text = if *plain
                                && matches!(text.as_str(), "True" | "TRUE" | "False" | "FALSE")
                            {
                                text.to_ascii_lowercase()
                            } else {
                                text.clone()
                            };
                            self.value(&text)
                        }
                        _ => EnvValue::Unknown("not a string in the compose file".into()),
                    };
                    (e.key.clone(), value, file.clone(), e.key_line)
                })
                .collect(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| {
                    let text = item.text()?;
                    Some(match text.split_once('=') {
                        Some((key, value)) => (
                            key.trim().to_string(),
                            self.value(value),
                            file.clone(),
                            item.line,
                        ),
                        None => (
                            text.trim().to_string(),
                            self.host_value(text.trim()),
                            file.clone(),
                            item.line,
                        ),
                    })
                })
                .filter(|(key, ..)| !key.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    }

    fn value(&self, text: &str) -> EnvValue {
        match interpolate(text, self.vars) {
            Ok(value) => EnvValue::Literal(value),
            Err(reason) => EnvValue::Unknown(reason),
        }
    }

    /// `- NAME` / `NAME:` without a value: the project environment's value (the `.env`), else
    /// the host's.
    fn host_value(&self, name: &str) -> EnvValue {
        match self.vars.get(name) {
            Some(value) => EnvValue::Literal(value.clone()),
            None => EnvValue::Unknown("passed through from the host running compose".into()),
        }
    }

    fn env_files(&self, node: &Node) -> Vec<EnvFileRef> {
        let one = |node: &Node| -> Option<EnvFileRef> {
            let (path, required) = match &node.value {
                Value::Scalar { text, .. } => (text.clone(), true),
                Value::Map(_) => (
                    node.get("path")?.text()?.to_string(),
                    node.get("required")
                        .is_none_or(|r| r.text() != Some("false")),
                ),
                _ => return None,
            };
            let path = interpolate_lossy(&path, self.vars);
            Some(EnvFileRef {
                path: normalize(&self.dir.join(path)),
                required,
                file: self.path.to_path_buf(),
                line: node.line,
            })
        };
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(one).collect(),
            _ => one(node).into_iter().collect(),
        }
    }

    /// The first `volumes` entry that bind-mounts the project's source: a host folder that is the
    /// service's build context or holds a `manage.py`. Data folders, single files and named
    /// volumes are not source.
    fn source_mount(&self, node: &Node, build: Option<&Build>) -> Option<(PathBuf, usize)> {
        let Value::Seq(items) = &node.value else {
            return None;
        };
        items.iter().find_map(|item| {
            let host = match &item.value {
                // `HOST:CONTAINER[:MODE]`; a bare `CONTAINER` or `NAME:CONTAINER` is a volume.
                Value::Scalar { text, .. } => text.split(':').next()?.to_string(),
                Value::Map(_) if item.get("type").and_then(Node::text) == Some("bind") => {
                    item.get("source")?.text()?.to_string()
                }
                _ => return None,
            };
            // `${PWD}` is the folder compose is run from: the project's, next to the file.
            let host = match host
                .strip_prefix("${PWD}")
                .or_else(|| host.strip_prefix("$PWD"))
            {
                Some(rest) => format!(".{rest}"),
                None => interpolate_lossy(&host, self.vars),
            };
            if !(host == "." || host == ".." || host.starts_with("./") || host.starts_with("../")) {
                return None;
            }
            let folder = normalize(&self.dir.join(host.trim_end_matches('/')));
            let is_context = build.is_some_and(|b| b.context == folder);
            let holds_project = (self.read)(&folder.join("manage.py")).is_some();
            (is_context || holds_project).then(|| (self.path.to_path_buf(), item.line))
        })
    }

    fn words(&self, node: &Node) -> Option<Words> {
        let argv = match &node.value {
            Value::Scalar { text, .. } => shell::split(&interpolate_lossy(text, self.vars))
                .into_iter()
                .map(|w| w.text)
                .collect(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| n.text().map(|t| interpolate_lossy(t, self.vars)))
                .collect(),
            _ => return None,
        };
        Some(Words {
            argv,
            file: self.path.to_path_buf(),
            line: node.line,
        })
    }

    fn build(&self, node: &Node) -> Option<Build> {
        let (context, dockerfile, target, args) = match &node.value {
            Value::Scalar { text, .. } => (text.clone(), None, None, BTreeMap::new()),
            Value::Map(_) => {
                if node.get("dockerfile_inline").is_some() {
                    return None;
                }
                let args = match node.get("args") {
                    Some(args) => self
                        .environment(args)
                        .into_iter()
                        .filter_map(|(k, v, ..)| Some((k, v.literal()?.to_string())))
                        .collect(),
                    None => BTreeMap::new(),
                };
                (
                    node.get("context")
                        .and_then(Node::text)
                        .unwrap_or(".")
                        .to_string(),
                    node.get("dockerfile")
                        .and_then(Node::text)
                        .map(str::to_string),
                    node.get("target").and_then(Node::text).map(str::to_string),
                    args,
                )
            }
            _ => return None,
        };
        let context = interpolate_lossy(&context, self.vars);
        // A remote context (a Git URL) is not in the repository.
        if context.contains("://") || context.starts_with("git@") {
            return None;
        }
        let context = normalize(&self.dir.join(context));
        let dockerfile = dockerfile.map(|d| interpolate_lossy(&d, self.vars));
        let dockerfile = normalize(&context.join(dockerfile.as_deref().unwrap_or("Dockerfile")));
        Some(Build {
            context,
            dockerfile,
            target: target.map(|t| interpolate_lossy(&t, self.vars)),
            args,
            line: node.line,
        })
    }
}

/// Images of services that run no Django: databases, caches, proxies, mail catchers, tooling.
const NOT_DJANGO_IMAGES: &[&str] = &[
    "postgres",
    "postgis",
    "postgresql",
    "redis",
    "valkey",
    "nginx",
    "node",
    "mailhog",
    "mailpit",
    "maildev",
    "mysql",
    "mariadb",
    "memcached",
    "rabbitmq",
    "mongo",
    "mongo-express",
    "elasticsearch",
    "opensearch",
    "kibana",
    "minio",
    "traefik",
    "caddy",
    "adminer",
    "pgadmin4",
    "pgbouncer",
    "httpd",
    "haproxy",
    "localstack",
    "selenium",
    "standalone-chrome",
    "grafana",
    "prometheus",
    "jaeger",
    "all-in-one",
    "busybox",
    "alpine",
    "meilisearch",
    "typesense",
    "solr",
    "zookeeper",
    "kafka",
    "cp-kafka",
    "clickhouse-server",
    "flower",
    "dynamodb-local",
    "varnish",
    "smtp4dev",
    "mockserver",
    "wiremock",
    "azurite",
    "cypress",
    "playwright",
    "keycloak",
    "pgvector",
    "timescaledb",
    "docker",
    "certbot",
    "nginx-proxy",
    "acme-companion",
    "chrome",
    "redis-stack",
    "redisinsight",
    "otel-collector",
    "opentelemetry-collector",
];

/// Whether a YAML file whose name does not say it is a compose file is one all the same: a
/// Docker Swarm stack (`docker/stack.yml`, deployed with `docker stack deploy -c`), cookiecutter's
/// `production.yml`. A top-level `services:` mapping with a service that has an `image:` or
/// `build:` (a CI file's `services:` is a list of images, which this does not match).
pub fn looks_like_compose(text: &str) -> bool {
    let mut in_services = false;
    let mut service_indent: Option<usize> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if indent == 0 {
            in_services = trimmed.strip_prefix("services:").is_some_and(|rest| {
                let rest = rest.trim();
                rest.is_empty() || rest.starts_with('#')
            });
            service_indent = None;
            continue;
        }
        if !in_services || trimmed.starts_with('-') {
            // A list under `services:` is not compose.
            if in_services && service_indent.is_none() {
                in_services = false;
            }
            continue;
        }
        match service_indent {
            None => service_indent = Some(indent),
            Some(level) if indent > level => {
                if trimmed.starts_with("image:") || trimmed.starts_with("build:") {
                    return true;
                }
            }
            Some(_) => {}
        }
    }
    false
}

/// The program an image runs, when the image is known not to run Django.
pub fn not_django_image(image: &str) -> Option<String> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    let name = last.split(':').next().unwrap_or(last).to_ascii_lowercase();
    NOT_DJANGO_IMAGES.contains(&name.as_str()).then_some(name)
}

#[cfg(test)]
#[path = "compose_tests.rs"]
mod tests;
