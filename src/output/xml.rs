//! A thin layer over `quick-xml`'s writer for the sitemap and the feeds: every text and
//! attribute value goes through its escaping, so a title with `&` or `<` stays valid XML.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// An XML document being written into memory, indented by two spaces.
pub struct Xml(Writer<Vec<u8>>);

/// What the closures that fill an element return.
pub type Out = io::Result<()>;

impl Xml {
    /// A document that starts with `<?xml version="1.0" encoding="UTF-8"?>`.
    pub fn new() -> io::Result<Xml> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml(w))
    }

    /// `<name attrs…>` + `fill` + `</name>`.
    pub fn open(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        fill: impl FnOnce(&mut Xml) -> Out,
    ) -> Out {
        self.0.write_event(Event::Start(start(name, attrs)))?;
        fill(self)?;
        self.0
            .write_event(Event::End(quick_xml::events::BytesEnd::new(name)))?;
        Ok(())
    }

    /// `<name attrs…>text</name>`, the text escaped.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> Out {
        self.0
            .create_element(name)
            .with_attributes(attrs.iter().copied())
            .write_text_content(BytesText::new(text))?;
        Ok(())
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Out {
        self.0.write_event(Event::Empty(start(name, attrs)))?;
        Ok(())
    }

    /// The finished document, with a final newline.
    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.0.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

fn start<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> quick_xml::events::BytesStart<'a> {
    let mut s = quick_xml::events::BytesStart::new(name);
    s.extend_attributes(attrs.iter().copied());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new().unwrap();
        x.open("a", &[("href", "?x=1&y=\"2\"")], |x| {
            x.text("t", &[], "</script> & <b>")
        })
        .unwrap();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.contains("href=\"?x=1&amp;y=&quot;2&quot;\""), "{s}");
        assert!(s.contains("&lt;/script&gt; &amp; &lt;b&gt;"), "{s}");
        assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }
}
