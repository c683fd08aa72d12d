build-failed = build failed: { $errors } { $errors ->
    [one] error
   *[other] errors
}; the previous output was left as it was

## The command line (`--help`): help-<command>[-<argument>]; help-any-* for every command.

help-profilegen = A static site generator for bilingual regional industry profiles
help-any-root = The project folder (where config.toml is; default: the current folder)
help-any-messages = The language of profilegen's messages: zh (简体中文) or en. Default: the PROFILEGEN_MESSAGES variable, else the locale (LANG…), else English
help-any-help = Print help
help-any-version = Print version
help-build = Build the site into the output folder (public/ by default)
help-build-base_url = Override `base_url` for this build, e.g. http://127.0.0.1:8000/
help-build-output_dir = Write the site here instead of `output_dir`
help-build-drafts = Include pages marked `draft = true`
help-build-force = Replace an output folder that profilegen did not make (it is deleted)
help-build-no_compress = Do not write `.gz` and `.br` copies of text files
help-build-portable = Write a copy that opens from a folder, a zip or a USB stick (file://) and under any path: links relative, every folder link ending in index.html, search replaced by the list of sections
help-check = Build into a temporary folder and report broken links, missing translations and more
help-check-external = Also request every external (http/https) link
help-check-timeout = Seconds to wait for one external link (default: 10)
help-check-deny_warnings = Fail (exit 1) on warnings too
help-check-drafts = Include pages marked `draft = true`
help-new = Create a new site (config, starter content in both languages, the default theme) in DIR
help-new-dir = The folder to create (it must not exist or be empty)
help-redirects = Print the redirects for moved pages (`aliases`), as nginx lines with --nginx
help-redirects-nginx = Print nginx `location` lines (the default is the `_redirects` format of Netlify and Cloudflare Pages, which the build also writes into the output)
help-serve = Serve the site on http://127.0.0.1:1111/ and rebuild it on every save
help-serve-interface = The address to listen on (default: 127.0.0.1, this machine only)
help-serve-port = The port (default: 1111; 0 picks a free one)
help-serve-allow_remote = Allow an --interface other than loopback (anyone on the network can read the site)
help-serve-drafts = Include pages marked `draft = true`

cli-usage-line = Usage: { $usage }
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-command-placeholder = COMMAND
cli-bad-messages = error: `--messages { $value }`: profilegen's messages are in `zh` (简体中文) and `en` (English)
cli-usage-error = error: { $problem }

    For the options, run: profilegen --help
cli-unknown-argument = there is no option `{ $argument }`
cli-unknown-command = there is no command `{ $command }`; the commands are build, check, new, redirects, serve
cli-invalid-value = `{ $value }` is not a valid value for `{ $argument }`
cli-missing-argument = `{ $argument }` is required

## Summaries on the terminal.

build-language-summary = { $lang }: { $pages } { $pages ->
    [one] page
   *[other] pages
}, { $sections } { $sections ->
    [one] section
   *[other] sections
}
build-images-summary = images: { $processed } processed, { $reused } reused
build-done = { $files } static { $files ->
    [one] file
   *[other] files
}; site written to { $dir } in { $ms } ms
check-unreadable = check failed: the site could not be read
new-created = created { $dir } ({ $files } files)
new-next = next: cd { $dir } && profilegen serve   (then edit config.toml and content/; the editor's guide, in Chinese: { $guide })
serve-remote-refused = refusing to serve on { $interface } without --allow-remote
serve-remote-refused-hint = the draft site would be readable by anyone who can reach this machine; use --interface 127.0.0.1, or add --allow-remote if that is what you want
serve-remote-warning = serving on { $interface }: anyone who can reach this machine on port { $port } can read the site
serve-serving = serving { $url } (Ctrl-C to stop)
serve-rebuild-failed = rebuild failed; still serving the last good site
serve-rebuilt = { $kind ->
    [full] built
   *[incremental] rebuilt
}: { $rendered } { $rendered ->
    [one] page
   *[other] pages
} rendered, { $markdown } Markdown { $markdown ->
    [one] file
   *[other] files
}, { $copied } copied, { $removed } removed in { $ms } ms

## Reports of problems (diagnostics).

diag-level-error = error
diag-level-warning = warning
diag-level-help = help
diag-more-like-it = (and { $more } more like it)
diag-not-shown = … and { $hidden } more { $kind ->
    [warning] { $hidden ->
        [one] warning
       *[other] warnings
    }
   *[error] { $hidden ->
        [one] error
       *[other] errors
    }
} not shown (the first { $shown } are above)
hint-did-you-mean = did you mean `{ $name }`?

## TOML (front matter, config.toml, the statistics file).

toml-unknown-field = unknown field `{ $field }`, expected one of { $allowed }
toml-unknown-variant = unknown variant `{ $value }`, expected one of { $allowed }
toml-missing-field = missing field `{ $field }`
toml-invalid-type = invalid type: { $found }, expected { $expected }{ $found_kind ->
   *[other] {""}
}{ $expected_kind ->
   *[other] {""}
}
toml-duplicate-key = duplicate key
toml-other = { $detail }
toml-hint-full-width = `{ $character }` is a full-width character from a Chinese input method; TOML needs ASCII `"` quotes and `=`
toml-hint-allowed-keys = allowed keys: { $keys }
toml-hint-too-deep = TOML arrays, tables and dotted keys may nest at most { $depth } levels deep; flatten the data
toml-hint-close-string = close the string with a `"` on the same line
toml-hint-type = this key takes { $kind ->
    [integer] a whole number without quotes, e.g. `weight = 1`
    [float] a number without quotes, e.g. `1.5`
    [boolean] `true` or `false`, without quotes
    [string] text in double quotes, e.g. `title = "…"`
    [date] a date without quotes, e.g. `date = 2026-11-25`
    [table] a table: a `[name]` line followed by `key = value` lines
   *[list] a list in brackets, e.g. `["a", "b"]`
}

## Front matter.

front-matter-missing = missing front matter: the file must start with a `+++` line
front-matter-missing-hint = start the file with{"\u000A"}+++{"\u000A"}title = "…"{"\u000A"}+++{"\u000A"}then the Markdown text
front-matter-unclosed = front matter is not closed: no second `+++` line
front-matter-unclosed-hint = add a line `+++` after the last front-matter key
front-matter-time-not-date = `{ $value }` is a time of day, not a date
front-matter-time-not-date-hint = write the date, such as 2024-05-01 (a time may follow it: 2024-05-01T08:30:00)

## config.toml.

config-base-url-hint = write it like `base_url = "https://example.org/renze/"`
config-base-url-scheme = base_url must start with https:// or http://
config-base-url-host = base_url has no valid host
config-base-url-path = base_url's path may not contain `..`, `.`, `?`, `#` or `\`
config-stats-path = invalid `stats` path: { $problem }
config-stats-path-hint = give a path inside the project, e.g. "content/stats.toml"
config-language-code = language code `{ $code }` is not a lowercase ASCII code
config-language-code-hint = use codes like `en`
config-figures-unknown = figures have no formatting rules named `{ $name }`
config-figures-unknown-hint = write figures = "zh" (万, 亿) or figures = "en" (million, billion)
config-variant-without-source = `variant` is for a converted language; `{ $code }` has no `convert_from`
config-variant-without-source-hint = add `convert_from = "zh"`, or remove `variant`
config-variant-missing = the converted language `{ $code }` needs a `variant`
config-variant-missing-hint = add `variant = "tw"` (Taiwan) or `"hk"` (Hong Kong); one of { $names }
config-variant-unknown = `{ $value }` is not a variant of Traditional Chinese
config-variant-unknown-hint = write { $names }
config-convert-from-unknown = `convert_from` names `{ $code }`, which is not another language of the site
config-convert-from-unknown-hint = the site's languages: { $codes }
config-convert-from-converted = `{ $code }` is converted itself; convert from the language editors write
config-string-missing = UI string `{ $key }` is defined for `{ $defined }` but missing for `{ $missing }`
config-string-missing-hint = add `{ $key } = "…"` under { $table }

## Paths written in files.

path-absolute = `{ $path }` is an absolute path
path-parent = `{ $path }` leaves the project with `..`
path-percent-encoded = `{ $path }` contains a percent-encoded dot or slash
path-nul = `{ $path }` contains a NUL character
path-drive-letter = `{ $path }` starts with a Windows drive letter
path-dot-dot = `{ $path }` contains `..`

## Files: encodings, links, reading and writing.

file-utf16 = file is { $encoding } (it starts with a UTF-16 byte-order mark), not UTF-8
file-utf16-hint = save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)
file-not-utf8 = file is not UTF-8 at { $line }:{ $column }{ $gbk ->
    [yes] {" "}(looks like GBK?)
   *[no] {""}
}
file-not-utf8-hint = save as UTF-8: in your editor choose File → Save As → Encoding: UTF-8 (not GBK/GB2312/ANSI)
io-error = cannot { $action ->
    [read] read
    [publish] publish to
    [write] write
    [create] create
    [move-aside] move aside
    [read-time] read the time of
    [copy] copy
    [compress] compress
    [open] open
    [remove] remove
    [create-folder-for] create folder for
    [clear] clear
    [set-time] set the time of
   *[create-folder-in] create a folder in
} `{ $path }`: { $reason ->
   *[other] { $detail }
}
io-error-hint = { $reason ->
    [permission] check the file's permissions
    [not-found] check the path
   *[other] check the file and the disk
}
symlink-loop = `{ $path }` is a symlink loop
symlink-dangling = `{ $path }` is a dangling symlink
symlink-fix-hint = remove the link or point it at a file inside the project
symlink-outside = `{ $path }` is a symlink to `{ $target }`, outside the project
symlink-outside-hint = copy the file into the project instead of linking to it; profilegen never publishes files from outside the project
symlink-folder = `{ $path }` is a symlink to a folder
symlink-folder-hint = symlinked folders are not followed; move the folder here
not-regular-file = `{ $path }` is { $kind ->
    [folder] a folder
    [fifo] a named pipe (FIFO)
    [socket] a socket
    [device] a device file
   *[special] a special file
}, not a regular file
not-regular-file-hint = remove it from the project; only regular files are read and published
walk-failed = cannot walk `{ $path }`

## Content: file names, URLs, sections, translations.

url-bad-part = `{ $part }` cannot be part of a URL
url-bad-part-hint-ascii = use only letters, digits, `-` and `_` in file and folder names (a language suffix is `.en.md`)
url-bad-part-hint-chinese = name files in ASCII, e.g. `tongda-bonding-wire.md`; the Chinese title goes in the front matter's `title`
slug-on-section = `slug` is for pages; a section's URL comes from its folder name
slug-on-section-hint = rename the folder instead
paginate-on-page = `paginate_by` is for sections: a page lists nothing
paginate-on-page-hint = move it to the front matter of the section's _index.md
paginate-zero = `paginate_by = { $value }` lists no pages
paginate-zero-hint = give how many pages each listing page shows, e.g. paginate_by = 10, or remove the key to list every page on one
alias-invalid = alias `{ $alias }` { $why }
alias-invalid-hint = write the old URL's path below the site's address, starting with /: aliases = ["/tech/old-name/"]
alias-leaves-site = leaves the site: an alias is a path of this site, not an address
alias-no-slash = does not start with /
alias-bad-characters = has `?`, `#`, a backslash or a control character
alias-home = is the home page
alias-escapes = escapes the site with `.` or `..`
alias-hidden = names a hidden file
slug-not-segment = `{ $slug }` is not a single URL segment
slug-invalid = invalid `slug`: { $why }
slug-invalid-hint = a slug is one segment of ASCII letters, digits, `-` or `_`, e.g. `slug = "bonding-wire"`
page-too-large = `{ $path }` is { $size } MiB; a page may be at most { $limit } MiB
page-too-large-hint = split it into several pages of one section
page-without-section = `{ $path }` is in a folder without a section page
page-without-section-hint = create content/{ $folder }{ $index } with a title
duplicate-url = `{ $first }` and `{ $second }` both map to `/{ $url }`
duplicate-url-hint = rename one of the files or give one a different `slug`
missing-twin = `{ $path }` has no `{ $lang }` version
missing-twin-hint = add its twin `{ $twin }`; until then its language switcher goes to the `{ $lang }` home page

## The statistics file (content/stats.toml): records.

stats-who-id = { $kind } `{ $id }`
stats-who-record = this [[{ $kind }]] record
stats-series-hint = a series gives each year its value: series = { "{" } 2022 = 8300000000, 2023 = 10000000000 { "}" }; a year may be a table: 2023 = { "{" } value = 10000000000, qualifier = "exceeds" { "}" }
stats-series-and-single = { $who } has both `series` and `{ $key }`
stats-series-and-single-hint = remove `{ $key }`: { $series_hint }
stats-series-empty = the `series` of { $who } is empty
stats-series-year = `{ $key }` in the `series` of { $who } is not a four-digit year
stats-series-year-hint = each key of a series is a year: series = { "{" } 2022 = …, 2023 = … { "}" }
stats-missing-field = { $who } has no `{ $field }`
stats-id-missing-hint = add a unique id = "…" (lowercase letters, digits and _) to this [[{ $kind }]]
stats-id-invalid = { $kind } id `{ $id }` may contain only a-z, 0-9 and _
stats-id-hint-example = use lowercase ASCII letters, digits and underscores, e.g. id = "rd_deduction_amount"
stats-id-hint-fixed = write id = "{ $fixed }"
stats-value-missing-hint = add value = … (a plain number in base units, e.g. 6575.9万元 -> value = 65759000)
stats-value-not-finite = `value` must be a finite number
stats-value-base-units-hint = write the figure in base units, e.g. value = 430
stats-value-text = `value` must be a number, not text
stats-value-bool = `value` must be a number, not true or false
stats-value-text-hint = write the number without quotes, in base units: value = { $base }
stats-value-text-hint-example = write the number without quotes, in base units, e.g. value = 430
stats-unit-missing-hint = add unit = "…", one of: { $units }; or define one with a [[unit]] record
stats-unit-unknown = unknown unit `{ $unit }`
stats-unit-unknown-hint = { $choices }; define a new unit with a [[unit]] record (id, zh, en, scale)
stats-qualifier-unknown = unknown qualifier `{ $qualifier }`
stats-choices = { $close ->
    [none] {""}
   *[other] did you mean `{ $close }`?{" "}
}{ $what ->
    [units] units
   *[qualifiers] qualifiers
}: { $list }
stats-when-hint = use `year = 2023` for a figure for that year, `as_of = 2024` for a stock figure as of that year, or `timeless = true` for a specification that does not date
stats-timeless-and-year = { $who } is `timeless` and has a year too; give one or the other
stats-timeless-false = { $who } has `timeless = false`
stats-timeless-false-hint = leave the key out and give `year` or `as_of`, or write `timeless = true`
stats-no-year = { $who } has neither `year` nor `as_of`
stats-year-and-as-of = { $who } has both `year` and `as_of`; give exactly one
stats-not-a-year = `{ $year }` is not a four-digit year
stats-text-missing-hint = add { $field } = { $example }
stats-text-language-missing = { $who } has no { $lang } text in `{ $field }`
stats-text-language-missing-hint = every site language needs one: { $field } = { $example }
stats-text-unknown-language = `{ $field }` has text for `{ $code }`, which is not a site language
stats-text-unknown-language-hint = { $close ->
    [none] site languages: { $list }; remove this entry
   *[other] did you mean `{ $close }`? site languages: { $list }
}
stats-text-empty = `{ $field }.{ $code }` is empty
stats-text-empty-hint = write the { $code } text, or remove the record
stats-members-missing-hint = add stats = ["first_id", "second_id"]
stats-members-empty = { $who } lists no stats
stats-members-empty-hint = name at least one stat id
stats-member-twice = { $who } lists `{ $name }` twice
stats-member-twice-hint = list each stat once
stats-member-unknown = unknown stat id `{ $name }` in { $who }
stats-member-unknown-hint = name the id of a [[stat]] record in this file

## Statistics: changes between years, charts.

change-too-few-years = stat `{ $id }` has no two years to compare
change-timeless-hint = a timeless figure has no change; use stat_change with a series
change-one-year-hint = it has only { $listed }; give it a series of years: series = { "{" } { $before } = …, { $listed } = … { "}" }
change-no-such-year = stat `{ $id }` has no value for { $year }
change-years-hint = `{ $id }` has the years { $listed }
change-no-year-before = stat `{ $id }` has no year before { $to }
change-no-year-before-hint = its years are { $listed }; give from= and to=
change-from-after-to = `from` ({ $from }) must be earlier than `to` ({ $to })
change-lost-year = stat `{ $id }` lost a year (a bug)
change-inexact = the change of `{ $id }` from { $from } to { $to } would be computed from a value qualified `{ $qualifier }` ({ $year })
change-inexact-hint = a change computed from an approximate value would state a precision the source does not have; show the two figures with stat(id=…, year=…) instead
change-from-zero = the change of `{ $id }` from { $from } cannot be computed: the { $from } value is 0
change-show-both-hint = show the two figures with stat(id=…, year=…) instead
chart-mixed-kinds = stats group `{ $group }` mixes { $first } and { $other }, which one chart cannot compare
chart-mixed-kinds-hint = chart a group whose figures are all of one kind, or show it as a table with stats_group()
chart-kind-unknown = unknown chart kind `{ $kind }`
chart-kind-unknown-hint = a group with a series is drawn as kind="columns" (the default) or kind="line"

## The statistics file: reading it.

stats-language-rules = stats cannot be formatted in language `{ $code }`
stats-language-rules-hint = figures have formatting rules for `zh` (万, 亿) and `en` (million, billion); give [languages.{ $code }] the ones it follows: figures = "zh" or figures = "en"
stats-no-language = no site language given for the stats file
stats-duplicate-key-hint = each key may appear only once in a record, and each year once in a series
stats-too-deep-hint = the file nests too deeply (TOML allows at most { $depth } levels); stats.toml needs only [[stat]] and [[group]] records
stats-syntax-hint = fix the TOML syntax here: text needs double quotes, each record starts with [[stat]] or [[group]]
stats-invalid-toml = invalid TOML: { $detail }
stats-not-records = `{ $key }` must be a list of records
stats-not-records-hint = start each record with [[{ $key }]] (double brackets)
stats-period-hint = use `year = 2023` for a figure for that year, or `as_of = 2024` for a stock figure
stats-allowed-keys-hint = { $close ->
    [none] {""}
   *[other] did you mean `{ $close }`?{" "}
}allowed keys: { $list }
stats-unknown-key = unknown key `{ $key }` { $place ->
    [top] at the top level
   *[other] in a [[{ $place }]] record
}
stats-not-a-table = a `{ $kind }` entry must be a table
stats-not-a-table-hint = start each record with a [[{ $kind }]] line followed by key = value lines
stats-wrong-type-field = wrong type for `{ $field }`: { $detail }
stats-wrong-type = wrong type: { $detail }
stats-wrong-type-hint = a [table] header takes in every key = value line below it; check which table this line belongs to
stats-field-hint = { $field ->
    [year] write the year as a whole number without quotes, e.g. year = 2024 [as_of] write the year as a whole number without quotes, e.g. as_of = 2024
    [value] write one number without quotes, in base units, e.g. value = 430
    [series] write the years and values as a table: series = { "{" } 2022 = 8300000000, 2023 = { "{" } value = 10000000000, qualifier = "exceeds" { "}" } { "}" }
    [en] write a symbol, en = "km²" (or "" for a bare number), or a noun, en = { "{" } one = "tonne", other = "tonnes" { "}" }
    [scale] write scale = true (万/亿 and million/billion apply) or scale = false
    [stats] list stat ids as quoted text: stats = ["first_id", "second_id"]
    [text] write one text per language: { $name } = { $example }
   *[quoted] write `{ $name }` as quoted text, e.g. { $name } = "…"
}
stats-duplicate-id = duplicate { $kind } id `{ $id }`
stats-duplicate-id-hint = the first `{ $id }` is on line { $line }; every { $kind } id must be unique

## The statistics file: units.

unit-zh-missing-hint = add zh = "…", the text written after the number, e.g. zh = "平方公里" or zh = "家"
unit-zh-empty = `zh` of { $who } is empty
unit-zh-empty-hint = write what Chinese puts after the number: a measure word such as 家 or 个, or a unit such as 平方公里
unit-en-missing-hint = add en = "km²" (a symbol), en = { "{" } one = "tonne", other = "tonnes" { "}" } (a noun), or en = "" for a bare number
unit-en-empty-noun = `en` of { $who } has an empty noun
unit-en-empty-noun-hint = write both forms, e.g. en = { "{" } one = "tonne", other = "tonnes" { "}" }
unit-currency = `{ $code }` is not a currency code
unit-currency-hint = write the three-letter ISO 4217 code English shows before the number, e.g. currency = "USD" or "CNY"
unit-kind-empty = `kind` is empty
unit-kind-empty-hint = name the kind of quantity, e.g. kind = "area"; units of one kind can share a chart
expecting-point = a number, or a table such as { "{" } value = 100, qualifier = "about" { "}" }
expecting-en-unit = a symbol such as "km²", or { "{" } one = "…", other = "…" { "}" }
expecting-number = a number in base units

## Links, images and shortcodes in pages and templates.

image-not-found-anywhere = image `{ $path }` not found in content/ or static/
image-not-found-anywhere-hint = give the path below content/ (`tech/photo.jpg`) or static/ (`img/hero.jpg`)
image-no-processing = images cannot be processed here
image-read-failed = cannot read `{ $path }`: { $detail }
image-unsupported = image `{ $dest }` is a { $kind } file, which browsers do not show
image-unsupported-hint = export it as JPEG (photos) or PNG (drawings), put it beside the page and name that file here
image-not-found = image `{ $dest }` not found
image-did-you-mean-hint = did you mean `{ $name }`? (looked for `{ $path }`)
image-not-found-hint = looked for `{ $path }`: put the photo next to the page, or fix the name
link-no-page = no page `{ $key }`
link-unknown-page = link to unknown page `@/{ $key }`
link-did-you-mean-hint = did you mean `@/{ $key }`?
link-targets-hint = link targets are paths below content/, e.g. `@/tech/_index.md`
asset-missing = no file `static/{ $path }`
language-unknown = unknown language `{ $lang }`
string-missing = missing UI string `{ $key }` for language `{ $lang }`
string-missing-hint = { $close ->
    [none] {""}
   *[other] did you mean `{ $close }`? Otherwise{" "}
}add `{ $key } = "…"` under { $table } in config.toml
stats-file-missing = this site has no statistics file
stats-file-missing-hint = create content/stats.toml or set `stats = "…"` in config.toml
shortcode-names-hint = the shortcodes are `stat`, `stat_change` and `chart`
shortcode-unknown = unknown shortcode `{ $name }`
shortcode-year-arg = `{ $key }` must be a year written as a number
shortcode-year-arg-hint = write { $key }=2023, without quotes
shortcode-missing-arg = shortcode `{ $name }` needs `{ $arg }`
shortcode-missing-arg-hint = write it as `{ $example }`

## Markdown and raw HTML in pages.

html-no-script-hint = raw HTML in content may not run scripts: remove the script or the `on…` attribute, and ask for a shortcode or template feature instead
html-unclosed-hint = close it before the blank line that ends the HTML block: a browser would read the page's following HTML as part of it (its text as attributes)
html-swallow-hint = close it (`</…>`) where its content ends: until a browser meets that end tag, everything after it on the page, the site's own navigation and footer included, becomes its content
html-script-url-hint = javascript: links are not allowed; link to a page or an https:// URL
html-data-url-hint = a `data:` URL with HTML, XHTML or SVG in it is a page of its own that can run script: put the document in static/ and link to its file
html-shortcode-hint = leave a blank line between the HTML and the shortcode so it is Markdown again, or write the table or list in Markdown
html-not-closed = `<{ $name }>` is not closed
html-script-element = `<script>` elements are not allowed in content
html-comment-not-closed = an HTML comment `<!--` is not closed
html-markup-not-closed = markup starting `<!`, `<?` or `</` is not closed with `>`
html-end-not-closed = the markup at the end is not closed with `>`
html-tag-not-closed = the tag `<{ $name }` is not closed with `>`
html-event-handler = inline event handler `{ $name }` is not allowed
html-script-url = `{ $name }` with a javascript: URL is not allowed
html-data-url = `{ $name }` with a `data:` URL holding a document is not allowed
html-srcdoc-script = `srcdoc` with script in its HTML is not allowed
html-runs-script-element = a `<script>` element
html-runs-srcdoc = `srcdoc` holding { $inner }
html-shortcode = shortcodes are not expanded inside raw HTML
html-page-runs-script = the page's raw HTML, read as a whole, runs script: { $what }
html-page-runs-script-hint = an element left open in one HTML block (such as `<svg>`) changes how a browser reads the next: close every element in the block that opens it
link-script-url = link to a javascript: URL `{ $url }`
link-data-url = link to a `data:` URL holding a document
link-unknown-page-because = link to unknown page `@/{ $key }`: { $reason }
markdown-too-many-errors = { $errors } errors in this file; only the first { $shown } are reported
markdown-too-many-errors-hint = a run of errors like this often has one cause, such as `{ "{{" }` written for a literal brace pair; fix the first and build again
heading-duplicate-id = duplicate heading id `{ $id }`
heading-duplicate-id-hint = give each heading a different { "{" }#id{ "}" }
anchor-did-you-mean-hint = did you mean `#{ $anchor }`?
anchor-list-hint = the page's anchors are: { $anchors }
anchor-missing = `@/{ $path }` has no heading `#{ $anchor }`

## Shortcodes.

shortcode-form-hint = write a shortcode as { "{{" } name(key="value", n=3, flag=true) { "}}" } on one line; to show "{ "{{" }" literally, write \{ "{{" } or put it in `code`
shortcode-expected-open = expected `{ "{{" }`
shortcode-expected-name = expected a shortcode name after `{ "{{" }`
shortcode-expected-paren = expected `(` after shortcode name `{ $name }`
shortcode-unclosed = unclosed shortcode: expected `{ "}}" }` after `)`
shortcode-argument-twice = argument `{ $key }` is given twice
shortcode-expected-comma = expected `,` or `)` after argument `{ $key }`
shortcode-expected-argument = expected an argument name or `)`
shortcode-expected-equals = expected `=` after argument `{ $key }`
shortcode-expected-value = expected a value for `{ $key }`: a "string", a number, true or false
shortcode-unterminated-string = unterminated string in argument `{ $key }`
shortcode-bad-number = `{ $text }` is not a valid number for `{ $key }`
markdown-body-outside = the Markdown body's byte range lies outside the file text

## Templates.

template-missing = template `templates/{ $name }` is missing
template-missing-hint = copy it from a profilegen starter site (`profilegen new`)
template-convert-failed = cannot write the converted page: { $detail }
template-unknown = template `{ $name }` does not exist
template-unknown-hint = templates are files in templates/, e.g. `template = "data.html"`
template-error = { $detail }
template-while-rendering = while rendering `{ $file }`
template-group-unknown = unknown stats group `{ $id }`
template-image-size = `{ $key }={ $value }` is not a size in pixels (1 to { $max })
template-image-op = unknown image op `{ $op }` (hint: op="fit" keeps the whole image inside width × height, op="fill" crops it to exactly that size)
template-image-format = unknown image format `{ $format }` (hint: jpg, png, webp, or leave it out)
template-image-fill = op="fill" needs both width and height (hint: image(path=…, width=1200, height=630, op="fill"))
template-no-lang = `lang` is not set in this template's context
template-hint-inline = { $message } (hint: { $hint })
template-stat-unknown = unknown stat id `{ $id }`
template-json-failed = cannot write JSON: { $detail }

## check: its report and findings.

check-group-generated = templates and generated pages
check-conversions = == { $lang }: { $count } { $count ->
    [one] phrase
   *[other] phrases
} converted as phrases (review them; `content/{ $lang }.toml` overrides any)
check-no-problems = check: no problems found
check-summary = check: { $errors } { $errors ->
    [one] error
   *[other] errors
}, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
} in { $files } { $files ->
    [one] file
   *[other] files
}
check-external-summary = external links: { $checked } checked, { $ok } ok, { $broken } broken, { $timed_out } timed out
check-link-broken = link `{ $url }` does not resolve: { $problem }
check-link-broken-hint = link to pages with `@/section/page.md` (checked by every build), to files of static/ with `/file`
check-template-link-broken = link `{ $url }` on `{ $page }`{ $more ->
    [0] {""}
    [one] {" "}and { $more } other page
   *[other] {" "}and { $more } other pages
} does not resolve: { $problem }
check-template-link-broken-hint = the link comes from a template or raw HTML; build links in templates with `link(path="@/…")` and `asset(path="…")`
check-link-leaves-site = `{ $url }` leaves the site
check-link-nothing-there = no page or file at `{ $url }`
check-link-no-anchor = `{ $target }` has no element with id `{ $anchor }`
check-stale-translation = `{ $twin }` { $since ->
    [none] has no date
   *[other] was updated { $since }
}, before its original `{ $original }` (updated { $changed }): the translation may be stale
check-stale-translation-hint = bring the translation up to date, then set `updated = { $changed }` (or later) in its front matter
check-empty-description = empty `description`
check-empty-description-hint = write one sentence: listings, search engines and link previews show it
check-unused-stat = stat `{ $id }` is defined but no page shows it
check-unused-stat-hint = show it with { "{{" } stat(id="{ $id }") { "}}" } or in a group, or remove the record
check-forgotten-year = stat `{ $id }` ends in { $newest }, but group `{ $group }` has figures for { $group_newest }
check-forgotten-year-hint = add the { $group_newest } value to its series (series = { "{" } …, { $group_newest } = … { "}" }), or take it out of the group if it is no longer reported
check-no-alt = image without alt text
check-no-alt-hint = describe the image between the brackets: ![工厂全景](factory.jpg); screen readers and search engines read it
check-no-alt-html-hint = add alt="…" describing the image (alt="" if it is only decoration)
check-remote-load = the page loads { $what ->
    [image] an image
   *[element] an `<{ $element }>`
} `{ $url }` from another host
check-remote-load-hint = the site must work offline and inside China: save the file under static/ (or next to the page) and link to it there
check-emphasis = `{ $run }` next to punctuation is not closed by CommonMark: it shows as `{ $run }`
check-emphasis-hint = move the punctuation outside the markers (`{ $run }历经10年发展{ $run }，` not `{ $run }历经10年发展，{ $run }`), or write <strong>…</strong>
check-external-broken = external link `{ $url }` is broken: { $why }
check-external-broken-hint = fix or remove the link (or link to an archived copy)
check-external-timeout = external link `{ $url }` did not answer within { $seconds } s
check-external-timeout-hint = the server may be slow or unreachable from here; try again later

## The output: feeds, search, collisions, the output folder, URLs that disappear.

feed-section-did-you-mean-hint = did you mean `{ $name }`? (set `section = ""` for no feeds)
feed-section-hint = name a folder of content/ that has an _index.md, or `""` for no feeds
feed-section-missing = the feed section `{ $section }` does not exist (no content/{ $key })
feed-write-failed = cannot write a feed: { $detail }
feed-no-date = `{ $path }` has no `date`: it is left out of the feed
feed-no-date-hint = add `date = 2026-11-25` to its front matter
feed-entry-lost = a feed entry's HTML was not kept (a bug)
output-collision-part = { $kind ->
    [first-page] the first-page redirect of `{ $source }`
    [alias] an alias in `{ $source }`
    [pager] a listing page of `{ $source }`
   *[file] `{ $source }`
}
output-collision = { $first } and { $second } would both be written to `/{ $url }`
output-collision-alias-hint = an alias may not name a URL the site publishes or another alias; remove or change one of them
output-collision-hint = rename or remove one of them; a file in static/ or content/ may not replace a generated page or another file
search-page-taken = `{ $path }` maps to `/{ $url }`, the search page's URL
search-page-taken-hint = give it another `slug` or folder name, or set `[search] enabled = false` in config.toml
search-template-missing-hint = copy it from the default theme, or set `[search] enabled = false` in config.toml
search-client-failed = cannot prepare the search client: { $detail }
output-write-failed = cannot write { $file }: { $detail }
output-read-failed = cannot read `{ $path }`: { $detail }
output-not-plain-path = refusing to write `{ $path }`: it is not a plain path inside the output
output-not-plain-path-hint = this is a bug in a path check; please report it
output-generated-taken = `{ $path }` is both a file of the site and { $what ->
    [feed] an Atom feed
    [manifest] the asset manifest
    [search] the search index
   *[sitemap] the sitemap
}, which profilegen writes there
output-generated-taken-hint = rename or remove that file in static/ or content/
output-disk-fault = cannot write the site into `{ $folder }`: { $reason ->
   *[other] { $detail }
}
output-disk-fault-hint = free space on that disk or make it writable (or set another `output_dir`), then build again; the previous output was left as it was
output-destroys = output folder `{ $path }` is { $what ->
    [root] the filesystem root
    [project] the project folder itself
    [ancestor] an ancestor of the project
    [source] inside the project's `{ $folder }` folder
   *[stats] the folder of the statistics file `{ $folder }`
}; building there would destroy it
output-destroys-hint = set `output_dir` to a folder of its own, such as "public"
output-symlink = output folder `{ $path }` is a symlink
output-symlink-hint = point `output_dir` at the real folder, or pass --force to replace the link with a folder
output-is-file = output path `{ $path }` is a file
output-is-file-hint = choose a folder path
output-not-ours = output folder `{ $path }` has files that profilegen did not write
output-not-ours-hint = move them away or choose another `output_dir`; pass --force to replace the folder anyway (profilegen marks its own output with `{ $marker }`)
url-gone = `{ $old }` was published by the previous build and now has neither a page nor an alias
url-gone-moved-hint = `{ $source }` is now at `{ $new }`; add aliases = ["/{ $url }"] to its front matter so links to the old URL keep working
url-gone-removed-hint = `{ $source }` was removed or renamed; add aliases = ["/{ $url }"] to the page that replaces it
url-gone-file-hint = links to it from outside will break; keep the file (`{ $source }`) if it was published on purpose

## serve.

serve-start-failed = cannot start the server: { $detail }
serve-port-taken-hint = another program uses this port: pick another with --port
serve-address-hint = check the address given with --interface
serve-listen-failed = cannot listen on { $address }: { $reason ->
    [in-use] the address is in use
   *[other] { $detail }
}
serve-watch-failed = cannot watch `{ $path }`: { $detail }
serve-watch-failed-hint = on Linux, raise the inotify limit: sysctl fs.inotify.max_user_watches=524288
serve-feeds-failed = cannot write the feeds
serve-search-failed = cannot write the search index: { $detail }
serve-host-refused = profilegen serve answers only for { $host }; refused Host `{ $refused }`
serve-origin-refused = live reload refused for origin `{ $origin }`
serve-page-unreadable = cannot read page
serve-not-built = The site has not been built yet.

## Photos.

image-encode-failed = `{ $path }`: cannot encode a copy: { $detail }
image-report-bug-hint = this is a bug; please report it
image-cut-short = `{ $path }` cannot be decoded: the file is cut short (no end-of-image marker)
image-damaged-hint = the file is damaged or cut short; export or copy it again
image-undecodable = `{ $path }` cannot be decoded: { $detail }
image-not-an-image = `{ $path }` is not an image (or it is damaged)
image-not-an-image-hint = save the photo again as JPEG or PNG, or replace the file
image-format-unpublished = `{ $path }` is a { $format } file, which profilegen does not publish
image-format-unpublished-hint = save it as JPEG (photos) or PNG (drawings, transparency)
image-extension-lies = `{ $path }` is named .{ $named } but is a { $format } file
image-extension-lies-hint = rename it to end in .{ $real }
image-resize-failed = cannot resize: { $detail }
image-too-large = `{ $path }` is larger than profilegen decodes (at most { $megapixels } megapixels, { $side } pixels a side)
image-scale-down-hint = scale the photo down before adding it (4000 pixels wide is plenty for the web)
image-bomb = `{ $path }` declares { $width } × { $height } pixels, more than the { $megapixels } megapixels profilegen decodes
image-unreadable-hint = check the file's permissions
image-cache-failed = cannot write the image cache `{ $path }`: { $detail }
image-cache-failed-hint = check that the project folder is writable and the disk is not full

## The converted edition's overrides, new, the build.

convert-variant-unknown = `{ $name }` is not a variant of Traditional Chinese
convert-variant-unknown-hint = put each phrase under its variant's table: { $tables }
convert-override-empty = an override needs a phrase to replace
convert-override-empty-hint = write it as "邢台" = "邢臺"
new-not-a-folder = `{ $path }` exists and is not a folder
new-not-a-folder-hint = choose a new folder name
new-not-empty = folder `{ $path }` is not empty
new-not-empty-hint = `profilegen new` only writes into a new or empty folder, so nothing of yours is overwritten; choose another name
build-no-model = the build kept no model (a bug)

## The progress bar.

progress-stage = { $stage ->
    [photos] photos
   *[pages] pages
}

## Lists.

list-or = { " or " }

## Reports of problems: a hint followed by the count of the same problem elsewhere.

diag-hint-and-more = { $hint } { $more }
