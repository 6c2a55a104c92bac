//! Issue 10, round 7: project functions handed the module namespace (`helper(globals())`, in
//! the settings module or another project module) that write through the parameter (`ns[k] =
//! v`, `update`, `setdefault`, loops over literal dicts, `del`, a list changed in place), read
//! through it (`ns.get`, `ns[k]`, a bare name after the write), under a condition on a variable,
//! or that djsafe cannot follow (the namespace kept or iterated, recursion, a `while` loop, a
//! name read from the environment); computed imports of project modules the package lacks and
//! `from package import name` of names it lacks, inside `try`; classmethods compared across
//! classes; set and dict comprehensions over lists inside `try`/`except TypeError`; generator
//! functions that write `globals()`. The lines end the settings module; helpers' names start
//! with `_`.

use super::{Rng, python_str};

const WORDS: &[&str] = &["billing", "search", "audit", "media", "api", "mail"];

/// The files it adds and the lines that end the settings module.
pub fn generate(rng: &mut Rng) -> (Vec<(String, String)>, String) {
    let mut files = Vec::new();
    let mut out = String::from("\nimport importlib\nimport os\n");
    for shape in 0..1 + rng.below(3) {
        let text = match rng.below(10) {
            0..=4 => namespace_helper(rng, shape, &mut files),
            5..=6 => missing_import(rng, shape),
            7 => bound_methods(rng, shape),
            8 => unhashable(rng, shape),
            _ => generator_helper(rng, shape),
        };
        out.push_str(&text);
    }
    (files, out)
}

/// Names bound, then a helper handed `globals()` that writes and reads through its parameter,
/// then names that read what it left.
fn namespace_helper(rng: &mut Rng, shape: usize, files: &mut Vec<(String, String)>) -> String {
    let ns = rng.pick(&["ns", "target", "namespace", "table"]);
    let a = format!("R7_A{shape}");
    let list = format!("R7_LIST{shape}");
    let gone = format!("R7_GONE{shape}");
    let mut out = format!(
        "\n{a} = {}\n{list} = ['{}']\nR7_ALIAS{shape} = {list}\n{gone} = 'present'\n",
        python_str(rng.pick(WORDS)),
        rng.pick(WORDS)
    );
    let mut body = String::new();
    let mut deleted = false;
    for step in 0..1 + rng.below(4) {
        // Mostly what djsafe follows; now and then (11 to 13) what it cannot.
        let mut pick = rng.below(20);
        if pick >= 14 {
            pick -= 14;
        }
        // A second `del` of the name raises KeyError: the import would fail.
        if pick == 7 && std::mem::replace(&mut deleted, true) {
            pick = 0;
        }
        let line = match pick {
            0 => {
                format!("{ns}['R7_NEW{shape}_{step}'] = os.environ.get('R7_VAR{shape}', 'default')")
            }
            1 => format!("{ns}['R7_NEW{shape}_{step}'] = {ns}.get('{a}', 'missing') + '-x'"),
            2 => format!(
                "{ns}.update({{'R7_UPD{shape}': {}}}, R7_KW{shape}=True)",
                rng.below(9)
            ),
            3 => format!("{ns}.setdefault('{a}', 'other')"),
            4 => format!(
                "R7_local = {ns}.setdefault('R7_SET{shape}', 'set')\n    {ns}['R7_GOT{shape}'] = R7_local"
            ),
            5 => format!("if os.environ.get('R7_FLAG{shape}'):\n        {ns}['{a}'] = 'flagged'"),
            6 => format!(
                "for key, value in {{'R7_L{shape}A': 1, 'R7_L{shape}B': 'b'}}.items():\n        {ns}[key] = value"
            ),
            7 => format!("del {ns}['{gone}']"),
            8 => format!("{ns}['{list}'].append('added')"),
            9 => format!("{ns}['R7_NEW{shape}_{step}'] = {ns}['{a}'] * 2"),
            10 => format!("{ns}['R7_NEW{shape}_{step}'] = {ns}.get('R7_ABSENT{shape}')"),
            // What djsafe cannot follow: the namespace kept, iterated, or a name from outside.
            11 => format!("_kept = [{ns}]\n    {ns}['R7_KEPT{shape}'] = len(_kept)"),
            12 => format!(
                "for key in list({ns}):\n        if key == '{a}':\n            {ns}['R7_SEEN{shape}'] = key"
            ),
            _ => format!("{ns}[os.environ.get('R7_NAME{shape}', '{a}')] = 'named'"),
        };
        body.push_str(&format!("    {line}\n"));
    }
    let elsewhere = rng.chance(40);
    let helper = format!("_r7_fill{shape}");
    if !elsewhere && rng.chance(30) {
        // Same module: the function's own reads of a name it wrote see the write.
        body.push_str(&format!("    {ns}['{a}'] = 'rewritten'\n    return {a}\n"));
    }
    let definition = format!("\n\ndef {helper}(prefix, {ns}):\n{body}    return prefix\n");
    if elsewhere {
        files.push((
            format!("proj/r7_helpers{shape}.py"),
            format!("import os\n{definition}"),
        ));
        out.push_str(&format!("from proj.r7_helpers{shape} import {helper}\n"));
    } else {
        out.push_str(&definition);
        out.push('\n');
    }
    let call = match rng.below(3) {
        0 => format!("{helper}('p', globals())"),
        1 => format!("{helper}('p', {ns}=globals())"),
        _ => format!("{helper}(prefix='p', {ns}=globals())"),
    };
    out.push_str(&format!("R7_RET{shape} = {call}\n"));
    out.push_str(&format!(
        "R7_AFTER{shape} = {a}\nR7_ALIAS_AFTER{shape} = R7_ALIAS{shape}\nR7_GONE_AFTER{shape} = globals().get('{gone}', 'gone')\n"
    ));
    out
}

