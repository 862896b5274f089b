//! The user's own text editor on one piece of text (an update's body, an issue's
//! description): `$VISUAL`, else `$EDITOR`, else `vi`, run on a private temporary file
//! (0600, removed afterwards). The command is split into words (`code --wait` works) and
//! run directly, never through a shell. The caller owns the terminal: the CLI runs this as
//! is, the TUI leaves its screen around it.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::i18n::{tr, trf};

/// What the editor left in the file, compared with what went in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edited {
    /// New text (trailing blank lines and spaces trimmed, line breaks as `\n`).
    Changed(String),
    /// The same text as before: nothing to save.
    Unchanged,
    /// Only whitespace left: taken as "changed my mind", nothing to save.
    Emptied,
}

/// The editor command: `$VISUAL`, else `$EDITOR` (an empty one counts as unset), else `vi`.
pub fn command() -> Result<Vec<String>> {
    command_from(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok())
}

/// [`command`] from given values of `$VISUAL` and `$EDITOR`.
pub fn command_from(visual: Option<String>, editor: Option<String>) -> Result<Vec<String>> {
    let chosen = [("$VISUAL", visual), ("$EDITOR", editor)]
        .into_iter()
        .find_map(|(name, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (name, v)));
    let Some((name, text)) = chosen else {
        return Ok(vec!["vi".to_string()]);
    };
    match shlex::split(&text) {
        Some(words) if !words.is_empty() => Ok(words),
        _ => Err(Error::invalid_because(
            name,
            &text,
            tr("an editor command such as vi, nano or \"code --wait\" (quotes closed)"),
        )),
    }
}

/// Opens `text` in the user's editor and reports what came back; `stem` goes into the
/// temporary file's name (`rapport-update-12-…`), so the editor's title says what it is.
pub fn edit(text: &str, stem: &str) -> Result<Edited> {
    edit_with(&command()?, text, stem)
}

/// [`edit`] with a given command (its first word the program, the rest its arguments; the
/// file's path is added last).
pub fn edit_with(words: &[String], text: &str, stem: &str) -> Result<Edited> {
    let Some((program, args)) = words.split_first() else {
        return Err(Error::invalid_because(
            "$EDITOR",
            "",
            tr("an editor command such as vi, nano or \"code --wait\" (quotes closed)"),
        ));
    };
    // tempfile creates the file 0600 and removes it when `file` is dropped, on every path
    // out of here.
    let mut file = tempfile::Builder::new()
        .prefix(&format!("rapport-{stem}-"))
        .suffix(".txt")
        .tempfile()
        .map_err(|e| Error::io(tr("cannot create a temporary file for the editor"), e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| Error::io(tr("cannot write the temporary file for the editor"), e))?;
    let shown = words.join(" ");
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| {
            Error::Conflict(trf(
                "could not start the editor '{command}': {error}; set $VISUAL or $EDITOR to an editor command (nothing saved)",
                &[("command", &shown), ("error", &e)],
            ))
        })?;
    if !status.success() {
        return Err(Error::Conflict(trf(
            "the editor '{command}' failed ({status}): nothing saved",
            &[("command", &shown), ("status", &status)],
        )));
    }
    let back = read_back(file.path())?;
    Ok(compare(text, &back))
}

/// The file as the editor left it (an editor may have replaced it: read it by name).
fn read_back(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::io(tr("cannot read back the editor's file"), e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What the editor did to `before`, ignoring the line break most editors add at the end
/// and Windows line endings.
pub fn compare(before: &str, after: &str) -> Edited {
    let after = after.replace("\r\n", "\n");
    let after = after.trim_end();
    if after.trim().is_empty() {
        Edited::Emptied
    } else if after == before.replace("\r\n", "\n").trim_end() {
        Edited::Unchanged
    } else {
        Edited::Changed(after.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn visual_then_editor_then_vi_split_into_words() {
        assert_eq!(
            command_from(s("code --wait"), s("nano")).unwrap(),
            ["code", "--wait"]
        );
        assert_eq!(command_from(s("  "), s("nano -R")).unwrap(), ["nano", "-R"]);
        assert_eq!(command_from(None, None).unwrap(), ["vi"]);
        assert_eq!(
            command_from(s("'/opt/my editor/bin/ed' -w"), None).unwrap(),
            ["/opt/my editor/bin/ed", "-w"]
        );
        // A shell would run both; split into words it is one program with odd arguments.
        assert_eq!(
            command_from(None, s("vi; rm -rf x")).unwrap(),
            ["vi;", "rm", "-rf", "x"]
        );
        let err = command_from(s("code \"--wait"), None).unwrap_err();
        assert!(err.to_string().contains("$VISUAL"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn unchanged_emptied_and_changed_text() {
        assert_eq!(compare("Hello\nthere", "Hello\nthere\n"), Edited::Unchanged);
        assert_eq!(compare("Hello", "Hello\r\n\r\n"), Edited::Unchanged);
        assert_eq!(compare("Hello", " \n\n"), Edited::Emptied);
        assert_eq!(
            compare("Hello", "Hello\r\nWorld\n"),
            Edited::Changed("Hello\nWorld".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_gets_a_private_file_that_is_removed_afterwards() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        let script = dir.path().join("ed.sh");
        // Records the file's name and mode, then rewrites it.
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nstat -c '%a %n' \"$1\" > '{}'\nprintf 'New body\\n' > \"$1\"\n",
                seen.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
        let words = vec![script.display().to_string()];
        let got = edit_with(&words, "Old body", "update-3").unwrap();
        assert_eq!(got, Edited::Changed("New body".into()));
        let seen = std::fs::read_to_string(&seen).unwrap();
        let (mode, path) = seen.trim().split_once(' ').unwrap();
        assert_eq!(mode, "600");
        assert!(path.contains("rapport-update-3-"), "{path}");
        assert!(!Path::new(path).exists(), "{path} left behind");
    }

    #[test]
    fn an_editor_that_cannot_start_is_one_clear_error() {
        let words = vec!["/nonexistent/editor-xyz".to_string(), "--wait".to_string()];
        let err = edit_with(&words, "text", "issue-1")
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/editor-xyz --wait"), "{err}");
        assert!(err.contains("nothing saved"), "{err}");
        let err = edit_with(&["false".to_string()], "text", "issue-1")
            .unwrap_err()
            .to_string();
        assert!(err.contains("failed"), "{err}");
    }
}
