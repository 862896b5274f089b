//! `rapport completions SHELL` and `rapport man`: generated from the clap definitions, so
//! they always match the commands. Neither opens the database.
//!
//! Completions are static scripts: commands, options and fixed values (formats, shells)
//! complete; names stored in the database (projects, clients) do not, because the script
//! would have to run rapport on every Tab.

use std::io::Write;

use crate::error::{Error, Result};
use crate::i18n::tr;

pub const COMPLETIONS_HELP: &str = "\
Examples:
  rapport completions bash > ~/.local/share/bash-completion/completions/rapport
  rapport completions zsh > ~/.zfunc/_rapport      (with fpath+=~/.zfunc before compinit)
  rapport completions fish > ~/.config/fish/completions/rapport.fish

Commands, options and fixed values complete; project and client names do not (the scripts
are static and never read the database).";

fn out_err(e: std::io::Error) -> Error {
    Error::io(tr("cannot write to standard output"), e)
}

/// Prints the completion script of `shell`.
pub fn completions(shell: clap_complete::Shell, mut cmd: clap::Command) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "rapport", &mut buf);
    let mut out = std::io::stdout().lock();
    out.write_all(&buf).map_err(out_err)?;
    out.flush().map_err(out_err)
}

/// The manual page in roff, `.TH` first (clap_mangen writes its quote-string definitions
/// before the title; they only need to come before the text that uses them).
pub fn man_page(cmd: clap::Command) -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .map_err(|e| Error::io(tr("cannot render the manual page"), e))?;
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

pub fn man(cmd: clap::Command) -> Result<()> {
    let page = man_page(cmd)?;
    let mut out = std::io::stdout().lock();
    out.write_all(page.as_bytes()).map_err(out_err)?;
    out.flush().map_err(out_err)
}
