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

/// The built-in template named `lang/kind`, for an environment's loader.
fn builtin_source(name: &str) -> std::result::Result<Option<String>, minijinja::Error> {
    Ok(BUILTIN
        .iter()
        .find(|(lang, kind, _)| name.split_once('/') == Some((lang, kind)))
        .map(|(_, _, source)| source.to_string()))
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

/// A user template's text when it is fit to draft from, or the warning that names the file.
/// The template's own text may hold no control character but a line break or a tab, and the
/// subject it makes with no data (its literal part) must fit [`crate::model::MAX_SUBJECT`]:
/// stored text that fills it in is the output sanitiser's concern, not the template's.
fn checked(
    path: &std::path::Path,
    name: &str,
    text: String,
) -> std::result::Result<String, String> {
    let refuse =
        |why: String| format!("template {}: {why}; using the built-in one", path.display());
    if let Some((n, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.chars().any(|c| c.is_control() && c != '\t'))
    {
        let c = line
            .chars()
            .find(|c| c.is_control() && *c != '\t')
            .unwrap_or_default();
        return Err(refuse(format!(
            "line {}: control character U+{:04X} is not allowed (only line breaks and tabs)",
            n + 1,
            u32::from(c)
        )));
    }
    // Rendered with no data: what is left of the subject line is the template's own.
    let mut probe = environment().map_err(|e| refuse(e.to_string()))?;
    if probe
        .add_template_owned(name.to_string(), text.clone())
        .is_ok()
    {
        let rendered = probe
            .get_template(name)
            .and_then(|t| t.render(minijinja::context! {}));
        if let Ok(out) = rendered {
            if let Some(c) = out
                .chars()
                .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            {
                return Err(refuse(format!(
                    "its output holds control character U+{:04X} (only line breaks and tabs are allowed)",
                    u32::from(c)
                )));
            }
            let subject = out
                .strip_prefix("Subject:")
                .map(|r| r.lines().next().unwrap_or("").trim());
            if let Some(subject) = subject {
                let len = subject.chars().count();
                if len > crate::model::MAX_SUBJECT {
                    return Err(refuse(format!(
                        "its subject is {len} characters before any data (at most {} allowed)",
                        crate::model::MAX_SUBJECT
                    )));
                }
            }
        }
    }
    Ok(text)
}

impl Drafter {
    pub fn new(language: &str, overrides: Option<PathBuf>) -> Result<Drafter> {
        if !BUILTIN.iter().any(|(l, _, _)| *l == language) {
            return Err(Error::invalid("language", language, "en, zh-CN".into()));
        }
        // The built-in templates are compiled when first rendered (a command drafts one
        // kind in one language; compiling all of them cost every `issue add` ~1 ms).
        let mut env = environment()?;
        env.set_loader(builtin_source);
        let mut builtin = environment()?;
        builtin.set_loader(builtin_source);
        let mut warnings = Vec::new();
        // Every language is loaded: a client's own language picks its templates per project.
        // A user's copy is read and checked now, so a broken one is reported at once.
        for (lang, kind, _) in BUILTIN {
            let name = format!("{lang}/{kind}");
            let user = overrides
                .as_ref()
                .map(|dir| dir.join(lang).join(format!("{kind}.txt")))
                .filter(|p| p.is_file());
            if let Some(path) = user {
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        // A file saved with Windows line endings is still a good template.
                        let text = text.replace("\r\n", "\n");
                        match checked(&path, &name, text) {
                            Ok(text) => {
                                if let Err(e) = env.add_template_owned(name.clone(), text) {
                                    warnings.push(broken(&path, &e));
                                }
                            }
                            Err(w) => warnings.push(w),
                        }
                    }
                    Err(e) => warnings.push(format!(
                        "template {}: {e}; using the built-in one",
                        path.display()
                    )),
                }
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
            // The template's own text was checked at load; what is still too long comes from
            // stored text (a long title), which is cut rather than refused.
            subject: crate::model::cut_subject(&subject),
            body: tidy(&body),
            promised_at: None,
        }))
    }
}

/// Renders a client-text template kept apart from the update kinds (a reply, the minutes)
/// with the drafter's syntax: its `Subject:` line (or `fallback` without one) and the body,
/// tidied. `what` names the template in an error.
pub(crate) fn render_subject_body<C: Serialize>(
    what: &str,
    source: &str,
    ctx: &C,
    fallback: &str,
) -> Result<(String, String)> {
    let env = environment()?;
    let text = env
        .render_str(source, minijinja::Value::from(minijinja::value::Serde(ctx)))
        .map_err(|e| Error::Template(format!("{what} template: {e}")))?;
    let (subject, body) = match text.strip_prefix("Subject:") {
        Some(rest) => {
            let (s, b) = rest.split_once('\n').unwrap_or((rest, ""));
            (s.trim().to_string(), b.to_string())
        }
        None => (fallback.to_string(), text),
    };
    Ok((crate::model::cut_subject(&subject), tidy(&body)))
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

/// Renders a built-in template that is not an update kind's (the review request) with `ctx`:
/// the subject from its `Subject:` line (`fallback` without one) and the tidied body.
pub(crate) fn render_builtin<C: Serialize>(
    source: &str,
    ctx: &C,
    fallback: &str,
) -> Result<(String, String)> {
    let env = environment()?;
    let text = env
        .render_str(source, minijinja::Value::from(minijinja::value::Serde(ctx)))
        .map_err(template_error)?;
    Ok(match text.strip_prefix("Subject:") {
        Some(rest) => {
            let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (crate::model::cut_subject(first.trim()), tidy(body))
        }
        None => (fallback.to_string(), tidy(&text)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_compiles_when_asked_for() {
        let drafter = Drafter::new("en", None).expect("drafter");
        for (lang, kind, _) in BUILTIN {
            let name = format!("{lang}/{kind}");
            drafter
                .env
                .get_template(&name)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert!(drafter.env.get_template("fr/notice").is_err());
    }
}
