//! Images the repository publishes: a CI workflow that builds and pushes `ghcr.io/owner/app`
//! from the repository's Dockerfile (`docker/build-push-action` with the names
//! `docker/metadata-action` gives it, or a `docker build -t ...` step). A compose service that
//! runs that image by name (`image: ghcr.io/owner/app:latest`, no `build:`), as a project's
//! documented installation does, runs what that Dockerfile builds.

use std::path::{Path, PathBuf};

use super::model::{DeployFile, Origin, SourceKind};
use super::normalize;
use super::shell;
use super::tree::Node;
use super::yaml;

/// An image a CI workflow builds from a Dockerfile of the repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedImage {
    /// The image's repository, as [`image_repository`] spells it: no tag, no digest, no
    /// `docker.io/library/`.
    pub name: String,
    pub context: PathBuf,
    pub dockerfile: PathBuf,
    pub target: Option<String>,
    /// The workflow step that builds it.
    pub origin: Origin,
}

/// The images the CI workflows among `files` build.
pub fn collect(files: &[DeployFile]) -> Vec<PublishedImage> {
    let mut found = Vec::new();
    for file in files.iter().filter(|f| f.kind == SourceKind::CiWorkflow) {
        // The repository's top: `.github/workflows/x.yml` is three levels down, `.gitlab-ci.yml`
        // one.
        let levels = if file.path.components().any(|c| c.as_os_str() == ".github") {
            3
        } else {
            1
        };
        let Some(top) = file.path.ancestors().nth(levels) else {
            continue;
        };
        let Ok(root) = yaml::parse_one(&file.text) else {
            continue;
        };
        if levels == 3 {
            for job in root.get("jobs").map(Node::entries).unwrap_or_default() {
                let env = WorkflowEnv {
                    workflow: root.get("env"),
                    job: job.value.get("env"),
                };
                github_job(&file.path, top, &job.value, &env, &mut found);
            }
        } else {
            for job in root.entries() {
                for key in ["script", "before_script"] {
                    for line in job.value.get(key).map(Node::items).unwrap_or_default() {
                        if let Some(text) = line.text() {
                            found.extend(docker_build(text, top, &file.path, line.line));
                        }
                    }
                }
            }
        }
    }
    found
}

/// The images a GitHub Actions job builds: `docker/build-push-action` steps (their `tags`, or
/// the `images` of the job's `docker/metadata-action` step when the tags come from it), and
/// `docker build` in `run:` steps.
fn github_job(
    path: &Path,
    top: &Path,
    job: &Node,
    env: &WorkflowEnv,
    found: &mut Vec<PublishedImage>,
) {
    let steps = job.get("steps").map(Node::items).unwrap_or_default();
    let uses = |step: &Node, action: &str| {
        step.get("uses")
            .and_then(Node::text)
            .is_some_and(|u| u.starts_with(action))
    };
    let with = |step: &Node, key: &str| step.get("with").and_then(|w| w.get(key)).cloned();
    let metadata_images: Vec<String> = steps
        .iter()
        .filter(|s| uses(s, "docker/metadata-action@"))
        .filter_map(|s| with(s, "images"))
        .flat_map(|images| listed(&images, false))
        // `name=ghcr.io/x/y,enable=true`.
        .map(|entry| {
            let first = entry.split(',').next().unwrap_or(&entry);
            env.expand(first.strip_prefix("name=").unwrap_or(first))
        })
        .collect();
    for step in steps {
        if uses(step, "docker/build-push-action@") {
            let context = with(step, "context")
                .and_then(|c| c.text().map(str::to_string))
                .filter(|c| !c.contains("${{"))
                .unwrap_or_else(|| ".".into());
            let context = normalize(&top.join(&context));
            let dockerfile = with(step, "file")
                .and_then(|f| f.text().map(str::to_string))
                .filter(|f| !f.contains("${{"))
                .map_or_else(|| context.join("Dockerfile"), |f| normalize(&top.join(f)));
            let target = with(step, "target").and_then(|t| t.text().map(str::to_string));
            let tags: Vec<String> = with(step, "tags")
                .map(|t| listed(&t, true))
                .unwrap_or_default()
                .iter()
                .map(|t| env.expand(t))
                .collect();
            // Tags written out (a variable tag, `app:${{ steps.v.outputs.version }}`, still
            // names the repository), and the metadata-action's images when the tags come from
            // it.
            let mut names: Vec<String> = tags
                .iter()
                .filter(|t| !t.contains("outputs.tags"))
                .cloned()
                .collect();
            if tags.is_empty()
                || tags
                    .iter()
                    .any(|t| t.contains("${{") && image_repository(t).is_none())
            {
                names.extend(metadata_images.iter().cloned());
            }
            for name in names.iter().filter_map(|n| image_repository(n)) {
                found.push(PublishedImage {
                    name,
                    context: context.clone(),
                    dockerfile: dockerfile.clone(),
                    target: target.clone(),
                    origin: Origin::new(path, step.line),
                });
            }
        } else if let Some(run) = step.get("run").and_then(Node::text) {
            found.extend(docker_build(run, top, path, step.line));
        }
    }
}

