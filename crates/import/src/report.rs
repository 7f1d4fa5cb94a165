//! The import report: everything the import removed, joined, normalized or inferred, so that the
//! user can confirm it. Nothing leaves the text without an entry here.

use jiedu_core::Bilingual;
use serde::{Deserialize, Serialize};

/// How many line numbers a normalization keeps as examples; `count` is always the full count.
pub const MAX_LINES_PER_NORMALIZATION: usize = 20;

/// What kind of document was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Plain text.
    #[default]
    Txt,
    /// Markdown.
    Markdown,
    /// A Word document (.docx).
    Docx,
}

impl DocumentKind {
    /// The unit that `line` numbers count in this kind of document, in Chinese.
    pub fn line_unit_zh(self) -> &'static str {
        match self {
            DocumentKind::Docx => "段",
            DocumentKind::Txt | DocumentKind::Markdown => "行",
        }
    }
}

/// The full report of one import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// What was read.
    pub kind: DocumentKind,
    /// The text encoding that was used, e.g. `UTF-8` or `GB18030`.
    pub encoding: String,
    /// Every piece of text removed, with the reason.
    pub removals: Vec<Removal>,
    /// Every line break that was joined because it split a sentence.
    pub joins: Vec<Join>,
    /// Character-level normalizations, counted per kind.
    pub normalizations: Vec<Normalization>,
    /// Metadata fields taken out of the text (title, 发文字号, date, authority, attachments).
    pub detected: Vec<Detection>,
    /// Everything else the user should know.
    pub notes: Vec<Note>,
    /// Every non-blank source line as read (after HTML was stripped), so that the import screen
    /// can offer a correction on any of them, not only on those the import took or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<SourceLine>,
}

/// One line (text) or paragraph (docx) of the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceLine {
    /// Its number, as the other entries count them.
    pub line: usize,
    /// Its text as written.
    pub text: String,
}

/// A piece of text that was removed. `line` counts lines of a text file, paragraphs of a .docx
/// (1-based, in the source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Removal {
    /// Where it was.
    pub line: usize,
    /// The text, exactly as it was.
    pub text: String,
    /// Why it was removed.
    pub reason: RemovalReason,
}

/// Why a piece of text was judged not to be policy text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// A site breadcrumb such as 当前位置：首页 › ….
    Breadcrumb,
    /// Site furniture after the text: 相关主题, 文本预览, 打印本页 and the like.
    SiteFurniture,
    /// The title repeated by the web page.
    RepeatedTitle,
    /// A page number line such as `— 3 —`.
    PageNumber,
    /// Text deleted in a tracked change (the deletion was accepted).
    TrackedDeletion,
    /// A site's or a news item's headline above the document's own title.
    SiteHeadline,
    /// A news agency's lead (`新华社北京1月16日电`, `…全文如下：`).
    NewsLead,
    /// An editor, author or source credit (`责任编辑：…`).
    EditorCredit,
    /// A copyright, licence or site registration notice.
    Copyright,
    /// A portal metadata line whose value has no field in the policy.
    PortalMetadata,
    /// Marked as not part of the document by the user.
    MarkedByUser,
    /// A regulation's 目录 (table of contents), which repeats its chapter headings.
    TableOfContents,
}

impl RemovalReason {
    /// The reason in Chinese and English.
    pub fn label(self) -> Bilingual {
        match self {
            RemovalReason::Breadcrumb => Bilingual::new("网站导航路径", "site breadcrumb"),
            RemovalReason::SiteFurniture => {
                Bilingual::new("网页末尾的网站栏目", "site furniture after the text")
            }
            RemovalReason::RepeatedTitle => Bilingual::new("重复的标题", "repeated title"),
            RemovalReason::PageNumber => Bilingual::new("页码", "page number"),
            RemovalReason::TrackedDeletion => {
                Bilingual::new("修订中已删除的文字", "deleted in tracked changes")
            }
            RemovalReason::SiteHeadline => {
                Bilingual::new("网站或新闻标题", "site or news headline")
            }
            RemovalReason::NewsLead => Bilingual::new("新闻电头或导语", "news agency lead"),
            RemovalReason::EditorCredit => {
                Bilingual::new("编辑、作者或来源署名", "editor or source credit")
            }
            RemovalReason::Copyright => {
                Bilingual::new("版权或备案信息", "copyright or registration notice")
            }
            RemovalReason::PortalMetadata => Bilingual::new("网站公开目录信息", "portal metadata"),
            RemovalReason::MarkedByUser => {
                Bilingual::new("用户标为非正文", "marked as not the document by the user")
            }
            RemovalReason::TableOfContents => Bilingual::new(
                "目录（与章标题重复）",
                "table of contents (repeats the chapter headings)",
            ),
        }
    }
}

