//! rapport binary: parse arguments, load config, open the store, run a command or the TUI.

use std::process::ExitCode;

use clap::Parser;
use rapport::cli::{self, Cli};
use rapport::clock::Clock;
use rapport::config::{self, Config};
use rapport::store::Store;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("rapport: {}", cli::one_line_clap_error(&e));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let rapport::Error::Io { source, .. } = &e
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("rapport: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn run(cli: Cli) -> rapport::Result<()> {
    // clap fills --db and --config from RAPPORT_DB and RAPPORT_CONFIG when they are not given.
    let cfg = Config::load(cli.config.as_deref())?;
    let clock = Clock::from_env()?;
    let path = config::database_path(cli.db.as_deref(), cli.client.as_deref(), &cfg)?;
    let mut store = Store::open(&path)?;
    match cli.command {
        Some(command) => cli::run(command, store, cfg, clock, cli.json),
        None => rapport::tui::run(&mut store, &cfg, clock),
    }
}
