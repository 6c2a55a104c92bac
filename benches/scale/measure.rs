//! Running a tool as a child process and measuring it: wall time from spawn to reaping, and the
//! child's peak resident set from `wait4` (the kernel's accounting for that one process, not for
//! every child this benchmark ever had, as `getrusage(RUSAGE_CHILDREN)` would give).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of a tool.
#[derive(Clone, Debug)]
pub struct Run {
    pub wall: Duration,
    /// CPU time (user + system) of the child, all its threads: less disturbed than the wall
    /// time when other processes share the machine.
    pub cpu: Duration,
    /// Peak resident set size, bytes.
    pub max_rss: u64,
    /// Exit code, or the negated signal number that killed it.
    pub status: i32,
}

/// Runs `command` with stdout into `stdout` and stderr into `stdout` + `.stderr`, stdin closed.
pub fn run(command: &mut Command, stdout: &Path) -> std::io::Result<Run> {
    let stderr = PathBuf::from(format!("{}.stderr", stdout.display()));
    command
        .stdin(Stdio::null())
        .stdout(File::create(stdout)?)
        .stderr(File::create(stderr)?);
    let start = Instant::now();
    let child = command.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet reaped (std's Child never waits on drop), and
        // both pointers are to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    let wall = start.elapsed();
    drop(child);
    let status = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        -libc::WTERMSIG(status)
    } else {
        i32::MIN
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Run {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux reports ru_maxrss in kibibytes.
        max_rss: usage.ru_maxrss as u64 * 1024,
        status,
    })
}

/// A tool measured on one tree: one untimed warm-up run, then `runs` timed ones.
#[derive(Clone, Debug)]
pub struct Measured {
    pub runs: Vec<Run>,
    /// The warm-up run's status (the timed runs' are in `runs`).
    pub ok: bool,
    pub problem: Option<String>,
}

impl Measured {
    pub fn median(&self) -> Duration {
        let mut walls: Vec<Duration> = self.runs.iter().map(|r| r.wall).collect();
        walls.sort();
        walls[walls.len() / 2]
    }

    pub fn median_cpu(&self) -> Duration {
        let mut cpu: Vec<Duration> = self.runs.iter().map(|r| r.cpu).collect();
        cpu.sort();
        cpu[cpu.len() / 2]
    }

    pub fn min(&self) -> Duration {
        self.runs.iter().map(|r| r.wall).min().unwrap_or_default()
    }

    pub fn max(&self) -> Duration {
        self.runs.iter().map(|r| r.wall).max().unwrap_or_default()
    }

    pub fn peak_rss(&self) -> u64 {
        self.runs.iter().map(|r| r.max_rss).max().unwrap_or(0)
    }
}

/// Warms up, then times `runs` runs of the command `make` builds, with its output in `stdout`.
/// `accept` says which exit statuses are success (ruff and djsafe exit 1 on findings).
pub fn measure(
    make: &dyn Fn() -> Command,
    stdout: &Path,
    runs: usize,
    accept: &[i32],
) -> std::io::Result<Measured> {
    let warm = run(&mut make(), stdout)?;
    let mut measured = Measured {
        runs: Vec::new(),
        ok: accept.contains(&warm.status),
        problem: None,
    };
    if !measured.ok {
        measured.problem = Some(format!(
            "exit status {} (see {}.stderr)",
            warm.status,
            stdout.display()
        ));
        measured.runs.push(warm);
        return Ok(measured);
    }
    for _ in 0..runs.max(1) {
        let timed = run(&mut make(), stdout)?;
        if !accept.contains(&timed.status) {
            measured.ok = false;
            measured.problem = Some(format!(
                "exit status {} (see {}.stderr)",
                timed.status,
                stdout.display()
            ));
        }
        measured.runs.push(timed);
    }
    Ok(measured)
}

/// The 1-minute load average (`/proc/loadavg`): how busy the machine was while measuring.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
