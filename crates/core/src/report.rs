//! The annual figures the 政务公开 annual report and inspections ask for: packs released,
//! 应解读 and 已解读 (解读率), interpretations by form, on-time rates per deadline, and
//! public-concern responses within their clocks; each with the list behind it.

use crate::calendar::WorkCalendar;
use crate::chart::{ChartKind, ChartSpec, Palette, Series};
use crate::concern::{ClockStatus, PublicConcern};
use crate::deadlines::{china_date, pack_deadlines, DeadlineKind, DeadlineStatus};
use crate::disclosure::DisclosureAttribute;
use crate::media::MediaKind;
use crate::pack::Pack;
use crate::plan::InterpretationForm;
use crate::publication::UnitSettings;
use crate::text::Bilingual;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One item behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportItem {
    /// The pack or concern id.
    pub id: String,
    /// Its title or description.
    pub title: String,
    /// The 发文字号, for a pack.
    pub doc_number: Option<String>,
    /// The unit.
    pub unit_id: String,
    /// The day that puts it in the year (release, 成文日期, start of a concern).
    pub on: Option<NaiveDate>,
}

/// One figure: a count, over a total when it is a rate, and the items counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Figure {
    /// Stable key, e.g. `interpreted` or `on_time.disclosure`.
    pub key: String,
    /// Its name.
    pub label: Bilingual,
    /// How many.
    pub count: u32,
    /// Out of how many, for a rate.
    pub total: Option<u32>,
    /// `count / total`, when `total` is not zero.
    pub rate: Option<f64>,
    /// The items counted.
    pub items: Vec<ReportItem>,
}

impl Figure {
    fn new(key: &str, label: Bilingual, items: Vec<ReportItem>, total: Option<u32>) -> Figure {
        let count = items.len() as u32;
        Figure {
            key: key.to_string(),
            label,
            count,
            total,
            rate: total
                .filter(|t| *t > 0)
                .map(|t| f64::from(count) / f64::from(t)),
            items,
        }
    }
}

/// The year's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnnualReport {
    /// The year.
    pub year: i32,
    /// The unit, when the report is for one.
    pub unit_id: Option<String>,
    /// The day the pending deadlines and clocks were judged on.
    pub as_of: NaiveDate,
    /// Packs released in the year.
    pub released: Figure,
    /// 应解读: policies disclosed proactively, written or released in the year.
    pub needing_interpretation: Figure,
    /// 已解读, over 应解读: the 解读率.
    pub interpreted: Figure,
    /// Interpretations by form, over those interpreted.
    pub by_form: Vec<Figure>,
    /// Deadlines met on time, per deadline, over those that fell due.
    pub on_time: Vec<Figure>,
    /// Public-concern clocks answered in time, over the clocks that ran out or were answered.
    pub concerns_in_time: Figure,
    /// Public concerns raised in the year.
    pub concerns: Figure,
    /// Deadlines that could not be counted (a calendar year missing), as messages.
    pub problems: Vec<String>,
}

impl AnnualReport {
    /// The figures as charts, for the 统计 screen: 解读率 as key figures, interpretations by
    /// form, on-time rates per deadline, and the public-concern responses.
    pub fn charts(&self) -> Vec<ChartSpec> {
        let source = format!("Jiedu 解读，{} 年度，统计至 {}", self.year, self.as_of);
        let chart = |id: &str, kind, title: String, unit: &str, pairs: Vec<(String, f64)>| {
            let (categories, values): (Vec<String>, Vec<f64>) = pairs.into_iter().unzip();
            ChartSpec {
                id: id.to_string(),
                kind,
                title: title.clone(),
                subtitle: String::new(),
                unit: unit.to_string(),
                categories,
                series: vec![Series {
                    name: title,
                    values,
                }],
                source: source.clone(),
                highlight: None,
                annotations: Vec::new(),
                palette: Palette::Government,
            }
        };
        let pct = |f: &Figure| (f.rate.unwrap_or(0.0) * 1000.0).round() / 10.0;
        vec![
            chart(
                "interpretation-rate",
                ChartKind::KeyFigures,
                format!("{} 年度政策解读", self.year),
                "",
                vec![
                    ("发布解读包（个）".into(), f64::from(self.released.count)),
                    (
                        "应解读（件）".into(),
                        f64::from(self.needing_interpretation.count),
                    ),
                    ("已解读（件）".into(), f64::from(self.interpreted.count)),
                    ("解读率（%）".into(), pct(&self.interpreted)),
                ],
            ),
            chart(
                "by-form",
                ChartKind::HorizontalBar,
                "解读形式".into(),
                "件",
                self.by_form
                    .iter()
                    .map(|f| (f.label.zh.clone(), f64::from(f.count)))
                    .collect(),
            ),
            chart(
                "on-time",
                ChartKind::Bar,
                "按时率".into(),
                "%",
                self.on_time
                    .iter()
                    .map(|f| (f.label.zh.trim_end_matches("按时率").to_string(), pct(f)))
                    .collect(),
            ),
            chart(
                "concerns",
                ChartKind::KeyFigures,
                "回应社会关切".into(),
                "",
                vec![
                    ("社会关切（件）".into(), f64::from(self.concerns.count)),
                    (
                        "按时回应（次）".into(),
                        f64::from(self.concerns_in_time.count),
                    ),
                    ("按时回应率（%）".into(), pct(&self.concerns_in_time)),
                ],
            ),
        ]
    }

