//! Property tests (proptest): the date parser, config loading, the output sanitiser and the
//! .eml writer never panic, whatever the input, and keep their promises.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use proptest::prelude::*;
use rapport::config::Config;
use rapport::model::text;
use rapport::model::when;
use rapport::report::message::{self as export, Message};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// Text that looks like what people type for times, plus anything at all.
fn when_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[+-]?[0-9]{0,12}[dhwm]?",
        "(mon|tue|wed|thu|fri|sat|sun|today|tomorrow|now)( [0-9]{1,3}:[0-9]{1,3})?",
        "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}( [0-9]{1,3}:[0-9]{1,3})?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2}|Z)",
    ]
}

fn is_unsafe_shown(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Strings full of the characters the sanitiser must catch.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}P1$q\u{1b}\\".to_string()),
        Just("\u{9b}2J".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("数据".to_string()),
        "[a-zA-Z <>@.,]{0,8}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

/// TOML-ish config text: real keys with odd values, and arbitrary text.
fn config_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("language"),
        Just("date_format"),
        Just("from"),
        Just("default_cadence"),
        Just("database"),
        Just("[sla_hours]\nhigh"),
        Just("[follow_up_hours]\nlow"),
        Just("[status_report]\nweekday"),
        Just("[status_report]\nhour"),
        Just("[keys]\nquit"),
    ];
    let value = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<String>().prop_map(|s| format!("{s:?}")),
        "%[a-zA-Z#:.+0-9-]{0,4}".prop_map(|s| format!("{s:?}")),
        Just("\"%#z\"".to_string()),
        Just("[1, 2]".to_string()),
        Just("{ a = 1 }".to_string()),
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec((key, value), 0..6).prop_map(|kv| {
            kv.into_iter()
                .map(|(k, v)| format!("{k} = {v}\n"))
                .collect::<String>()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_date_parser_never_panics(text in when_text(), offset in -50_000i32..50_000) {
        let tz = FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).unwrap());
        let _ = when::parse_when(&text, now(), &tz);
        let _ = when::parse_date(&text, now(), &tz);
        let _ = when::parse_when(&text, now(), &Utc);
    }

    #[test]
    fn a_parsed_time_shows_without_panicking(text in when_text(), format in "%[a-zA-Z#:.+0-9-]{0,3}( %[a-zA-Z#]{1,2})?") {
        if let Ok(t) = when::parse_when(&text, now(), &Utc) {
            let _ = when::format_time(&t, "%Y-%m-%d %H:%M");
            // Any format: what the config accepts renders; what it refuses still cannot panic.
            let _ = when::format_time(&t, &format);
            if when::renders(&format) {
                let _ = t.format(&format).to_string();
            }
        }
    }

    #[test]
    fn config_loading_never_panics(text in config_text()) {
        if let Ok(cfg) = Config::parse(&text) {
            // What loads can be used: the date format renders and `from` is one clean line.
            prop_assert!(when::renders(&cfg.date_format));
            prop_assert!(!cfg.from.chars().any(text::is_unsafe));
        }
    }

    #[test]
    fn the_sanitiser_lets_nothing_through(s in hostile()) {
        let multi = text::multi_line(&s);
        prop_assert!(!multi.chars().any(is_unsafe_shown), "{:?}", multi);
        let one = text::one_line(&s);
        prop_assert!(!one.chars().any(|c| is_unsafe_shown(c) || c == '\n'), "{:?}", one);
        prop_assert!(!text::for_clipboard(&s).chars().any(is_unsafe_shown));
    }

    #[test]
    fn plain_printable_text_is_unchanged(s in "[a-zA-Z0-9 .,:;!?'\"()\\-\n数据迁移失败了éü]{0,80}") {
        prop_assert_eq!(text::multi_line(&s).into_owned(), s.clone());
        let flat = s.replace('\n', " ");
        prop_assert_eq!(text::one_line(&flat).into_owned(), flat.clone());
    }

    #[test]
    fn an_eml_parses_back_with_its_headers_and_its_sanitised_body(
        subject in hostile(),
        body in hostile(),
        name in hostile(),
        from in prop_oneof![Just(String::new()), Just("Ann Lee <ann@firm.example>".to_string()), hostile()],
        secs in 0i64..4_000_000_000,
    ) {
        let m = Message {
            from,
            to: Some((name.clone(), "sarah@northwind.example".into())),
            cc: vec![(name, "bob@northwind.example".into())],
            subject: subject.clone(),
            body: body.clone(),
            date: Utc.timestamp_opt(secs, 0).single().unwrap_or_else(now),
            sent: false,
            language: "en".into(),
        };
        let eml = export::eml(&m);
        prop_assert!(!eml.replace("\r\n", "").contains(['\r', '\n']), "only CRLF line ends");
        prop_assert!(!eml.chars().any(|c| is_unsafe_shown(c) && c != '\r'));
        let parsed = mail_parser::MessageParser::default().parse(eml.as_bytes());
        prop_assert!(parsed.is_some(), "{}", eml);
        let parsed = parsed.unwrap();
        prop_assert!(parsed.date().is_some(), "{}", eml);
        prop_assert!(parsed.to().is_some(), "{}", eml);
        // The subject is the sanitised one-line subject (mail parsers trim the edges, and
        // mail-parser reads the whitespace where a long header is folded as one space).
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let want = words(&text::one_line(&subject));
        prop_assert_eq!(words(parsed.subject().unwrap_or("")), want);
        let want_body = text::multi_line(&body).replace("\r\n", "\n");
        let got = parsed.body_text(0).map(|b| b.replace("\r\n", "\n")).unwrap_or_default();
        prop_assert_eq!(got.trim_end(), want_body.trim_end());
    }
}
