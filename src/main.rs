//! djsafe: a static security linter for Django settings (the command line; the linter is the
//! library in src/lib.rs).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use djsafe::{
    add_noqa, cli, config, exclude, explain, fix, lint, report, rule_docs, rules, selection,
    suppress,
};

use cli::{CheckArgs, Cli, ColorChoice, Command, OutputFormat};

/// ruff's exit codes: findings are 1, anything that stopped djsafe from linting is 2.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// The stack djsafe runs on: evaluation recurses over nested code (bounded, see `eval`), and the
/// default 8 MiB of the main thread leaves little room on top of tree-sitter's.
const STACK_BYTES: usize = 256 * 1024 * 1024;

#[cfg(feature = "alloc-stats")]
#[global_allocator]
static ALLOCATOR: djsafe::stats::CountingAllocator = djsafe::stats::CountingAllocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || run(cli))
        .and_then(|worker| {
            worker
                .join()
                .map_err(|_| std::io::Error::other("djsafe's worker thread panicked"))
        })
        .unwrap_or_else(|err| {
            eprintln!("djsafe: error: {err}");
            ExitCode::from(EXIT_ERROR)
        })
}

fn run(cli: Cli) -> ExitCode {
    let result = run_command(cli);
    djsafe::stats::report();
    result
}

fn run_command(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { output_format } => {
            write_stdout(&rule_docs::list(output_format)).map(|()| ExitCode::SUCCESS)
        }
        Command::Explain(args) => {
            let env = args.env.into_iter().collect();
            explain::explain(
                args.path,
                &args.module,
                env,
                args.format == cli::ListFormat::Json,
                !args.no_probes,
            )
            .and_then(|out| write_stdout(&out))
            .map(|()| ExitCode::SUCCESS)
        }
        Command::Deployments(args) => deployments(args),
        Command::Rule { rule } => match rules::registry::find(&rule) {
            Some(meta) => write_stdout(&rule_docs::explain(meta)).map(|()| ExitCode::SUCCESS),
            None => Err(format!("unknown rule `{rule}` (see `djsafe rules`)")),
        },
    };
    result.unwrap_or_else(|message| {
        eprintln!("djsafe: error: {message}");
        ExitCode::from(EXIT_ERROR)
    })
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let (options, selection, cwd) = lint_setup(&args)?;
    if args.statistics && !matches!(args.output_format, OutputFormat::Text | OutputFormat::Json) {
        return Err("--statistics works with --output-format text or json".into());
    }
    let lint = || -> Result<lint::Outcome, String> {
        let mut outcome = lint::lint(&options)?;
        suppress::apply(&mut outcome, &selection.per_file_ignores);
        Ok(outcome)
    };
    let mut outcome = lint()?;
    if args.add_noqa {
        eprint!("{}", add_noqa::add_noqa(&outcome));
        return Ok(ExitCode::SUCCESS);
    }
    if args.diff {
        let (diff, summary) = fix::command::diff(&outcome, args.unsafe_fixes, &cwd);
        write_stdout(&diff)?;
        eprint!("{summary}");
        return Ok(if diff.is_empty() || args.exit_zero {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_FINDINGS)
        });
    }
    if args.fix {
        let (fixed, summary) = fix::command::fix(outcome, args.unsafe_fixes, lint)?;
        eprint!("{summary}");
        outcome = fixed;
    }
    let rendered = match args.output_format {
        OutputFormat::Text if args.statistics => report::statistics::render_text(&outcome),
        OutputFormat::Json if args.statistics => report::statistics::render_json(&outcome),
        OutputFormat::Text => {
            report::text::render(&outcome, use_color(args.color, args.output_file.is_some()))
        }
        OutputFormat::Json => report::json::render(&outcome),
        OutputFormat::Sarif => report::sarif::render(&outcome),
        OutputFormat::Github => report::github::render(&outcome),
        OutputFormat::Gitlab => report::gitlab::render(&outcome),
    };
    match &args.output_file {
        Some(path) => std::fs::write(path, rendered)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => write_stdout(&rendered)?,
    }
    Ok(if outcome.findings.is_empty() || args.exit_zero {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    })
}

