//! `jiedu user add|list|certify|export-ca`: people, their roles, their signing keys and the
//! office CA's certificates.

use crate::args::Target;
use crate::auth;
use crate::error::CliError;
use crate::output::Output;
use clap::{Args, Subcommand};
use jiedu_client::Backend;
use jiedu_core::people::{Role, User};

use std::process::ExitCode;

/// Options of `jiedu user`.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: UserCommand,
}

/// The people jobs.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 添加用户并生成签名密钥（须 --as 管理员；首位管理员除外）。Add a user with a new signing key (needs --as ADMIN, except for the first admin).
    Add {
        /// 用户编号 User id.
        id: String,
        /// 姓名 Name.
        #[arg(long)]
        name: String,
        /// 所属单位编号 Unit id.
        #[arg(long)]
        unit: String,
        /// 角色：drafter 起草人、leader 审签领导、openness_office 政务公开工作机构、press_officer 新闻发言人、admin 管理员。
        /// Role.
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// 列出用户及其公钥。List users and their public keys.
    List,
    /// 由办公室 CA 给审签领导签发 PDF 签名证书（须 --as 管理员；首次会建立 CA）。
    /// Issue a leader a PDF signing certificate from the office CA (needs --as ADMIN; makes the CA the first time).
    Certify {
        /// 用户编号 User id.
        id: String,
    },
    /// 管理员以本人密钥签署登记某人当前的公钥、角色与单位（须 --as 管理员）；用于本功能之前建立的
    /// 数据库。先核对公钥再登记：登记即为担保。
    /// An admin enrols a person's current keys, role and unit under their own key (needs --as
    /// ADMIN), for databases from before enrolment. Check the keys first: enrolling vouches for them.
    Enrol {
        /// 用户编号 User id.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// 登记所有尚未登记（或登记与现状不符）的人。Everyone not enrolled as they are now.
        #[arg(long)]
        all: bool,
    },
    /// 导出办公室 CA 证书（PEM），供阅读器信任。Export the office CA certificate (PEM) for readers to trust.
    ExportCa {
        /// 输出文件 Output file (.pem).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

/// Reads a role by its id or its Chinese name.
fn parse_role(s: &str) -> Result<Role, String> {
    Role::ALL
        .into_iter()
        .find(|r| r.as_str() == s.trim() || r.label_zh() == s.trim())
        .ok_or_else(|| {
            let known: Vec<String> = Role::ALL
                .iter()
                .map(|r| format!("{}（{}）", r.as_str(), r.label_zh()))
                .collect();
            format!(
                "未知角色 unknown role “{s}”；可用 use: {}",
                known.join(", ")
            )
        })
}

/// Runs one people job.
pub async fn run(
    db: &Target,
    args: UserArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let mut store = db.open().await?;
    match args.command {
        UserCommand::Add {
            id,
            name,
            unit,
            role,
        } => {
            let session = match actor {
                Some(_) => Some(auth::session(&mut store, actor, "user add").await?),
                None => None,
            };
            let passphrase = auth::new_passphrase(&id)?;
            let user = User {
                id,
                name,
                unit_id: unit,
                role,
            };
            let info = match &session {
                Some(admin) => store.add_user(admin, &user, &passphrase).await?,
                // The first admin of an empty register, who nobody can vouch for yet.
                None => {
                    local_store(&store, "user add")?
                        .add_user(&user, &passphrase, None)
                        .await?
                }
            };
            out.emit(&info, || {
                println!(
                    "已添加用户 added {}（{}，{}，{}）",
                    info.id,
                    info.name,
                    info.unit_id,
                    info.role.label_zh()
                );
                println!(
                    "  签名公钥 public key {}",
                    info.public_key.as_deref().unwrap_or("—")
                );
            });
        }
        UserCommand::Certify { id } => {
            let session = auth::session(&mut store, actor, "user certify").await?;
            let der = store.certify(&session, &id).await?;
            let info = jiedu_pades::describe_certificate(&der)?;
            let fingerprint = jiedu_pades::certificate_sha256_hex(&der);
            out.emit(&serde_json::json!({ "id": id, "sha256": fingerprint, "not_after": info.not_after }), || {
                println!("已签发证书 certificate issued：{}（{}，{}）", info.name, id, info.unit);
                println!("  有效期至 valid until {}", info.not_after.format("%Y-%m-%d"));
                println!("  SHA-256 {fingerprint}");
            });
        }
        UserCommand::Enrol { id, all } => {
            let admin = auth::session(&mut store, actor, "user enrol").await?;
            let ids = match id {
                Some(id) if !all => vec![id],
                _ => {
                    let (_, registered, enrolments) = store.enrolment_data().await?;
                    let mut ids = jiedu_core::identity::unenrolled(&registered, &enrolments);
                    // The admin first: their own enrolment makes the root the others hang on.
                    ids.sort_by_key(|id| *id != admin.user().id);
                    ids
                }
            };
            let mut enrolled = Vec::new();
            for id in &ids {
                enrolled.push(store.enrol(&admin, id).await?);
            }
            out.emit(&enrolled, || {
                if enrolled.is_empty() {
                    println!(
                        "无需登记：每人的公钥均已登记。Nobody to enrol: every key is enrolled."
                    );
                }
                for e in &enrolled {
                    println!(
                        "已登记 enrolled {}（{}，{}）ed25519:{} — 由 by {}",
                        e.user_id,
                        e.role.label_zh(),
                        e.unit_id,
                        e.public_key,
                        e.admin_id
                    );
                }
            });
        }
        UserCommand::ExportCa { out: file } => {
            let der = store
                .office_ca_certificate()
                .await?
                .ok_or(jiedu_store::StoreError::NoOfficeCa)?;
            let pem = jiedu_pades::certificate_pem(&der);
            crate::write::write_atomically(&file, pem.as_bytes())?;
            let fingerprint = jiedu_pades::certificate_sha256_hex(&der);
            out.emit(&serde_json::json!({ "file": file, "sha256": fingerprint }), || {
                println!("已导出办公室 CA 证书 office CA certificate: {}", file.display());
                println!("  SHA-256 {fingerprint}");
                println!("  请在 PDF 阅读器中将其设为受信任的根证书（见 README）。Trust it in the PDF reader (see the README).");
            });
        }
        UserCommand::List => {
            let users = store.user_infos().await?;
            out.emit(&users, || {
                for u in &users {
                    let key = u
                        .public_key
                        .as_deref()
                        .map_or("（无密钥 no key）".to_string(), |k| {
                            format!("ed25519:{}…", &k[..k.len().min(16)])
                        });
                    println!(
                        "{:<12} {:<8} {:<16} {:<10} {key}",
                        u.id,
                        u.name,
                        u.unit_id,
                        u.role.label_zh()
                    );
                }
            });
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

const LOCAL_WHY: &str =
    "添加人员与签发证书须由管理员在服务器所用的数据库上操作（--db postgres://…）。";

fn local_only(command: &str) -> CliError {
    CliError::LocalOnly {
        command: command.to_string(),
        why: LOCAL_WHY.to_string(),
    }
}

/// The store, for the people commands that run on a database only (for now).
fn local_store<'a>(
    backend: &'a Backend,
    command: &str,
) -> Result<&'a jiedu_store::Store, CliError> {
    backend.store().ok_or_else(|| local_only(command))
}