/// The `env:` of a workflow and of one of its jobs, for the image names built from them.
struct WorkflowEnv<'a> {
    workflow: Option<&'a Node>,
    job: Option<&'a Node>,
}

/// The expressions that stand for the repository's own GitHub name, which a checkout does not
/// say: any owner (`*`) and any name.
const REPOSITORY_EXPRESSIONS: &[(&str, &str)] = &[
    ("github.repository_owner", "*"),
    ("github.repository", "*/*"),
    ("github.event.repository.name", "*"),
];

impl WorkflowEnv<'_> {
    /// An image name with `${{ env.X }}` replaced by the job's (else the workflow's) `X`, and
    /// the repository's own name as wildcards (`ghcr.io/${{ github.repository }}` →
    /// `ghcr.io/*/*`, which [`name_matches`] compares segment by segment). Other expressions
    /// stay, and [`image_repository`] refuses a repository holding one.
    fn expand(&self, text: &str) -> String {
        let mut result = String::new();
        let mut rest = text;
        // Each round consumes one `${{`: bounded by the text's length.
        while let Some(start) = rest.find("${{") {
            let Some(end) = rest[start..].find("}}") else {
                break;
            };
            let expression = rest[start + 3..start + end].trim();
            result.push_str(&rest[..start]);
            let variable = expression.strip_prefix("env.").and_then(|name| {
                [self.job, self.workflow]
                    .into_iter()
                    .flatten()
                    .find_map(|env| env.get(name)?.text())
                    .filter(|value| !value.contains("env."))
            });
            match (
                variable,
                REPOSITORY_EXPRESSIONS
                    .iter()
                    .find(|(e, _)| *e == expression),
            ) {
                (Some(value), _) => result.push_str(&self.expand(value)),
                (None, Some((_, wildcard))) => result.push_str(wildcard),
                (None, None) => result.push_str(&rest[start..start + end + 2]),
            }
            rest = &rest[start + end + 2..];
        }
        result.push_str(rest);
        result
    }
}

/// Whether an image repository (as [`image_repository`] spells it) is one a CI workflow
/// publishes under `pattern`: the same segments, a `*` segment standing for any.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    let (pattern, name): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), name.split('/').collect());
    pattern.len() == name.len()
        && pattern
            .iter()
            .zip(&name)
            .all(|(p, n)| p == n || (*p == "*" && !n.is_empty()))
}