/// What `djsafe check` lints with: the configuration file's options (unless --isolated), the
/// command line's on top; also the working directory.
fn lint_setup(
    args: &CheckArgs,
) -> Result<(lint::Options, selection::Selection, std::path::PathBuf), String> {
    let cwd = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .map_err(|e| format!("cannot read the working directory: {e}"))?;
    let (config_dir, config) = if args.isolated {
        (cwd.clone(), config::Config::default())
    } else {
        let start = args.paths.first().cloned().unwrap_or_else(|| ".".into());
        let start = start
            .canonicalize()
            .map_err(|e| format!("{}: {e}", start.display()))?;
        match config::load(&start)? {
            Some((file, config)) => (file.parent().unwrap_or(&cwd).to_path_buf(), config),
            None => (cwd.clone(), config::Config::default()),
        }
    };
    // As ruff: patterns on the command line are relative to where djsafe runs, those in a
    // configuration file to that file, and the command line replaces the file's.
    let excludes = if args.exclude.is_empty() {
        exclude::Excludes::new(&config.exclude, &config_dir)
    } else {
        exclude::Excludes::new(&args.exclude, &cwd)
    };
    let selection = selection::resolve(args, &config, &config_dir, &cwd)?;
    let mut env = config.env.clone();
    env.extend(args.env.iter().cloned());
    let options = lint::Options {
        paths: args.paths.clone(),
        settings: args.settings.clone(),
        profile: args.profile,
        env,
        rules: selection.rules.clone(),
        profiles: config.profiles,
        report_development: config.report_development,
        strict_staging: config.strict_staging,
        excludes,
        force_exclude: args.force_exclude,
    };
    Ok((options, selection, cwd))
}

fn deployments(args: cli::DeploymentsArgs) -> Result<ExitCode, String> {
    if args.matrix {
        return matrix(&args);
    }
    let cwd = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .map_err(|e| format!("cannot read the working directory: {e}"))?;
    let excludes = exclude::Excludes::new(&args.exclude, &cwd);
    let rows = lint::deployments::list(std::slice::from_ref(&args.path), &excludes)?;
    let out = match args.output_format {
        cli::ListFormat::Text => lint::deployments::render_text(&rows),
        cli::ListFormat::Json => lint::deployments::render_json(&rows),
    };
    write_stdout(&out).map(|()| ExitCode::SUCCESS)
}

/// `djsafe deployments --matrix`: linted as `djsafe check PATH` would lint it (the configuration
/// file's rules, profiles, variables and excludes, then `# noqa` comments and per-file ignores),
/// every environment shown on its own.
fn matrix(args: &cli::DeploymentsArgs) -> Result<ExitCode, String> {
    let mut argv: Vec<std::ffi::OsString> = vec!["djsafe".into(), "check".into()];
    for glob in &args.exclude {
        argv.push("--exclude".into());
        argv.push(glob.into());
    }
    argv.push("--".into());
    argv.push(args.path.clone().into());
    let parsed = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let Command::Check(check_args) = parsed.command else {
        return Err("`check` arguments parsed as another command".into());
    };
    let (options, selection, _) = lint_setup(&check_args)?;
    let matrix = lint::matrix::build(&options, &selection.per_file_ignores)?;
    let out = match args.output_format {
        cli::ListFormat::Text => lint::matrix::text::render(&matrix),
        cli::ListFormat::Json => lint::matrix::render_json(&matrix),
    };
    write_stdout(&out).map(|()| ExitCode::SUCCESS)
}

/// `--color` wins; in `auto`, NO_COLOR turns colour off, FORCE_COLOR on, otherwise a terminal decides.
fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if to_file || set("NO_COLOR") => false,
        ColorChoice::Auto => set("FORCE_COLOR") || std::io::stdout().is_terminal(),
    }
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`djsafe check | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}
