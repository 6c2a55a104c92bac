//! A CPython process serving requests of a helper script (one JSON object per line each way):
//! the differential and parity tests import settings in real Python through it.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::Value;

/// The test virtual environment's python (set by .ci/run); plain `python3` locally.
pub fn python() -> String {
    match std::env::var("DJSAFE_TEST_PYTHON") {
        Ok(python) => python,
        Err(_) if std::env::var("CI").is_ok() => {
            panic!(
                "CI must set DJSAFE_TEST_PYTHON to the test virtual environment's python (see .ci/run)"
            )
        }
        Err(_) => "python3".into(),
    }
}

pub struct Server {
    child: Child,
    answers: BufReader<ChildStdout>,
}

impl Server {
    /// Starts `script` (relative to the repository root).
    pub fn start(script: &str) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(script);
        let mut child = Command::new(python())
            .arg(&script)
            // Importing the fixtures must not leave __pycache__ folders in the repository.
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the test python starts");
        let answers = BufReader::new(child.stdout.take().expect("stdout is piped"));
        Server { child, answers }
    }

    pub fn request(&mut self, request: &Value) -> Value {
        let stdin = self.child.stdin.as_mut().expect("stdin is piped");
        writeln!(stdin, "{request}")
            .and_then(|()| stdin.flush())
            .expect("the script accepts a request");
        let mut line = String::new();
        self.answers
            .read_line(&mut line)
            .expect("the script answers");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("answer {line:?} is not JSON: {e}"))
    }
}

/// A plausible production value for a variable, chosen by its name.
pub fn production_value(var: &str) -> String {
    let v = var.to_ascii_uppercase();
    if v.contains("DEBUG") {
        "False".into()
    } else if v.contains("HOST") {
        "example.com,www.example.com".into()
    } else if v.contains("SECRET")
        || v.contains("KEY")
        || v.contains("TOKEN")
        || v.contains("PASSWORD")
    {
        "q7-Kp2vX9mZ4rT8wY1nB6cF3hJ5sL0dG-aE2uI8oP4kM7xC9vN1bQ6zR3tW5yU0".into()
    } else if v.contains("URL") {
        "postgres://app:s3cret@db.internal:5432/app".into()
    } else if v.contains("PORT") {
        "8000".into()
    } else {
        "production".into()
    }
}
