//! The pages of the package, from the pack's data through the templates.

use super::manifest::{PortalLink, PortalMeta, PortalPage};
use super::PortalOptions;
use crate::chart::{chart_drawing, ChartStyle};
use crate::error::RenderError;
use crate::layout::media::media_bytes;
use crate::raster;
use jiedu_core::chart::ChartSpec;
use jiedu_core::deadlines::china_date;
use jiedu_core::gongwen::Validity;
use jiedu_core::media::{MediaLibrary, MediaRef};
use jiedu_core::pack::Pack;
use jiedu_core::policy::{HeadingLevel, Section};
use jiedu_core::publication::MEDIA_PAGE;
use minijinja::Environment;
use serde::Serialize;

/// Width of the chart images, the WeChat article width the kit uses too.
const IMAGE_WIDTH: u32 = 1080;

/// What [`build`] made.
pub(crate) struct Built {
    pub files: Vec<(String, Vec<u8>)>,
    pub pages: Vec<PortalPage>,
    pub meta: PortalMeta,
    pub base_path: String,
}

#[derive(Serialize)]
struct MetaRow {
    label: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Notice {
    text: String,
    href: Option<String>,
    rel: &'static str,
    title: String,
}

#[derive(Serialize)]
struct LinkView<'a> {
    href: &'a str,
    rel: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Block {
    level: usize,
    number: String,
    heading: String,
    paragraphs: Vec<String>,
}

#[derive(Serialize)]
struct AttachmentView {
    title: String,
    paragraphs: Vec<String>,
    blocks: Vec<Block>,
}

#[derive(Serialize)]
struct ChartRow {
    category: String,
    values: Vec<String>,
}

#[derive(Serialize)]
struct ChartView {
    title: String,
    caption: String,
    alt: String,
    image: String,
    width: u32,
    height: u32,
    unit: String,
    corner: &'static str,
    series: Vec<String>,
    rows: Vec<ChartRow>,
}

/// A file of the package: its path and bytes.
type PackageFile = (String, Vec<u8>);

/// One image, audio or video file as the media page shows it.
#[derive(Serialize)]
struct MediaView {
    id: String,
    kind: &'static str,
    title: String,
    caption: String,
    alt: String,
    credit: String,
    duration: Option<String>,
    src: String,
    mime: &'static str,
    width: Option<u32>,
    height: Option<u32>,
}

/// The package path of a media file: its pack id and format, ASCII only, as CMS imports want.
fn media_file_name(media: &MediaRef) -> String {
    let id: String = media
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let stem = if id.is_empty() {
        media.info.sha256.chars().take(12).collect()
    } else {
        id
    };
    format!("media/{stem}.{}", media.info.format.extension())
}

/// The media page's entries and the files they name, refusing a file that was not loaded.
fn media_views(
    refs: &[MediaRef],
    library: &MediaLibrary,
) -> Result<(Vec<MediaView>, Vec<PackageFile>), RenderError> {
    let mut views = Vec::with_capacity(refs.len());
    let mut files: Vec<PackageFile> = Vec::with_capacity(refs.len());
    for m in refs {
        let bytes = media_bytes(m, library)?;
        let src = media_file_name(m);
        if !files.iter().any(|(n, _)| *n == src) {
            files.push((src.clone(), bytes.to_vec()));
        }
        views.push(MediaView {
            id: m.id.clone(),
            kind: m.kind().name(),
            title: m.title().to_string(),
            caption: m.caption.trim().to_string(),
            alt: if m.alt.trim().is_empty() {
                m.title().to_string()
            } else {
                m.alt.trim().to_string()
            },
            credit: m.credit.trim().to_string(),
            duration: m.duration_label(),
            src,
            mime: m.info.format.mime(),
            width: m.info.width,
            height: m.info.height,
        });
    }
    Ok((views, files))
}

fn environment() -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    // Names ending in .html switch on HTML escaping of every value (minijinja's default).
    for (name, source) in [
        ("base.html", include_str!("templates/base.html")),
        ("policy.html", include_str!("templates/policy.html")),
        (
            "interpretation.html",
            include_str!("templates/interpretation.html"),
        ),
        ("qa.html", include_str!("templates/qa.html")),
        ("charts.html", include_str!("templates/charts.html")),
        ("media.html", include_str!("templates/media.html")),
    ] {
        env.add_template(name, source)
            .map_err(template_error(name))?;
    }
    Ok(env)
}

