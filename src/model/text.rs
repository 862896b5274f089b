//! Making stored text safe to show: the one sanitiser for everything rapport prints or
//! writes that a terminal or mail client renders (CLI output, report and export files, mail
//! headers and bodies, error messages, the clipboard). Control characters (C0, DEL, C1) and
//! so every escape sequence (CSI, OSC, DCS, ...), BIDI controls and zero-width characters
//! never pass intact: they are shown as visible placeholders. Stored data stays as entered.

use std::borrow::Cow;

/// A character that must not reach a terminal or a mail client as is: C0/C1 controls and
/// DEL (escape sequences start with one), BIDI embeddings, overrides, isolates and marks
/// (they reorder what is shown), zero-width characters (they hide text) and the Unicode
/// line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Text bound for the clipboard (OSC 52): [`multi_line`], line breaks kept.
pub fn for_clipboard(s: &str) -> Cow<'_, str> {
    multi_line(s)
}

/// For table cells and one-line displays: line breaks and tabs become spaces, other
/// control characters (ESC, BEL, ...) become visible `^X`-style placeholders.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// For detail views and plain-text output: keeps line breaks, tabs become spaces,
/// other control characters become visible placeholders.
pub fn multi_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            // CRLF is a line end; a lone CR (which moves the cursor back) is shown.
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_unsafe(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    let code = c as u32;
    if code < 0x20 {
        out.push('^');
        out.push(char::from(b'@' + code as u8));
    } else if code == 0x7f {
        out.push_str("^?");
    } else if c.is_control() {
        out.push('\u{FFFD}');
    } else {
        out.push_str(&format!("<U+{code:04X}>"));
    }
}

/// The first `max` characters of `s`, with an ellipsis when cut; control characters made safe.
pub fn preview(s: &str, max: usize) -> String {
    let clean = one_line(s);
    let mut out: String = clean.chars().take(max).collect();
    if clean.chars().count() > max {
        out.push('…');
    }
    out
}

/// "3h ago" or "in 2d": a time relative to now, in the interface's language (what people
/// read: tables and screens, never JSON).
pub fn relative(now: chrono::DateTime<chrono::Utc>, t: chrono::DateTime<chrono::Utc>) -> String {
    use crate::i18n::trf;
    if t > now {
        trf("in {age}", &[("age", &age(t, now))])
    } else {
        trf("{age} ago", &[("age", &age(now, t))])
    }
}

/// "3h", "2d", "5w": how long since `t` (a time in the future counts as 0m), in the
/// interface's language.
pub fn age(now: chrono::DateTime<chrono::Utc>, t: chrono::DateTime<chrono::Utc>) -> String {
    use crate::i18n::trn;
    let d = (now - t).max(chrono::Duration::zero());
    if d.num_minutes() < 60 {
        trn(d.num_minutes(), "{n}m", "{n}m")
    } else if d.num_hours() < 48 {
        trn(d.num_hours(), "{n}h", "{n}h")
    } else if d.num_days() < 14 {
        trn(d.num_days(), "{n}d", "{n}d")
    } else {
        trn(d.num_weeks(), "{n}w", "{n}w")
    }
}

/// `s` cut or padded to exactly `width` terminal columns (wide characters count twice).
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let clean = one_line(s);
    let mut out = String::new();
    let mut used = 0;
    let total: usize = clean.chars().map(|c| c.width().unwrap_or(0)).sum();
    let room = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if total > width {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// serde_json escapes C0 controls itself; DEL, C1, BIDI and zero-width characters it leaves
/// raw. Outside strings JSON is ASCII, so each such character is inside a string and its
/// escape parses back to the same text.
pub fn escape_json(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(one_line("ok\x1b[31mred\x07"), "ok^[[31mred^G");
        assert_eq!(one_line("a\nb\tc"), "a b c");
        assert_eq!(multi_line("a\nb\x1b]0;x\x07"), "a\nb^[]0;x^G");
        assert_eq!(one_line("\u{9b}31m"), "\u{FFFD}31m");
        assert!(matches!(one_line("plain 中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_and_zero_width_characters_are_shown() {
        assert_eq!(
            multi_line("pay\u{202E}txt.exe\u{200B}!\u{7f}"),
            "pay<U+202E>txt.exe<U+200B>!^?"
        );
        assert_eq!(multi_line("a\r\nb\rc"), "a\nb^Mc");
        assert_eq!(one_line("\u{FEFF}x\u{2066}"), "<U+FEFF>x<U+2066>");
        assert!(matches!(multi_line("a\nb 数据"), Cow::Borrowed(_)));
    }

    #[test]
    fn fit_counts_columns_not_characters() {
        assert_eq!(fit("华东银行 移动端", 10), "华东银行 …");
        assert_eq!(fit("华东", 6), "华东  ");
        assert_eq!(fit("Northwind Data Migration", 10), "Northwind…");
    }

    #[test]
    fn preview_cuts_on_characters_not_bytes() {
        assert_eq!(preview("数据库迁移失败了", 4), "数据库迁…");
        assert_eq!(preview("short", 10), "short");
    }
}
