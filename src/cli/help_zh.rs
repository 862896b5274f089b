//! `--help` in Simplified Chinese. clap writes help from the definitions' doc comments, which
//! are English; under zh-CN the built command tree is walked once and every text it shows is
//! put through the catalogue (`assets/i18n/zh-CN/help.toml`): each command's about, each
//! argument's help, the examples' heading and notes, the section headings (through a help
//! template per command), clap's own `-h`, `-V` and `help` texts, and the default and
//! possible values clap would append in English.
//!
//! Only help needs it, so the English tree parses first and the Chinese one is built only
//! when clap answers with help ([`help_in_language`]): a command that runs pays nothing, in
//! any language. Parsing is clap's in both trees (suggestions, errors, exit codes). clap's
//! complaints about a command line are written in Chinese from their parts
//! ([`clap_error_zh`]); `rapport man` and `rapport completions` stay English (installed
//! once, for whoever uses the machine).

use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::{Arg, Command};

use crate::config::Config;
use crate::i18n::{Lang, zh_cn_text};

/// clap's own words the walk asks for besides the texts of the definitions.
const USAGE: &str = "Usage:";
const COMMANDS: &str = "Commands:";
const ARGUMENTS: &str = "Arguments:";
const OPTIONS: &str = "Options:";
const DEFAULT: &str = "[default: {value}]";
const POSSIBLE_VALUES: &str = "[possible values: {values}]";
const POSSIBLE_VALUES_LIST: &str = "Possible values:";

/// The language help should be shown in: `ui_language` in the config that `--config` (or
/// RAPPORT_CONFIG) names, and the `--client`'s own settings, else the locale. A config that
/// cannot be read does not stop help: the locale decides.
pub fn help_language(args: &[OsString]) -> Lang {
    let mut config: Option<std::path::PathBuf> = None;
    let mut client: Option<String> = None;
    let mut words = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(v) = word.strip_prefix("--config=") {
            config = Some(v.into());
        } else if let Some(v) = word.strip_prefix("--client=") {
            client = Some(v.into());
        } else if word == "--config" {
            config = words.next().map(Into::into);
        } else if word == "--client" {
            client = words.next();
        }
    }
    let config = config.or_else(|| std::env::var_os("RAPPORT_CONFIG").map(Into::into));
    let loaded = match &client {
        Some(name) => Config::load_for_client(config.as_deref(), name),
        None => Config::load(config.as_deref()),
    };
    loaded
        .map(|c| c.ui_lang())
        .unwrap_or_else(|_| Lang::from_env())
}

/// clap's help answer (`english`, from parsing `args` with `command()`) in the language help
/// is shown in: under zh-CN the same arguments parsed again by the translated tree.
pub fn help_in_language(
    args: &[OsString],
    english: clap::Error,
    command: impl FnOnce() -> Command,
) -> clap::Error {
    if help_language(args) != Lang::ZhCn {
        return english;
    }
    chinese_help(args, english, command)
}

fn chinese_help(
    args: &[OsString],
    english: clap::Error,
    command: impl FnOnce() -> Command,
) -> clap::Error {
    // Only the commands named on the line need their whole help: the others show one line.
    let named: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut cmd = command();
    cmd.build();
    let cmd = walk(cmd, &mut translate, &Scope::Named(&named), true);
    match cmd.try_get_matches_from(args) {
        Err(e) if e.kind() == english.kind() => e,
        _ => english,
    }
}

/// The whole command tree with its help in Simplified Chinese (texts with no translation
/// stay English).
pub fn localize(cmd: Command) -> Command {
    walk_built(cmd, &mut translate)
}

fn translate(text: &str) -> String {
    zh_cn_text(text).map_or_else(|| text.to_string(), str::to_string)
}

/// Which commands get their whole help translated; the others only the line their parent
/// lists them with.
enum Scope<'a> {
    All,
    Named(&'a [String]),
}

impl Scope<'_> {
    fn whole(&self, cmd: &Command) -> bool {
        match self {
            Scope::All => true,
            Scope::Named(words) => words
                .iter()
                .any(|w| w == cmd.get_name() || cmd.get_all_aliases().any(|alias| alias == w)),
        }
    }
}