/// A computed import of a module the package lacks (or has), or `from package import name`
/// of a name it lacks, inside `try`.
fn missing_import(rng: &mut Rng, shape: usize) -> String {
    let word = rng.pick(WORDS);
    let present = rng.chance(25);
    let module = if present { "base" } else { word };
    let import = match rng.below(5) {
        0 => format!("importlib.import_module(f'proj.settings.{{_r7_name{shape}}}')"),
        1 => format!("importlib.import_module('proj.settings.' + _r7_name{shape})"),
        2 => format!("__import__('proj.settings.' + _r7_name{shape})"),
        3 => format!("from proj.settings import {word}_hooks"),
        _ => format!("from proj import {word}_plugin"),
    };
    let caught = rng.pick(&["ImportError", "ModuleNotFoundError", "Exception"]);
    format!(
        "\n_r7_name{shape} = '{module}'\ntry:\n    {import}\n    R7_IMPORTED{shape} = 'imported'\nexcept {caught}:\n    R7_IMPORTED{shape} = 'fallback'\n"
    )
}

/// A classmethod reached through two classes, compared.
fn bound_methods(rng: &mut Rng, shape: usize) -> String {
    let left = rng.pick(&["_R7Base", "_R7Child"]);
    let right = rng.pick(&["_R7Base", "_R7Child", "_R7Other"]);
    let op = rng.pick(&["==", "!="]);
    format!(
        "\n\nclass _R7Base{shape}:\n    @classmethod\n    def make(cls):\n        return cls.__name__\n\n\nclass _R7Child{shape}(_R7Base{shape}):\n    pass\n\n\nclass _R7Other{shape}(_R7Base{shape}):\n    pass\n\n\nR7_SAME{shape} = {left}{shape}.make {op} {right}{shape}.make\n"
    )
}

/// A set or dict comprehension over lists (or tuples), inside `try`/`except TypeError`.
fn unhashable(rng: &mut Rng, shape: usize) -> String {
    let item = rng.pick(&["x", "tuple(x)", "str(x)"]);
    let comprehension = match rng.below(3) {
        0 => format!("{{{item} for x in [['a'], ['b']]}}"),
        1 => format!("{{{item}: 1 for x in [['a'], ['b']]}}"),
        _ => format!("len({{{item} for x in [['a'], ['a']]}})"),
    };
    format!(
        "\ntry:\n    _r7_built{shape} = {comprehension}\n    R7_HASHED{shape} = 'built'\nexcept TypeError:\n    R7_HASHED{shape} = 'unhashable'\n"
    )
}

/// A generator function that writes `globals()`, called (its body does not run) or iterated.
fn generator_helper(rng: &mut Rng, shape: usize) -> String {
    let name = format!("R7_GEN{shape}");
    let call = if rng.chance(50) {
        format!("_r7_gen{shape}()")
    } else {
        format!("_r7_items{shape} = list(_r7_gen{shape}())")
    };
    format!(
        "\n{name} = 'before'\n\n\ndef _r7_gen{shape}():\n    globals()['{name}'] = 'generated'\n    yield 1\n\n\n{call}\nR7_GEN_AFTER{shape} = {name}\n"
    )
}