    /// Every figure, in the order of the report.
    pub fn figures(&self) -> Vec<&Figure> {
        let mut all = vec![
            &self.released,
            &self.needing_interpretation,
            &self.interpreted,
        ];
        all.extend(self.by_form.iter());
        all.extend(self.on_time.iter());
        all.push(&self.concerns);
        all.push(&self.concerns_in_time);
        all
    }
}

fn item(pack: &Pack, on: Option<NaiveDate>) -> ReportItem {
    ReportItem {
        id: pack.id.clone(),
        title: pack.policy().title.clone(),
        doc_number: pack.policy().doc_number.clone(),
        unit_id: pack.unit_id.clone(),
        on,
    }
}

/// The serde name of a unit-variant enum value, e.g. `press_conference`.
fn key_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The forms a released pack actually carries, counted from its materials: text, charts or
/// infographic images (图表图解), Q&A, and audio or video files (音视频). Press events
/// (发布会, 吹风会, 访谈, 署名文章) leave no file in the pack, so they count as planned.
pub fn forms_present(pack: &Pack) -> Vec<InterpretationForm> {
    let m = &pack.content.materials;
    let mut forms = Vec::new();
    if m.text.as_ref().is_some_and(|t| !t.sections.is_empty()) {
        forms.push(InterpretationForm::Text);
    }
    if !m.charts.is_empty() || m.has_media(MediaKind::Image) {
        forms.push(InterpretationForm::Chart);
    }
    if !m.qa.is_empty() {
        forms.push(InterpretationForm::Qa);
    }
    if m.has_media(MediaKind::Audio) || m.has_media(MediaKind::Video) {
        forms.push(InterpretationForm::AudioVideo);
    }
    if let Some(plan) = &pack.content.plan {
        for form in &plan.forms {
            let material = matches!(
                form,
                InterpretationForm::Text
                    | InterpretationForm::Chart
                    | InterpretationForm::Qa
                    | InterpretationForm::AudioVideo
            );
            if !material && !forms.contains(form) {
                forms.push(*form);
            }
        }
    }
    forms
}

