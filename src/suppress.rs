//! `# noqa` comments: `# noqa` silences every rule on its line, `# noqa: DJS001, DJS003` the
//! rules listed (by id or name, case-insensitively), as in ruff and flake8.

/// Whether `line` carries a `noqa` comment that silences `id` / `name`.
pub fn suppresses(line: &str, id: &str, name: &str) -> bool {
    let Some(hash) = line.find('#') else {
        return false;
    };
    let comment = &line[hash..];
    let lower = comment.to_ascii_lowercase();
    let Some(at) = lower.find("noqa") else {
        return false;
    };
    let rest = comment[at + 4..].trim_start();
    let Some(codes) = rest.strip_prefix(':') else {
        // A bare `# noqa`, possibly followed by a reason.
        return true;
    };
    codes
        .split([',', ' ', '\t'])
        .map(str::trim)
        // The list ends at the first word that is not a rule: what follows is a reason.
        .take_while(|code| code.is_empty() || crate::rules::registry::find(code).is_some())
        .any(|code| code.eq_ignore_ascii_case(id) || code.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::suppresses;

    #[test]
    fn noqa_forms() {
        assert!(suppresses(
            "DEBUG = True  # noqa",
            "DJS001",
            "debug-enabled"
        ));
        assert!(suppresses(
            "DEBUG = True  # NOQA: djs001 local only",
            "DJS001",
            "debug-enabled"
        ));
        assert!(suppresses(
            "DEBUG = True  # noqa: DJS002, debug-enabled",
            "DJS001",
            "debug-enabled"
        ));
        assert!(!suppresses(
            "DEBUG = True  # noqa: DJS002",
            "DJS001",
            "debug-enabled"
        ));
        assert!(!suppresses("DEBUG = True", "DJS001", "debug-enabled"));
        assert!(!suppresses(
            "DEBUG = True  # noqa: DJS002 see DJS001",
            "DJS001",
            "debug-enabled"
        ));
    }
}
