//! DJS026 cache-location-exposed (caches.W002): a FileBasedCache's LOCATION is, is inside, or
//! contains MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS entry.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::eval::value::{Value, python_repr};
use crate::source::Span;

use super::context::{Context, Draft};
use super::django::dict_entry;

const FILE_BASED_CACHE: &str = "django.core.cache.backends.filebased.FileBasedCache";
const ROOTS: [&str; 3] = ["MEDIA_ROOT", "STATIC_ROOT", "STATICFILES_DIRS"];

/// A path as Django compares it after `resolve()`, taken lexically: whether it is absolute, and
/// its components with `.` and `..` folded. Symbolic links are not followed.
#[derive(PartialEq)]
struct NormalPath {
    absolute: bool,
    parts: Vec<String>,
}

fn normalize(path: &str) -> NormalPath {
    let absolute = path.starts_with('/');
    let mut parts: Vec<String> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            // `/..` is `/`.
            ".." if absolute => {}
            _ => parts.push(part.to_string()),
        }
    }
    NormalPath { absolute, parts }
}

/// One path read from a setting, with the value it came from.
struct PathValue {
    shown: String,
    path: NormalPath,
    value: Value,
}

impl PathValue {
    fn new(s: &str, value: &Value, ctx: &Context) -> Self {
        PathValue {
            shown: ctx.show_path(s),
            path: normalize(s),
            value: value.clone(),
        }
    }
}

/// A file-based cache: its alias, and its LOCATION (Django's default for a missing one is '',
/// the working directory). `site` is where a finding points.
struct FileCache {
    alias: String,
    location: PathValue,
    site: Span,
}

