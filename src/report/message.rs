//! Writing an update or a report out: plain text, Markdown, or an RFC 5322 `.eml` message a
//! mail client opens as a draft (built with mail-builder: a Message-ID, RFC 2047 encoded
//! non-ASCII headers, the UTF-8 body as 8bit).
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
    let mut out = format!("# {}\n\n", one_line(&m.subject));
    let (to, date) = if m.language.eq_ignore_ascii_case("zh-CN") {
        ("收件人：", "日期：")
    } else {
        ("To:", "Date:")
    };
    if let Some((name, addr)) = &m.to {
        out.push_str(&format!(
            "**{to}** {} <{}>  \n",
            one_line(name),
            one_line(addr)
        ));
    }
    out.push_str(&format!("**{date}** {}\n\n", m.date.format("%Y-%m-%d")));
    // Section titles of the drafts are lines followed by content; keep the text as written.
    out.push_str(multi_line(&m.body).trim_end());
    out.push('\n');
    out
}

/// An RFC 5322 message (built by `mail-builder`) with CRLF line ends, a Message-ID and a
/// UTF-8 body sent as 8bit so it reads and greps as written (a body with a line longer than
/// 998 bytes is left to mail-builder, which encodes it). A draft is marked as unsent so mail
/// clients open it as one; a sent message carries its send time and no such mark.
/// Header values are one line (CR and LF never reach a header: no injected headers) and,
/// like the body, sanitised; mail-builder encodes non-ASCII ones (RFC 2047).
pub fn eml(m: &Message) -> String {
    use mail_builder::MessageBuilder;
    use mail_builder::headers::address::Address;
    use mail_builder::headers::raw::Raw;
    use mail_builder::mime::{BodyPart, MimePart};

    let body = multi_line(&m.body)
        .replace("\r\n", "\n")
        .replace('\n', "\r\n");
    let subject = one_line(&m.subject).into_owned();
    let from = one_line(m.from.trim()).trim().to_string();
    let address = |name: &str, addr: &str| -> Address<'static> {
        let name = one_line(name).trim().to_string();
        let addr = one_line(addr).replace(['<', '>'], "").trim().to_string();
        Address::new_address((!name.is_empty()).then_some(name), addr)
    };
    let mut b = MessageBuilder::new()
        .message_id(message_id(m, &from, &body))
        .date(mail_builder::headers::date::Date::new(m.date.timestamp()))
        .subject(subject);
    if !from.is_empty() {
        b = b.from(match (from.rfind('<'), from.ends_with('>')) {
            (Some(i), true) => address(&from[..i], &from[i + 1..from.len() - 1]),
            _ => address("", &from),
        });
    }
    if let Some((name, addr)) = &m.to {
        b = b.to(address(name, addr));
    }
    if !m.cc.is_empty() {
        b = b.cc(Address::new_list(
            m.cc.iter().map(|(n, a)| address(n, a)).collect(),
        ));
    }
    if !m.sent {
        b = b.header("X-Unsent", Raw::new("1"));
    }
    let part = MimePart::new("text/plain", BodyPart::Text(body.clone().into()));
    // 8bit allows lines of at most 998 bytes; a longer one is encoded by mail-builder.
    let part = if body.split("\r\n").all(|l| l.len() <= 998) {
        part.transfer_encoding("8bit")
    } else {
        part
    };
    let bytes = b.body(part).write_to_vec().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A Message-ID that stays the same for the same message (exporting a draft twice gives
/// one message), at the sender's domain when there is one.
fn message_id(m: &Message, from: &str, body: &str) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    (m.date.timestamp(), &m.subject, &m.to, &m.cc, body, m.sent).hash(&mut h);
    let domain = from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim())
        .filter(|d| {
            !d.is_empty()
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        })
        .unwrap_or("rapport.invalid");
    format!("{:016x}.{}@{domain}", h.finish(), m.date.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn message(body: &str) -> Message {
        Message {
            from: "Ann Lee <ann@firm.example>".into(),
            to: Some(("王芳".into(), "wang@bank.example".into())),
            cc: vec![("Bob Li".into(), "bob@bank.example".into())],
            subject: "转账页面 update".into(),
            body: body.into(),
            date: Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap(),
            sent: false,
            language: "en".into(),
        }
    }

    #[test]
    fn eml_has_crlf_a_message_id_and_a_body_that_greps_as_written() {
        let e = eml(&message(&"转账页面 line\n".repeat(100)));
        assert!(
            e.contains("Date: Wed, 18 Nov 2026 09:00:00 +0000\r\n"),
            "{e}"
        );
        assert!(
            e.contains("From: \"Ann Lee\" <ann@firm.example>\r\n"),
            "{e}"
        );
        assert!(e.contains("Cc: \"Bob Li\" <bob@bank.example>\r\n"), "{e}");
        assert!(
            e.contains("Message-ID: <") && e.contains("@firm.example>\r\n"),
            "{e}"
        );
        assert!(e.contains("Content-Transfer-Encoding: 8bit\r\n"), "{e}");
        assert!(e.contains("X-Unsent: 1\r\n"), "{e}");
        assert!(e.contains("\r\n转账页面 line\r\n转账页面 line\r\n"), "{e}");
        let (headers, _) = e.split_once("\r\n\r\n").expect("a blank line");
        assert!(
            headers.is_ascii(),
            "non-ASCII headers are encoded: {headers}"
        );
        assert!(e.lines().all(|l| l.len() <= 998));
        assert!(!e.replace("\r\n", "").contains('\n'), "only CRLF line ends");
        assert_eq!(
            eml(&message("x")),
            eml(&message("x")),
            "one message, one id"
        );
    }

    #[test]
    fn a_line_too_long_for_8bit_is_encoded_and_a_sent_message_is_not_unsent() {
        let mut m = message(&"数据".repeat(400));
        m.sent = true;
        let e = eml(&m);
        assert!(!e.contains("Content-Transfer-Encoding: 8bit"), "{e}");
        assert!(!e.contains("X-Unsent"), "{e}");
        assert!(e.lines().all(|l| l.len() <= 998));
    }
}
