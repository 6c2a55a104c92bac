//! djsafe as a library: the binary (src/main.rs) is its command line, and the fuzz targets
//! (fuzz/) drive the same parsers and evaluator in-process.

pub mod add_noqa;
pub mod cli;
pub mod config;
pub mod demand;
pub mod dependencies;
pub mod deploy;
pub mod diagnostic;
pub mod discover;
pub mod django_settings;
pub mod eval;
pub mod exclude;
pub mod explain;
pub mod finding;
pub mod fingerprint;
pub mod fix;
pub mod fsindex;
pub mod glob;
pub mod lint;
pub mod memory;
pub mod parallel;
pub mod parse;
pub mod profile;
pub mod report;
pub mod requirements;
pub mod resolve;
pub mod rule_docs;
pub mod rules;
pub mod selection;
pub mod source;
pub mod stats;
pub mod suppress;
pub mod syntax;
pub mod targets;
