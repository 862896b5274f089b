//! `rapport stats`: how well the client is served, in numbers (workflow::stats).

use super::Ctx;
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::workflow::stats::{self, MeanWeek, Stats};

/// "2 of 3 (66.7%)", or "none yet" when nothing was counted.
fn share(part: i64, whole: i64, rate: Option<f64>) -> String {
    match rate {
        Some(r) => trf(
            "{part} of {whole} ({rate}%)",
            &[
                ("part", &part),
                ("whole", &whole),
                ("rate", &format!("{:.1}", r * 100.0)),
            ],
        ),
        None => tr("none yet").to_string(),
    }
}

fn mean(w: &MeanWeek) -> String {
    w.mean
        .map_or_else(|| "-".to_string(), |m| format!("{m:.2}"))
}

pub fn run(ctx: &mut Ctx, project: Option<String>, since: Option<String>) -> Result<()> {
    let since = since.map(|s| ctx.when(&s)).transpose()?;
    let project = project
        .map(|p| ctx.project(&p))
        .transpose()?
        .map(|p| (p.id, p.name));
    let policy = ctx.policy()?;
    let s = stats::stats(ctx.store.conn(), &policy, project, since, ctx.now)?;
    if ctx.out.json {
        return ctx.out.json(&s);
    }
    print(ctx, &s)
}

fn print(ctx: &mut Ctx, s: &Stats) -> Result<()> {
    let scope = s.project.as_deref().unwrap_or(tr("All projects"));
    let since = s.since.as_deref().map_or_else(
        || tr("all time").to_string(),
        |t| trf("since {time}", &[("time", &t)]),
    );
    ctx.out.line(&format!("{scope} ({since})"))?;
    let fc = &s.first_contact;
    let pr = &s.promises;
    let m = &s.median_minutes_to_first_contact;
    let minutes =
        |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| trf("{n} min", &[("n", &v)]));
    let expectations = if s.expectations_by_status.is_empty() {
        tr("none").to_string()
    } else {
        s.expectations_by_status
            .iter()
            .map(|c| format!("{} {}", c.status, c.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    ctx.out.table(
        &["", ""],
        &[
            vec![
                tr("Client told in time").into(),
                share(fc.in_time, fc.counted, s.first_contact_hit_rate),
            ],
            vec![
                tr("Median time to first contact").into(),
                trf(
                    "critical {critical}, high {high}, medium {medium}, low {low}",
                    &[
                        ("critical", &minutes(m.critical)),
                        ("high", &minutes(m.high)),
                        ("medium", &minutes(m.medium)),
                        ("low", &minutes(m.low)),
                    ],
                ),
            ],
            vec![
                tr("Follow-ups sent as promised").into(),
                share(pr.in_time, pr.counted, s.promises_kept_rate),
            ],
            vec![tr("Expectations").into(), expectations],
        ],
    )?;
    ctx.out.line("")?;
    let rows: Vec<Vec<String>> = s
        .open_issues_by_week
        .iter()
        .zip(&s.mood_by_week)
        .zip(&s.satisfaction_by_week)
        .map(|((i, mood), sat)| {
            vec![
                i.week.clone(),
                i.open.to_string(),
                i.opened.to_string(),
                i.resolved.to_string(),
                mean(mood),
                mean(sat),
            ]
        })
        .collect();
    ctx.out.table(
        &[
            tr("week of"),
            tr("open"),
            tr("opened"),
            tr("resolved"),
            tr("mood (-2..2)"),
            tr("satisfaction (1-5)"),
        ],
        &rows,
    )
}
