//! `rapport completions SHELL` and `rapport man`: generated from the clap definitions, so
//! they always match the commands. Neither opens the database.
//!
//! Completions are static scripts: commands, options and fixed values (formats, shells)
//! complete; names stored in the database (projects, clients) do not, because the script
//! would have to run rapport on every Tab.

use std::io::Write;

use clap::CommandFactory;

use super::Cli;
use crate::error::{Error, Result};

pub const COMPLETIONS_HELP: &str = "\
Examples:
  rapport completions bash > ~/.local/share/bash-completion/completions/rapport
  rapport completions zsh > ~/.zfunc/_rapport      (with fpath+=~/.zfunc before compinit)
  rapport completions fish > ~/.config/fish/completions/rapport.fish

Commands, options and fixed values complete; project and client names do not (the scripts
are static and never read the database).";

fn out_err(e: std::io::Error) -> Error {
    Error::io("cannot write to standard output", e)
}

/// Prints the completion script of `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rapport", &mut buf);
    let mut out = std::io::stdout().lock();
    out.write_all(&buf).map_err(out_err)?;
    out.flush().map_err(out_err)
}

/// The manual page in roff, `.TH` first (clap_mangen writes its quote-string definitions
/// before the title; they only need to come before the text that uses them).
pub fn man_page() -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(|e| Error::io("cannot render the manual page", e))?;
    let page = String::from_utf8_lossy(&buf).into_owned();
    let (title, rest): (Vec<&str>, Vec<&str>) = page.lines().partition(|l| l.starts_with(".TH "));
    let mut out = title.join("\n");
    for l in rest {
        out.push('\n');
        out.push_str(l);
    }
    out.push('\n');
    Ok(out)
}

pub fn man() -> Result<()> {
    let page = man_page()?;
    let mut out = std::io::stdout().lock();
    out.write_all(page.as_bytes()).map_err(out_err)?;
    out.flush().map_err(out_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The words of one example line as a shell splits them (single quotes; a redirection
    /// or `||` ends the command).
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        let mut any = false;
        for c in line.chars() {
            match c {
                '\'' => {
                    quoted = !quoted;
                    any = true;
                }
                ' ' if !quoted => {
                    if any {
                        out.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                _ => {
                    word.push(c);
                    any = true;
                }
            }
        }
        if any {
            out.push(word);
        }
        let end = out
            .iter()
            .position(|w| matches!(w.as_str(), ">" | "||" | "|" | "(with"))
            .unwrap_or(out.len());
        out.truncate(end);
        out
    }

    fn examples(cmd: &clap::Command, found: &mut Vec<String>) {
        if let Some(help) = cmd.get_after_help() {
            for line in help.to_string().lines() {
                if let Some(ex) = line.trim().strip_prefix("rapport ") {
                    found.push(format!("rapport {ex}"));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            examples(sub, found);
        }
    }

    #[test]
    fn every_subcommand_shows_examples_and_every_example_parses() {
        let cmd = Cli::command();
        let mut missing = Vec::new();
        fn leaves(cmd: &clap::Command, path: String, missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                let p = format!("{path} {}", sub.get_name());
                if sub.get_after_help().is_none() && sub.get_name() != "help" {
                    missing.push(p.clone());
                }
                leaves(sub, p, missing);
            }
        }
        leaves(&cmd, "rapport".into(), &mut missing);
        assert!(missing.is_empty(), "no examples in: {missing:?}");
        let mut found = Vec::new();
        examples(&cmd, &mut found);
        assert!(found.len() > 60, "{}", found.len());
        let wrong: Vec<String> = found
            .iter()
            .filter_map(|ex| {
                let e = Cli::try_parse_from(words(ex)).err()?;
                Some(format!(
                    "{ex}: {}",
                    e.to_string().lines().next().unwrap_or("")
                ))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_man_page_starts_with_its_title() {
        let page = man_page().unwrap();
        assert!(page.starts_with(".TH rapport 1"), "{page:.100}");
        assert!(page.contains(".ds Aq"), "the quote strings are kept");
    }
}
