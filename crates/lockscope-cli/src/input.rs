//! What the commands take from the machine they run on (files and standard input, the network
//! for `check --online` and `outdated`, standard error for a note), and the one file they
//! write (`fix --write`): the real ones for the binary, anything
//! for the tests and fuzz targets; and a failure on a file in one clear line.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use lockscope_core::health::BranchTable;
use lockscope_core::outdated::{Request, Transport};
use lockscope_core::LockFile;

use crate::forges;
use crate::http::Fetched;
use crate::live::{self, LiveError};

/// A failure on one input: the binary prints `lockscope: <file>: <message>` and exits 2.
#[derive(Debug)]
pub struct Failure {
    pub file: String,
    pub message: String,
}

/// What the commands take from the machine. The binary uses the system ([`System`]); a test
/// or a fuzz target hands over the text it made, so a whole command runs in-process.
pub trait Host {
    /// The text of `path`; `-` is standard input.
    fn read(&mut self, path: &Path) -> io::Result<String>;
    /// Replaces the file `path` with `text`, whole or not at all.
    fn write(&mut self, path: &Path, text: &str) -> io::Result<()>;
    /// Today's NixOS branch statuses from status.nixos.org (`check --online`), dated `now`.
    fn live_statuses(&mut self, now: i64) -> Result<BranchTable, LiveError>;
    /// The answers of the forge APIs to `requests` (`outdated`), in the same order.
    fn fetch_all(&mut self, requests: &[Request]) -> Vec<Result<Fetched, Transport>>;
    /// A line for standard error: something went wrong on the way, the output still stands.
    fn note(&mut self, line: &str);
}

/// The file system, and standard input for `-`.
pub struct System;

impl Host for System {
    fn read(&mut self, path: &Path) -> io::Result<String> {
        let mut text = String::new();
        if path == Path::new("-") {
            io::stdin().read_to_string(&mut text)?;
        } else {
            // Refuse huge files without reading them whole.
            let limit = lockscope_core::lock::MAX_LOCK_BYTES as u64 + 1;
            let file = std::fs::File::open(path)?;
            // Room for the whole file at once: read step by step, a big lock would be
            // copied over and over as the text grows.
            let size = file.metadata().map_or(0, |m| m.len().min(limit));
            text.reserve_exact(usize::try_from(size).unwrap_or(0));
            file.take(limit).read_to_string(&mut text)?;
        }
        Ok(text)
    }

    /// Through a temporary file beside it, renamed over it: a reader sees the old file or the
    /// new one, never half of one. Through a symbolic link, the file it names is replaced; the
    /// old file's permissions stay.
    fn write(&mut self, path: &Path, text: &str) -> io::Result<()> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let name = path.file_name().ok_or(io::ErrorKind::InvalidInput)?;
        let temp = path.with_file_name(format!(
            ".{}.lockscope-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let written = (|| {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            if let Ok(old) = std::fs::metadata(&path) {
                std::fs::set_permissions(&temp, old.permissions())?;
            }
            std::fs::rename(&temp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }

    fn live_statuses(&mut self, now: i64) -> Result<BranchTable, LiveError> {
        live::statuses(now)
    }

    fn fetch_all(&mut self, requests: &[Request]) -> Vec<Result<Fetched, Transport>> {
        forges::fetch_all(requests)
    }

    fn note(&mut self, line: &str) {
        // Standard error itself may be closed: the note is lost, the output stands.
        let _ = writeln!(io::stderr(), "{line}");
    }
}

/// Texts by path, held in memory: what tests and fuzz targets give a command to read.
#[derive(Debug, Default)]
pub struct InMemory(pub BTreeMap<PathBuf, String>);

impl Host for InMemory {
    fn read(&mut self, path: &Path) -> io::Result<String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| io::ErrorKind::NotFound.into())
    }

    fn write(&mut self, path: &Path, text: &str) -> io::Result<()> {
        self.0.insert(path.to_path_buf(), text.to_string());
        Ok(())
    }

    /// In memory, nothing is online.
    fn live_statuses(&mut self, _now: i64) -> Result<BranchTable, LiveError> {
        Err(LiveError::Offline)
    }

    fn fetch_all(&mut self, requests: &[Request]) -> Vec<Result<Fetched, Transport>> {
        let offline = || Transport::Unreachable {
            host: "the network".into(),
            message: "not online".into(),
        };
        requests.iter().map(|_| Err(offline())).collect()
    }

    fn note(&mut self, _line: &str) {}
}

/// `-` (or nothing) is standard input.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// The failure on `path` that `error` describes.
pub fn failure(path: &Path, error: impl ToString) -> Failure {
    Failure {
        file: display_name(path),
        message: error.to_string(),
    }
}

pub fn read(host: &mut dyn Host, path: &Path) -> Result<String, Failure> {
    host.read(path).map_err(|e| failure(path, e))
}

pub fn load(host: &mut dyn Host, path: &Path) -> Result<LockFile, Failure> {
    LockFile::parse(&read(host, path)?).map_err(|e| failure(path, e))
}

/// The lock file argument: a path, `-` for standard input; default `flake.lock`.
#[derive(clap::Args, Debug)]
pub struct LockArg {
    /// The lock file to read (`-`: standard input)
    #[arg(default_value = "flake.lock", value_name = "FILE")]
    pub file: PathBuf,
}
