//! The shortcode call syntax: `{{ name(key="value", n=3, x=1.5, flag=true) }}`.
//!
//! Parsed from the raw file text (not from Markdown-processed text), so `\"` escapes in
//! strings mean what they say. A call must fit on one line.

use super::ArgValue;
use crate::msg;

/// How a well-formed call looks, for hints.
pub(super) fn expected_form() -> String {
    msg!("shortcode-form-hint")
}

/// A successfully parsed call: name, arguments and the byte offset just past `}}`.
#[derive(Debug, PartialEq)]
pub(super) struct Parsed {
    pub name: String,
    pub args: Vec<(String, ArgValue)>,
    pub end: usize,
}

/// Why a call is malformed, and the byte offset where parsing stopped.
#[derive(Debug, PartialEq)]
pub(super) struct ParseError {
    pub message: String,
    pub at: usize,
}

/// Parses the call starting at `start` (which must point at `{{`) in `src`.
pub(super) fn parse(src: &str, start: usize) -> Result<Parsed, ParseError> {
    let mut cur = Cursor { src, pos: start };
    cur.expect("{{", || msg!("shortcode-expected-open"))?;
    cur.skip_ws();
    let name = match cur.ident() {
        Some(name) => name.to_owned(),
        None => return Err(cur.error(msg!("shortcode-expected-name"))),
    };
    cur.skip_ws();
    if !cur.eat("(") {
        return Err(cur.error(msg!("shortcode-expected-paren", name = name.as_str())));
    }
    let args = cur.args()?;
    cur.skip_ws();
    cur.expect("}}", || msg!("shortcode-unclosed"))?;
    Ok(Parsed {
        name,
        args,
        end: cur.pos,
    })
}

struct Cursor<'s> {
    src: &'s str,
    pos: usize,
}

