//! DJS002's fix: the `'*'` of ALLOWED_HOSTS goes.
//!
//! - A wildcard default of an environment read (`os.getenv('ALLOWED_HOSTS', '*')`,
//!   `config('ALLOWED_HOSTS', default='*', cast=Csv())`, `env.list('ALLOWED_HOSTS',
//!   default=['*'])`) becomes the project's own hosts when the module names them elsewhere
//!   (CSRF_TRUSTED_ORIGINS, CORS_ALLOWED_ORIGINS, another ALLOWED_HOSTS list in the file), or
//!   empty: a deployment that does not set the variable then answers no host (`''` gives `['']`
//!   after `.split(',')`, which matches no host, like `[]`) instead of every host.
//! - In a literal list that names other hosts too (`['example.com', '*']`), the `'*'` entry is
//!   removed; a literal `['*']` is replaced only when the project's hosts are known and the
//!   assignment is not one branch of a condition.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::python::{PyFile, ReadKind, literal, named_children};
use super::{Edit, Fix, editable};
use crate::rules::context::Context;
use crate::source::Span;

const WILDCARD: &str = "*";

/// The fix for the `'*'` at `span` (a string literal), when djsafe can make one.
pub fn propose(ctx: &Context, span: Span) -> Option<Fix> {
    if !editable(ctx, span) {
        return None;
    }
    let file = PyFile::of(ctx, span)?;
    let star = file.node_at(span)?;
    if star.kind_name() != "string" {
        return None;
    }
    let assignment = file.assignment_of(star, "ALLOWED_HOSTS")?;
    let own_hosts = project_hosts(ctx, &file, assignment.right);
    let parent = star.parent()?;
    // The default of a read: a string (`'*'`, `'localhost,*'`), or an entry of a list default.
    if let Some(read) = read_with_default(&file, star).or_else(|| read_with_default(&file, parent))
    {
        let default = read.default?;
        let quote = file.quote_of(star);
        if default.kind_name() == "list" {
            return list_fix(&file, default, star, &own_hosts, true);
        }
        let text = file.string(default)?;
        let separator = match separator_of(&file, read.node) {
            Some(separator) => separator,
            None if matches!(read.kind, ReadKind::Decouple) => ",".to_string(),
            // One host, not a list: only an empty default can stand for "none".
            None if text == WILDCARD => String::new(),
            None => return None,
        };
        let mut hosts: Vec<String> = if separator.is_empty() {
            Vec::new()
        } else {
            text.split(separator.as_str())
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty() && h != WILDCARD)
                .collect()
        };
        if hosts.is_empty() && !separator.is_empty() {
            hosts = own_hosts;
        }
        let replacement = literal(&hosts.join(&separator), quote);
        return Some(Fix::replace(
            format!(
                "replace the wildcard default {} of `{}` with {replacement}",
                file.text_of(default),
                read.variable
            ),
            file.file,
            default,
            replacement,
        ));
    }
    // A literal list assigned (or appended) in the settings.
    if parent.kind_name() == "list" {
        return list_fix(&file, parent, star, &own_hosts, false);
    }
    None
}

/// The read whose default is `node`.
fn read_with_default<'p>(file: &PyFile<'p>, node: Node<'p>) -> Option<super::python::Read<'p>> {
    // A positional default's parent is the argument list; a keyword's is `keyword_argument`.
    let mut call = node.parent()?;
    if call.kind_name() == "keyword_argument" {
        call = call.parent()?;
    }
    if call.kind_name() != "argument_list" {
        return None;
    }
    let read = file.read(call.parent()?)?;
    (read.default? == node).then_some(read)
}

/// The separator of `read.split(SEP)` (`','`), when the read is split.
fn separator_of(file: &PyFile, read: Node) -> Option<String> {
    let attribute = read.parent().filter(|p| p.kind_name() == "attribute")?;
    let method = attribute.field(Field::Attribute)?;
    if file.text_of(method) != "split" {
        return None;
    }
    let call = attribute.parent().filter(|p| p.kind_name() == "call")?;
    let arguments = call.field(Field::Arguments)?;
    let mut named = named_children(arguments).filter(|n| n.kind_name() != "comment");
    let separator = file.string(named.next()?)?;
    (named.next().is_none() && !separator.is_empty()).then_some(separator)
}

