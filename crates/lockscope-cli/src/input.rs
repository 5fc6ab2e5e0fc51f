//! Reading a lock from a path or standard input, and failing with one clear line.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lockscope_core::LockFile;

/// A failure on one input: printed as `lockscope: <file>: <message>`, exit status 2.
pub struct Failure {
    pub file: String,
    pub message: String,
}

impl Failure {
    pub fn report(&self) -> ExitCode {
        eprintln!("lockscope: {}: {}", self.file, self.message);
        ExitCode::from(2)
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

pub fn read(path: &Path) -> Result<String, Failure> {
    let failure = |message: String| Failure {
        file: display_name(path),
        message,
    };
    let mut text = String::new();
    let result = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| {
            // Refuse huge files without reading them whole.
            let limit = lockscope_core::lock::MAX_LOCK_BYTES as u64 + 1;
            f.by_ref().take(limit).read_to_string(&mut text).map(|_| ())
        })
    };
    result.map_err(|e| failure(e.to_string()))?;
    Ok(text)
}

pub fn load(path: &Path) -> Result<LockFile, Failure> {
    let text = read(path)?;
    LockFile::parse(&text).map_err(|e| Failure {
        file: display_name(path),
        message: e.to_string(),
    })
}

/// The lock file argument: a path, `-` for standard input; default `flake.lock`.
#[derive(clap::Args, Debug)]
pub struct LockArg {
    /// The lock file to read (`-`: standard input)
    #[arg(default_value = "flake.lock", value_name = "FILE")]
    pub file: PathBuf,
}
