//! `--editor` on `issue edit` and `update edit`: the long text in the user's editor
//! (`$VISUAL`, else `$EDITOR`, else `vi`), through the same edit as `--body`/`--description`.

use super::ctx::Ctx;
use crate::editor::{self, Edited};
use crate::error::Result;

/// What to say when the editor gives nothing to write.
pub(super) struct Notes {
    pub unchanged: &'static str,
    pub emptied: &'static str,
}

/// The new text from the editor, or None (said on the terminal) when the file came back
/// unchanged or empty. In JSON mode the note goes to standard error, so standard output
/// stays one JSON document.
pub(super) fn text_from_editor(
    ctx: &Ctx,
    current: &str,
    stem: &str,
    notes: Notes,
) -> Result<Option<String>> {
    let note = match editor::edit(current, stem)? {
        Edited::Changed(text) => return Ok(Some(text)),
        Edited::Unchanged => notes.unchanged,
        Edited::Emptied => notes.emptied,
    };
    if ctx.out.json {
        eprintln!("{note}");
    } else {
        ctx.out.line(note)?;
    }
    Ok(None)
}
