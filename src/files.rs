//! Writing files the user named: the one function every writer (`-o`, backups) goes
//! through. It never replaces a file unless asked (`--force`), never follows a symbolic
//! link (a dangling one included), never writes onto the open database or its `-wal` and
//! `-shm` files, and creates files 0600 and folders 0700 (client correspondence is private).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::trf;

/// Writes `bytes` to a new file at `path`. `replace` (`--force`) allows replacing an
/// existing regular file; `protected` are database files that must never be written.
pub fn write_new(path: &Path, bytes: &[u8], replace: bool, protected: &[PathBuf]) -> Result<()> {
    check_target(path, replace, protected)?;
    let mut file = open_new(path, replace)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// Opens a new file at `path` for a writer that streams (an export of any size), with the
/// refusals of [`write_new`]; the caller syncs it when done.
pub fn create_new(path: &Path, replace: bool, protected: &[PathBuf]) -> Result<std::fs::File> {
    check_target(path, replace, protected)?;
    open_new(path, replace)
}

/// Refuses what [`write_new`] refuses, before anything is written (also used by writers
/// that let SQLite create the file, such as `VACUUM INTO`).
pub fn check_target(path: &Path, replace: bool, protected: &[PathBuf]) -> Result<()> {
    let shown = path.display().to_string();
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(Error::Conflict(trf(
                "{path} is a symbolic link; rapport does not write through links, name the file itself",
                &[("path", &shown)],
            )));
        }
        if !meta.is_file() {
            return Err(Error::Conflict(trf(
                "{path} exists and is not a file",
                &[("path", &shown)],
            )));
        }
        if !replace {
            return Err(Error::Conflict(trf(
                "{path} exists; pass --force to replace it, or choose another name",
                &[("path", &shown)],
            )));
        }
    }
    let target = absolute(path);
    for db in protected {
        let db = absolute(db);
        let mut guarded = vec![db.clone()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut s = db.clone().into_os_string();
            s.push(suffix);
            guarded.push(PathBuf::from(s));
        }
        if guarded.iter().any(|g| *g == target || same_file(g, path)) {
            return Err(Error::Conflict(trf(
                "{path} is the open database (or its journal); choose another file",
                &[("path", &shown)],
            )));
        }
    }
    Ok(())
}

/// Creates the folders up to `path` (0700 each).
pub fn create_folders(path: &Path) -> Result<()> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if parent.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(parent)
        .map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))
}

fn open_new(path: &Path, replace: bool) -> Result<std::fs::File> {
    create_folders(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options
        .open(path)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    #[cfg(unix)]
    if replace {
        // A replaced file keeps no wider mode than a new one.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    }
    Ok(file)
}

/// `path` made absolute with its folder's links resolved (the file itself may not exist).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent
        .canonicalize()
        .map(|p| p.join(&name))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_existing_links_and_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        write_new(&f, b"one", false, &[]).unwrap();
        assert!(write_new(&f, b"two", false, &[]).is_err());
        write_new(&f, b"two", true, &[]).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
            assert!(write_new(&link, b"x", true, &[]).is_err());
            assert!(!dir.path().join("nowhere").exists());
            let mode = std::fs::metadata(&f).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let db = dir.path().join("r.sqlite3");
        std::fs::write(&db, b"db").unwrap();
        let wal = dir.path().join("sub/../r.sqlite3-wal");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(write_new(&wal, b"x", true, std::slice::from_ref(&db)).is_err());
        assert!(write_new(&db, b"x", true, std::slice::from_ref(&db)).is_err());
        assert_eq!(std::fs::read(&db).unwrap(), b"db");
    }
}
