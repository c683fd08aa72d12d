//! TEMPORARY STUB until the real stats module lands.
#![allow(missing_docs, dead_code)]
use std::path::Path;
use std::sync::Arc;
use crate::diag::Result;
#[derive(Debug)]
pub struct Stats;
pub fn load(_file: &Path, _text: &Arc<str>, _l: &[&str]) -> Result<Stats> { Ok(Stats) }
impl Stats {
    pub fn render_stat(&self, id: &str, _f: Option<&str>, _l: &str) -> std::result::Result<String, (String, Option<String>)> { Ok(id.to_owned()) }
    pub fn chart_svg(&self, g: &str, _l: &str) -> std::result::Result<String, (String, Option<String>)> { Ok(g.to_owned()) }
    pub fn record_view(&self, _id: &str, _l: &str) -> Option<String> { None }
    pub fn group_view(&self, _id: &str, _l: &str) -> Option<String> { None }
    pub fn group_ids(&self) -> impl Iterator<Item = &str> { std::iter::empty() }
    pub fn closest_id(&self, _id: &str) -> Option<&str> { None }
    pub fn to_csv(&self) -> String { String::new() }
    pub fn to_json(&self) -> String { String::new() }
}
