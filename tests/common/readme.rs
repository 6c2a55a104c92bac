//! The README's copy-paste examples, so tests run exactly what users copy.

/// The fenced code block of README.md whose first line is `first_line` (such as
/// `# .pre-commit-config.yaml`), without its fences.
pub fn readme_block(first_line: &str) -> String {
    let readme = include_str!("../../README.md");
    let mut blocks = readme.split("```").skip(1).step_by(2);
    blocks
        .find_map(|block| {
            let body = block.split_once('\n')?.1;
            (body.lines().next() == Some(first_line)).then(|| body.to_string())
        })
        .unwrap_or_else(|| panic!("README.md has a code block starting with `{first_line}`"))
}
