//! profilegen's integration tests: one binary, fixture sites built in temporary folders,
//! assertions on parsed HTML.

mod harness;

mod bilingual;
mod errors;
mod output;
mod real_site;
