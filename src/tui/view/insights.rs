//! The Insights pane: how well the client is served (workflow::stats) for one project or the
//! whole file: the rates as text, open issues per week as a bar chart, opened per week as a
//! sparkline, the client's mood as a line chart, satisfaction and expectations by status.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Sparkline,
};

use crate::i18n::{tr, trf};
use crate::model::text::one_line;
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::words::word;
use crate::workflow::stats::{MeanWeek, Stats};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let scope = app.insights.view.project.as_ref().map_or_else(
        || tr("all projects").to_string(),
        |(_, n)| one_line(n).into_owned(),
    );
    let key = app
        .keymap
        .first_key(crate::tui::action::Action::NextSection)
        // Named as the footer names the key.
        .map(|k| format!(" ({k}: {})", tr("next project")))
        .unwrap_or_default();
    let block = Block::bordered()
        .title(format!(" {} · {scope}{key} ", tr("Insights")))
        .border_style(theme::block(true));
    let Some(stats) = &app.insights.stats else {
        frame.render_widget(Paragraph::new(tr("Counting…")).block(block), area);
        return;
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let tall = inner.height >= 30;
    let [summary, top, bottom] = Layout::vertical([
        Constraint::Length(if tall { 5 } else { 4 }),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    draw_summary(frame, stats, summary);
    let [open, mood] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    draw_open(frame, stats, open);
    draw_mood(frame, stats, mood);
    let [score, expectations] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    draw_satisfaction(frame, stats, score);
    draw_expectations(frame, stats, expectations);
}

/// "3 of 5 (60%)" styled by how good it is, or "none yet".
fn share(part: i64, whole: i64, rate: Option<f64>) -> Span<'static> {
    match rate {
        Some(r) => Span::styled(
            trf(
                "{part} of {whole} ({pct}%)",
                &[
                    ("part", &part),
                    ("whole", &whole),
                    ("pct", &format!("{:.0}", r * 100.0)),
                ],
            ),
            theme::share(r),
        ),
        None => Span::styled(tr("none yet"), theme::dim()),
    }
}

fn minutes(v: Option<f64>) -> String {
    match v {
        None => "-".into(),
        Some(m) if m >= 120.0 => trf("{n} h", &[("n", &format!("{:.1}", m / 60.0))]),
        Some(m) => trf("{n} min", &[("n", &format!("{m:.0}"))]),
    }
}

fn draw_summary(frame: &mut Frame, s: &Stats, area: Rect) {
    let m = &s.median_minutes_to_first_contact;
    let opened: Vec<u64> = s
        .open_issues_by_week
        .iter()
        .map(|w| w.opened.max(0) as u64)
        .collect();
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", tr("Client told in time")), theme::header()),
            share(
                s.first_contact.in_time,
                s.first_contact.counted,
                s.first_contact_hit_rate,
            ),
            Span::styled(
                format!("   {} ", tr("Follow-ups as promised")),
                theme::header(),
            ),
            share(s.promises.in_time, s.promises.counted, s.promises_kept_rate),
        ]),
        Line::from(vec![
            Span::styled(
                format!("{} ", tr("To first contact (median)")),
                theme::header(),
            ),
            Span::raw(format!(
                "{} {} · {} {} · {} {} · {} {}",
                word("critical"),
                minutes(m.critical),
                word("high"),
                minutes(m.high),
                word("medium"),
                minutes(m.medium),
                word("low"),
                minutes(m.low)
            )),
        ]),
    ];
    let [text, spark] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines), text);
    let [label, line] =
        Layout::horizontal([Constraint::Length(26), Constraint::Fill(1)]).areas(spark);
    frame.render_widget(
        Paragraph::new(Line::styled(tr("Opened per week (12)"), theme::header())),
        label,
    );
    frame.render_widget(
        Sparkline::default()
            .data(&opened)
            .style(theme::chart_issues()),
        line,
    );
}

/// The week's date as the axis shows it: "11-16".
fn short(week: &str) -> String {
    week.get(5..).unwrap_or(week).to_string()
}

