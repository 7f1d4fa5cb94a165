//! `jiedu unit show|set UNIT`: a unit's settings (organisation code, site, limits).

use crate::args::Target;
use crate::auth;
use crate::error::CliError;
use crate::output::Output;
use clap::{Args, Subcommand};
use jiedu_core::publication::UnitSettings;
use std::process::ExitCode;

/// Options of `jiedu unit`.
#[derive(Debug, Args)]
pub struct UnitArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: UnitAction,
}

/// The unit jobs.
#[derive(Debug, Subcommand)]
pub enum UnitAction {
    /// 显示单位设置。Show a unit's settings.
    Show {
        /// 单位编号 Unit id.
        unit: String,
    },
    /// 修改单位设置（仅管理员）；未给出的项保持不变。Change a unit's settings (admins only); what is not given stays.
    Set(SetArgs),
}

/// The settings `jiedu unit set` can change.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// 单位编号 Unit id.
    pub unit: String,
    /// 组织机构代码（索引号前段）。Organisation code (the front of every 索引号).
    #[arg(long)]
    pub org_code: Option<String>,
    /// 网站栏目路径，如 /zwgk/zcjd/。Site path, e.g. /zwgk/zcjd/.
    #[arg(long)]
    pub base_path: Option<String>,
    /// 网站名称。Site name.
    #[arg(long)]
    pub site_name: Option<String>,
    /// 栏目名称，如 政策解读。Column name.
    #[arg(long)]
    pub column: Option<String>,
    /// 页脚（主办单位、网站标识码等）。Footer line.
    #[arg(long)]
    pub footer: Option<String>,
    /// 解读最迟晚于政策的工作日数（默认 3）。Working days the interpretation may follow the policy.
    #[arg(long)]
    pub lag_days: Option<u32>,
    /// 主动公开时限（工作日，默认 20）。Proactive disclosure limit in working days.
    #[arg(long)]
    pub disclosure_days: Option<u32>,
    /// 重大事件发布权威信息时限（小时，默认 5）。Hours to authoritative information.
    #[arg(long)]
    pub info_hours: Option<u32>,
    /// 重大事件举行发布会时限（小时，默认 24）。Hours to a press conference.
    #[arg(long)]
    pub press_hours: Option<u32>,
    /// 其他关切回应时限（小时，默认 48）。Hours to answer other concerns.
    #[arg(long)]
    pub response_hours: Option<u32>,
}

impl SetArgs {
    fn apply(&self, s: &mut UnitSettings) {
        let text = |from: &Option<String>, to: &mut String| {
            if let Some(v) = from {
                *to = v.trim().to_string();
            }
        };
        text(&self.org_code, &mut s.portal.org_code);
        text(&self.base_path, &mut s.portal.base_path);
        text(&self.site_name, &mut s.portal.site_name);
        text(&self.column, &mut s.portal.column);
        text(&self.footer, &mut s.portal.footer);
        let number = |from: Option<u32>, to: &mut u32| {
            if let Some(v) = from {
                *to = v;
            }
        };
        number(self.lag_days, &mut s.deadlines.interpretation_lag_days);
        number(self.disclosure_days, &mut s.deadlines.disclosure_days);
        number(self.info_hours, &mut s.concerns.authoritative_info_hours);
        number(self.press_hours, &mut s.concerns.press_conference_hours);
        number(self.response_hours, &mut s.concerns.response_hours);
    }
}

fn print(unit: &str, s: &UnitSettings) {
    let or_dash = |v: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    println!("单位设置 unit settings — {unit}");
    println!(
        "  组织机构代码 org code      {}",
        or_dash(&s.portal.org_code)
    );
    println!(
        "  网站栏目路径 site path     {}",
        or_dash(&s.portal.base_path)
    );
    println!(
        "  网站名称 site name         {}",
        or_dash(&s.portal.site_name)
    );
    println!("  栏目 column                {}", or_dash(&s.portal.column));
    println!("  页脚 footer                {}", or_dash(&s.portal.footer));
    println!(
        "  解读时限 interpretation    {} 个工作日 working days",
        s.deadlines.interpretation_lag_days
    );
    println!(
        "  公开时限 disclosure        {} 个工作日 working days",
        s.deadlines.disclosure_days
    );
    println!(
        "  关切时限 concern clocks    {} / {} / {} 小时 hours",
        s.concerns.authoritative_info_hours,
        s.concerns.press_conference_hours,
        s.concerns.response_hours
    );
}

/// Runs `jiedu unit`.
pub async fn run(
    db: &Target,
    args: UnitArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    match args.action {
        UnitAction::Show { unit } => {
            let backend = db.open().await?;
            let settings = backend.unit_settings(&unit).await?;
            backend.close().await;
            out.emit(&settings, || print(&unit, &settings));
        }
        UnitAction::Set(set) => {
            let mut backend = db.open().await?;
            let session = auth::session(&mut backend, actor, "unit set").await?;
            let mut settings = backend.unit_settings(&set.unit).await?;
            set.apply(&mut settings);
            backend
                .set_unit_settings(&session, &set.unit, &settings)
                .await?;
            backend.close().await;
            out.emit(&settings, || print(&set.unit, &settings));
        }
    }
    Ok(ExitCode::SUCCESS)
}
