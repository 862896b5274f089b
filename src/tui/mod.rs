//! The terminal interface: terminal set-up with a guaranteed restore, and the event loop
//! (key → action → update → effects → outcomes → apply → draw).

pub mod action;
pub mod app;
pub mod clipboard;
pub mod effects;
pub mod finder;
pub mod forms;
pub mod hits;
pub mod key;
pub mod keymap;
pub mod load;
pub mod mouse;
pub mod pane;
pub mod plan;
pub mod portfolio;
pub mod theme;
pub mod update;
pub mod view;
pub mod words;

use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::workflow::Policy;
use app::{App, Zone};
use effects::{Effect, Effects, Outcome};
use finder::Finder;
use key::{Code, Key};
use keymap::KeyMap;

/// How often the clock advances and the file is checked for changes by other processes.
const TICK: Duration = Duration::from_millis(500);
/// How often the loop looks for the rows of a filter query while one is on its way.
const ANSWER_POLL: Duration = Duration::from_millis(2);

/// Restores the terminal when dropped, whatever path leaves `run`: bracketed paste and
/// mouse capture off, then what `ratatui::init` set up. Panics are covered by the hook
/// `paste_off_on_panic` puts in front of ratatui's.
pub(crate) struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        paste_off();
        ratatui::restore();
    }
}

/// Bracketed paste and mouse capture off (turning off what was never on is harmless);
/// nothing to do about a failure on the way out.
fn paste_off() {
    let _ = crossterm::execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture
    );
}

/// The terminal's extra modes on: bracketed paste (pasted text arrives as one event, never
/// as keys: a pasted "x" archives nothing) and, unless `mouse = false`, mouse capture.
pub(crate) fn modes_on(mouse: bool) -> Result<()> {
    crossterm::execute!(std::io::stdout(), EnableBracketedPaste).map_err(io)?;
    if mouse {
        crossterm::execute!(std::io::stdout(), EnableMouseCapture).map_err(io)?;
    }
    Ok(())
}

/// The config's theme for every frame of this process (`NO_COLOR` counts when the config
/// names no theme).
pub(crate) fn set_theme(cfg: &Config) -> Result<()> {
    theme::set(theme::Theme::from_spec(
        &cfg.theme,
        crate::theme_spec::no_color_env(),
    )?);
    Ok(())
}

/// A panic turns bracketed paste and mouse capture off before the hook `ratatui::init`
/// installed restores the rest, so the shell never receives pasted text wrapped in escape
/// codes or mouse reports.
pub(crate) fn paste_off_on_panic() {
    let restore_the_rest = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        paste_off();
        restore_the_rest(info);
    }));
}

pub(crate) fn io(e: std::io::Error) -> Error {
    Error::io("terminal", e)
}

/// Builds the app in its first state, loaded from the store. The rules run right after the
/// first frame (`Effect::ApplyRules`), so opening never waits for them.
pub fn start(
    store: &mut Store,
    cfg: &Config,
    clock: Clock,
    zone: Zone,
    size: (u16, u16),
) -> Result<App> {
    let keymap = KeyMap::with_overrides(&cfg.keys)?;
    let mut app = App::new(keymap, clock.now(), zone, cfg.date_format.clone());
    (app.width, app.height) = size;
    app.chase_after_hours = cfg.waiting.chase_after_hours;
    app.mouse = cfg.mouse;
    let mut failed = None;
    drive(&mut app, vec![Effect::LoadAll], &mut |app, e| {
        effects::read(store, app, e).unwrap_or_else(|err| {
            failed.get_or_insert(err);
            vec![]
        })
    });
    match failed {
        Some(err) => Err(err),
        None => Ok(app),
    }
}

/// Carries out `effects` in order. Each outcome is applied before the next effect runs, and
/// the effects an outcome asks for (a reload after a save) run right after it.
pub fn drive(
    app: &mut App,
    effects: Vec<Effect>,
    run: &mut impl FnMut(&App, Effect) -> Vec<Outcome>,
) {
    for effect in effects {
        for outcome in run(app, effect) {
            let next = update::apply(app, outcome);
            drive(app, next, run);
        }
    }
}

/// [`drive`] with the effects carried out against the store and the workflow.
pub fn run_effects(fx: &mut Effects, app: &mut App, effects: Vec<Effect>) {
    drive(app, effects, &mut |app, e| fx.run(app, e));
}

/// What waited for the frame after a key to be drawn (Today read again after a change):
/// the event loop runs it when no key is waiting; whoever drives the app without a
/// terminal (tests, benchmarks) runs it after each key. Whether there was anything to run.
pub fn run_waiting(fx: &mut Effects, app: &mut App) -> bool {
    if !std::mem::take(&mut app.today_waits) {
        return false;
    }
    run_effects(fx, app, vec![Effect::Load(app::Pane::Today)]);
    true
}

/// The panes over one file; `client` names the client whose file it is (`--client NAME`).
pub fn run(store: &mut Store, cfg: &Config, clock: Clock, client: Option<&str>) -> Result<()> {
    // Check the key config and templates before touching the terminal, so errors print plainly.
    KeyMap::with_overrides(&cfg.keys)?;
    let policy = Policy::new(cfg, Zone::Local, cfg.templates_folder())?;
    set_theme(cfg)?;
    let mut terminal = ratatui::init();
    let _restore = RestoreOnDrop;
    paste_off_on_panic();
    modes_on(cfg.mouse)?;
    let size = terminal.size().map_err(io)?;
    let mut app = start(store, cfg, clock, Zone::Local, (size.width, size.height))?;
    app.client = client.map(str::to_string);
    event_loop(&mut terminal, store, &policy, clock, app, None).map(|_| ())
}

