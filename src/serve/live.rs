//! Live reload: the state of the last rebuild, Server-Sent Events to every open page,
//! the tiny script that listens to them, and the error overlay.
//!
//! The script and the event stream live under the site's base path
//! (`/renze/__profilegen/…`), so a sub-path site is served exactly as it will be hosted.
//! The overlay's text is the terminal's plain diagnostic, escaped for HTML when it is
//! sent with a page and set with `textContent` when it arrives as an event.

use std::sync::Mutex;

use serde::Serialize;
use tokio::sync::broadcast;

use super::session::RebuildReport;
use crate::stats::escape_html;

/// The folder (under the base path) of serve's own URLs.
pub const PREFIX: &str = "__profilegen/";

/// What every open page is told.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// `reload` after a good rebuild, `failed` after a bad one, `hello` on connecting.
    #[serde(skip)]
    pub event: &'static str,
    /// The rebuild's number.
    pub generation: u64,
    /// The errors of the last rebuild, as plain text; `None` when the site is good.
    pub error: Option<String>,
    /// Output files the rebuild rendered.
    pub rendered: Vec<String>,
}

/// The last rebuild's outcome, shared by the rebuild thread and the HTTP handlers.
pub struct Live {
    state: Mutex<(u64, Option<String>)>,
    tx: broadcast::Sender<Message>,
}

impl Live {
    /// A live state before any build.
    pub fn new() -> Live {
        let (tx, _) = broadcast::channel(64);
        Live {
            state: Mutex::new((0, None)),
            tx,
        }
    }

    /// Records a rebuild and tells every open page.
    pub fn publish(&self, report: &RebuildReport) {
        let error = (!report.ok()).then(|| crate::Diagnostics(report.errors.clone()).render(false));
        if let Ok(mut s) = self.state.lock() {
            *s = (report.generation, error.clone());
        }
        let message = Message {
            event: if report.ok() { "reload" } else { "failed" },
            generation: report.generation,
            error,
            rendered: report
                .rendered
                .iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect(),
        };
        let _ = self.tx.send(message);
    }

    /// The message a page gets when it connects.
    pub fn hello(&self) -> Message {
        let (generation, error) = self.state.lock().map(|s| s.clone()).unwrap_or_default();
        Message {
            event: "hello",
            generation,
            error,
            rendered: Vec::new(),
        }
    }

    /// A receiver for the messages of the rebuilds to come.
    pub fn subscribe(&self) -> broadcast::Receiver<Message> {
        self.tx.subscribe()
    }

    /// What is injected before `</body>` of every HTML page: the script, and the overlay
    /// while the last rebuild failed.
    pub fn snippet(&self, base_path: &str) -> String {
        let script = format!("<script src=\"{base_path}{PREFIX}live-reload.js\"></script>");
        match self.hello().error {
            Some(text) => format!("{}{script}", overlay(&text)),
            None => script,
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// The overlay element: the diagnostic text, escaped, over the page.
pub fn overlay(text: &str) -> String {
    format!(
        "<div id=\"profilegen-overlay\" role=\"alert\" lang=\"{}\" style=\"{STYLE}\"><pre style=\"{PRE_STYLE}\">{}</pre></div>",
        overlay_lang(),
        escape_html(text)
    )
}

/// The `lang` of the overlay: the language the messages are in (so a screen reader
/// reads them in it and the browser picks a Chinese font for Chinese).
fn overlay_lang() -> &'static str {
    match crate::messages::current() {
        crate::messages::Lang::Zh => "zh-CN",
        crate::messages::Lang::En => "en",
    }
}

const STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(24,24,27,.94);color:#fde68a";

/// The text's own style, complete, so that the site's CSS for `pre` (a light code-block
/// background, `white-space: pre`) cannot make it unreadable or cut it off.
const PRE_STYLE: &str = "margin:0;padding:0;border:0;background:transparent;color:inherit;white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.5 ui-monospace,monospace";

/// The live-reload script served at `<base>__profilegen/live-reload.js`.
pub fn script() -> String {
    let lang = overlay_lang();
    format!(
        r#"// profilegen serve: reloads the page after a rebuild and shows build errors.
(function () {{
  var here = document.currentScript.src.replace(/live-reload\.js.*$/, "");
  var source = new EventSource(here + "events");
  var seen = null;
  function show(text) {{
    var box = document.getElementById("profilegen-overlay");
    if (!text) {{ if (box) box.remove(); return; }}
    if (!box) {{
      box = document.createElement("div");
      box.id = "profilegen-overlay";
      box.setAttribute("role", "alert");
      box.setAttribute("lang", "{lang}");
      box.setAttribute("style", "{STYLE}");
      var text_box = document.createElement("pre");
      text_box.setAttribute("style", "{PRE_STYLE}");
      box.appendChild(text_box);
      document.body.appendChild(box);
    }}
    var pre = box.querySelector("pre") || box;
    pre.textContent = text;
  }}
  source.addEventListener("hello", function (e) {{
    var m = JSON.parse(e.data);
    if (seen !== null && m.generation !== seen && !m.error) {{ location.reload(); return; }}
    seen = m.generation;
    show(m.error);
  }});
  source.addEventListener("reload", function () {{ location.reload(); }});
  source.addEventListener("failed", function (e) {{ show(JSON.parse(e.data).error); }});
}})();
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_the_diagnostic() {
        let html = overlay("error: <script>alert(1)</script> & “引号”");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”"));
        assert!(!html.contains("<script>"));
    }
}
