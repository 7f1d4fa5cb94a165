//! One module per command; each opens the store, does one job, prints through `Output`.

pub mod audit;
pub mod calendar;
pub mod check;
pub mod concern;
pub mod deadlines;
pub mod demo;
pub mod diff;
pub mod export;
pub mod import;
pub mod list;
pub mod media;
pub mod publish;
pub mod report;
pub mod search;
pub mod serve;
pub mod show;
pub mod unit;
pub mod user;
pub mod verify;
pub mod verify_pdf;
pub mod watch;
pub mod workflow;