/// Builds `cmd` (which adds clap's `-h`, `-V`, the `help` subcommand and the global options
/// to every subcommand) and gives every text it shows to `t`: the translator, or in tests a
/// collector of the keys.
pub(crate) fn walk_built(mut cmd: Command, t: &mut dyn FnMut(&str) -> String) -> Command {
    cmd.build();
    walk(cmd, t, &Scope::All, true)
}

fn walk(
    mut cmd: Command,
    t: &mut dyn FnMut(&str) -> String,
    scope: &Scope,
    whole: bool,
) -> Command {
    if let Some(s) = cmd.get_about() {
        let s = block(&s.ansi().to_string(), t);
        cmd = cmd.about(s);
    }
    if let Some(s) = cmd.get_long_about() {
        let s = block(&s.ansi().to_string(), t);
        cmd = cmd.long_about(s);
    }
    if !whole {
        return cmd;
    }
    if let Some(s) = cmd.get_before_help() {
        let s = block(&s.ansi().to_string(), t);
        cmd = cmd.before_help(s);
    }
    if let Some(s) = cmd.get_before_long_help() {
        let s = block(&s.ansi().to_string(), t);
        cmd = cmd.before_long_help(s);
    }
    if let Some(s) = cmd.get_after_help() {
        let s = block(&s.ansi().to_string(), t);
        cmd = cmd.after_help(s);
    }
    if let Some(s) = cmd.get_after_long_help() {
        let s = block(&s.ansi().to_string(), t);
        cmd = cmd.after_long_help(s);
    }
    let template = template(&cmd, t);
    cmd = cmd.help_template(template);
    cmd = cmd.mut_args(|a| arg(a, t));
    cmd.mut_subcommands(|sub| {
        let whole = scope.whole(&sub);
        walk(sub, t, scope, whole)
    })
}

/// clap's default help template with the headings translated: "Usage:" and the sections
/// this command shows (clap's own template writes them in English).
fn template(cmd: &Command, t: &mut dyn FnMut(&str) -> String) -> String {
    let styles = cmd.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let mut sections = Vec::new();
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        let heading = match cmd.get_subcommand_help_heading() {
            Some(h) => t(&format!("{h}:")),
            None => t(COMMANDS),
        };
        sections.push((heading, "{subcommands}"));
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        sections.push((t(ARGUMENTS), "{positionals}"));
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        sections.push((t(OPTIONS), "{options}"));
    }
    let heading = t(USAGE);
    // A full-width colon carries its own space.
    let gap = if heading.ends_with('：') { "" } else { " " };
    let mut out = format!(
        "{{before-help}}{{about-with-newline}}\n{}{heading}{}{gap}{{usage}}",
        usage.render(),
        usage.render_reset()
    );
    for (heading, tag) in &sections {
        out.push_str("\n\n");
        out.push_str(&format!(
            "{}{heading}{}\n{tag}",
            header.render(),
            header.render_reset()
        ));
    }
    out.push_str("{after-help}");
    out
}

/// One argument: its help, and the default and possible values clap would append in
/// English, written here in the translation instead.
fn arg(mut a: Arg, t: &mut dyn FnMut(&str) -> String) -> Arg {
    let help = a.get_help().map(|s| block(&s.ansi().to_string(), t));
    let long_help = a.get_long_help().map(|s| block(&s.ansi().to_string(), t));
    let mut short_specs = Vec::new();
    let mut long_list = None;
    // A flag has a hidden default ("false") and possible values; clap shows neither.
    let takes_value = a.get_num_args().is_some_and(|n| n.takes_values());
    let values: Vec<PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        short_specs.push(t(POSSIBLE_VALUES).replace("{values}", &names.join(", ")));
        if values.iter().any(|v| v.get_help().is_some()) {
            let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
            let mut list = t(POSSIBLE_VALUES_LIST);
            for v in &values {
                list.push_str(&format!("\n- {}", v.get_name()));
                if let Some(h) = v.get_help() {
                    let pad = width - v.get_name().chars().count();
                    list.push_str(&format!(": {:pad$}{}", "", block(&h.to_string(), t)));
                }
            }
            long_list = Some(list);
        }
        a = a.hide_possible_values(true);
    }
    let defaults = a.get_default_values();
    let mut default_spec = None;
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        let shown: Vec<String> = defaults
            .iter()
            .map(|d| {
                let d = d.to_string_lossy();
                if d.is_empty() || d.contains(char::is_whitespace) {
                    format!("{d:?}")
                } else {
                    d.into_owned()
                }
            })
            .collect();
        default_spec = Some(t(DEFAULT).replace("{value}", &shown.join(" ")));
        a = a.hide_default_value(true);
    }
    if short_specs.is_empty() && default_spec.is_none() {
        if let Some(h) = help {
            a = a.help(h);
        }
        if let Some(h) = long_help {
            a = a.long_help(h);
        }
        return a;
    }
    // clap's order: the default before the possible values on one line (-h); with --help,
    // the list of values with their help, then the default on its own paragraph.
    let mut short_line: Vec<String> = default_spec.iter().cloned().collect();
    short_line.extend(short_specs.iter().cloned());
    let short = join_nonempty(help.as_deref().unwrap_or(""), " ", &short_line.join(" "));
    let long_base = long_help.or(help).unwrap_or_default();
    let long = match long_list {
        Some(list) => {
            let with_list = join_nonempty(&long_base, "\n\n", &list);
            match &default_spec {
                Some(d) => join_nonempty(&with_list, "\n\n", d),
                None => with_list,
            }
        }
        None => join_nonempty(&long_base, "\n\n", &short_line.join(" ")),
    };
    a.help(short).long_help(long)
}

