//! rapport binary: parse arguments, load config, open the store, run a command or the TUI.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rapport::cli::{self, Cli, Command, Place};
use rapport::clock::Clock;
use rapport::config::{self, Config};
use rapport::i18n::{Lang, tr, trf, with_lang};
use rapport::model::text;
use rapport::store::Store;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The locale's language until the config (read later) says otherwise.
    rapport::i18n::set_lang(rapport::i18n::Lang::from_env());
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
                // Help in Chinese is built only here, so a command that runs never pays for it.
                let e = cli::help_zh::help_in_language(&args, e, Cli::command);
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // The complaint speaks the language help would (ui_language counts).
            rapport::i18n::set_lang(cli::help_zh::help_language(&args));
            eprintln!("rapport: {}", text::one_line(&cli::one_line_clap_error(&e)));
            return ExitCode::from(2);
        }
    };
    let result = run(cli);
    for note in rapport::store::damage::take() {
        eprintln!("rapport: {}", trf("warning: {note}", &[("note", &note)]));
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
            return cli::completions(shell, Cli::command()).map(|()| ExitCode::SUCCESS);
        }
        Some(Command::Man) => return cli::man(Cli::command()).map(|()| ExitCode::SUCCESS),
        _ => {}
    }
    if cli.command.is_none() {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(rapport::Error::Conflict(
                tr("the terminal interface needs a terminal (stdin and stdout); run a command instead, see rapport --help").into(),
            ));
        }
    }
    let config_path = cli
        .config
        .clone()
        .or_else(|| std::env::var_os("RAPPORT_CONFIG").map(Into::into));
    let cfg = Config::load(config_path.as_deref())?;
    rapport::i18n::set_lang(cfg.ui_lang());
    let clock = Clock::from_env()?;
    let env_db = std::env::var_os("RAPPORT_DB").map(std::path::PathBuf::from);
    if cli.all_clients {
        return run_portfolio(cli, cfg, config_path, env_db, clock).map(|()| ExitCode::SUCCESS);
    }
    if let Some(Command::Demo {
        clients: Some(n), ..
    }) = &cli.command
    {
        return cli::demo_clients::run(
            n,
            &cfg,
            clock,
            cli.json,
            cli.db.is_some() || cli.client.is_some(),
        )
        .map(|()| ExitCode::SUCCESS);
    }
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
    // A client's own settings (clients/NAME.toml beside the config) apply to its file.
    let cfg = match &place.client {
        Some(name) => Config::load_for_client(config_path.as_deref(), name)?,
        None => cfg,
    };
    rapport::i18n::set_lang(cfg.ui_lang());
    if matches!(cli.command, Some(Command::Where)) {
        return cli::print_where(&place, cli.out().json).map(|()| ExitCode::SUCCESS);
    }
    if let Some(Command::Today { summary: true, .. }) = cli.command {
        // Reads only: a prompt or cron job never creates, migrates or locks the file.
        if !place.path.exists() {
            let out = cli.out();
            let line = || {
                trf(
                    "no database yet at {path}",
                    &[("path", &place.path.display())],
                )
            };
            // --json reads the same in every interface language.
            out.line(&if out.json {
                with_lang(Lang::En, line)
            } else {
                line()
            })?;
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
    // An import fills a new file as init and demo do.
    let creates = matches!(
        cli.command,
        Some(Command::Init | Command::Demo { .. } | Command::Import(_))
    );
    if rule.is_explicit_path() && !creates && !place.path.exists() {
        let shown = place.path.display().to_string();
        let quoted = if shown.contains(char::is_whitespace) {
            format!("'{shown}'")
        } else {
            shown.clone()
        };
        return Err(rapport::Error::Conflict(trf(
            "no database at {path} (from {rule}); create it with: rapport --db {quoted} init",
            &[
                ("path", &shown),
                ("rule", &rule.describe_shown()),
                ("quoted", &quoted),
            ],
        )));
    }
    let mut store = Store::open(&place.path)?;
    if let Some(copy) = &store.backup_before_migration {
        eprintln!(
            "rapport: {}",
            trf(
                "upgraded the database's schema; the file as it was is kept at {path}",
                &[("path", &copy.display())]
            )
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
            rapport::tui::run(&mut store, &cfg, clock, place.client.as_deref())
                .map(|()| ExitCode::SUCCESS)
        }
    }
}

/// `rapport --all-clients [COMMAND]`: every client's file, read-only.
fn run_portfolio(
    cli: Cli,
    cfg: Config,
    config_path: Option<std::path::PathBuf>,
    env_db: Option<std::path::PathBuf>,
    clock: Clock,
) -> rapport::Result<()> {
    if cli.db.is_some() || cli.client.is_some() {
        return Err(rapport::Error::Conflict(
            tr("--all-clients reads every client's file: leave out --db and --client, or drop --all-clients").into(),
        ));
    }
    let (default_file, _) = config::choose_database(None, env_db.as_deref(), None, &cfg)?;
    let clients_dir = config::data_dir()?.join("clients");
    let files = rapport::workflow::portfolio::client_files(&clients_dir, &default_file)?;
    if files.is_empty() {
        return Err(rapport::Error::Conflict(trf(
            "no client files in {dir} (and no {file}); make some with: rapport demo --clients 8",
            &[
                ("dir", &clients_dir.display()),
                ("file", &default_file.display()),
            ],
        )));
    }
    let portfolio = cli::portfolio::Portfolio {
        files,
        cfg,
        config_path,
        per_client: true,
        now: clock.now(),
    };
    match cli.command {
        Some(command) => cli::portfolio::run(&portfolio, command, cli.json),
        None => rapport::tui::portfolio::run(&portfolio, clock),
    }
}