pub fn check(ctx: &Context) -> Option<Draft> {
    let caches = file_caches(ctx)?;
    if caches.is_empty() {
        return None;
    }
    let roots: Vec<(&'static str, Vec<PathValue>)> = ROOTS
        .iter()
        .filter_map(|&name| Some((name, root_paths(ctx, name)?)))
        .collect();
    let mut found: Vec<(&FileCache, &'static str, &'static str, &PathValue)> = Vec::new();
    for (name, paths) in &roots {
        for cache in &caches {
            if let Some((relation, root)) = relation(ctx, name, cache, paths) {
                found.push((cache, relation, name, root));
            }
        }
    }
    let (first, ..) = found.first()?;
    let site = first.site;
    let alias = first.alias.clone();
    let mut env: BTreeSet<Rc<str>> = BTreeSet::new();
    let mut parts = Vec::new();
    let mut notes = Vec::new();
    for (cache, relation, name, root) in &found {
        env.extend(cache.location.value.env.iter().cloned());
        env.extend(root.value.env.iter().cloned());
        if cache.alias == alias {
            parts.push(format!("{relation} {name} ({})", python_repr(&root.shown)));
        } else {
            notes.push(format!(
                "the {} cache's LOCATION {} also {relation} {name} ({})",
                python_repr(&cache.alias),
                python_repr(&cache.location.shown),
                python_repr(&root.shown)
            ));
        }
    }
    notes.extend(ctx.deployment_notes(&env));
    Some(Draft {
        setting: Some("CACHES".into()),
        fix: None,
        span: site,
        message: format!(
            "the {} file-based cache's LOCATION {} {}: the web server may serve the cache files, and uploads or collectstatic can overwrite files that Django unpickles",
            python_repr(&alias),
            python_repr(&first.location.shown),
            parts.join(", and ")
        ),
        scenario: ctx.scenario(&env),
        notes,
    })
}

/// The file-based caches of CACHES. `None` when CACHES is unknown.
fn file_caches(ctx: &Context) -> Option<Vec<FileCache>> {
    let caches = ctx.effective("CACHES")?.value;
    let Some(pairs) = caches.pairs() else {
        ctx.unresolved("CACHES", &caches);
        return None;
    };
    let mut result = Vec::new();
    for (alias, config) in &pairs {
        let Some(alias) = alias.as_str() else {
            ctx.unresolved("CACHES", alias);
            continue;
        };
        let setting = format!("CACHES[{}]", python_repr(alias));
        let Some(backend) = dict_entry(config, "BACKEND") else {
            ctx.unresolved(&setting, config);
            continue;
        };
        let Some(backend) = backend else {
            continue;
        };
        match backend.as_str() {
            Some(FILE_BASED_CACHE) => {}
            Some(_) => continue,
            None => {
                ctx.unresolved(&format!("{setting}['BACKEND']"), &backend);
                continue;
            }
        }
        let location = match dict_entry(config, "LOCATION") {
            None => {
                ctx.unresolved(&setting, config);
                continue;
            }
            Some(None) => PathValue::new("", config, ctx),
            Some(Some(location)) => match location.path_text() {
                Some(s) => PathValue::new(s, &location, ctx),
                None => {
                    ctx.unresolved(&format!("{setting}['LOCATION']"), &location);
                    continue;
                }
            },
        };
        result.push(FileCache {
            alias: alias.to_string(),
            site: location.value.origin,
            location,
        });
    }
    Some(result)
}

/// The paths of MEDIA_ROOT, STATIC_ROOT or STATICFILES_DIRS (entries may be `(prefix, path)`).
/// `None` when the setting is empty (Django skips it) or unknown (reported).
fn root_paths(ctx: &Context, name: &str) -> Option<Vec<PathValue>> {
    let setting = ctx.effective(name)?.value;
    match setting.truthy() {
        Some(false) => return None,
        Some(true) => {}
        None => {
            ctx.unresolved(name, &setting);
            return None;
        }
    }
    if name != "STATICFILES_DIRS" {
        return match setting.path_text() {
            Some(s) => Some(vec![PathValue::new(s, &setting, ctx)]),
            None => {
                ctx.unresolved(name, &setting);
                None
            }
        };
    }
    let Some(items) = setting.items() else {
        ctx.unresolved(name, &setting);
        return None;
    };
    let mut paths = Vec::new();
    for item in items {
        let path = match item.items().as_deref() {
            Some([_, path]) => path.clone(),
            _ => item.clone(),
        };
        match path.path_text() {
            Some(s) => paths.push(PathValue::new(s, &path.clone().with_env(&item.env), ctx)),
            None => ctx.unresolved(name, &path),
        }
    }
    Some(paths)
}

/// How the cache directory relates to the roots of one setting, in Django's order: a match
/// anywhere wins over "is inside", which wins over "contains".
fn relation<'r>(
    ctx: &Context,
    name: &str,
    cache: &FileCache,
    roots: &'r [PathValue],
) -> Option<(&'static str, &'r PathValue)> {
    let cache_path = &cache.location.path;
    let comparable: Vec<&PathValue> = roots
        .iter()
        .filter(|root| {
            if root.path.absolute == cache_path.absolute {
                return true;
            }
            // One is relative to the process's working directory, which djsafe cannot know.
            let relative = if root.path.absolute {
                &cache.location
            } else {
                *root
            };
            let reason = format!(
                "{} is a relative path, resolved against the working directory of the deployed process, so it cannot be compared with {}",
                python_repr(&relative.shown),
                if root.path.absolute {
                    format!("{name} {}", python_repr(&root.shown))
                } else {
                    format!(
                        "the {} cache's LOCATION {}",
                        python_repr(&cache.alias),
                        python_repr(&cache.location.shown)
                    )
                }
            );
            let setting = if root.path.absolute {
                format!("CACHES[{}]['LOCATION']", python_repr(&cache.alias))
            } else {
                name.to_string()
            };
            ctx.unresolved(&setting, &Value::unknown(reason, relative.value.origin));
            false
        })
        .collect();
    let inside = |outer: &NormalPath, inner: &NormalPath| {
        inner.parts.len() > outer.parts.len() && inner.parts.starts_with(&outer.parts)
    };
    if let Some(root) = comparable.iter().find(|r| r.path == *cache_path) {
        return Some(("matches", root));
    }
    if let Some(root) = comparable.iter().find(|r| inside(&r.path, cache_path)) {
        return Some(("is inside", root));
    }
    if let Some(root) = comparable.iter().find(|r| inside(cache_path, &r.path)) {
        return Some(("contains", root));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize;

    fn parts(path: &str) -> (bool, Vec<String>) {
        let n = normalize(path);
        (n.absolute, n.parts)
    }

    #[test]
    fn paths_fold_like_resolve() {
        assert_eq!(parts("/srv//app/./media/"), parts("/srv/app/media"));
        assert_eq!(parts("/srv/app/x/../media"), parts("/srv/app/media"));
        assert_eq!(parts("/.."), (true, vec![]));
        assert_eq!(
            parts("../cache"),
            (false, vec!["..".into(), "cache".into()])
        );
        assert_eq!(parts(""), (false, vec![]));
    }
}
