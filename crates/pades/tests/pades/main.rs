//! Signing and verifying whole PDFs, and every way verification must fail.

mod fixtures;
mod inputs;
mod signing;
mod tampering;
mod trust;