fn join_nonempty(a: &str, sep: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}{sep}{b}"),
    }
}

/// A help text, paragraph by paragraph. Prose is one key per paragraph (its lines joined:
/// the source wraps them, not the meaning); an indented block under a heading line such as
/// "Examples:" keeps its command lines and translates the heading and any note set off by
/// two spaces after a command ("rapport x > file      (with ...)").
fn block(text: &str, t: &mut dyn FnMut(&str) -> String) -> String {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let lines: Vec<&str> = paragraph.lines().collect();
        let listing = lines.len() > 1
            && lines[0].trim_end().ends_with(':')
            && lines[1..].iter().all(|l| l.starts_with(' '));
        if listing {
            let mut done = vec![t(lines[0].trim_end())];
            for line in &lines[1..] {
                done.push(example_line(line, t));
            }
            out.push(done.join("\n"));
        } else if paragraph.trim().is_empty() {
            out.push(paragraph.to_string());
        } else {
            let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
            out.push(t(&joined.join(" ")));
        }
    }
    out.join("\n\n")
}

/// An example's command stays as typed; a note after it, set off by two spaces and in
/// parentheses, is prose.
fn example_line(line: &str, t: &mut dyn FnMut(&str) -> String) -> String {
    let body = line.trim_start();
    if let Some(at) = body.find("  (")
        && body.ends_with(')')
    {
        let (command, note) = body.split_at(at);
        let gap = &note[..note.len() - note.trim_start().len()];
        let indent = &line[..line.len() - body.len()];
        return format!("{indent}{command}{gap}{}", t(note.trim_start()));
    }
    line.to_string()
}

/// clap's complaints about a command line, for [`clap_error_zh`].
const UNRECOGNIZED_SUBCOMMAND: &str = "unrecognized subcommand '{name}'";
const UNEXPECTED_ARGUMENT: &str = "unexpected argument '{arg}' found";
const VALUE_REQUIRED: &str = "a value is required for '{arg}' but none was supplied";
const INVALID_VALUE: &str = "invalid value '{value}' for '{arg}'";
const MISSING_ARGUMENTS: &str = "the following required arguments were not provided: {args}";
const MISSING_SUBCOMMAND: &str = "'{name}' requires a subcommand but one was not provided";
const SUBCOMMANDS: &str = "[subcommands: {values}]";
const USED_TWICE: &str = "the argument '{arg}' cannot be used multiple times";
const CONFLICT: &str = "the argument '{arg}' cannot be used with {other}";
const EXTRA_VALUE: &str = "unexpected value '{value}' for '{arg}' found; no more were expected";
const SIMILAR_SUBCOMMAND: &str = "tip: a similar subcommand exists: {names}";
const SIMILAR_ARGUMENT: &str = "tip: a similar argument exists: {names}";
const SIMILAR_VALUE: &str = "tip: a similar value exists: {names}";

