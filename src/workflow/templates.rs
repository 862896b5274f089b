//! The drafter: built-in update templates (assets/templates/<language>/) and a user's copies
//! in `<config dir>/templates/<language>/<kind>.txt` that replace them, rendered with
//! minijinja. Knows nothing of the policy or the store, so `Policy` can own one.

use std::path::PathBuf;

use minijinja::Environment;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::UpdateKind;

const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "en",
        "notice",
        include_str!("../../assets/templates/en/notice.txt"),
    ),
    (
        "en",
        "progress",
        include_str!("../../assets/templates/en/progress.txt"),
    ),
    (
        "en",
        "resolution",
        include_str!("../../assets/templates/en/resolution.txt"),
    ),
    (
        "en",
        "status",
        include_str!("../../assets/templates/en/status.txt"),
    ),
    (
        "en",
        "closing",
        include_str!("../../assets/templates/en/closing.txt"),
    ),
    (
        "zh-CN",
        "notice",
        include_str!("../../assets/templates/zh-CN/notice.txt"),
    ),
    (
        "zh-CN",
        "progress",
        include_str!("../../assets/templates/zh-CN/progress.txt"),
    ),
    (
        "zh-CN",
        "resolution",
        include_str!("../../assets/templates/zh-CN/resolution.txt"),
    ),
    (
        "zh-CN",
        "status",
        include_str!("../../assets/templates/zh-CN/status.txt"),
    ),
    (
        "zh-CN",
        "closing",
        include_str!("../../assets/templates/zh-CN/closing.txt"),
    ),
];

/// The kinds that have a template.
pub const DRAFTED: &[UpdateKind] = &[
    UpdateKind::Notice,
    UpdateKind::Progress,
    UpdateKind::Resolution,
    UpdateKind::Status,
    UpdateKind::Closing,
];

pub struct Drafter {
    env: Environment<'static>,
    pub language: String,
}

/// A rendered update: the template's `Subject:` line and the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

fn template_error(e: minijinja::Error) -> Error {
    Error::Template(e.to_string())
}

impl Drafter {
    pub fn new(language: &str, overrides: Option<PathBuf>) -> Result<Drafter> {
        let mut env = Environment::new();
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .map_err(template_error)?,
        );
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (lang, kind, source) in BUILTIN.iter().filter(|(l, _, _)| *l == language) {
            let user = overrides
                .as_ref()
                .map(|dir| dir.join(lang).join(format!("{kind}.txt")))
                .filter(|p| p.is_file());
            let source = match user {
                Some(path) => std::fs::read_to_string(&path).map_err(|e| {
                    Error::io(format!("cannot read template {}", path.display()), e)
                })?,
                None => (*source).to_string(),
            };
            env.add_template_owned(kind.to_string(), source)
                .map_err(|e| Error::Template(format!("{lang}/{kind}: {e}")))?;
        }
        if !BUILTIN.iter().any(|(l, _, _)| *l == language) {
            return Err(Error::invalid("language", language, "en, zh-CN".into()));
        }
        Ok(Drafter {
            env,
            language: language.to_string(),
        })
    }

    /// Renders `kind` with `ctx`; kinds without a template give an empty body.
    pub fn render<C: Serialize>(&self, kind: UpdateKind, ctx: &C) -> Result<Option<Draft>> {
        if !DRAFTED.contains(&kind) {
            return Ok(None);
        }
        let template = self
            .env
            .get_template(kind.as_str())
            .map_err(template_error)?;
        let text = template
            .render(minijinja::Value::from(minijinja::value::Serde(ctx)))
            .map_err(template_error)?;
        let (subject, body) = match text.strip_prefix("Subject:") {
            Some(rest) => {
                let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
                (
                    first.trim().to_string(),
                    body.trim_start_matches('\n').to_string(),
                )
            }
            None => (String::new(), text),
        };
        Ok(Some(Draft {
            subject,
            body: tidy(&body),
        }))
    }
}

/// No runs of blank lines and no trailing spaces, whatever the template's conditionals left.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string() + "\n"
}
