//! The `y` copy: text for the terminal's clipboard as an OSC 52 sequence (crossterm's
//! `CopyToClipboard`; it works locally and at the end of an SSH session). The text passes
//! the output sanitiser first, so an escape sequence or BIDI control stored in a subject
//! never reaches the terminal, not even base64-encoded inside the sequence.

use std::io::Write;

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;

use crate::model::text;

/// The whole OSC 52 sequence that puts `text`, sanitised, on the clipboard.
pub fn osc52(text: &str) -> String {
    let clean = text::for_clipboard(text);
    let mut out = String::new();
    // Writing into a String cannot fail; an empty sequence would only copy nothing.
    let _ = CopyToClipboard::to_clipboard_from(clean.as_bytes()).write_ansi(&mut out);
    out
}

/// Writes the sequence for `text` to the terminal.
pub fn copy(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    use super::*;

    /// What the terminal would put on the clipboard.
    fn payload(seq: &str) -> String {
        let body = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix("\x1b\\").or_else(|| s.strip_suffix('\x07')))
            .unwrap_or_else(|| panic!("not an OSC 52 sequence: {seq:?}"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("base64");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn the_copied_text_arrives_as_written() {
        let text = "Update: 转账页面\n\nHello Wang Fang,\nthe fix is live.";
        assert_eq!(payload(&osc52(text)), text);
    }

    #[test]
    fn stored_escapes_and_bidi_controls_never_reach_the_clipboard() {
        let subject = "Fix\x1b]52;c;ZXZpbA==\x07 live \u{202E}txt.exe\u{202C} \u{9b}31m";
        let got = payload(&osc52(&format!("{subject}\n\nbody")));
        assert!(
            !got.chars().any(|c| c != '\n' && text::is_unsafe(c)),
            "{got:?}"
        );
        assert!(got.contains("Fix"), "{got:?}");
        assert!(got.ends_with("\n\nbody"), "line breaks are kept: {got:?}");
    }
}
