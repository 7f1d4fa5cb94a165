//! `jiedu show PACK`: the pack's structure at a glance.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;
use jiedu_core::pack::Pack;
use jiedu_core::MediaKind;

use std::process::ExitCode;

/// Prints one pack: the whole pack as JSON, or an outline for people.
pub async fn run(db: &Target, id: &str, out: &Output) -> Result<ExitCode, CliError> {
    let store = db.open().await?;
    let pack = store.get_pack(id).await?;
    store.close().await;
    out.emit(&pack, || print_outline(&pack));
    Ok(ExitCode::SUCCESS)
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "—"
    } else {
        s
    }
}

fn print_outline(pack: &Pack) {
    let p = pack.policy();
    println!("{}", p.title);
    println!("  编号 id        {}", pack.id);
    println!(
        "  状态 state     {}（第 {} 版 revision）",
        pack.state.label_zh(),
        pack.revision
    );
    println!(
        "  发文字号       {}",
        or_dash(p.doc_number.as_deref().unwrap_or(""))
    );
    println!("  发文机关       {}", or_dash(&p.issuing_authority));
    println!(
        "  起草单位/起草人 {} / {}",
        or_dash(&p.drafting_unit),
        or_dash(&p.drafter)
    );
    println!(
        "  成文日期       {}",
        p.written_on.map_or("—".to_string(), |d| d
            .format("%Y年%-m月%-d日")
            .to_string())
    );
    println!(
        "  公开属性       {}",
        p.disclosure
            .attribute
            .map_or("未设置 not set", |a| a.label_zh())
    );
    println!(
        "  分类/重要性    {} / {:?}",
        p.category.label_zh(),
        p.importance
    );
    println!("  内容哈希 hash  {}", pack.content_hash());
    print_elements(p);
    println!();
    println!(
        "正文 Policy text（{} 段导语 preamble paragraphs）",
        p.preamble.len()
    );
    for s in &p.sections {
        let indent = "  ".repeat(s.level.depth() + 1);
        println!("{indent}{}{}", s.number, s.heading);
    }
    println!();
    match &pack.content.plan {
        Some(plan) => {
            println!("解读方案 Interpretation plan");
            println!("  解读单位       {}", or_dash(&plan.interpreting_unit));
            println!("  第一解读人     {}", or_dash(&plan.first_interpreter));
            let forms: Vec<&str> = plan.forms.iter().map(|f| f.label_zh()).collect();
            let channels: Vec<&str> = plan.channels.iter().map(|c| c.label_zh()).collect();
            println!("  解读形式       {}", or_dash(&forms.join("、")));
            println!("  发布渠道       {}", or_dash(&channels.join("、")));
        }
        None => println!("解读方案 Interpretation plan：无 none"),
    }
    let m = &pack.content.materials;
    println!(
        "解读材料 Materials：文字解读 {}，图表 {}，问答 {}，口径 {}，图片 {}，音频 {}，视频 {}",
        m.text.as_ref().map_or(0, |t| t.sections.len()),
        m.charts.len(),
        m.qa.len(),
        m.press_lines.len(),
        m.media_of(MediaKind::Image).count(),
        m.media_of(MediaKind::Audio).count(),
        m.media_of(MediaKind::Video).count(),
    );
}

/// The GB/T 9704 elements that are set, in the standard's order.
pub fn print_elements(p: &jiedu_core::Policy) {
    let elements = p.elements();
    if elements.is_empty() {
        return;
    }
    println!("公文要素 Document elements");
    for (zh, en, value) in elements {
        println!("  {zh}（{en}）：{value}");
    }
}
