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
