//! Writing an update or a report out: plain text, Markdown, or an RFC 5322 `.eml` message a
//! mail client opens as a draft (UTF-8 body in base64, RFC 2047 encoded non-ASCII headers).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::text::{multi_line, one_line};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Eml,
    Json,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "md" | "markdown" => Ok(Format::Markdown),
            "eml" => Ok(Format::Eml),
            "json" => Ok(Format::Json),
            _ => Err(Error::invalid("format", s, "text, md, eml, json".into())),
        }
    }
}

/// A message ready to be written out.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub from: String,
    /// (display name, address); no address means no To header.
    pub to: Option<(String, String)>,
    /// Copies: (display name, address) each.
    pub cc: Vec<(String, String)>,
    pub subject: String,
    pub body: String,
    /// When it was sent, for one that was; when it is written out, for a draft.
    pub date: DateTime<Utc>,
    /// It went out (at `date`): no longer a draft for a mail client to open as unsent.
    pub sent: bool,
    /// The language of its labels ("en", "zh-CN"): the client's.
    pub language: String,
}

/// The message in `format`; JSON writes `data`, the record or report behind the message
/// (with the characters a terminal would act on escaped, like every other output).
pub fn write(format: Format, m: &Message, data: &impl Serialize) -> String {
    match format {
        Format::Text => text(m),
        Format::Markdown => markdown(m),
        Format::Eml => eml(m),
        Format::Json => {
            let json = serde_json::to_string_pretty(data).unwrap_or_default();
            crate::model::text::escape_json(&json).into_owned() + "\n"
        }
    }
}

/// Plain text; stored text is sanitised (see `model::text`) on the way out.
pub fn text(m: &Message) -> String {
    let mut out = format!("Subject: {}\n", one_line(&m.subject));
    if let Some((name, addr)) = &m.to {
        out.push_str(&format!("To: {} <{}>\n", one_line(name), one_line(addr)));
    }
    if !m.cc.is_empty() {
        let cc: Vec<String> =
            m.cc.iter()
                .map(|(n, a)| format!("{} <{}>", one_line(n), one_line(a)))
                .collect();
        out.push_str(&format!("Cc: {}\n", cc.join(", ")));
    }
    out.push('\n');
    out.push_str(multi_line(&m.body).trim_end());
    out.push('\n');
    out
}

pub fn markdown(m: &Message) -> String {
    markdown_to(m, m.to.as_slice())
}

/// Markdown addressed to several people (the attendees of a meeting); `m.to` is not read.
pub fn markdown_to(m: &Message, to_all: &[(String, String)]) -> String {
    let mut out = format!("# {}\n\n", one_line(&m.subject));
    let (to, date) = if m.language.eq_ignore_ascii_case("zh-CN") {
        ("收件人：", "日期：")
    } else {
        ("To:", "Date:")
    };
    if !to_all.is_empty() {
        let all: Vec<String> = to_all
            .iter()
            .map(|(name, addr)| format!("{} <{}>", one_line(name), one_line(addr)))
            .collect();
        out.push_str(&format!("**{to}** {}  \n", all.join(", ")));
    }
    out.push_str(&format!("**{date}** {}\n\n", m.date.format("%Y-%m-%d")));
    // Section titles of the drafts are lines followed by content; keep the text as written.
    out.push_str(multi_line(&m.body).trim_end());
    out.push('\n');
    out
}

/// An RFC 5322 message with CRLF line ends; a draft is marked as unsent so mail clients open
/// it as one, a sent message carries its send time and no such mark.
/// Header values are one line (CR and LF never reach a header: no injected headers) and,
/// like the body, sanitised.
pub fn eml(m: &Message) -> String {
    eml_to(m, m.to.as_slice())
}

