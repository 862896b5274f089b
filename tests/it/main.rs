//! The integration tests, as one binary: each module used to be its own test binary, and
//! every one of them linked the whole crate (most of CI's build time on two cores).

mod common;

mod bad_input;
mod calendar;
mod cli;
mod cli_conventions;
mod client_text;
mod client_words;
mod clients;
mod comm_plan;
mod crash;
mod deadlines;
mod editor;
mod export;
mod history;
mod insights;
mod lifecycle;
mod live_counts;
mod meetings;
mod newcomer;
mod plan_check;
mod portfolio;
mod practice;
mod properties;
mod rules;
mod safety;
mod scale;
mod search;
mod stats;
mod status_page;
mod store;
mod template_checks;
mod templates;
mod tmux_e2e;
mod tmux_editor;
mod transfer;
mod tui_clients;
mod tui_editor;
mod tui_forms;
mod tui_plan;
mod tui_render;
mod tui_steps;
mod tui_theme;
mod tui_zh;
mod zh_cli;
