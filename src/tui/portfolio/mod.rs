//! The portfolio in the terminal (`rapport --all-clients`): Today across every client's file
//! (read-only), Enter opens an item's client file in the normal panes (writes go to that file
//! only, its rules run there as in any opened file), `c` switches clients.

pub mod mouse;
pub mod state;
pub mod view;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;

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
use crate::workflow::today::{Agenda, Section};
use crate::workflow::{Policy, Record};
use state::Step;

/// How often the loop looks for arrived files while the portfolio is still being read.
const ARRIVALS_EVERY: std::time::Duration = std::time::Duration::from_millis(20);

pub fn run(p: &Portfolio, clock: Clock) -> Result<()> {
    KeyMap::with_overrides(&p.cfg.keys)?;
    set_theme(&p.cfg)?;
    let mut terminal = ratatui::init();
    let _restore = RestoreOnDrop;
    paste_off_on_panic();
    modes_on(p.cfg.mouse)?;
    // The files are read on threads of this scope; the first frame does not wait for them.
    std::thread::scope(|scope| {
        let mut reading = Reading::start(scope, p, clock);
        let mut screen = state::Portfolio::reading(&p.files, clock.now());
        loop {
            for (i, agenda) in reading.arrivals.try_iter() {
                screen.arrived(i, agenda);
            }
            screen.refresh();
            terminal
                .draw(|frame| view::draw(frame, &screen))
                .map_err(io)?;
            if screen.loading.is_some() && !event::poll(ARRIVALS_EVERY).map_err(io)? {
                continue;
            }
            let step = match event::read().map_err(io)? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    super::to_key(k).map(|k| screen.key(k))
                }
                Event::Mouse(m) => super::to_mouse(m).map(|m| screen.mouse(m)),
                _ => None,
            };
            let Some(step) = step else { continue };
            match step {
                Step::Stay => {}
                Step::Quit => {
                    reading.stop();
                    return Ok(());
                }
                Step::Open { client, item } => {
                    reading.stop();
                    let end = open_client(&mut terminal, p, &client, item, clock);
                    // Back from the file: what changed there shows in the portfolio, read again.
                    reading = Reading::start(scope, p, clock);
                    let mut again = state::Portfolio::reading(&p.files, clock.now());
                    again.selected = screen.selected;
                    if let (Some(l), Some((section, record))) = (again.loading.as_mut(), item) {
                        l.want = Some((client.clone(), section, record));
                    }
                    again.last_client = Some(client.clone());
                    screen = again;
                    match end {
                        Ok(LoopEnd::Quit) => {
                            reading.stop();
                            return Ok(());
                        }
                        Ok(LoopEnd::SwitchClient) => screen.open_switcher(),
                        Err(e) => screen.left_out(crate::workflow::portfolio::Skipped {
                            client: client.clone(),
                            path: Default::default(),
                            reason: crate::model::text::one_line(&e.to_string()).into_owned(),
                        }),
                    }
                }
            }
        }
    })
}

/// The portfolio being read in the background: each file's Today comes through `arrivals`
/// as soon as it is read.
pub struct Reading {
    pub arrivals: Receiver<(usize, Result<Agenda>)>,
    stop: Arc<AtomicBool>,
}

impl Reading {
    /// Starts reading every file of `p` on threads of `scope`.
    pub fn start<'scope, 'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        p: &'env Portfolio,
        clock: Clock,
    ) -> Reading {
        let (send, arrivals) = std::sync::mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        scope.spawn(move || {
            p.today_as_read(
                clock.now(),
                Zone::Local,
                // A screen that is gone no longer listens: nothing to do.
                |i, agenda| {
                    let _ = send.send((i, agenda));
                },
                &stopped,
            );
        });
        Reading { arrivals, stop }
    }

    /// No further file is started (those being read finish).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
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
