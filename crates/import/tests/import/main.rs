//! Integration tests of jiedu-import: the seed, the LibreOffice fixture, Word features, formats,
//! robustness against bad files, and properties over arbitrary input.

mod build;
mod corpus;
mod docx;
mod formats;
mod properties;
mod robustness;
mod seed;
mod timing;
