//! Django's entry points (`wsgi.py`, `asgi.py`, `manage.py`): the settings module and
//! django-configurations class they default to with `os.environ.setdefault(...)`
//! ([`Role::Fallback`]: used only when the deployment sets nothing) or force with
//! `os.environ['DJANGO_SETTINGS_MODULE'] = ...` (a [`Role::Runs`] deployment of the entry point,
//! with a note: used whenever the entry point runs, whatever the deployment sets); and the
//! folders they add to `sys.path`. A default picked from the environment
//! (`'proj.production' if 'WEBSITE_HOSTNAME' in os.environ else 'proj.settings'`) is read branch
//! by branch ([`super::entrypoint_selector`]): the branch taken with the variable unset is the
//! default; the other is what runs where the variable is set, a deployment of its own when a
//! hosting platform sets that variable in every process.

use crate::syntax::{Field, NodeQueries};
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::entrypoint_selector::branches;
use super::model::{
    CONFIGURATION, Deployment, EnvValue, Origin, Role, SETTINGS_MODULE, Selector, SourceKind,
};
use super::python::{self, arguments, line, string_value, text};

struct Assignment {
    variable: &'static str,
    value: EnvValue,
    line: usize,
    role: Role,
    /// The variable that selects this default, and the line of the condition testing it.
    selected_by: Option<(Selector, usize)>,
}

fn variable(name: &str) -> Option<&'static str> {
    match name {
        SETTINGS_MODULE => Some(SETTINGS_MODULE),
        CONFIGURATION => Some(CONFIGURATION),
        _ => None,
    }
}

fn value_of(node: Node, source: &str) -> EnvValue {
    match string_value(node, source) {
        Some(value) => EnvValue::Literal(value),
        None => EnvValue::Unknown(format!("computed: `{}`", text(node, source))),
    }
}

fn is_environ(node: Node, source: &str) -> bool {
    matches!(text(node, source), "os.environ" | "environ")
}

fn parse(source: &str) -> Option<tree_sitter::Tree> {
    crate::stats::count(&crate::stats::PARSED);
    crate::parse::with_parser(|parser| parser.parse(source, None))
}

