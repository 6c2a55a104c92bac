//! Settings read from a committed YAML or TOML file (issue 10, round 5): a file of keys whose
//! values are drawn from spellings PyYAML and tomllib read in surprising ways (YAML 1.1's
//! booleans, octal and sexagesimal numbers, dates; TOML's number forms, TOML 1.1 syntax tomllib
//! rejects), loaded with `yaml.safe_load`/`yaml.load` or `tomllib.load`/`toml.load`, each load in a
//! `try` (a document the library rejects takes the `except` branch).

use super::Rng;

/// YAML values, as written after `key: `.
const YAML_VALUES: &[&str] = &[
    "yes",
    "No",
    "ON",
    "off",
    "true",
    "False",
    "y",
    "n",
    "~",
    "null",
    "",
    "0",
    "012",
    "09",
    "0o12",
    "0x1F",
    "0b101",
    "1_000",
    "-7",
    "+3",
    "1.5",
    "1.",
    ".5",
    "1e3",
    "1.0e+3",
    ".inf",
    "-.Inf",
    ".NaN",
    "2024-01-02",
    "1:30",
    "hello",
    "a b",
    "\"yes\"",
    "'single'",
    "'it''s'",
    "[a, b, 1]",
    "{x: 1, y: no}",
    "\"01\"",
    "-",
    "-x",
    "<<",
    "=",
    "!!str 12",
    "&a 1",
    "[1, 2",
    "http://x.example.com/a?b=1",
    "'x' # note",
];

/// TOML values, as written after `key = `.
const TOML_VALUES: &[&str] = &[
    "true",
    "false",
    "1",
    "1_000",
    "0xff",
    "0o17",
    "0b11",
    "-5",
    "+5",
    "1.5",
    "-0.0",
    "inf",
    "-inf",
    "nan",
    "1e3",
    "1e1000",
    "99999999999999999999",
    "\"text\"",
    "'literal'",
    "\"tab\\tx\"",
    "[1, 2]",
    "[1, \"a\"]",
    "{ a = 1 }",
    "{ a = 1, }",
    "{ a = 1,\n b = 2 }",
    "1979-05-27",
    "07:32:00",
    "07:32",
    "\"\"\"\nmulti\nline\"\"\"",
    "'''raw\\n'''",
    "\"\\e\"",
    "\"\\x41\"",
    "\"\\u00e9\"",
    "[]",
    "{}",
    "012",
    "True",
];

/// The file it adds and the lines that end the settings module.
pub fn generate(rng: &mut Rng) -> (Vec<(String, String)>, String) {
    let keys = 2 + rng.below(5);
    let yaml = rng.chance(50);
    let mut text = String::new();
    let mut nested = false;
    for key in 0..keys {
        if yaml {
            if key == 1 && rng.chance(30) {
                text.push_str("nested:\n  inner: yes\n  items:\n    - 1\n    - two\n");
                nested = true;
            }
            text.push_str(&format!("k{key}: {}\n", rng.pick(YAML_VALUES)));
        } else {
            text.push_str(&format!("k{key} = {}\n", rng.pick(TOML_VALUES)));
        }
    }
    if !yaml && rng.chance(30) {
        text.push_str("[table]\nname = \"t\"\nsub.port = 8000\n");
    }
    let (file, load) = if yaml {
        let load = match rng.below(4) {
            0 => "yaml.safe_load(_handle)",
            1 => "yaml.load(_handle, Loader=yaml.SafeLoader)",
            2 => "yaml.load(_handle, Loader=yaml.BaseLoader)",
            _ => "yaml.safe_load(_handle.read())",
        };
        ("proj/config.yaml", load)
    } else {
        let load = match rng.below(3) {
            0 | 1 => "tomllib.load(_handle)",
            _ => "toml.loads(_handle.read().decode())",
        };
        ("proj/config.toml", load)
    };
    let mode = if yaml { "" } else { ", 'rb'" };
    let mut settings = format!(
        "\nimport tomllib\nfrom pathlib import Path\n\nimport toml\nimport yaml\n\ntry:\n    with open(Path(__file__).resolve().parent.parent / '{}'{mode}) as _handle:\n        FILE_CONFIG = {load}\nexcept Exception:\n    FILE_CONFIG = {{'k0': 'failed'}}\n",
        &file[5..]
    );
    for key in 0..keys {
        settings.push_str(&format!("FILE_K{key} = FILE_CONFIG.get('k{key}')\n"));
    }
    if nested {
        settings.push_str("FILE_NESTED = FILE_CONFIG.get('nested')\n");
    }
    (vec![(file.to_string(), text)], settings)
}
