//! Tauri commands, one module per domain. Each is a thin call into the library crates.

pub mod audit;
pub mod charts;
pub mod export;
pub mod import;
pub mod packs;
pub mod people;
pub mod session;
pub mod startup;
pub mod workflow;