fn template_error(name: &str) -> impl Fn(minijinja::Error) -> RenderError + '_ {
    move |e| RenderError::Archive {
        file: format!("portal: {name}"),
        detail: e.to_string(),
    }
}

fn date_zh(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y年%-m月%-d日").to_string())
        .unwrap_or_else(|| "—".to_string())
}

/// Sections as blocks with heading levels under the page's h1 that never skip one; articles
/// and items of a regulation run in with their text, as printed.
fn blocks(sections: &[Section]) -> Vec<Block> {
    let mut previous = 1;
    sections
        .iter()
        .map(|s| {
            let run_in = matches!(s.level, HeadingLevel::Article | HeadingLevel::Item)
                || s.heading.trim().is_empty();
            if run_in {
                let mut paragraphs = s.paragraphs.clone();
                let head = s.heading.trim();
                match paragraphs.first_mut() {
                    Some(first) if !head.is_empty() => *first = format!("{head}{first}"),
                    None if !head.is_empty() => paragraphs.push(head.to_string()),
                    _ => {}
                }
                Block {
                    level: 0,
                    number: s.number.clone(),
                    heading: String::new(),
                    paragraphs,
                }
            } else {
                let level = (s.level.depth() + 2).min(previous + 1).min(6);
                previous = level;
                Block {
                    level,
                    number: s.number.clone(),
                    heading: s.heading.clone(),
                    paragraphs: s.paragraphs.clone(),
                }
            }
        })
        .collect()
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn chart_view(spec: &ChartSpec, image: String, png: &[u8]) -> ChartView {
    // The PNG header gives the image's size, which the page reserves so it does not jump.
    let dim = |at: usize| {
        png.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .unwrap_or(0)
    };
    let series: Vec<String> = spec
        .series
        .iter()
        .map(|s| {
            if s.name.trim().is_empty() {
                "数值".to_string()
            } else {
                s.name.clone()
            }
        })
        .collect();
    let rows = spec
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| ChartRow {
            category: c.clone(),
            values: spec
                .series
                .iter()
                .map(|s| s.values.get(i).map(|v| number(*v)).unwrap_or_default())
                .collect(),
        })
        .collect();
    let caption = if spec.source.trim().is_empty() {
        spec.title.clone()
    } else {
        format!("{}（数据来源：{}）", spec.title, spec.source.trim())
    };
    ChartView {
        title: spec.title.clone(),
        caption,
        alt: spec.alt_text(),
        image,
        width: dim(16),
        height: dim(20),
        unit: spec.unit.clone(),
        corner: "项目",
        series,
        rows,
    }
}

/// A file name from a chart id: ASCII letters, digits and dashes, else its position.
fn image_name(spec: &ChartSpec, index: usize) -> String {
    let clean: String = spec
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if clean.is_empty() || clean.len() != spec.id.len() {
        format!("images/chart-{}.png", index + 1)
    } else {
        format!("images/chart-{clean}.png")
    }
}