impl<'s> Cursor<'s> {
    fn rest(&self) -> &'s str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            at: self.pos,
        }
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.rest().starts_with(token);
        if found {
            self.pos += token.len();
        }
        found
    }

    fn expect(&mut self, token: &str, message: impl FnOnce() -> String) -> Result<(), ParseError> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.error(message()))
        }
    }

    fn ident(&mut self) -> Option<&'s str> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.pos += len;
        Some(word)
    }

    /// The argument list after `(`, up to and including `)`.
    fn args(&mut self) -> Result<Vec<(String, ArgValue)>, ParseError> {
        let mut args: Vec<(String, ArgValue)> = Vec::new();
        loop {
            self.skip_ws();
            if self.eat(")") {
                return Ok(args);
            }
            let key_at = self.pos;
            let (key, value) = self.arg()?;
            if args.iter().any(|(k, _)| *k == key) {
                return Err(ParseError {
                    message: msg!("shortcode-argument-twice", key = key.as_str()),
                    at: key_at,
                });
            }
            self.skip_ws();
            if !self.eat(",") && !self.rest().starts_with(')') {
                return Err(self.error(msg!("shortcode-expected-comma", key = key.as_str())));
            }
            args.push((key, value));
        }
    }

    fn arg(&mut self) -> Result<(String, ArgValue), ParseError> {
        let Some(key) = self.ident() else {
            return Err(self.error(msg!("shortcode-expected-argument")));
        };
        self.skip_ws();
        if !self.eat("=") {
            return Err(self.error(msg!("shortcode-expected-equals", key = key)));
        }
        self.skip_ws();
        let value = self.value(key)?;
        Ok((key.to_owned(), value))
    }

    fn value(&mut self, key: &str) -> Result<ArgValue, ParseError> {
        let rest = self.rest();
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => self.string(q, key),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => self.number(key),
            _ => match self.rest() {
                r if r.starts_with("true") => self.keyword("true", ArgValue::Bool(true), key),
                r if r.starts_with("false") => self.keyword("false", ArgValue::Bool(false), key),
                _ => Err(self.error(msg!("shortcode-expected-value", key = key))),
            },
        }
    }

    /// `true` or `false` as a whole word (`trueish` is not a value).
    fn keyword(&mut self, word: &str, value: ArgValue, key: &str) -> Result<ArgValue, ParseError> {
        let start = self.pos;
        if self.ident() == Some(word) {
            return Ok(value);
        }
        self.pos = start;
        Err(self.error(msg!("shortcode-expected-value", key = key)))
    }

    fn string(&mut self, quote: char, key: &str) -> Result<ArgValue, ParseError> {
        let start = self.pos;
        let mut out = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            if c == quote {
                self.pos += i + 1;
                return Ok(ArgValue::Str(out));
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some((_, e)) if e == quote || e == '\\' => out.push(e),
                Some((_, e)) => out.extend(['\\', e]),
                None => out.push('\\'),
            }
        }
        Err(ParseError {
            message: msg!("shortcode-unterminated-string", key = key),
            at: start,
        })
    }

    fn number(&mut self, key: &str) -> Result<ArgValue, ParseError> {
        let rest = self.rest();
        let sign = usize::from(rest.starts_with(['-', '+']));
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let mut len = sign + digits(&rest[sign..]);
        let int_len = len;
        if rest[len..].starts_with('.') && digits(&rest[len + 1..]) > 0 {
            len += 1 + digits(&rest[len + 1..]);
        }
        let text = &rest[..len];
        let value = if len > int_len {
            text.parse().ok().map(ArgValue::Float)
        } else {
            text.parse().ok().map(ArgValue::Int)
        };
        match value {
            Some(v) => {
                self.pos += len;
                Ok(v)
            }
            None => Err(self.error(msg!("shortcode-bad-number", text = text, key = key))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> ArgValue {
        ArgValue::Str(v.to_owned())
    }

    /// Source, expected name, expected arguments.
    type Case = (&'static str, &'static str, Vec<(&'static str, ArgValue)>);

    #[test]
    fn parses_well_formed_calls() {
        let cases: Vec<Case> = vec![
            ("{{ stat(id=\"x\") }}", "stat", vec![("id", s("x"))]),
            ("{{stat(id=\"x\")}}", "stat", vec![("id", s("x"))]),
            ("{{ chart() }}", "chart", vec![]),
            (
                "{{ f( a = \"q\\\"r\\\\\" , n=-3, x=1.5, b=true, c=false, ) }}",
                "f",
                vec![
                    ("a", s("q\"r\\")),
                    ("n", ArgValue::Int(-3)),
                    ("x", ArgValue::Float(1.5)),
                    ("b", ArgValue::Bool(true)),
                    ("c", ArgValue::Bool(false)),
                ],
            ),
            (
                "{{ g(s='it\\'s 中文', t=\"a\\nb\") }}",
                "g",
                vec![("s", s("it's 中文")), ("t", s("a\\nb"))],
            ),
        ];
        for (src, name, args) in cases {
            let parsed = parse(src, 0);
            let expected_args: Vec<(String, ArgValue)> =
                args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            let expected = Parsed {
                name: name.to_owned(),
                args: expected_args,
                end: src.len(),
            };
            assert_eq!(parsed, Ok(expected), "{src}");
        }
    }

    #[test]
    fn stops_right_after_the_closing_braces() {
        let src = "前 {{ stat(id=\"a\") }} 后 }}";
        let start = src.find("{{").unwrap_or(0);
        let end = parse(src, start).map(|p| p.end);
        assert_eq!(end, Ok(src.find(" 后").unwrap_or(0)));
    }

    #[test]
    fn reports_malformed_calls() {
        let cases = [
            (
                "{{ stat(id=\"x\" }}",
                "expected `,` or `)` after argument `id`",
                15,
            ),
            (
                "{{ stat(id=\"x\")",
                "unclosed shortcode: expected `}}` after `)`",
                15,
            ),
            (
                "{{ stat(id=\"x) }}",
                "unterminated string in argument `id`",
                11,
            ),
            (
                "{{ stat id=\"x\" }}",
                "expected `(` after shortcode name `stat`",
                8,
            ),
            (
                "{{ (id=\"x\") }}",
                "expected a shortcode name after `{{`",
                3,
            ),
            ("{{ stat(=\"x\") }}", "expected an argument name or `)`", 8),
            (
                "{{ stat(id \"x\") }}",
                "expected `=` after argument `id`",
                11,
            ),
            (
                "{{ stat(id=x) }}",
                "expected a value for `id`: a \"string\", a number, true or false",
                11,
            ),
            (
                "{{ stat(n=99999999999999999999) }}",
                "`99999999999999999999` is not a valid number for `n`",
                10,
            ),
            ("{{ stat(n=-) }}", "`-` is not a valid number for `n`", 10),
            (
                "{{ stat(b=trueish) }}",
                "expected a value for `b`: a \"string\", a number, true or false",
                10,
            ),
            ("{{ stat(a=1, a=2) }}", "argument `a` is given twice", 13),
            (
                "{{ stat(a=1 b=2) }}",
                "expected `,` or `)` after argument `a`",
                12,
            ),
        ];
        for (src, message, at) in cases {
            let expected = ParseError {
                message: message.to_owned(),
                at,
            };
            assert_eq!(parse(src, 0), Err(expected), "{src}");
        }
    }
}
