"""Themes and configuration of the benchmark site, one per tool (see gen_site.py).

Every tool gets the same minimal pages: a header with the site title, the section
navigation and a language switcher to the page's twin; the home page lists the
sections, a section lists all its pages (title, date, description), a page shows a
breadcrumb, its title, date, description and body. No feeds, sitemap, search, syntax
highlighting or taxonomies. `profilegen-default` instead copies this repository's own
theme, config and statistics file: the full default build.
"""

import os
import re
import shutil

FORMATS = ("profilegen", "profilegen-default", "hugo", "zola")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSS = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:auto;line-height:1.6}\n" \
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}\n"


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def install(fmt, out, site):
    """Writes the config, templates and static files of `fmt` into the site folder `out`."""
    (title, desc) = site
    if fmt == "profilegen-default":
        for name in ("templates", "static"):
            shutil.copytree(os.path.join(REPO, name), os.path.join(out, name))
        with open(os.path.join(REPO, "config.toml"), encoding="utf-8") as f:
            config = f.read()
        # The feeds are made of a section the synthetic site has (the repository's is news).
        config = config.replace('section = "news"', 'section = "tech"')
        # The same content as the other tools': without the converted Traditional edition
        # (a third language Hugo and Zola cannot make).
        config = re.sub(r"\n\[languages\.zh-hant\]\n(?:[^\[\n][^\n]*\n|\n)*", "\n", config)
        _write(os.path.join(out, "config.toml"), config)
        os.makedirs(os.path.join(out, "content"), exist_ok=True)
        shutil.copy(os.path.join(REPO, "content", "stats.toml"), os.path.join(out, "content", "stats.toml"))
        return
    _write(os.path.join(out, "static", "style.css"), CSS)
    config, files = {
        "profilegen": (PROFILEGEN_CONFIG, PROFILEGEN_TEMPLATES),
        "zola": (ZOLA_CONFIG, ZOLA_TEMPLATES),
        "hugo": (HUGO_CONFIG, HUGO_LAYOUTS),
    }[fmt]
    _write(os.path.join(out, "config.toml"),
           config.format(zh_title=_q(title[0]), en_title=_q(title[1]), zh_desc=_q(desc[0]), en_desc=_q(desc[1])))
    folder = "layouts" if fmt == "hugo" else "templates"
    for name, text in files.items():
        _write(os.path.join(out, folder, name), text)


PROFILEGEN_CONFIG = """base_url = "https://example.org/"
title = {zh_title}
description = {zh_desc}
default_language = "zh"

# Matched to the anchors' runs: no feeds, no search (bench.py adds --no-compress; the
# sitemap and robots.txt, two small files, cannot be turned off).
[feeds]
section = ""

[search]
enabled = false

[languages.zh]
name = "中文"
html_lang = "zh-CN"

[languages.en]
name = "English"
html_lang = "en"
title = {en_title}
description = {en_desc}
"""

PROFILEGEN_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="{{ html_lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ site.title }}{% endblock title %}</title>
<meta name="description" content="{% block description %}{{ site.description }}{% endblock description %}">
<link rel="stylesheet" href="{{ asset(path="style.css") }}">
</head>
<body>
<header>
<a class="site-title" href="{{ home_url }}">{{ site.title }}</a>
<nav class="sections">{% for s in menu %}<a href="{{ s.url }}">{{ s.title }}</a> {% endfor %}</nav>
<nav class="lang-switcher">{% for tr in translations %}{% if not tr.current %}<a href="{{ tr.url }}" hreflang="{{ tr.html_lang }}" lang="{{ tr.html_lang }}">{{ tr.lang }}: {{ tr.title }}</a>{% endif %}{% endfor %}</nav>
</header>
<main>
{% block content %}{% endblock content %}
</main>
<footer><p>{{ site.title }} · synthetic benchmark site</p></footer>
</body>
</html>
""",
    "index.html": """{% extends "base.html" %}
{% block content %}
<h1>{{ section.title }}</h1>
<p class="description">{{ section.description }}</p>
{{ section.content | safe }}
{% for s in section.subsections %}
<section class="home-section"><h2><a href="{{ s.url }}">{{ s.title }}</a></h2><p>{{ s.description }}</p></section>
{% endfor %}
{% endblock content %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ site.title }}{% endblock title %}
{% block description %}{{ section.description }}{% endblock description %}
{% block content %}
<h1>{{ section.title }}</h1>
<p class="description">{{ section.description }}</p>
{{ section.content | safe }}
<p class="count">{{ section.pages | length }}</p>
<ul class="pages">
{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a> <time datetime="{{ p.date }}">{{ p.date }}</time><br>{{ p.description }}</li>
{% endfor %}</ul>
{% endblock content %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ site.title }}{% endblock title %}
{% block description %}{{ page.description }}{% endblock description %}
{% block content %}
<nav class="breadcrumb"><a href="{{ page.parent.url }}">{{ page.parent.title }}</a></nav>
<article>
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date }}">{{ page.date }}</time></p>
<p class="description">{{ page.description }}</p>
{{ page.content | safe }}
</article>
{% endblock content %}
""",
    "404.html": """{% extends "base.html" %}
{% block content %}<h1>404</h1><p><a href="{{ home_url }}">{{ site.title }}</a></p>{% endblock content %}
""",
}

ZOLA_CONFIG = """base_url = "https://example.org"
title = {zh_title}
description = {zh_desc}
default_language = "zh"
compile_sass = false
minify_html = false
build_search_index = false
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false