/// `'*'` removed from `list`; when nothing else is left, the project's hosts, or (for a read's
/// default, `empty_ok`) an empty list.
fn list_fix(
    file: &PyFile,
    list: Node,
    star: Node,
    own_hosts: &[String],
    empty_ok: bool,
) -> Option<Fix> {
    let entries: Vec<Node> = named_children(list)
        .filter(|n| n.kind_name() != "comment")
        .collect();
    let at = entries.iter().position(|e| *e == star)?;
    let quote = file.quote_of(star);
    if entries.len() == 1 {
        // A literal `['*']` is replaced only where it is the module's one value for the setting:
        // in a branch (`case _:` for development) other hosts would break what it is for.
        if !empty_ok && (own_hosts.is_empty() || !super::python::unconditional(list)) {
            return None;
        }
        let hosts: Vec<String> = own_hosts.iter().map(|h| literal(h, quote)).collect();
        let replacement = format!("[{}]", hosts.join(", "));
        return Some(Fix::replace(
            format!("replace {} with {replacement}", file.text_of(list)),
            file.file,
            list,
            replacement,
        ));
    }
    // An entry on lines of its own goes with them (its comma and comment too); otherwise remove
    // it with its comma: up to the next entry, or from the previous one.
    let (start, end) = match own_lines(file, star) {
        Some(lines) => lines,
        None => match entries.get(at + 1) {
            Some(next) => (star.start_byte(), next.start_byte()),
            None => (entries[at - 1].end_byte(), star.end_byte()),
        },
    };
    Some(Fix::unsafe_edits(
        format!("remove the {} entry from ALLOWED_HOSTS", file.text_of(star)),
        vec![Edit {
            file: file.file,
            start,
            end,
            content: String::new(),
        }],
    ))
}

/// The byte range of the whole lines `entry` is alone on: only whitespace before it, and after
/// it only a comma, whitespace and a comment.
fn own_lines(file: &PyFile, entry: Node) -> Option<(usize, usize)> {
    let text = file.text;
    let line_start = text[..entry.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..entry.start_byte()].trim().is_empty() {
        return None;
    }
    let line_end = text[entry.end_byte()..]
        .find('\n')
        .map_or(text.len(), |i| entry.end_byte() + i + 1);
    let rest = text[entry.end_byte()..line_end].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some((line_start, line_end))
}

/// The hosts the module names elsewhere: the hosts of CSRF_TRUSTED_ORIGINS and
/// CORS_ALLOWED_ORIGINS (`https://*.example.com` gives `.example.com`), and the entries of other
/// literal ALLOWED_HOSTS lists in the file. In that order, without duplicates or wildcards.
fn project_hosts(ctx: &Context, file: &PyFile, fixed: Node) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    let mut add = |host: String| {
        if !host.is_empty() && host != WILDCARD && !hosts.contains(&host) {
            hosts.push(host);
        }
    };
    for setting in ["CSRF_TRUSTED_ORIGINS", "CORS_ALLOWED_ORIGINS"] {
        let Some(value) = ctx.setting(setting) else {
            continue;
        };
        let Some(items) = value.items() else {
            continue;
        };
        for origin in items.iter().filter_map(|i| i.as_str().map(str::to_string)) {
            if let Some(host) = host_of(&origin) {
                add(host);
            }
        }
    }
    let mut lists = Vec::new();
    crate::parse::walk(file.tree.root_node(), 20_000, &mut |node| {
        if node.kind_name() == "assignment"
            && node
                .field(Field::Left)
                .is_some_and(|l| file.text_of(l) == "ALLOWED_HOSTS")
            && let Some(right) = node.field(Field::Right)
            && right.kind_name() == "list"
            && right != fixed
        {
            lists.push(right);
        }
    });
    for list in lists {
        for entry in named_children(list) {
            if let Some(host) = file.string(entry) {
                add(host);
            }
        }
    }
    hosts
}

/// The host of an origin: `https://www.example.com:8443` → `www.example.com`,
/// `https://*.example.com` → `.example.com` (Django's subdomain pattern).
fn host_of(origin: &str) -> Option<String> {
    let rest = origin.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    let host = host.strip_prefix('*').unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts_of_origins() {
        assert_eq!(
            host_of("https://www.example.com:8443/x").as_deref(),
            Some("www.example.com")
        );
        assert_eq!(
            host_of("https://*.example.com").as_deref(),
            Some(".example.com")
        );
        assert_eq!(host_of("example.com"), None);
    }
}
