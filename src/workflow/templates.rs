//! The drafter: built-in update templates (assets/templates/<language>/) and a user's copies
//! in `<config dir>/templates/<language>/<kind>.txt` that replace them, rendered with
//! minijinja. Knows nothing of the policy or the store, so `Policy` can own one.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
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
    /// The built-in templates, for when a user's copy fails to render.
    builtin: Environment<'static>,
    pub language: String,
    /// One line per user template that could not be used (file, line, error); the built-in
    /// template stands in, so a broken template never blocks recording an issue.
    pub warnings: Vec<String>,
}

/// A rendered update: the template's `Subject:` line and the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub subject: String,
    pub body: String,
    /// The next-update time the body promises, if it promises one.
    #[serde(skip)]
    pub promised_at: Option<DateTime<Utc>>,
}

fn template_error(e: minijinja::Error) -> Error {
    Error::Template(e.to_string())
}

fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(template_error)?,
    );
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    Ok(env)
}

/// "template /x/en/notice.txt line 3: syntax error: ...; using the built-in one".
fn broken(path: &std::path::Path, e: &minijinja::Error) -> String {
    let line = e.line().map(|l| format!(" line {l}")).unwrap_or_default();
    let what = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    format!(
        "template {}{line}: {what}; using the built-in one",
        path.display()
    )
}

impl Drafter {
    pub fn new(language: &str, overrides: Option<PathBuf>) -> Result<Drafter> {
        if !BUILTIN.iter().any(|(l, _, _)| *l == language) {
            return Err(Error::invalid("language", language, "en, zh-CN".into()));
        }
        let mut env = environment()?;
        let mut builtin = environment()?;
        let mut warnings = Vec::new();
        // Every language is loaded: a client's own language picks its templates per project.
        for (lang, kind, source) in BUILTIN {
            let name = format!("{lang}/{kind}");
            builtin
                .add_template_owned(name.clone(), *source)
                .map_err(|e| Error::Template(format!("built-in {lang}/{kind}: {e}")))?;
            let user = overrides
                .as_ref()
                .map(|dir| dir.join(lang).join(format!("{kind}.txt")))
                .filter(|p| p.is_file());
            let mut added = false;
            if let Some(path) = user {
                match std::fs::read_to_string(&path) {
                    Ok(text) => match env.add_template_owned(name.clone(), text) {
                        Ok(()) => added = true,
                        Err(e) => warnings.push(broken(&path, &e)),
                    },
                    Err(e) => warnings.push(format!(
                        "template {}: {e}; using the built-in one",
                        path.display()
                    )),
                }
            }
            if !added {
                env.add_template_owned(name, *source)
                    .map_err(|e| Error::Template(format!("built-in {lang}/{kind}: {e}")))?;
            }
        }
        Ok(Drafter {
            env,
            builtin,
            language: language.to_string(),
            warnings,
        })
    }

    /// Renders `kind` with `ctx` in the configured language; kinds without a template give
    /// an empty body.
    pub fn render<C: Serialize>(&self, kind: UpdateKind, ctx: &C) -> Result<Option<Draft>> {
        self.render_in(&self.language, kind, ctx)
    }

    /// Renders `kind` with the templates of `language` (the configured one if unknown).
    pub fn render_in<C: Serialize>(
        &self,
        language: &str,
        kind: UpdateKind,
        ctx: &C,
    ) -> Result<Option<Draft>> {
        if !DRAFTED.contains(&kind) {
            return Ok(None);
        }
        let language = if BUILTIN.iter().any(|(l, _, _)| *l == language) {
            language
        } else {
            &self.language
        };
        let name = format!("{language}/{kind}");
        let value = minijinja::Value::from(minijinja::value::Serde(ctx));
        let render = |env: &Environment<'static>| {
            env.get_template(&name)
                .and_then(|t| t.render(value.clone()))
        };
        // A user's template that fails at render time gives way to the built-in one.
        let text = render(&self.env)
            .or_else(|_| render(&self.builtin))
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
            promised_at: None,
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