/// Computes the figures for `year` (and one unit, when given) from every pack and concern.
/// `settings` gives each unit's limits; `now` judges what is still pending.
pub fn annual_report(
    year: i32,
    unit_id: Option<&str>,
    packs: &[Pack],
    concerns: &[PublicConcern],
    calendar: &WorkCalendar,
    settings: &dyn Fn(&str) -> UnitSettings,
    now: DateTime<Utc>,
) -> AnnualReport {
    let as_of = china_date(now);
    let in_unit = |u: &str| unit_id.is_none_or(|want| want == u);
    let packs: Vec<&Pack> = packs.iter().filter(|p| in_unit(&p.unit_id)).collect();
    let released_on = |p: &Pack| {
        p.deployment
            .as_ref()
            .map(|d| china_date(d.policy_released_at))
    };
    let in_year = |d: Option<NaiveDate>| d.is_some_and(|d| d.year() == year);

    let released: Vec<&Pack> = packs
        .iter()
        .copied()
        .filter(|p| in_year(released_on(p)))
        .collect();
    let needing: Vec<&Pack> = packs
        .iter()
        .copied()
        .filter(|p| {
            p.policy().disclosure.attribute == Some(DisclosureAttribute::Proactive)
                && (in_year(released_on(p))
                    || (released_on(p).is_none() && in_year(p.policy().written_on)))
        })
        .collect();
    let interpreted: Vec<&Pack> = needing
        .iter()
        .copied()
        .filter(|p| p.deployment.is_some() && !forms_present(p).is_empty())
        .collect();

    let forms = [
        InterpretationForm::Text,
        InterpretationForm::Chart,
        InterpretationForm::Qa,
        InterpretationForm::AudioVideo,
        InterpretationForm::PressConference,
        InterpretationForm::Briefing,
        InterpretationForm::Interview,
        InterpretationForm::SignedArticle,
    ];
    let by_form = forms
        .into_iter()
        .map(|form| {
            let items = interpreted
                .iter()
                .filter(|p| forms_present(p).contains(&form))
                .map(|p| item(p, released_on(p)))
                .collect();
            Figure::new(
                &format!("form.{}", key_of(&form)),
                Bilingual::new(form.label_zh(), key_of(&form).replace('_', " ")),
                items,
                Some(interpreted.len() as u32),
            )
        })
        .collect();

    let mut problems = Vec::new();
    let mut on_time = Vec::new();
    for kind in DeadlineKind::ALL {
        let mut met = Vec::new();
        let mut fell_due = 0u32;
        for p in &packs {
            let s = settings(&p.unit_id);
            for d in pack_deadlines(p, calendar, &s.deadlines, as_of) {
                if d.kind != kind {
                    continue;
                }
                if let Some(problem) = &d.problem {
                    problems.push(format!("{}：{problem}", p.id));
                }
                let Some(due) = d.due_on.filter(|due| due.year() == year) else {
                    continue;
                };
                match d.status {
                    DeadlineStatus::Met => {
                        fell_due += 1;
                        met.push(item(p, Some(due)));
                    }
                    DeadlineStatus::Late | DeadlineStatus::Overdue => fell_due += 1,
                    _ => {}
                }
            }
        }
        let label = kind.label();
        on_time.push(Figure::new(
            &format!("on_time.{}", key_of(&kind)),
            Bilingual::new(
                format!("{}按时率", label.zh),
                format!("{} on time", label.en),
            ),
            met,
            Some(fell_due),
        ));
    }

    let concerns: Vec<&PublicConcern> = concerns
        .iter()
        .filter(|c| in_unit(&c.unit_id) && china_date(c.started_at).year() == year)
        .collect();
    let mut in_time = Vec::new();
    let mut decided = 0u32;
    for c in &concerns {
        let clocks = c.clocks(&settings(&c.unit_id).concerns, now);
        for clock in clocks {
            match clock.status {
                ClockStatus::Met => {
                    decided += 1;
                    in_time.push(ReportItem {
                        id: format!("{}:{}", c.id, clock.kind.as_str()),
                        title: format!("{}（{}）", c.what, clock.label.zh),
                        doc_number: None,
                        unit_id: c.unit_id.clone(),
                        on: Some(china_date(c.started_at)),
                    });
                }
                ClockStatus::Late | ClockStatus::Overdue => decided += 1,
                ClockStatus::Running => {}
            }
        }
    }
    let concern_items = concerns
        .iter()
        .map(|c| ReportItem {
            id: c.id.clone(),
            title: c.what.clone(),
            doc_number: None,
            unit_id: c.unit_id.clone(),
            on: Some(china_date(c.started_at)),
        })
        .collect();

    let needing_total = needing.len() as u32;
    AnnualReport {
        year,
        unit_id: unit_id.map(String::from),
        as_of,
        released: Figure::new(
            "released",
            Bilingual::new("发布解读包", "packs released"),
            released.iter().map(|p| item(p, released_on(p))).collect(),
            None,
        ),
        needing_interpretation: Figure::new(
            "needing_interpretation",
            Bilingual::new("应解读政策", "policies needing interpretation"),
            needing
                .iter()
                .map(|p| item(p, released_on(p).or(p.policy().written_on)))
                .collect(),
            None,
        ),
        interpreted: Figure::new(
            "interpreted",
            Bilingual::new("已解读（解读率）", "interpreted (rate)"),
            interpreted
                .iter()
                .map(|p| item(p, released_on(p)))
                .collect(),
            Some(needing_total),
        ),
        by_form,
        on_time,
        concerns_in_time: Figure::new(
            "concerns.in_time",
            Bilingual::new("关切按时回应", "concern clocks answered in time"),
            in_time,
            Some(decided),
        ),
        concerns: Figure::new(
            "concerns",
            Bilingual::new("社会关切", "public concerns"),
            concern_items,
            None,
        ),
        problems,
    }
}
