//! Unified diffs of fixed files, for `check --diff`. The changes are known edits, so the hunks
//! come from them directly (no general diff algorithm): each edit's lines, grouped when they
//! share a line, trimmed of unchanged lines, with three lines of context as `diff -u` gives.

use super::Edit;

const CONTEXT: usize = 3;

/// One changed block: old lines `start..start + old.len()` became `new`.
struct Block<'t> {
    start: usize,
    old: Vec<&'t str>,
    new: Vec<String>,
}

/// The diff of `old` with `edits` (sorted, not overlapping) applied, under `--- a/path` and
/// `+++ b/path` headers; empty when nothing changes.
pub fn unified(path: &str, old: &str, edits: &[Edit]) -> String {
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some(start)
        })
        .collect();
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).saturating_sub(1);
    // Edits on the same or overlapping lines form one block.
    let mut groups: Vec<(usize, usize, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        let first = line_of(edit.start);
        let last = line_of(if edit.end > edit.start {
            edit.end - 1
        } else {
            edit.start
        });
        match groups.last_mut() {
            Some((_, group_last, group)) if first <= *group_last => {
                *group_last = (*group_last).max(last);
                group.push(edit);
            }
            _ => groups.push((first, last, vec![edit])),
        }
    }
    let mut blocks: Vec<Block> = Vec::new();
    for (first, last, group) in groups {
        let (Some(&from), to) = (starts.get(first), starts.get(last + 1).copied()) else {
            // An edit at the very end of a file without lines: a block that adds lines.
            let new: String = group.iter().map(|e| e.content.as_str()).collect();
            blocks.push(Block {
                start: lines.len(),
                old: Vec::new(),
                new: new.split_inclusive('\n').map(str::to_string).collect(),
            });
            continue;
        };
        let to = to.unwrap_or(old.len());
        let mut text = String::new();
        let mut at = from;
        for edit in group {
            text.push_str(&old[at..edit.start]);
            text.push_str(&edit.content);
            at = edit.end;
        }
        text.push_str(&old[at..to]);
        let mut block = Block {
            start: first,
            old: lines[first..=last.min(lines.len() - 1)].to_vec(),
            new: text.split_inclusive('\n').map(str::to_string).collect(),
        };
        // Lines the edits left as they were are context, not changes.
        while !block.old.is_empty()
            && block.old.first().copied() == block.new.first().map(String::as_str)
        {
            block.old.remove(0);
            block.new.remove(0);
            block.start += 1;
        }
        while !block.old.is_empty()
            && block.old.last().copied() == block.new.last().map(String::as_str)
        {
            block.old.pop();
            block.new.pop();
        }
        if block.old.is_empty() && block.new.is_empty() {
            continue;
        }
        // A block right after another reads as one change: its lines removed, then added.
        match blocks.last_mut() {
            Some(last) if last.start + last.old.len() == block.start => {
                last.old.extend(block.old);
                last.new.extend(block.new);
            }
            _ => blocks.push(block),
        }
    }
    if blocks.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut i = 0;
    // Added minus removed lines before the current hunk, for its position in the new file.
    let mut shift: isize = 0;
    while i < blocks.len() {
        // Blocks whose context would touch share a hunk.
        let mut j = i;
        while j + 1 < blocks.len()
            && blocks[j + 1].start <= blocks[j].start + blocks[j].old.len() + 2 * CONTEXT
        {
            j += 1;
        }
        let first_line = blocks[i].start.saturating_sub(CONTEXT);
        let last_block = &blocks[j];
        let end_line = (last_block.start + last_block.old.len() + CONTEXT).min(lines.len());
        let mut body = String::new();
        let (mut old_count, mut new_count) = (0, 0);
        let mut at = first_line;
        let mut hunk_shift = 0isize;
        for block in &blocks[i..=j] {
            for line in &lines[at..block.start] {
                push_line(&mut body, ' ', line);
                old_count += 1;
                new_count += 1;
            }
            for line in &block.old {
                push_line(&mut body, '-', line);
                old_count += 1;
            }
            for line in &block.new {
                push_line(&mut body, '+', line);
                new_count += 1;
            }
            hunk_shift += block.new.len() as isize - block.old.len() as isize;
            at = block.start + block.old.len();
        }
        for line in &lines[at..end_line] {
            push_line(&mut body, ' ', line);
            old_count += 1;
            new_count += 1;
        }
        let old_start = if old_count == 0 {
            first_line
        } else {
            first_line + 1
        };
        let new_first = (first_line as isize + shift).max(0) as usize;
        let new_start = if new_count == 0 {
            new_first
        } else {
            new_first + 1
        };
        out.push_str(&format!(
            "@@ -{old_start},{old_count} +{new_start},{new_count} @@\n{body}"
        ));
        shift += hunk_shift;
        i = j + 1;
    }
    out
}

fn push_line(out: &mut String, marker: char, line: &str) {
    out.push(marker);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn edit(start: usize, end: usize, content: &str) -> Edit {
        Edit {
            file: FileId(0),
            start,
            end,
            content: content.to_string(),
        }
    }

    #[test]
    fn one_line_replaced_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let at = old.find('e').unwrap();
        let diff = unified("s.py", old, &[edit(at, at + 1, "E")]);
        assert_eq!(
            diff,
            "--- a/s.py\n+++ b/s.py\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
    }

    #[test]
    fn insertion_and_replacement_far_apart_make_two_hunks() {
        let old: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let at = old.find("l15").unwrap();
        let diff = unified(
            "s.py",
            &old,
            &[edit(0, 0, "import os\n"), edit(at, at + 3, "X")],
        );
        assert_eq!(
            diff,
            "--- a/s.py\n+++ b/s.py\n@@ -0,0 +1,1 @@\n+import os\n l1\n l2\n l3\n@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+X\n l16\n l17\n l18\n"
                .replace("@@ -0,0 +1,1 @@", "@@ -1,3 +1,4 @@")
        );
    }

    #[test]
    fn a_last_line_without_newline_is_marked() {
        let diff = unified("s.py", "x = 1", &[edit(4, 5, "2")]);
        assert_eq!(
            diff,
            "--- a/s.py\n+++ b/s.py\n@@ -1,1 +1,1 @@\n-x = 1\n\\ No newline at end of file\n+x = 2\n\\ No newline at end of file\n"
        );
    }
}