fn draw_open(frame: &mut Frame, s: &Stats, area: Rect) {
    let none = s.open_issues_by_week.iter().all(|w| w.open == 0);
    let block = Block::bordered()
        .title(format!(
            " {} ",
            if none {
                tr("Open issues by week: none open")
            } else {
                tr("Open issues by week")
            }
        ))
        .border_style(theme::block(false));
    let inner_w = area.width.saturating_sub(2);
    let n = s.open_issues_by_week.len().max(1) as u16;
    // Bars as wide as fit with a gap of one; labels only when a bar holds "11-16".
    let bar_width = (inner_w.saturating_sub(n - 1) / n).max(1);
    let bars: Vec<Bar> = s
        .open_issues_by_week
        .iter()
        .map(|w| {
            let bar = Bar::default()
                .value(w.open.max(0) as u64)
                .style(theme::chart_issues());
            if bar_width >= 5 {
                bar.label(Line::from(short(&w.week)))
            } else {
                bar
            }
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .block(block)
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1),
        area,
    );
}

/// (week index, mean) of the weeks with something recorded.
fn points(weeks: &[MeanWeek]) -> Vec<(f64, f64)> {
    weeks
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.mean.map(|m| (i as f64, m)))
        .collect()
}

fn week_axis(weeks: &[MeanWeek]) -> Axis<'static> {
    let first = weeks.first().map(|w| short(&w.week)).unwrap_or_default();
    let last = weeks.last().map(|w| short(&w.week)).unwrap_or_default();
    Axis::default()
        .bounds([0.0, weeks.len().saturating_sub(1).max(1) as f64])
        .labels([first, last])
        .style(theme::dim())
}

fn line_chart<'a>(
    title: &'a str,
    data: &'a [(f64, f64)],
    weeks: &[MeanWeek],
    bounds: [f64; 2],
    labels: [&'a str; 3],
    style: Style,
) -> Chart<'a> {
    let line = Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(data);
    // The weeks themselves as dots, so a single week still shows.
    let dots = Dataset::default()
        .marker(Marker::Dot)
        .graph_type(GraphType::Scatter)
        .style(style)
        .data(data);
    Chart::new(vec![line, dots])
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme::block(false)),
        )
        .x_axis(week_axis(weeks))
        .y_axis(
            Axis::default()
                .bounds(bounds)
                .labels(labels)
                .style(theme::dim()),
        )
}

fn draw_mood(frame: &mut Frame, s: &Stats, area: Rect) {
    let data = points(&s.mood_by_week);
    let title = format!(
        " {} ",
        if data.is_empty() {
            tr("Client mood by week: nothing logged")
        } else {
            tr("Client mood by week (inbound, -2..2)")
        }
    );
    frame.render_widget(
        line_chart(
            &title,
            &data,
            &s.mood_by_week,
            [-2.0, 2.0],
            ["-2", "0", "2"],
            theme::chart_mood(),
        ),
        area,
    );
}

fn draw_satisfaction(frame: &mut Frame, s: &Stats, area: Rect) {
    let data = points(&s.satisfaction_by_week);
    let title = format!(
        " {} ",
        if data.is_empty() {
            tr("Satisfaction by week: no reviews")
        } else {
            tr("Satisfaction by week (1-5)")
        }
    );
    frame.render_widget(
        line_chart(
            &title,
            &data,
            &s.satisfaction_by_week,
            [1.0, 5.0],
            ["1", "3", "5"],
            theme::chart_score(),
        ),
        area,
    );
}

fn draw_expectations(frame: &mut Frame, s: &Stats, area: Rect) {
    let block = Block::bordered()
        .title(format!(" {} ", tr("Expectations by status")))
        .border_style(theme::block(false));
    if s.expectations_by_status.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(tr("none recorded"), theme::dim())).block(block),
            area,
        );
        return;
    }
    let bars: Vec<Bar> = s
        .expectations_by_status
        .iter()
        .map(|c| {
            let style = c.status.parse().map(theme::expectation).unwrap_or_default();
            Bar::default()
                .value(c.count.max(0) as u64)
                .label(Line::from(word(&c.status).to_string()))
                .style(style)
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .block(block)
            .direction(ratatui::layout::Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .bar_width(1)
            .bar_gap(0),
        area,
    );
}
