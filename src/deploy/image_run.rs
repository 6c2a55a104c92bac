//! A container (Kubernetes, Helm) that runs an image the repository's CI publishes: it runs what
//! that image's Dockerfile builds. The image's `ENV` lies under the container's own environment;
//! its `ENTRYPOINT`/`CMD` run unless the container sets `command` (which replaces both) or `args`
//! (which replace the `CMD` and keep the `ENTRYPOINT`), as Kubernetes runs them.

use std::collections::BTreeMap;

use super::command;
use super::model::{Command, Deployment, EnvVar, LeftOut, Note, Origin};

/// What an image a CI workflow publishes runs, read from its Dockerfile.
#[derive(Clone, Debug)]
pub struct ImageRun {
    /// The image's environment (`ENV`, and what its entrypoint script exports).
    pub env: BTreeMap<String, EnvVar>,
    /// The image's command (`ENTRYPOINT`/`CMD`, scripts followed).
    pub command: Option<Command>,
    /// What the image's `.dockerignore` leaves out of the container.
    pub left_out: Option<LeftOut>,
    /// The `ENTRYPOINT` as an argument list, which a container's `args` follow.
    pub entrypoint: Vec<String>,
    /// Where the workflow builds it, and from which Dockerfile.
    pub note: Note,
}

/// Finds what a container image reference runs, when the repository publishes it.
pub type Images<'a> = &'a dyn Fn(&str) -> Option<ImageRun>;

/// What a container sets of its own process: `command` and `args` as written, with the line of
/// the first of them.
#[derive(Default)]
pub struct ContainerCommand {
    pub command: Option<Vec<String>>,
    pub args: Option<Vec<String>>,
    pub origin: Option<Origin>,
}

/// Completes a container's deployment (its own environment already set) with the image it runs:
/// the image's environment under the container's, and the process Kubernetes starts.
pub fn run_container(
    deployment: &mut Deployment,
    image: Option<&ImageRun>,
    own: &ContainerCommand,
    fallback_origin: &Origin,
) {
    if let Some(image) = image {
        deployment.notes.push(image.note.clone());
        deployment.left_out.clone_from(&image.left_out);
        for (name, var) in &image.env {
            deployment.set_default(name, var);
        }
    }
    let origin = own
        .origin
        .clone()
        .unwrap_or_else(|| fallback_origin.clone());
    let argv: Vec<String> = match (&own.command, &own.args, image) {
        (Some(command), args, _) => command
            .iter()
            .chain(args.iter().flatten())
            .cloned()
            .collect(),
        (None, Some(args), Some(image)) => image.entrypoint.iter().chain(args).cloned().collect(),
        (None, Some(args), None) => args.clone(),
        (None, None, Some(image)) => {
            if deployment.command.is_none() {
                deployment.command.clone_from(&image.command);
            }
            return;
        }
        (None, None, None) => return,
    };
    if argv.is_empty() {
        return;
    }
    let analysis = command::analyze_argv(&argv);
    deployment.run(analysis.command(&argv.join(" "), origin), analysis.env);
}