/// Every text [`clap_error_zh`] asks the catalogue for (the test checks their translations).
#[cfg(test)]
const ERROR_TEXTS: &[&str] = &[
    UNRECOGNIZED_SUBCOMMAND,
    UNEXPECTED_ARGUMENT,
    VALUE_REQUIRED,
    INVALID_VALUE,
    MISSING_ARGUMENTS,
    MISSING_SUBCOMMAND,
    SUBCOMMANDS,
    USED_TWICE,
    CONFLICT,
    EXTRA_VALUE,
    SIMILAR_SUBCOMMAND,
    SIMILAR_ARGUMENT,
    SIMILAR_VALUE,
    POSSIBLE_VALUES,
];

/// clap's complaint about the command line in Chinese, on one line with its tip ("did you
/// mean"); `None` for the rare kinds not written here, whose English clap keeps.
pub fn clap_error_zh(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind as E};
    let one = |kind| match err.get(kind) {
        Some(V::String(s)) => Some(s.clone()),
        _ => None,
    };
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let list = |kind| match err.get(kind) {
        Some(V::Strings(v)) => Some(v.clone()),
        _ => None,
    };
    let fill = |key: &str, args: &[(&str, &str)]| {
        let mut out = translate(key);
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    };
    let mut parts = vec![match err.kind() {
        E::InvalidSubcommand => fill(
            UNRECOGNIZED_SUBCOMMAND,
            &[("name", &one(K::InvalidSubcommand)?)],
        ),
        E::UnknownArgument => fill(UNEXPECTED_ARGUMENT, &[("arg", &one(K::InvalidArg)?)]),
        E::InvalidValue | E::ValueValidation => {
            let (arg, value) = (one(K::InvalidArg)?, one(K::InvalidValue)?);
            let mut text = if value.is_empty() {
                fill(VALUE_REQUIRED, &[("arg", &arg)])
            } else {
                fill(INVALID_VALUE, &[("arg", &arg), ("value", &value)])
            };
            if let Some(values) = list(K::ValidValue).filter(|v| !v.is_empty()) {
                text.push(' ');
                text.push_str(&fill(POSSIBLE_VALUES, &[("values", &values.join(", "))]));
            }
            // A value parser's own reason (English: clap's or the parser's words).
            if let Some(reason) = std::error::Error::source(err) {
                text.push_str(&format!(": {reason}"));
            }
            text
        }
        E::MissingRequiredArgument => fill(
            MISSING_ARGUMENTS,
            &[("args", &list(K::InvalidArg)?.join(", "))],
        ),
        E::MissingSubcommand => {
            let mut text = fill(MISSING_SUBCOMMAND, &[("name", &one(K::InvalidSubcommand)?)]);
            if let Some(values) = list(K::ValidSubcommand).filter(|v| !v.is_empty()) {
                text.push(' ');
                text.push_str(&fill(SUBCOMMANDS, &[("values", &values.join(", "))]));
            }
            text
        }
        E::ArgumentConflict => {
            let arg = one(K::InvalidArg)?;
            match err.get(K::PriorArg) {
                Some(V::String(prior)) if *prior == arg => fill(USED_TWICE, &[("arg", &arg)]),
                Some(V::String(prior)) => {
                    fill(CONFLICT, &[("arg", &arg), ("other", &format!("'{prior}'"))])
                }
                Some(V::Strings(prior)) => {
                    fill(CONFLICT, &[("arg", &arg), ("other", &quoted(prior))])
                }
                _ => return None,
            }
        }
        E::TooManyValues => fill(
            EXTRA_VALUE,
            &[
                ("arg", &one(K::InvalidArg)?),
                ("value", &one(K::InvalidValue)?),
            ],
        ),
        _ => return None,
    }];
    for (kind, key) in [
        (K::SuggestedSubcommand, SIMILAR_SUBCOMMAND),
        (K::SuggestedArg, SIMILAR_ARGUMENT),
        (K::SuggestedValue, SIMILAR_VALUE),
    ] {
        let names = match err.get(kind) {
            Some(V::String(name)) => vec![name.clone()],
            Some(V::Strings(names)) => names.clone(),
            _ => continue,
        };
        parts.push(fill(key, &[("names", &quoted(&names))]));
    }
    // clap's other hints ("to pass '-x' as a value, use '-- -x'") stay as clap writes them.
    if let Some(V::StyledStrs(hints)) = err.get(K::Suggested) {
        parts.extend(hints.iter().map(|h| h.to_string()));
    }
    Some(parts.join("；"))
}

#[cfg(test)]
#[path = "help_zh_tests.rs"]
mod tests;