/// Builds every page and image of the package.
pub(crate) fn build(pack: &Pack, options: &PortalOptions<'_>) -> Result<Built, RenderError> {
    let env = environment()?;
    let policy = pack.policy();
    let materials = &pack.content.materials;
    let today = china_date(options.now);
    let record = options.record;
    let validity = record.validity(policy.portal.validity, today);
    let repealed_on = (validity == Validity::Repealed)
        .then(|| record.repealed_on().or(policy.portal.repealed_on))
        .flatten();
    let published_on = pack
        .deployment
        .as_ref()
        .map(|d| china_date(d.policy_released_at))
        .or(policy.portal.published_on);
    let authority = policy.authorities().collect::<Vec<_>>().join("、");
    let subject = if policy.portal.subject.trim().is_empty() {
        policy.category.label_zh().to_string()
    } else {
        policy.portal.subject.clone()
    };
    let meta = PortalMeta {
        index_number: record.index_number.clone().unwrap_or_default(),
        subject: subject.clone(),
        issuing_authority: authority.clone(),
        written_on: policy.written_on,
        published_on,
        doc_number: policy.doc_number.clone(),
        title: policy.title.clone(),
        validity: validity.label_zh().to_string(),
        repealed_on,
    };
    let mut rows = vec![
        MetaRow {
            label: "索引号",
            value: meta.index_number.clone(),
        },
        MetaRow {
            label: "主题分类",
            value: subject,
        },
        MetaRow {
            label: "发文机关",
            value: if authority.is_empty() {
                "—".into()
            } else {
                authority
            },
        },
        MetaRow {
            label: "成文日期",
            value: date_zh(policy.written_on),
        },
        MetaRow {
            label: "标题",
            value: policy.title.clone(),
        },
        MetaRow {
            label: "发文字号",
            value: policy.doc_number.clone().unwrap_or_else(|| "—".into()),
        },
        MetaRow {
            label: "发布日期",
            value: published_on.map_or_else(|| "待发布".to_string(), |d| date_zh(Some(d))),
        },
        MetaRow {
            label: "有效性",
            value: meta.validity.clone(),
        },
    ];
    if let Some(on) = repealed_on {
        rows.push(MetaRow {
            label: "废止日期",
            value: date_zh(Some(on)),
        });
    }

    // Each pack's package is published in its own folder under the site path, so another
    // pack's page is `../<id>/policy.html` from here.
    let site = {
        let mut b = options.settings.base_path.trim().to_string();
        if !b.starts_with('/') {
            b.insert(0, '/');
        }
        if !b.ends_with('/') {
            b.push('/');
        }
        b
    };
    let other = |id: &str| format!("../{id}/policy.html");
    let url_of = |href: &str| match href.strip_prefix("../") {
        Some(rest) => format!("{site}{rest}"),
        None => format!("{site}{}/{href}", pack.id),
    };

    // The notices on the original (修改/废止 by later packs) and on the new one (what it
    // amends or repeals), each with the link to the other pack.
    let mut notices = Vec::new();
    let mut cross_links: Vec<PortalLink> = Vec::new();
    for (change, text) in record.changes.iter().zip(record.notices()) {
        let href = other(&change.by_pack);
        cross_links.push(PortalLink {
            rel: "superseded_by".into(),
            url: url_of(&href),
            href: href.clone(),
            title: change.by_title.clone(),
        });
        notices.push(Notice {
            text: text.zh,
            href: Some(href),
            rel: "superseded_by",
            title: change.by_title.clone(),
        });
    }
    for s in &policy.supersedes {
        let title = options
            .supersedes
            .iter()
            .find(|l| l.pack_id == s.pack_id)
            .map_or_else(|| s.pack_id.clone(), |l| l.title.clone());
        let href = other(&s.pack_id);
        cross_links.push(PortalLink {
            rel: "supersedes".into(),
            url: url_of(&href),
            href: href.clone(),
            title: title.clone(),
        });
        notices.push(Notice {
            text: format!(
                "本文件自{}起{}《{}》。",
                s.effective_on.format("%Y年%-m月%-d日"),
                s.kind.label_zh(),
                title
            ),
            href: Some(href),
            rel: "supersedes",
            title,
        });
    }

    // The interpretation pages this pack has, with their titles.
    let mut interp: Vec<(&str, &str, String)> = Vec::new();
    if let Some(text) = materials.text.as_ref().filter(|t| !t.sections.is_empty()) {
        interp.push(("interpretation.html", "interpretation", text.title.clone()));
    }
    if !materials.qa.is_empty() {
        interp.push(("qa.html", "qa", format!("《{}》问答", policy.title)));
    }
    if !materials.charts.is_empty() {
        interp.push(("charts.html", "charts", format!("《{}》图解", policy.title)));
    }
    if !materials.media.is_empty() {
        interp.push((
            MEDIA_PAGE,
            "media",
            format!("《{}》图片与音视频", policy.title),
        ));
    }

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut pages: Vec<PortalPage> = Vec::new();
    let mut render = |path: &str,
                      kind: &str,
                      title: &str,
                      crumb: &str,
                      related: Vec<PortalLink>,
                      related_heading: &str,
                      extra: minijinja::Value|
     -> Result<(), RenderError> {
        let links: Vec<LinkView<'_>> = related
            .iter()
            .map(|l| LinkView {
                href: &l.href,
                rel: &l.rel,
                title: &l.title,
            })
            .collect();
        let ctx = minijinja::context! {
            page => minijinja::context! { title => title, crumb => crumb },
            site => options.settings,
            pack_id => &pack.id,
            revision => pack.revision,
            meta => &rows,
            notices => &notices,
            related => links,
            related_heading => related_heading,
            ..extra
        };
        let html = env
            .get_template(path)
            .and_then(|t| t.render(ctx))
            .map_err(template_error(path))?;
        let mut page_links = related.clone();
        page_links.extend(cross_links.iter().cloned());
        pages.push(PortalPage {
            path: path.to_string(),
            kind: kind.to_string(),
            title: title.to_string(),
            url: url_of(path),
            links: page_links,
        });
        files.push((path.to_string(), html.into_bytes()));
        Ok(())
    };

    let to_policy = vec![PortalLink {
        rel: "related_policy".into(),
        href: "policy.html".into(),
        url: url_of("policy.html"),
        title: policy.title.clone(),
    }];
    let related: Vec<PortalLink> = interp
        .iter()
        .map(|(path, _, title)| PortalLink {
            rel: "related_interpretation".into(),
            href: path.to_string(),
            url: url_of(path),
            title: title.clone(),
        })
        .collect();

    let mut signature: Vec<String> = if policy.signed_names.is_empty() {
        policy.authorities().map(String::from).collect()
    } else {
        policy.signed_names.clone()
    };
    if policy.written_on.is_some() {
        signature.push(date_zh(policy.written_on));
    }
    let attachments: Vec<AttachmentView> = policy
        .attachments
        .iter()
        .map(|a| AttachmentView {
            title: a.title.clone(),
            paragraphs: a.paragraphs.clone(),
            blocks: blocks(&a.sections),
        })
        .collect();
    render(
        "policy.html",
        "policy",
        &policy.title,
        "政策文件",
        related,
        "相关解读",
        minijinja::context! {
            preamble => &policy.preamble,
            blocks => blocks(&policy.sections),
            signature => signature,
            attachments => attachments,
        },
    )?;

    if let Some(text) = materials.text.as_ref().filter(|t| !t.sections.is_empty()) {
        render(
            "interpretation.html",
            "interpretation",
            &text.title,
            "文字解读",
            to_policy.clone(),
            "相关文件",
            minijinja::context! { sections => &text.sections },
        )?;
    }
    if !materials.qa.is_empty() {
        let qa: Vec<minijinja::Value> = materials
            .qa
            .iter()
            .map(|q| {
                let answer: Vec<&str> = q
                    .answer
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                minijinja::context! { question => &q.question, answer => answer }
            })
            .collect();
        render(
            "qa.html",
            "qa",
            &format!("《{}》问答", policy.title),
            "问答",
            to_policy.clone(),
            "相关文件",
            minijinja::context! { qa => qa },
        )?;
    }
    let mut images: Vec<(String, Vec<u8>)> = Vec::new();
    if !materials.charts.is_empty() {
        let style = ChartStyle::new(options.fonts.clone());
        let svg_options = raster::svg_options(&options.fonts);
        let mut views = Vec::new();
        for (i, spec) in materials.charts.iter().enumerate() {
            let name = image_name(spec, i);
            let svg = chart_drawing(spec, &style)?.to_svg();
            let png = raster::png_with(&svg, IMAGE_WIDTH, &svg_options)?;
            views.push(chart_view(spec, name.clone(), &png));
            images.push((name, png));
        }
        render(
            "charts.html",
            "charts",
            &format!("《{}》图解", policy.title),
            "图解",
            to_policy.clone(),
            "相关文件",
            minijinja::context! { charts => views },
        )?;
    }
    if !materials.media.is_empty() {
        let (views, media_files) = media_views(&materials.media, &options.media)?;
        render(
            MEDIA_PAGE,
            "media",
            &format!("《{}》图片与音视频", policy.title),
            "图片与音视频",
            to_policy,
            "相关文件",
            minijinja::context! { media => views },
        )?;
        images.extend(media_files);
    }
    files.extend(images);
    Ok(Built {
        files,
        pages,
        meta,
        base_path: site,
    })
}