[markdown]
smart_punctuation = false

[languages.en]
title = {en_title}
description = {en_desc}
generate_feeds = false
build_search_index = false
"""

ZOLA_SWITCHER = """{% block switcher %}{% for tr in THING.translations %}{% if tr.lang != lang %}<a href="{{ tr.permalink | safe }}" hreflang="{{ tr.lang }}" lang="{{ tr.lang }}">{{ tr.lang }}: {{ tr.title }}</a>{% endif %}{% endfor %}{% endblock switcher %}"""

ZOLA_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<meta name="description" content="{% block description %}{{ config.description }}{% endblock description %}">
<link rel="stylesheet" href="{{ get_url(path='style.css') }}">
</head>
<body>
<header>
{%- if lang == config.default_language %}{% set home_path = "_index.md" %}{% else %}{% set home_path = "_index." ~ lang ~ ".md" %}{% endif %}
{%- set home = get_section(path=home_path, metadata_only=true) %}
<a class="site-title" href="{{ home.permalink | safe }}">{{ config.title }}</a>
<nav class="sections">{% for s in home.subsections %}{% set sec = get_section(path=s, metadata_only=true) %}<a href="{{ sec.permalink | safe }}">{{ sec.title }}</a> {% endfor %}</nav>
<nav class="lang-switcher">{% block switcher %}{% endblock switcher %}</nav>
</header>
<main>
{% block content %}{% endblock content %}
</main>
<footer><p>{{ config.title }} · synthetic benchmark site</p></footer>
</body>
</html>
""",
    "index.html": """{% extends "base.html" %}
""" + ZOLA_SWITCHER.replace("THING", "section") + """
{% block content %}
<h1>{{ section.title }}</h1>
<p class="description">{{ section.description }}</p>
{{ section.content | safe }}
{% for s in section.subsections %}{% set sec = get_section(path=s, metadata_only=true) %}
<section class="home-section"><h2><a href="{{ sec.permalink | safe }}">{{ sec.title }}</a></h2><p>{{ sec.description }}</p></section>
{% endfor %}
{% endblock content %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block description %}{{ section.description }}{% endblock description %}
""" + ZOLA_SWITCHER.replace("THING", "section") + """
{% block content %}
<h1>{{ section.title }}</h1>
<p class="description">{{ section.description }}</p>
{{ section.content | safe }}
<p class="count">{{ section.pages | length }}</p>
<ul class="pages">
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> <time datetime="{{ p.date }}">{{ p.date | date(format="%Y-%m-%d") }}</time><br>{{ p.description }}</li>
{% endfor %}</ul>
{% endblock content %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block description %}{{ page.description }}{% endblock description %}
""" + ZOLA_SWITCHER.replace("THING", "page") + """
{% block content %}
{%- set sec = get_section(path=page.ancestors | last, metadata_only=true) %}
<nav class="breadcrumb"><a href="{{ sec.permalink | safe }}">{{ sec.title }}</a></nav>
<article>
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date }}">{{ page.date | date(format="%Y-%m-%d") }}</time></p>
<p class="description">{{ page.description }}</p>
{{ page.content | safe }}
</article>
{% endblock content %}
""",
}

HUGO_CONFIG = """baseURL = "https://example.org/"
title = {zh_title}
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false
disableAliases = true

[markup.goldmark.extensions]
typographer = false
linkify = false

[markup.highlight]
codeFences = false

[languages.zh]
languageCode = "zh-CN"
title = {zh_title}
weight = 1
[languages.zh.params]
description = {zh_desc}

[languages.en]
languageCode = "en"
title = {en_title}
weight = 2
[languages.en.params]
description = {en_desc}
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} | {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ if .IsHome }}{{ .Site.Params.description }}{{ else }}{{ .Description }}{{ end }}">
<link rel="stylesheet" href="{{ "style.css" | absURL }}">
</head>
<body>
<header>
<a class="site-title" href="{{ .Site.Home.Permalink }}">{{ .Site.Title }}</a>
<nav class="sections">{{ range .Site.Sections }}<a href="{{ .Permalink }}">{{ .Title }}</a> {{ end }}</nav>
<nav class="lang-switcher">{{ range .Translations }}<a href="{{ .Permalink }}" hreflang="{{ .Lang }}" lang="{{ .Lang }}">{{ .Lang }}: {{ .Title }}</a>{{ end }}</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ .Site.Title }} · synthetic benchmark site</p></footer>
</body>
</html>
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="description">{{ .Description }}</p>
{{ .Content }}
{{ range .Sections }}
<section class="home-section"><h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2><p>{{ .Description }}</p></section>
{{ end }}
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="description">{{ .Description }}</p>
{{ .Content }}
<p class="count">{{ len .Pages }}</p>
<ul class="pages">
{{ range .Pages }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time><br>{{ .Description }}</li>
{{ end }}</ul>
{{ end }}
""",
    "_default/single.html": """{{ define "main" }}
{{ with .CurrentSection }}<nav class="breadcrumb"><a href="{{ .Permalink }}">{{ .Title }}</a></nav>{{ end }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time></p>
<p class="description">{{ .Description }}</p>
{{ .Content }}
</article>
{{ end }}
""",
}