/// Why [`event_loop`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoopEnd {
    Quit,
    /// `c` in a client's file opened from the portfolio: back to the client switcher.
    SwitchClient,
}

/// The panes over one file until the user quits. `client` names the file's client when it
/// was opened from the portfolio: the top line shows it and `c` goes back to the switcher.
pub fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    policy: &Policy,
    clock: Clock,
    mut app: App,
    client: Option<&str>,
) -> Result<LoopEnd> {
    // Filters are read on a second connection, so typing never waits for a query.
    let mut finder = store.path().map(Finder::open).transpose()?;
    let mut fx = Effects {
        store,
        clock,
        policy,
    };
    let mut last_tick = Instant::now();
    let mut first_frame = true;
    let mut redraw = true;
    loop {
        if std::mem::take(&mut redraw) {
            terminal
                .draw(|frame| {
                    view::draw(frame, &app);
                    if let Some(name) = client {
                        view::badge::client_badge(frame, name);
                    }
                })
                .map_err(io)?;
        }
        if app.quit {
            return Ok(LoopEnd::Quit);
        }
        if std::mem::take(&mut first_frame) {
            run_effects(&mut fx, &mut app, vec![Effect::ApplyRules]);
            redraw = true;
            continue;
        }
        // What waited for the frame (Today behind another pane) runs while no key waits.
        if app.today_waits && !event::poll(Duration::ZERO).map_err(io)? {
            run_waiting(&mut fx, &mut app);
            redraw = true;
            continue;
        }
        let mut wait = TICK.saturating_sub(last_tick.elapsed());
        if finder.as_ref().is_some_and(Finder::busy) {
            wait = wait.min(ANSWER_POLL);
        }
        if event::poll(wait).map_err(io)? {
            let event = event::read().map_err(io)?;
            // The mouse reports every move while captured: only what it asks for redraws.
            redraw = !matches!(event, Event::Mouse(_));
            let action = match event {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    let key = to_key(k);
                    if client.is_some()
                        && matches!(app.mode, app::Mode::Normal)
                        && key == Some(key::SWITCH_CLIENT)
                    {
                        return Ok(LoopEnd::SwitchClient);
                    }
                    key.and_then(|key| update::action_for_key(&app, key))
                }
                Event::Paste(text) => Some(action::Action::Paste(text)),
                Event::Mouse(m) => to_mouse(m).and_then(|m| mouse::action(&app, m)),
                Event::Resize(w, h) => Some(action::Action::Resize(w, h)),
                _ => None,
            };
            if let Some(a) = action {
                redraw = true;
                let mut effects = update::update(&mut app, a);
                if let Some(f) = &mut finder {
                    effects = f.take(&app, effects);
                }
                run_effects(&mut fx, &mut app, effects);
            }
            // The clipboard is the terminal's: written here, where the terminal is.
            if let Some(text) = app.clipboard.take() {
                clipboard::copy(&text).map_err(io)?;
            }
            // So is the user's editor: run here, with the screen left to it.
            if let Some(edit) = &app.external_edit {
                let (text, stem) = (edit.text.clone(), edit.stem.clone());
                let result = outside(terminal, app.mouse, || crate::editor::edit(&text, &stem))?
                    .map_err(|e| e.to_string());
                let mut effects = update::update(&mut app, action::Action::Edited(result));
                let size = terminal.size().map_err(io)?;
                if (size.width, size.height) != (app.width, app.height) {
                    effects.extend(update::update(
                        &mut app,
                        action::Action::Resize(size.width, size.height),
                    ));
                }
                run_effects(&mut fx, &mut app, effects);
            }
        }
        if let Some(f) = &mut finder {
            redraw |= f.adopt(&mut app);
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            run_effects(&mut fx, &mut app, vec![Effect::Tick]);
            redraw = true;
        }
    }
}

/// Runs `run` with the terminal handed back to the shell's state (main screen, cooked
/// mode, cursor shown, no bracketed paste, no mouse capture), then takes it back (`mouse`:
/// capture on again) and redraws everything, whatever `run` did: an editor that failed to
/// start leaves the TUI as it was.
fn outside<T>(
    terminal: &mut ratatui::DefaultTerminal,
    mouse: bool,
    run: impl FnOnce() -> T,
) -> Result<T> {
    let _ = terminal.show_cursor();
    paste_off();
    ratatui::restore();
    let out = run();
    crossterm::terminal::enable_raw_mode().map_err(io)?;
    crossterm::execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen)
        .map_err(io)?;
    modes_on(mouse)?;
    terminal.clear().map_err(io)?;
    Ok(out)
}

/// crossterm's mouse event in rapport's terms: the left button's press and the wheel.
pub(crate) fn to_mouse(m: MouseEvent) -> Option<mouse::Mouse> {
    let kind = match m.kind {
        MouseEventKind::Down(MouseButton::Left) => mouse::MouseKind::Click,
        MouseEventKind::ScrollUp => mouse::MouseKind::WheelUp,
        MouseEventKind::ScrollDown => mouse::MouseKind::WheelDown,
        _ => return None,
    };
    Some(mouse::Mouse {
        kind,
        column: m.column,
        row: m.row,
    })
}

/// crossterm's key event in rapport's terms.
pub(crate) fn to_key(k: KeyEvent) -> Option<Key> {
    let code = match k.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::F(n) => Code::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}