/// Two pieces of one paragraph that a page break had split, joined again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Join {
    /// Line of the first piece.
    pub line: usize,
    /// Line of the second piece.
    pub next_line: usize,
    /// The end of the first piece (a few characters).
    pub before: String,
    /// The start of the second piece (a few characters).
    pub after: String,
}

/// One kind of character-level change, with how often and where it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Normalization {
    /// What was changed.
    pub kind: NormalizationKind,
    /// How many times.
    pub count: usize,
    /// The first lines where it happened (at most [`MAX_LINES_PER_NORMALIZATION`]).
    pub lines: Vec<usize>,
}

/// The character-level changes the cleanup makes. None of them removes a Chinese character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NormalizationKind {
    /// Full- or half-width spaces between Chinese characters removed.
    SpacesInChineseText,
    /// Spaces and indentation at the start or end of a paragraph removed.
    EdgeSpaces,
    /// Half-width punctuation between Chinese characters made full-width (`,` → `，`).
    HalfWidthPunctuation,
    /// Blank lines removed.
    BlankLines,
    /// Invisible characters removed (zero-width spaces, byte-order marks, control characters).
    InvisibleCharacters,
    /// Wrong brackets in a 发文字号 made 〔〕.
    DocNumberBrackets,
    /// A heading number written with half-width brackets or a full-width period, made official.
    HeadingNumber,
    /// A heading number that Word generated (automatic numbering) written into the text.
    GeneratedHeadingNumber,
    /// Markdown markup removed (`#`, `**`, `>`, list bullets, rules, fences).
    MarkdownMarkup,
    /// HTML tags removed and character entities decoded.
    HtmlMarkup,
    /// A document that had lost its line breaks split at its structural markers.
    LineBreaksRestored,
    /// Pinyin annotations after characters (`發(fā)`) removed.
    PinyinAnnotations,
}

impl NormalizationKind {
    /// The change in Chinese and English.
    pub fn label(self) -> Bilingual {
        match self {
            NormalizationKind::SpacesInChineseText => Bilingual::new(
                "删除汉字之间的空格",
                "spaces between Chinese characters removed",
            ),
            NormalizationKind::EdgeSpaces => Bilingual::new(
                "删除段首段尾空格和缩进",
                "leading and trailing spaces removed",
            ),
            NormalizationKind::HalfWidthPunctuation => Bilingual::new(
                "中文中的半角标点改为全角",
                "half-width punctuation in Chinese text made full-width",
            ),
            NormalizationKind::BlankLines => Bilingual::new("删除空行", "blank lines removed"),
            NormalizationKind::InvisibleCharacters => {
                Bilingual::new("删除不可见字符", "invisible characters removed")
            }
            NormalizationKind::DocNumberBrackets => Bilingual::new(
                "发文字号年份括号改为〔〕",
                "document number brackets made 〔〕",
            ),
            NormalizationKind::HeadingNumber => Bilingual::new(
                "标题序号改为规范写法",
                "heading numbers written in the official form",
            ),
            NormalizationKind::GeneratedHeadingNumber => Bilingual::new(
                "补写 Word 自动编号生成的标题序号",
                "heading numbers generated by Word's automatic numbering written out",
            ),
            NormalizationKind::MarkdownMarkup => {
                Bilingual::new("删除 Markdown 标记", "Markdown markup removed")
            }
            NormalizationKind::HtmlMarkup => Bilingual::new(
                "删除 HTML 标签并还原字符实体",
                "HTML tags removed and entities decoded",
            ),
            NormalizationKind::PinyinAnnotations => Bilingual::new(
                "删除汉字后的拼音注音",
                "pinyin annotations after characters removed",
            ),
            NormalizationKind::LineBreaksRestored => Bilingual::new(
                "在层次序号、条款和主送机关处恢复分段",
                "paragraph breaks restored at headings, articles and the addressee",
            ),
        }
    }
}

/// A metadata field taken from a line of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Detection {
    /// Which field.
    pub field: Field,
    /// Where it was.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// The value stored in the policy.
    pub value: String,
}