/// An `.eml` addressed to several people (the attendees of a meeting); `m.to` is not read.
pub fn eml_to(m: &Message, to_all: &[(String, String)]) -> String {
    let mut h = Vec::new();
    h.push(format!("Date: {}", m.date.to_rfc2822()));
    let from = one_line(m.from.trim());
    if !from.trim().is_empty() {
        h.push(format!("From: {}", address_header(from.trim())));
    }
    let mailbox = |(n, a): &(String, String)| {
        format!(
            "{} <{}>",
            display_name(&one_line(n)),
            one_line(a).replace(['<', '>'], "")
        )
    };
    if !to_all.is_empty() {
        let to: Vec<String> = to_all.iter().map(mailbox).collect();
        h.push(format!("To: {}", to.join(",\r\n ")));
    }
    if !m.cc.is_empty() {
        let cc: Vec<String> = m.cc.iter().map(mailbox).collect();
        h.push(format!("Cc: {}", cc.join(",\r\n ")));
    }
    h.push(format!("Subject: {}", encode_word(&one_line(&m.subject))));
    h.push("MIME-Version: 1.0".into());
    h.push("Content-Type: text/plain; charset=utf-8".into());
    h.push("Content-Transfer-Encoding: base64".into());
    if !m.sent {
        h.push("X-Unsent: 1".into());
    }
    let body = multi_line(&m.body).replace('\n', "\r\n");
    let encoded = STANDARD.encode(body.as_bytes());
    let mut out = h.join("\r\n");
    out.push_str("\r\n\r\n");
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push_str("\r\n");
    }
    out
}

/// "Ann Lee <ann@x.example>" or a bare address, with the name encoded when needed.
fn address_header(s: &str) -> String {
    match (s.rfind('<'), s.ends_with('>')) {
        (Some(i), true) => format!("{} {}", display_name(s[..i].trim()), &s[i..]),
        _ => s.to_string(),
    }
}

fn display_name(name: &str) -> String {
    if !name.is_ascii() {
        encode_word(name)
    } else if name.contains(|c: char| "()<>[]:;@\\,.\"".contains(c)) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        name.to_string()
    }
}

/// RFC 2047 `=?UTF-8?B?...?=` words (each at most 75 characters), folded; ASCII stays as is.
pub fn encode_word(s: &str) -> String {
    if s.is_ascii() && !s.contains("=?") {
        return s.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        // 45 bytes of UTF-8 become 60 base64 characters: 72 with the markers.
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", STANDARD.encode(w.as_bytes())))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ascii_headers_stay_readable_and_others_are_encoded() {
        assert_eq!(encode_word("Weekly status"), "Weekly status");
        let w = encode_word("转账页面白屏问题通知");
        assert!(w.starts_with("=?UTF-8?B?") && w.ends_with("?="));
        let long = encode_word(&"数据".repeat(40));
        assert!(long.split("\r\n ").all(|w| w.len() <= 75), "{long}");
        assert_eq!(display_name("Chen, Sarah"), "\"Chen, Sarah\"");
    }

    #[test]
    fn eml_has_crlf_and_wrapped_base64() {
        let m = Message {
            from: "Ann Lee <ann@firm.example>".into(),
            to: Some(("王芳".into(), "wang@bank.example".into())),
            cc: vec![("Bob Li".into(), "bob@bank.example".into())],
            subject: "Hello".into(),
            body: "line\n".repeat(100),
            date: Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap(),
            sent: false,
            language: "en".into(),
        };
        let e = eml(&m);
        assert!(e.contains("Date: Wed, 18 Nov 2026 09:00:00 +0000\r\n"));
        assert!(e.contains("From: Ann Lee <ann@firm.example>\r\n"));
        assert!(e.contains("To: =?UTF-8?B?546L6Iqz?= <wang@bank.example>\r\n"));
        assert!(e.contains("Cc: Bob Li <bob@bank.example>\r\n"));
        assert!(e.lines().all(|l| l.len() <= 998));
        assert!(!e.replace("\r\n", "").contains('\n'), "only CRLF line ends");
    }
}
