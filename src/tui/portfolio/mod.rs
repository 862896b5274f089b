//! The portfolio in the terminal (`rapport --all-clients`): Today across every client's file
//! (read-only), Enter opens an item's client file in the normal panes (writes go to that file
//! only, its rules run there as in any opened file), `c` switches clients.

pub mod state;
pub mod view;

use crossterm::event::{self, Event, KeyEventKind};

use super::effects::Effects;
use super::keymap::KeyMap;
use super::{
    LoopEnd, RestoreOnDrop, action::Action, app::Zone, io, modes_on, paste_off_on_panic, set_theme,
};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::workflow::portfolio::Portfolio;
use crate::workflow::today::Section;
use crate::workflow::{Policy, Record};
use state::Step;

pub fn run(p: &Portfolio, clock: Clock) -> Result<()> {
    KeyMap::with_overrides(&p.cfg.keys)?;
    set_theme(&p.cfg)?;
    let mut terminal = ratatui::init();
    let _restore = RestoreOnDrop;
    paste_off_on_panic();
    modes_on(p.cfg.mouse)?;
    let mut screen = state::Portfolio::new(p.today(clock.now(), Zone::Local));
    loop {
        terminal
            .draw(|frame| view::draw(frame, &screen))
            .map_err(io)?;
        let key = match event::read().map_err(io)? {
            Event::Key(k) if k.kind != KeyEventKind::Release => super::to_key(k),
            _ => None,
        };
        let Some(key) = key else { continue };
        match screen.key(key) {
            Step::Stay => {}
            Step::Quit => return Ok(()),
            Step::Open { client, item } => {
                let end = open_client(&mut terminal, p, &client, item, clock);
                // Back from the file: what changed there shows in the portfolio.
                let mut again = state::Portfolio::new(p.today(clock.now(), Zone::Local));
                again.selected = screen
                    .selected
                    .min(again.today.items.len().saturating_sub(1));
                again.last_client = Some(client.clone());
                screen = again;
                match end {
                    Ok(LoopEnd::Quit) => return Ok(()),
                    Ok(LoopEnd::SwitchClient) => screen.open_switcher(),
                    Err(e) => screen
                        .today
                        .skipped
                        .push(crate::workflow::portfolio::Skipped {
                            client: client.clone(),
                            path: Default::default(),
                            reason: crate::model::text::one_line(&e.to_string()).into_owned(),
                        }),
                }
            }
        }
    }
}

/// Opens one client's file in the panes (at `item` when given) until the user quits or
/// presses `c`.
pub fn open_client(
    terminal: &mut ratatui::DefaultTerminal,
    p: &Portfolio,
    name: &str,
    item: Option<(Section, Record)>,
    clock: Clock,
) -> Result<LoopEnd> {
    let size = terminal.size().map_err(io)?;
    let (mut store, app, policy) = open_app(p, name, item, clock, (size.width, size.height))?;
    super::event_loop(terminal, &mut store, &policy, clock, app, Some(name))
}

/// The store, the app (showing `item` when given) and the rules of one client's file, as
/// the panes need them: its own settings, opened for writing.
pub fn open_app(
    p: &Portfolio,
    name: &str,
    item: Option<(Section, Record)>,
    clock: Clock,
    size: (u16, u16),
) -> Result<(Store, super::app::App, Policy)> {
    let file = p
        .files
        .iter()
        .find(|f| f.name == name)
        .ok_or_else(|| Error::Conflict(format!("no client {name} in the portfolio")))?;
    let cfg = p.config_for(file)?;
    KeyMap::with_overrides(&cfg.keys)?;
    let policy = Policy::new(&cfg, Zone::Local, cfg.templates_folder())?;
    if !file.path.is_file() {
        return Err(Error::Conflict(format!(
            "no database at {}",
            file.path.display()
        )));
    }
    let mut store = Store::open(&file.path)?;
    store.set_busy_timeout(std::time::Duration::from_secs(5))?;
    store.set_origin("tui", clock);
    let mut app = super::start(&mut store, &cfg, clock, Zone::Local, size)?;
    app.client = Some(name.to_string());
    if let Some((section, record)) = item
        && let Some(i) = app
            .today
            .items()
            .iter()
            .position(|x| x.section == section && x.record == record)
    {
        app.today.selected = i;
        let effects = super::update::update(&mut app, Action::Open);
        let mut fx = Effects {
            store: &mut store,
            clock,
            policy: &policy,
        };
        super::run_effects(&mut fx, &mut app, effects);
    }
    Ok((store, app, policy))
}