/// The entries of a list written as a YAML sequence or as lines of one string (or commas, where
/// commas do not separate an entry's options as in metadata-action's `name=x,enable=true`).
fn listed(node: &Node, commas: bool) -> Vec<String> {
    let strings = node.strings();
    let texts: Vec<String> = if strings.is_empty() {
        node.text().map(|t| vec![t.to_string()]).unwrap_or_default()
    } else {
        strings
    };
    texts
        .iter()
        .flat_map(|t| t.split(|c| c == '\n' || (commas && c == ',')))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The images `docker build -t NAME [-f FILE] [--target T] CONTEXT` (or `docker buildx build`,
/// `docker image build`) lines of a shell text build.
fn docker_build(text: &str, top: &Path, path: &Path, line: usize) -> Vec<PublishedImage> {
    let mut found = Vec::new();
    for command in shell::commands(text) {
        let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
        let rest = match words.as_slice() {
            ["docker", "build", rest @ ..]
            | ["docker", "buildx", "build", rest @ ..]
            | ["docker", "image", "build", rest @ ..] => rest,
            _ => continue,
        };
        let (mut tags, mut file, mut target, mut context) = (Vec::new(), None, None, None);
        let mut at = 0;
        while at < rest.len() {
            let word = rest[at];
            let value = |long: &str, short: Option<&str>| -> Option<(String, usize)> {
                if word == long || short == Some(word) {
                    return rest.get(at + 1).map(|v| (v.to_string(), 2));
                }
                word.strip_prefix(&format!("{long}="))
                    .map(|v| (v.to_string(), 1))
            };
            if let Some((tag, step)) = value("--tag", Some("-t")) {
                tags.push(tag);
                at += step;
            } else if let Some((f, step)) = value("--file", Some("-f")) {
                file = Some(f);
                at += step;
            } else if let Some((t, step)) = value("--target", None) {
                target = Some(t);
                at += step;
            } else if word.starts_with('-') {
                // Options with a value (`--build-arg X=1`, `--platform linux/amd64`): skip both
                // when the next word is not the last (the context is).
                at += if word.contains('=') || at + 2 >= rest.len() {
                    1
                } else {
                    2
                };
            } else {
                context = Some(word.to_string());
                at += 1;
            }
        }
        let Some(context) = context.filter(|c| !c.contains('$') && *c != "-") else {
            continue;
        };
        let context = normalize(&top.join(context));
        let dockerfile = file
            .filter(|f| !f.contains('$'))
            .map_or_else(|| context.join("Dockerfile"), |f| normalize(&top.join(f)));
        for name in tags.iter().filter_map(|t| image_repository(t)) {
            found.push(PublishedImage {
                name,
                context: context.clone(),
                dockerfile: dockerfile.clone(),
                target: target.clone(),
                origin: Origin::new(path, line + command.line - 1),
            });
        }
    }
    found
}

/// An image reference's repository, the same whatever the tag and however Docker Hub is
/// spelled: `ghcr.io/Owner/App:1.2` → `ghcr.io/owner/app`, `docker.io/library/nginx` → `nginx`.
/// `None` for references with unexpanded variables.
pub fn image_repository(reference: &str) -> Option<String> {
    let reference = reference.trim().trim_matches(['"', '\'']);
    let without_digest = reference.split('@').next().unwrap_or(reference);
    // A tag is a `:` after the last `/` (a registry's port comes before it).
    let last_slash = without_digest.rfind('/').map_or(0, |i| i + 1);
    let without_tag = match without_digest[last_slash..].find(':') {
        Some(colon) => &without_digest[..last_slash + colon],
        None => without_digest,
    };
    let lower = without_tag.to_ascii_lowercase();
    let name = lower
        .strip_prefix("docker.io/")
        .or_else(|| lower.strip_prefix("index.docker.io/"))
        .unwrap_or(&lower);
    let name = name.strip_prefix("library/").unwrap_or(name);
    // A tag may be a variable (`:${GITHUB_SHA}`); the repository may not.
    (!name.is_empty() && !name.contains('$') && !name.contains('{')).then(|| name.to_string())
}

#[cfg(test)]
#[path = "published_tests.rs"]
mod tests;