fn assignments(root: Node, source: &str) -> Vec<Assignment> {
    let mut found = Vec::new();
    for node in python::nodes(root) {
        match node.kind_name() {
            "call" => {
                let Some(function) = node.field(Field::Function) else {
                    continue;
                };
                if function.kind_name() != "attribute" {
                    continue;
                }
                let method = function.field(Field::Attribute).map(|a| text(a, source));
                let object = function.field(Field::Object);
                if method != Some("setdefault") || !object.is_some_and(|o| is_environ(o, source)) {
                    continue;
                }
                let args = arguments(node);
                let (Some(name), Some(value)) = (args.first(), args.get(1)) else {
                    continue;
                };
                let Some(variable) = string_value(*name, source).as_deref().and_then(variable)
                else {
                    continue;
                };
                match branches(*value, root, source) {
                    Some(found_branches) => {
                        found.extend(found_branches.into_iter().map(|branch| Assignment {
                            variable,
                            value: EnvValue::Literal(branch.value),
                            line: branch.line,
                            role: Role::Fallback,
                            selected_by: branch.selected_by,
                        }))
                    }
                    None => found.push(Assignment {
                        variable,
                        value: value_of(*value, source),
                        line: line(*value),
                        role: Role::Fallback,
                        selected_by: None,
                    }),
                }
            }
            "assignment" => {
                let (Some(left), Some(right)) = (node.field(Field::Left), node.field(Field::Right))
                else {
                    continue;
                };
                if left.kind_name() != "subscript"
                    || !left
                        .field(Field::Value)
                        .is_some_and(|v| is_environ(v, source))
                {
                    continue;
                }
                let key = left
                    .field(Field::Subscript)
                    .and_then(|k| string_value(k, source));
                if let Some(variable) = key.as_deref().and_then(variable) {
                    found.push(Assignment {
                        variable,
                        value: value_of(right, source),
                        line: line(right),
                        role: Role::Runs,
                        selected_by: None,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// The entry point's deployments: one per settings module it defaults to or forces; a lone
/// `DJANGO_CONFIGURATION` of the same role joins the lone settings module.
pub fn deployments(path: &Path, source: &str) -> Vec<Deployment> {
    let found = parse(source).map_or_else(Vec::new, |tree| assignments(tree.root_node(), source));
    deployments_of(path, found)
}

/// An entry point read with one parse: the folders it adds to `sys.path`
/// ([`sys_path_additions`]) and its deployments ([`deployments`]).
pub fn analyze(path: &Path, source: &str) -> (Vec<PathBuf>, Vec<Deployment>) {
    match parse(source) {
        Some(tree) => (
            sys_path_in(path, source, tree.root_node()),
            deployments_of(path, assignments(tree.root_node(), source)),
        ),
        None => (Vec::new(), deployments_of(path, Vec::new())),
    }
}

fn deployments_of(path: &Path, mut found: Vec<Assignment>) -> Vec<Deployment> {
    // A lone `setdefault('DJANGO_CONFIGURATION', ...)` next to a lone forced
    // `os.environ['DJANGO_SETTINGS_MODULE'] = ...`: the class is what runs with the forced module
    // unless the deployment sets another, so the two make one deployment.
    let count = |role: Role, variable: &str| {
        found
            .iter()
            .filter(|a| a.role == role && a.variable == variable && a.selected_by.is_none())
            .count()
    };
    if count(Role::Runs, SETTINGS_MODULE) == 1
        && count(Role::Runs, CONFIGURATION) == 0
        && count(Role::Fallback, SETTINGS_MODULE) == 0
        && count(Role::Fallback, CONFIGURATION) == 1
    {
        for assignment in &mut found {
            if assignment.variable == CONFIGURATION && assignment.selected_by.is_none() {
                assignment.role = Role::Runs;
            }
        }
    }
    let mut result: Vec<Deployment> = Vec::new();
    for role in [Role::Fallback, Role::Runs] {
        let of_role: Vec<&Assignment> = found
            .iter()
            .filter(|a| a.role == role && a.selected_by.is_none())
            .collect();
        let modules = of_role
            .iter()
            .filter(|a| a.variable == SETTINGS_MODULE)
            .count();
        let classes = of_role
            .iter()
            .filter(|a| a.variable == CONFIGURATION)
            .count();
        let together = modules == 1 && classes == 1;
        let mut joined: Option<Deployment> = None;
        for assignment in of_role {
            let origin = Origin::new(path, assignment.line);
            let target = if together {
                joined.get_or_insert_with(|| {
                    Deployment::new(SourceKind::EntryPoint, origin.clone(), None, role)
                })
            } else {
                result.push(Deployment::new(
                    SourceKind::EntryPoint,
                    origin.clone(),
                    None,
                    role,
                ));
                result.last_mut().expect("just pushed")
            };
            if target.origin.line > origin.line {
                target.origin = origin.clone();
            }
            if role == Role::Runs {
                target.note(
                    origin.clone(),
                    format!("{} is forced here: whatever runs this entry point gets this value, whatever its deployment sets", assignment.variable),
                );
            }
            target.set(assignment.variable, assignment.value.clone(), origin);
        }
        result.extend(joined);
    }
    for assignment in &found {
        if let Some((selector, condition_line)) = &assignment.selected_by {
            result.push(selected(path, assignment, selector, *condition_line));
        }
    }
    result
}

/// The default an entry point picks when `selector` holds: what a hosting platform setting that
/// variable in every process runs (a deployment of its own, with the platform's value), else a
/// fallback for the deployments that set it.
fn selected(
    path: &Path,
    assignment: &Assignment,
    selector: &Selector,
    condition_line: usize,
) -> Deployment {
    let origin = Origin::new(path, assignment.line);
    let condition = Origin::new(path, condition_line);
    // A platform runs servers: what `manage.py` selects there is a developer's command's.
    let server = path
        .file_name()
        .is_some_and(|n| n == "wsgi.py" || n == "asgi.py");
    let platform = super::platforms::marker(&selector.var)
        .filter(|_| server)
        .filter(|(_, value)| selector.value.as_deref().is_none_or(|v| v == *value));
    let mut deployment = match platform {
        Some((platform, value)) => {
            let mut d = Deployment::new(
                SourceKind::EntryPoint,
                origin.clone(),
                Some(platform.to_string()),
                Role::Runs,
            );
            d.set(
                &selector.var,
                EnvValue::Literal(value.to_string()),
                condition.clone(),
            );
            d.note(
                condition,
                format!(
                    "{platform} sets {} in every process it runs: the entry point selects these settings there",
                    selector.var
                ),
            );
            d
        }
        None => {
            let mut d =
                Deployment::new(SourceKind::EntryPoint, origin.clone(), None, Role::Fallback);
            let value = match &selector.value {
                Some(value) => EnvValue::Literal(value.clone()),
                None => EnvValue::Unknown("set, to any value".into()),
            };
            d.set(&selector.var, value, condition);
            d
        }
    };
    deployment.selected_by = Some(selector.clone());
    deployment.set(assignment.variable, assignment.value.clone(), origin);
    deployment
}

/// The folders `manage.py`/`wsgi.py` add to `sys.path` with `sys.path.insert(0, ...)` or
/// `sys.path.append(...)`, when the path is built from `__file__` or a literal (`BASE_DIR` and
/// similar module-level names are followed). Paths are lexically normalised.
pub fn sys_path_additions(path: &Path, source: &str) -> Vec<PathBuf> {
    parse(source).map_or_else(Vec::new, |tree| sys_path_in(path, source, tree.root_node()))
}

fn sys_path_in(path: &Path, source: &str, root: Node) -> Vec<PathBuf> {
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    let mut found = Vec::new();
    for node in python::nodes(root) {
        match node.kind_name() {
            "assignment" => {
                let (Some(left), Some(right)) = (node.field(Field::Left), node.field(Field::Right))
                else {
                    continue;
                };
                if left.kind_name() == "identifier"
                    && let Some(value) = python::path_value(right, source, path, &names, 0)
                {
                    names.push((text(left, source).to_string(), value));
                }
            }
            "call" => {
                let Some(function) = node.field(Field::Function) else {
                    continue;
                };
                let name = text(function, source);
                let args = arguments(node);
                let target = match name {
                    "sys.path.insert" => args.get(1),
                    "sys.path.append" => args.first(),
                    _ => None,
                };
                if let Some(value) =
                    target.and_then(|t| python::path_value(*t, source, path, &names, 0))
                {
                    let value = super::normalize(&value);
                    if !found.contains(&value) {
                        found.push(value);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
#[path = "entrypoint_tests.rs"]
mod tests;
