//! The multi-line editor of a long-text field (an update's body, an issue's description,
//! notes, minutes): `ratatui-textarea`'s text area, driven by rapport's own keys. The
//! crate moves the cursor by characters and draws by display width, so Chinese text moves
//! and renders one character at a time; soft wrapping keeps long paragraphs in view.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::tui::key::{Code, Key};

/// How many lines PgUp/PgDn move.
pub const PAGE: usize = 5;

#[derive(Debug, Clone)]
pub struct TextEditor {
    area: TextArea<'static>,
}

/// Two editors are the same when they hold the same text with the cursor in the same place
/// (the crate's own state, such as its undo history, is not part of a form's value).
impl PartialEq for TextEditor {
    fn eq(&self, other: &Self) -> bool {
        self.area.lines() == other.area.lines() && self.cursor() == other.cursor()
    }
}

/// What a key did in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor changed (or the key was a move that could not go further).
    Done,
    /// ↑ on the first line or ↓ on the last: the form may move to the field above / below.
    PastTop,
    PastBottom,
    /// Not an editing key (Tab, Esc, Ctrl-S...): the form's to handle.
    NotMine,
}

impl TextEditor {
    /// An editor on `text` with the cursor at its end, where typing used to go.
    pub fn new(text: &str) -> TextEditor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextEditor { area }
    }

    /// The text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// (line, character) of the cursor, both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// The text area, for drawing.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Text inserted at the cursor as text (a paste): line breaks as `\n`.
    pub fn insert(&mut self, text: &str) {
        self.area.insert_str(text);
    }

    /// Applies one key: movement (arrows, Ctrl-←/→ by word, Home/End, Ctrl-Home/End,
    /// PgUp/PgDn), Enter for a new line, Backspace/Del (with Ctrl or Alt: a word), text.
    pub fn key(&mut self, key: Key) -> Edit {
        let word = key.ctrl || key.alt;
        let moved = |area: &mut TextArea<'static>, m: CursorMove| {
            let before = area.cursor();
            area.move_cursor(m);
            area.cursor() != before
        };
        match key.code {
            Code::Left if word => self.area.move_cursor(CursorMove::WordBack),
            Code::Right if word => self.area.move_cursor(CursorMove::WordForward),
            Code::Left => self.area.move_cursor(CursorMove::Back),
            Code::Right => self.area.move_cursor(CursorMove::Forward),
            Code::Up if !moved(&mut self.area, CursorMove::Up) => return Edit::PastTop,
            Code::Down if !moved(&mut self.area, CursorMove::Down) => return Edit::PastBottom,
            Code::Up | Code::Down => {}
            // Ctrl-Home / Ctrl-End: the start / end of the whole text.
            Code::Home if key.ctrl => {
                self.area.move_cursor(CursorMove::Top);
                self.area.move_cursor(CursorMove::Head);
            }
            Code::End if key.ctrl => {
                self.area.move_cursor(CursorMove::Bottom);
                self.area.move_cursor(CursorMove::End);
            }
            Code::Home => self.area.move_cursor(CursorMove::Head),
            Code::End => self.area.move_cursor(CursorMove::End),
            Code::PageUp | Code::PageDown => {
                let m = if key.code == Code::PageUp {
                    CursorMove::Up
                } else {
                    CursorMove::Down
                };
                for _ in 0..PAGE {
                    self.area.move_cursor(m);
                }
            }
            Code::Enter if !key.ctrl => self.area.insert_newline(),
            Code::Backspace if word => {
                self.area.delete_word();
            }
            Code::Backspace => {
                self.area.delete_char();
            }
            Code::Delete if word => {
                self.area.delete_next_word();
            }
            Code::Delete => {
                self.area.delete_next_char();
            }
            Code::Char(c) if !key.ctrl && !key.alt => self.area.insert_char(c),
            _ => return Edit::NotMine,
        }
        Edit::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(ed: &mut TextEditor, text: &str) {
        for c in text.chars() {
            let key = if c == '\n' {
                Key::plain(Code::Enter)
            } else {
                Key::ch(c)
            };
            assert_eq!(ed.key(key), Edit::Done);
        }
    }

    fn press(ed: &mut TextEditor, code: Code, ctrl: bool) -> Edit {
        ed.key(Key {
            code,
            ctrl,
            alt: false,
        })
    }

    #[test]
    fn opens_with_the_cursor_at_the_end_and_types_there() {
        let mut ed = TextEditor::new("Hello\nBest regards");
        assert_eq!(ed.cursor(), (1, 12));
        typed(&mut ed, ",\nThe team");
        assert_eq!(ed.text(), "Hello\nBest regards,\nThe team");
        assert_eq!(ed.cursor(), (2, 8));
    }

    #[test]
    fn home_end_and_arrows_move_and_text_goes_in_at_the_cursor() {
        let mut ed = TextEditor::new("world");
        press(&mut ed, Code::Home, false);
        assert_eq!(ed.cursor(), (0, 0));
        typed(&mut ed, "Hello ");
        assert_eq!(ed.text(), "Hello world");
        press(&mut ed, Code::End, false);
        typed(&mut ed, "!");
        assert_eq!(ed.text(), "Hello world!");
        press(&mut ed, Code::Left, false);
        press(&mut ed, Code::Left, false);
        press(&mut ed, Code::Backspace, false);
        assert_eq!(ed.text(), "Hello word!");
        press(&mut ed, Code::Delete, false);
        assert_eq!(ed.text(), "Hello wor!");
        assert_eq!(ed.cursor(), (0, 9));
    }

    #[test]
    fn up_and_down_move_between_lines_and_report_the_edges() {
        let mut ed = TextEditor::new("first line\nsecond\nthird line here");
        assert_eq!(press(&mut ed, Code::Down, false), Edit::PastBottom);
        assert_eq!(press(&mut ed, Code::Up, false), Edit::Done);
        // The column is kept where the line is long enough, else the line's end.
        assert_eq!(ed.cursor(), (1, 6));
        press(&mut ed, Code::Up, false);
        assert_eq!(ed.cursor().0, 0);
        assert_eq!(press(&mut ed, Code::Up, false), Edit::PastTop);
        press(&mut ed, Code::End, true);
        assert_eq!(ed.cursor(), (2, 15));
        press(&mut ed, Code::Home, true);
        assert_eq!(ed.cursor(), (0, 0));
    }

    #[test]
    fn page_keys_move_a_page_of_lines() {
        let text: Vec<String> = (1..=12).map(|n| format!("line {n}")).collect();
        let mut ed = TextEditor::new(&text.join("\n"));
        assert_eq!(ed.cursor().0, 11);
        press(&mut ed, Code::PageUp, false);
        assert_eq!(ed.cursor().0, 11 - PAGE);
        press(&mut ed, Code::PageUp, false);
        press(&mut ed, Code::PageUp, false);
        assert_eq!(ed.cursor().0, 0);
        press(&mut ed, Code::PageDown, false);
        assert_eq!(ed.cursor().0, PAGE);
    }

    #[test]
    fn ctrl_arrows_jump_by_words_and_ctrl_backspace_deletes_one() {
        let mut ed = TextEditor::new("The fix is live");
        press(&mut ed, Code::Left, true);
        assert_eq!(ed.cursor(), (0, 11));
        press(&mut ed, Code::Left, true);
        press(&mut ed, Code::Left, true);
        assert_eq!(ed.cursor(), (0, 4));
        press(&mut ed, Code::Right, true);
        assert_eq!(ed.cursor(), (0, 8));
        press(&mut ed, Code::End, false);
        press(&mut ed, Code::Backspace, true);
        assert_eq!(ed.text(), "The fix is ");
    }

    #[test]
    fn wide_characters_move_one_character_at_a_time() {
        let mut ed = TextEditor::new("您好，问题已修复");
        assert_eq!(ed.cursor(), (0, 8));
        press(&mut ed, Code::Left, false);
        press(&mut ed, Code::Left, false);
        typed(&mut ed, "全部");
        assert_eq!(ed.text(), "您好，问题已全部修复");
        press(&mut ed, Code::Home, false);
        press(&mut ed, Code::Right, false);
        press(&mut ed, Code::Right, false);
        press(&mut ed, Code::Delete, false);
        assert_eq!(ed.text(), "您好问题已全部修复");
        // A word jump stops at the Chinese/ASCII boundary rather than skipping the line.
        let mut ed = TextEditor::new("修复 v4.2 上线");
        press(&mut ed, Code::Home, false);
        press(&mut ed, Code::Right, true);
        assert_eq!(ed.cursor(), (0, 3));
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_with_its_line_breaks() {
        let mut ed = TextEditor::new("Dear Sarah,\nRegards");
        press(&mut ed, Code::Home, false);
        ed.insert("The fix is live.\nDetails below.\n");
        assert_eq!(
            ed.text(),
            "Dear Sarah,\nThe fix is live.\nDetails below.\nRegards"
        );
        assert_eq!(ed.cursor(), (3, 0));
    }

    #[test]
    fn keys_that_are_not_editing_go_back_to_the_form() {
        let mut ed = TextEditor::new("x");
        for key in [
            Key::plain(Code::Tab),
            Key::plain(Code::Esc),
            Key::ctrl('s'),
            Key::ctrl('e'),
            Key {
                code: Code::Enter,
                ctrl: true,
                alt: false,
            },
        ] {
            assert_eq!(ed.key(key), Edit::NotMine, "{key}");
        }
        assert_eq!(ed.text(), "x");
    }
}
