//! Values in the file that cannot be read as what they should be (a time written by hand, by an
//! older build, or past the range rapport stores). Reads carry on with a stand-in value and
//! note the damage here; the front ends say so once, so the PM can repair the record.

use std::sync::Mutex;

static FOUND: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Notes that `column` held `value`, which was read as `shown`. Each distinct note is kept once.
pub fn report(column: String, value: &str, shown: &str) {
    let note = format!(
        "unreadable {column} '{}' in the file, shown as {shown}; set it again with the record's edit command",
        value.escape_debug()
    );
    if let Ok(mut found) = FOUND.lock()
        && !found.contains(&note)
        && found.len() < 100
    {
        found.push(note);
    }
}

/// The notes gathered since the last call, oldest first.
pub fn take() -> Vec<String> {
    FOUND
        .lock()
        .map(|mut found| std::mem::take(&mut *found))
        .unwrap_or_default()
}
