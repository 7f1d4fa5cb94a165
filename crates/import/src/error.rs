//! Import errors. Each message is Chinese first, then English, names the file and says what to do.

/// Why a file or text could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read from disk.
    #[error("无法读取文件“{file}”：{source}。请检查路径和权限。\nCannot read the file {file}: {source}. Check the path and permissions.")]
    Read {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file or text holds nothing (or only blank lines and site junk).
    #[error("“{file}”中没有正文文字（文件为空或只有空行、网页杂项）。请确认选对了文件。\n{file} holds no policy text (it is empty, or only blank lines and web page junk). Check that this is the right file.")]
    Empty {
        /// The file.
        file: String,
    },
    /// The input is larger than the import accepts.
    #[error("“{file}”过大（{size} 字节，上限 {limit} 字节）。政策文件正文不会这么大；请确认选对了文件，或先拆分。\n{file} is too large ({size} bytes, limit {limit}). A policy text is never this large: check the file, or split it first.")]
    TooLarge {
        /// The file (or the part inside a .docx).
        file: String,
        /// Its size in bytes, as far as it was read or declared.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A .docx part unpacks to more than the limit: a zip bomb or a broken archive.
    #[error("“{file}”中的“{part}”解压后超过 {limit} 字节上限（可能是“压缩炸弹”或损坏的文件），已停止读取。\nIn {file}, the part {part} unpacks to more than {limit} bytes (a zip bomb or a broken file); reading stopped.")]
    ZipBomb {
        /// The file.
        file: String,
        /// The part inside the archive.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// An OLE compound file: an encrypted .docx or a legacy .doc.
    #[error("“{file}”是加密的 Word 文件或旧版 .doc 文件，无法直接读取。请在 Word 或 WPS 中取消密码，或“另存为” .docx 后再导入。\n{file} is an encrypted Word file or a legacy .doc. Remove the password, or save it as .docx in Word or WPS, and import again.")]
    EncryptedOrLegacy {
        /// The file.
        file: String,
    },
    /// The file is some other kind of file (an image, a PDF, a binary).
    #[error("“{file}”不是 Word 文档或文本文件，而是{found_zh}。请选择 .docx、.txt 或 .md 文件。\n{file} is not a Word document or a text file but {found_en}. Choose a .docx, .txt or .md file.")]
    NotADocument {
        /// The file.
        file: String,
        /// What it is, in Chinese.
        found_zh: String,
        /// What it is, in English.
        found_en: String,
    },
    /// The extension names a format the import does not read.
    #[error("不支持导入“{file}”这种格式（.{extension}）。请另存为 .docx、.txt 或 .md 后再导入。\nThe format of {file} (.{extension}) is not supported. Save it as .docx, .txt or .md and import again.")]
    Unsupported {
        /// The file.
        file: String,
        /// Its extension.
        extension: String,
    },
    /// The zip archive is damaged.
    #[error("“{file}”已损坏，无法解压（{detail}）。请在 Word 或 WPS 中打开并重新保存为 .docx。\n{file} is damaged and cannot be unpacked ({detail}). Open it in Word or WPS and save it again as .docx.")]
    CorruptZip {
        /// The file.
        file: String,
        /// What the zip reader said.
        detail: String,
    },
    /// A zip archive that is not a Word document (no word/document.xml).
    #[error("“{file}”是压缩包，但不是 Word 文档（缺少“{part}”）。请选择 .docx 文件。\n{file} is a zip archive but not a Word document (it lacks {part}). Choose a .docx file.")]
    MissingPart {
        /// The file.
        file: String,
        /// The missing part.
        part: String,
    },
    /// A part of the .docx is not well-formed XML.
    #[error("“{file}”中的“{part}”内容损坏（{detail}）。请在 Word 或 WPS 中打开并重新保存。\nIn {file}, the part {part} is damaged ({detail}). Open the file in Word or WPS and save it again.")]
    BadXml {
        /// The file.
        file: String,
        /// The part inside the archive.
        part: String,
        /// What the XML parser said.
        detail: String,
    },
    /// The text is neither UTF-8, UTF-16 with a byte-order mark, nor GB18030 (GBK).
    #[error("无法识别“{file}”的文字编码（不是 UTF-8、GB18030/GBK 或带 BOM 的 UTF-16）。请用记事本“另存为”UTF-8 编码后再导入。\nThe text encoding of {file} is not recognised (not UTF-8, GB18030/GBK, or UTF-16 with a BOM). Save it as UTF-8 and import again.")]
    Encoding {
        /// The file.
        file: String,
    },
}

impl ImportError {
    /// A stable machine-readable code, for `--json` output and the IPC edge.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Read { .. } => "import.read",
            ImportError::Empty { .. } => "import.empty",
            ImportError::TooLarge { .. } => "import.too_large",
            ImportError::ZipBomb { .. } => "import.zip_bomb",
            ImportError::EncryptedOrLegacy { .. } => "import.encrypted_or_legacy",
            ImportError::NotADocument { .. } => "import.not_a_document",
            ImportError::Unsupported { .. } => "import.unsupported",
            ImportError::CorruptZip { .. } => "import.corrupt_zip",
            ImportError::MissingPart { .. } => "import.missing_part",
            ImportError::BadXml { .. } => "import.bad_xml",
            ImportError::Encoding { .. } => "import.encoding",
        }
    }

    /// The file the error concerns.
    pub fn file(&self) -> &str {
        match self {
            ImportError::Read { file, .. }
            | ImportError::Empty { file }
            | ImportError::TooLarge { file, .. }
            | ImportError::ZipBomb { file, .. }
            | ImportError::EncryptedOrLegacy { file }
            | ImportError::NotADocument { file, .. }
            | ImportError::Unsupported { file, .. }
            | ImportError::CorruptZip { file, .. }
            | ImportError::MissingPart { file, .. }
            | ImportError::BadXml { file, .. }
            | ImportError::Encoding { file } => file,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_chinese_then_english_and_names_the_file() {
        let errors = [
            ImportError::Empty {
                file: "a.txt".into(),
            },
            ImportError::EncryptedOrLegacy {
                file: "a.docx".into(),
            },
            ImportError::ZipBomb {
                file: "a.docx".into(),
                part: "word/document.xml".into(),
                limit: 1,
            },
        ];
        for e in errors {
            let text = e.to_string();
            let (zh, en) = text.split_once('\n').expect("two lines");
            assert!(zh.contains(e.file()) && en.contains(e.file()), "{text}");
            assert!(e.code().starts_with("import."));
        }
    }
}