/// The policy fields the import fills in from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The title.
    Title,
    /// 发文字号.
    DocNumber,
    /// 发文机关.
    IssuingAuthority,
    /// 成文日期.
    WrittenOn,
    /// An attachment (附件).
    Attachment,
    /// The 此件公开发布 marker (proactive disclosure).
    DisclosureMarker,
    /// 主送机关.
    Addressee,
    /// 签发人.
    SignOffBy,
    /// 份号.
    CopyNumber,
    /// 密级 and 保密期限.
    Secrecy,
    /// 紧急程度.
    Urgency,
    /// 发文机关标志.
    IssuerMark,
    /// Another authority of a 联合行文.
    CoIssuer,
    /// 附注.
    Annotation,
    /// 抄送机关.
    CopiedTo,
    /// 印发机关.
    PrintedBy,
    /// 印发日期.
    PrintedOn,
    /// 索引号.
    IndexNumber,
    /// 主题分类.
    Subject,
    /// 发布日期.
    PublishedOn,
    /// 有效性.
    Validity,
    /// 废止日期.
    RepealedOn,
    /// The title of a forwarded document (印发、转发、批转).
    ForwardedTitle,
}

impl Field {
    /// The field's name in Chinese and English.
    pub fn label(self) -> Bilingual {
        match self {
            Field::Title => Bilingual::new("标题", "title"),
            Field::DocNumber => Bilingual::new("发文字号", "document number"),
            Field::IssuingAuthority => Bilingual::new("发文机关", "issuing authority"),
            Field::WrittenOn => Bilingual::new("成文日期", "date of writing"),
            Field::Attachment => Bilingual::new("附件", "attachment"),
            Field::DisclosureMarker => Bilingual::new("公开标注", "disclosure marker"),
            Field::Addressee => Bilingual::new("主送机关", "addressee"),
            Field::SignOffBy => Bilingual::new("签发人", "signed off by"),
            Field::CopyNumber => Bilingual::new("份号", "copy number"),
            Field::Secrecy => Bilingual::new("密级和保密期限", "classification"),
            Field::Urgency => Bilingual::new("紧急程度", "urgency"),
            Field::IssuerMark => Bilingual::new("发文机关标志", "issuer mark"),
            Field::CoIssuer => Bilingual::new("联合发文机关", "joint issuing authority"),
            Field::Annotation => Bilingual::new("附注", "annotation"),
            Field::CopiedTo => Bilingual::new("抄送机关", "copied to"),
            Field::PrintedBy => Bilingual::new("印发机关", "printed by"),
            Field::PrintedOn => Bilingual::new("印发日期", "printed on"),
            Field::IndexNumber => Bilingual::new("索引号", "index number"),
            Field::Subject => Bilingual::new("主题分类", "subject"),
            Field::PublishedOn => Bilingual::new("发布日期", "published on"),
            Field::Validity => Bilingual::new("有效性", "validity"),
            Field::RepealedOn => Bilingual::new("废止日期", "repealed on"),
            Field::ForwardedTitle => {
                Bilingual::new("所印发（转发）文件标题", "forwarded document's title")
            }
        }
    }
}

/// Something the user should know that is not a removal, a join or a normalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    /// What kind of note, for scripts.
    pub kind: NoteKind,
    /// Where, when it concerns one line.
    #[serde(default)]
    pub line: Option<usize>,
    /// The note in Chinese and English.
    pub message: Bilingual,
}

/// The kinds of note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// No title was found.
    TitleNotFound,
    /// No 发文字号 was found.
    DocNumberNotFound,
    /// The 发文字号 was found but is not in the official form.
    DocNumberMalformed,
    /// No issuing authority was found.
    AuthorityNotFound,
    /// No date of writing was found.
    DateNotFound,
    /// A line looks like a date but is not a real date.
    InvalidDate,
    /// No numbered heading was found.
    NoHeadings,
    /// The text ends in the middle of a sentence: it may be cut off.
    MaybeTruncated,
    /// Comments in the .docx were ignored.
    CommentsIgnored,
    /// Tracked changes in the .docx were accepted.
    TrackedChangesAccepted,
    /// A table was kept as tab-separated text.
    TableAsText,
    /// An image became an attachment.
    ImageAttachment,
    /// Text in text boxes was kept as paragraphs.
    TextBoxes,
    /// Footnotes or endnotes were not imported.
    NotesIgnored,
    /// A heading's style and its number disagree; the number decided the level.
    StyleLevelMismatch,
    /// Paragraphs use Word's automatic numbering, whose numbers are not in the text.
    AutoNumbering,
    /// The text was not UTF-8 and was decoded with another encoding.
    Encoding,
    /// A portal metadata field disagrees with the document's own text; the text won.
    MetadataDisagrees,
    /// Lines the user marked (title, junk) were applied.
    Corrected,
    /// The text was HTML; its markup was removed.
    Html,
}
