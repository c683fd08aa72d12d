//! Every sentence profilegen says to a person, in English and in Simplified Chinese.
//!
//! The words live in two Project Fluent catalogs, `en.ftl` and `zh-CN.ftl` beside this
//! file (compiled in); code names a message by its id and passes its placeholders:
//! `msg!("build-failed", errors = 2)`. Fluent picks plural forms and fills placeholders;
//! technical tokens (file names, keys, TOML) are placeholders or stay as typed in both
//! catalogs, so an editor can copy them.
//!
//! The language is one per process: `--messages zh|en`, else `PROFILEGEN_MESSAGES`, else
//! the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: a value starting with `zh` means
//! Chinese), else English ([`choose`]). The binary sets it once at start ([`set`]); the
//! library's default is English, so code that never sets it (tests, embedders) reads
//! English.
//!
//! Tests (`tests.rs`) keep the catalogs honest: the same ids in both, the same
//! placeholders per message, every id the code names present, none unused, and no
//! sentence left as a literal at a place that prints one.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use fluent_bundle::FluentArgs as Args;
pub use fluent_bundle::FluentValue as Value;

/// The English catalog.
pub const EN: &str = include_str!("en.ftl");
/// The Simplified Chinese catalog.
pub const ZH: &str = include_str!("zh-CN.ftl");

/// A language the messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (the default).
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Reads `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en-US`… (the language part decides).
    pub fn parse(value: &str) -> Option<Lang> {
        let lang = value
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match lang.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The value `--messages` takes for it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message this process prints from now on.
pub fn set(lang: Lang) {
    CHOSEN.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are printed in.
pub fn current() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        _ => Lang::En,
    }
}

/// The language to print in: the flag's value, else `PROFILEGEN_MESSAGES`, else the
/// locale (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty),
/// else English. `var` reads the environment (a parameter so tests can pin it). An
/// explicit choice that names no catalog is an error (the value is returned); a locale
/// that is neither Chinese nor English means English.
pub fn choose(flag: Option<&str>, var: impl Fn(&str) -> Option<String>) -> Result<Lang, String> {
    if let Some(flag) = flag {
        return Lang::parse(flag).ok_or_else(|| flag.to_owned());
    }
    if let Some(value) = var("PROFILEGEN_MESSAGES").filter(|v| !v.is_empty()) {
        return Lang::parse(&value).ok_or(value);
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()));
    Ok(match locale.as_deref().and_then(Lang::parse) {
        Some(Lang::Zh) => Lang::Zh,
        _ => Lang::En,
    })
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(locale: &str, source: &'static str) -> Bundle {
    let lang: unic_langid::LanguageIdentifier = locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // No Unicode isolation marks around placeholders: terminals print them as boxes.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(res, _)| res);
    // A broken catalog fails the catalog tests; at run time its good messages still work.
    let _ = bundle.add_resource(resource);
    bundle
}

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| [bundle("en", EN), bundle("zh-CN", ZH)]);

/// Message `id` in the current language with `args` filled in (falling back to English,
/// then to the id itself: the catalog tests make both impossible).
pub fn text(id: &str, args: Option<&FluentArgs>) -> String {
    text_in(current(), id, args)
}

/// Message `id` in `lang`.
pub fn text_in(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let bundles = &*BUNDLES;
    let order: &[&Bundle] = match lang {
        Lang::En => &[&bundles[0]],
        Lang::Zh => &[&bundles[1], &bundles[0]],
    };
    for bundle in order {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        return bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
    }
    id.to_owned()
}

/// A number for a placeholder, as Fluent takes it (for plural forms).
pub fn number(n: usize) -> Value<'static> {
    Value::from(n)
}

/// A message from the catalog: `msg!("id")` or `msg!("id", name = value, …)`, values
/// anything `FluentValue` converts from (strings, numbers); paths go in as
/// `path.display().to_string()`.
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::messages::text($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::messages::Args::new();
        $( args.set(stringify!($name), $crate::messages::Value::from($value)); )+
        $crate::messages::text($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests;
