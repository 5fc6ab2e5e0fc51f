//! Where the commands read their files (the file system and standard input for the binary,
//! anything for the tests and fuzz targets), and a failure on one of them in one clear line.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use lockscope_core::LockFile;

/// A failure on one input: the binary prints `lockscope: <file>: <message>` and exits 2.
#[derive(Debug)]
pub struct Failure {
    pub file: String,
    pub message: String,
}

/// What the commands read their files from. The binary reads the system ([`System`]);
/// a test or a fuzz target hands over the text it made, so a whole command runs in-process.
pub trait Files {
    /// The text of `path`; `-` is standard input.
    fn read(&mut self, path: &Path) -> io::Result<String>;
}

/// The file system, and standard input for `-`.
pub struct System;

impl Files for System {
    fn read(&mut self, path: &Path) -> io::Result<String> {
        let mut text = String::new();
        if path == Path::new("-") {
            io::stdin().read_to_string(&mut text)?;
        } else {
            // Refuse huge files without reading them whole.
            let limit = lockscope_core::lock::MAX_LOCK_BYTES as u64 + 1;
            std::fs::File::open(path)?
                .take(limit)
                .read_to_string(&mut text)?;
        }
        Ok(text)
    }
}

/// Texts by path, held in memory: what tests and fuzz targets give a command to read.
#[derive(Debug, Default)]
pub struct InMemory(pub BTreeMap<PathBuf, String>);

impl Files for InMemory {
    fn read(&mut self, path: &Path) -> io::Result<String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| io::ErrorKind::NotFound.into())
    }
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

pub fn read(files: &mut dyn Files, path: &Path) -> Result<String, Failure> {
    files.read(path).map_err(|e| failure(path, e))
}

pub fn load(files: &mut dyn Files, path: &Path) -> Result<LockFile, Failure> {
    LockFile::parse(&read(files, path)?).map_err(|e| failure(path, e))
}

/// The lock file argument: a path, `-` for standard input; default `flake.lock`.
#[derive(clap::Args, Debug)]
pub struct LockArg {
    /// The lock file to read (`-`: standard input)
    #[arg(default_value = "flake.lock", value_name = "FILE")]
    pub file: PathBuf,
}
