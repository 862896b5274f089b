//! rapport binary: parse arguments, load config, open the store, run a command or the TUI.

use std::process::ExitCode;

use clap::Parser;
use rapport::cli::{self, Cli, Command, Place};
use rapport::clock::Clock;
use rapport::config::{self, Config};
use rapport::model::text;
use rapport::store::Store;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(msg) = cli::misplaced_client(&args) {
        eprintln!("rapport: {}", text::one_line(&msg));
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse_from(&args) {
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
            eprintln!("rapport: {}", text::one_line(&cli::one_line_clap_error(&e)));
            return ExitCode::from(2);
        }
    };
    let result = run(cli);
    for note in rapport::store::damage::take() {
        eprintln!("rapport: warning: {note}");
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            if let rapport::Error::Io { source, .. } = &e
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            // Error messages echo what the user typed and what is stored: never raw controls.
            eprintln!("rapport: {}", text::one_line(&e.to_string()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn run(cli: Cli) -> rapport::Result<ExitCode> {
    // Generated from the definitions: no config, no database.
    match cli.command {
        Some(Command::Completions { shell }) => {
            return cli::completions(shell).map(|()| ExitCode::SUCCESS);
        }
        Some(Command::Man) => return cli::man().map(|()| ExitCode::SUCCESS),
        _ => {}
    }
    if cli.command.is_none() {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(rapport::Error::Conflict(
                "the terminal interface needs a terminal (stdin and stdout); run a command instead, see rapport --help".into(),
            ));
        }
    }
    let config_path = cli
        .config
        .clone()
        .or_else(|| std::env::var_os("RAPPORT_CONFIG").map(Into::into));
    let cfg = Config::load(config_path.as_deref())?;
    let clock = Clock::from_env()?;
    let env_db = std::env::var_os("RAPPORT_DB").map(std::path::PathBuf::from);
    let (path, rule) = config::choose_database(
        cli.db.as_deref(),
        env_db.as_deref(),
        cli.client.as_deref(),
        &cfg,
    )?;
    let place = Place {
        path,
        rule,
        client: cli
            .client
            .clone()
            .filter(|_| rule == config::DbRule::ClientFlag),
    };
    if matches!(cli.command, Some(Command::Where)) {
        return cli::print_where(&place, cli.out().json).map(|()| ExitCode::SUCCESS);
    }
    if let Some(Command::Today { summary: true, .. }) = cli.command {
        // Reads only: a prompt or cron job never creates, migrates or locks the file.
        if !place.path.exists() {
            cli.out()
                .line(&format!("no database yet at {}", place.path.display()))?;
            return Ok(ExitCode::SUCCESS);
        }
        let store = Store::open_reading(&place.path)?;
        let late = cli::summary(store, cfg, clock, cli.out(), place)?;
        return Ok(if late {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    let creates = matches!(cli.command, Some(Command::Init | Command::Demo { .. }));
    if rule.is_explicit_path() && !creates && !place.path.exists() {
        let shown = place.path.display().to_string();
        let quoted = if shown.contains(char::is_whitespace) {
            format!("'{shown}'")
        } else {
            shown.clone()
        };
        return Err(rapport::Error::Conflict(format!(
            "no database at {shown} (from {}); create it with: rapport --db {quoted} init",
            rule.describe()
        )));
    }
    let mut store = Store::open(&place.path)?;
    if let Some(copy) = &store.backup_before_migration {
        eprintln!(
            "rapport: upgraded the database's schema; the file as it was is kept at {}",
            copy.display()
        );
    }
    if cli.command.is_none() {
        // The terminal interface must stay responsive: it waits less for other writers.
        store.set_busy_timeout(std::time::Duration::from_secs(5))?;
    }
    let out = cli.out();
    match cli.command {
        Some(command) => {
            store.set_origin("cli", clock);
            cli::run(command, store, cfg, clock, out, place).map(|()| ExitCode::SUCCESS)
        }
        None => {
            store.set_origin("tui", clock);
            rapport::tui::run(&mut store, &cfg, clock).map(|()| ExitCode::SUCCESS)
        }
    }
}
