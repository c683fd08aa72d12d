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
new-next = next: cd { $dir } && profilegen serve   (then edit config.toml and content/)
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
