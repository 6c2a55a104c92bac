//! Command-line interface: `djsafe check`, `djsafe rules`, `djsafe rule`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::profile::Profile;

#[derive(Parser)]
#[command(
    name = "djsafe",
    version,
    about = "A static security linter for Django settings: follows settings import chains and evaluates each setting as every deployment would see it, without running project code."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Lint the Django settings modules found under PATH (or named with --settings).
    Check(CheckArgs),
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        output_format: ListFormat,
    },
    /// Print a rule's documentation, by id (DJS001) or name (debug-enabled).
    Rule { rule: String },
    /// Show every setting a settings module ends up with: values, the environment variables
    /// they read, and where they were set.
    Explain(ExplainArgs),
    /// List every way the repository runs Django (Dockerfiles, compose services, Procfiles,
    /// manifests, entry points, test configuration): what each runs and with what profile.
    Deployments(DeploymentsArgs),
}

#[derive(Args)]
pub struct DeploymentsArgs {
    /// The repository or project folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub output_format: ListFormat,
    /// Skip files and folders matching this glob (repeatable), as `check --exclude` does.
    #[arg(long = "exclude", value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Show a table instead: one column per environment each settings module runs in (every
    /// variable unset, each deployment, each value its code compares a variable with), one row
    /// per security-relevant setting, each cell its value there, marked when a rule fires.
    #[arg(long)]
    pub matrix: bool,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// Dotted name of the settings module, e.g. mysite.settings.production.
    pub module: String,
    /// The project folder the module is found in.
    #[arg(long, default_value = ".")]
    pub path: PathBuf,
    /// Treat an environment variable as set to this value (repeatable); all others are unset.
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_env)]
    pub env: Vec<(String, String)>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    /// Only the values under the given environment: skip trying each variable a setting reads
    /// with each probe spelling (what the differential tests need, many times faster).
    #[arg(long)]
    pub no_probes: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Folders to lint, or files: a file re-lints the settings modules that import it (pre-commit
    /// passes the changed files), and one that no settings module imports reports nothing.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// text for people; json, sarif (GitHub code scanning), github (workflow commands) or
    /// gitlab (Code Quality) for tools.
    #[arg(long, value_enum, env = "DJSAFE_OUTPUT_FORMAT", default_value = "text")]
    pub output_format: OutputFormat,
    /// Print how many findings each rule has instead of the findings (text or json output).
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Run only these rules (comma-separated ids or names).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Skip these rules (comma-separated ids or names).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Run these rules too, on top of --select or the configured ones (e.g. unused-noqa).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Skip these rules too, on top of --ignore or the configured ones.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_ignore: Vec<String>,
    /// Do not report RULE for files matching PATTERN (comma-separated PATTERN:RULE pairs);
    /// replaces the configured per-file-ignores.
    #[arg(long, value_delimiter = ',', value_name = "PATTERN:RULE")]
    pub per_file_ignores: Vec<String>,
    /// Add `# noqa: DJSxxx` to every line with a finding (`# djsafe: noqa-file DJSxxx` for
    /// settings a module never assigns), then exit.
    #[arg(long, conflicts_with_all = ["fix", "diff", "statistics"])]
    pub add_noqa: bool,
    /// Apply the fixes djsafe offers (all of them are unsafe: add --unsafe-fixes).
    #[arg(long)]
    pub fix: bool,
    /// Include fixes that change what the settings do (every djsafe fix does).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with = "statistics")]
    pub diff: bool,
    /// Exit with 0 even when there are findings (errors still exit with 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Lint exactly this dotted settings module instead of discovering them (repeatable).
    #[arg(long = "settings", value_name = "MODULE")]
    pub settings: Vec<String>,
    /// The profile of the modules named with --settings (default: production).
    #[arg(long, value_enum, requires = "settings")]
    pub profile: Option<Profile>,
    /// Treat an environment variable as set to this value in every scenario (repeatable).
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_env)]
    pub env: Vec<(String, String)>,
    /// Colour in text output; `auto` honours NO_COLOR and FORCE_COLOR.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Ignore configuration files.
    #[arg(long)]
    pub isolated: bool,
    /// Skip files and folders matching this glob (repeatable): a name (`legacy`, `*_old.py`) or
    /// a path relative to the working directory (`mysite/settings/local.py`, `vendor/**`).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Apply the excludes to the paths given on the command line too, as pre-commit hooks need.
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
    Sarif,
    Github,
    Gitlab,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_env(raw: &str) -> Result<(String, String), String> {
    let (key, value) = raw
        .split_once('=')
        .ok_or_else(|| format!("expected KEY=VALUE, got `{raw}`"))?;
    if key.is_empty() {
        return Err(format!("expected KEY=VALUE, got `{raw}`"));
    }
    Ok((key.to_string(), value.to_string()))
}
