//! Every subcommand's `--help` shows examples, and every example parses.

#[cfg(test)]
mod tests {
    use crate::cli::Cli;
    use clap::CommandFactory;
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
        let page = crate::cli::man_page(Cli::command()).unwrap();
        assert!(page.starts_with(".TH rapport 1"), "{page:.100}");
        assert!(page.contains(".ds Aq"), "the quote strings are kept");
    }
}
