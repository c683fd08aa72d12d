#!/usr/bin/env bash
# User-level tests: build the real site twice (at the root of a host, and under the
# sub-path /renze/), serve both with nginx on 127.0.0.1 using the README's settings,
# and check them with HTTP requests, headless Chromium (axe-core, search, the language
# switcher, screenshots) and the Nu HTML checker; then run `profilegen serve` on a copy
# with its messages in Chinese and check its error overlay in Chromium. See check.mjs.
#
# Installs what it needs (Debian: nginx-light, libnginx-mod-http-brotli-static,
# chromium, fonts-noto-cjk, poppler-utils for pdftotext; npm: tests/e2e/package-lock.json). Screenshots go to
# $E2E_ARTIFACTS (default target/e2e-artifacts). Closes with "N passed, N failed".
set -uo pipefail
E2E="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
PORT="${E2E_PORT:-18431}"
SUB_PORT=$((PORT + 1))
KEPT_PORT=$((PORT + 2))
SERVE_PORT=$((PORT + 3))
ART="${E2E_ARTIFACTS:-$ROOT/target/e2e-artifacts}"
WORK="$(mktemp -d)"
chmod 755 "$WORK" # nginx's workers run as an unprivileged user
NGINX_PID=""
SERVE_PID=""

fail() {
  echo "FAIL $*"
  echo "0 passed, 1 failed"
  exit 1
}

cleanup() {
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null; fi
  if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null; wait "$SERVE_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

install() {
  local missing=()
  for p in nginx-light libnginx-mod-http-brotli-static chromium fonts-noto-cjk poppler-utils; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null || return 1
  fi
  echo "== npm ci (tests/e2e)"
  # --ignore-scripts: vnu-jar's postinstall would download a Java; we use the machine's
  (cd "$E2E" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || return 1
}

# build NAME BASE_URL OUT
build() {
  echo "== build $1 ($2)"
  (cd "$ROOT" && cargo run --quiet -- build --base-url "$2" --output-dir "$3") >"$WORK/build-$1.log" 2>&1 \
    || { cat "$WORK/build-$1.log"; return 1; }
}

# kept OUT: the real site as it looks after years of upkeep: a paginated section, moved
# pages (aliases), and a figure with history charted over its years (fictional values,
# in this test copy only).
kept() {
  echo "== build kept (pagination, aliases, a series)"
  local src="$WORK/kept-src"
  mkdir -p "$src" && cp -r "$ROOT"/{config.toml,content,templates,static} "$src/" || return 1
  sed -i 's/^weight = 5$/weight = 5\npaginate_by = 1/' "$src/content/news/_index.md" "$src/content/news/_index.en.md"
  sed -i 's/^weight = 6$/weight = 6\naliases = ["\/old-about\/"]/' "$src/content/about/_index.md"
  sed -i 's/^weight = 6$/weight = 6\naliases = ["\/en\/old-about\/"]/' "$src/content/about/_index.en.md"
  cat >>"$src/content/stats.toml" <<'TOML'

[[stat]]
id = "e2e_series"
unit = "yuan"
series = { 2021 = 7000000000, 2022 = 8300000000, 2023 = 10000000000 }
label = { zh = "测试序列", en = "Test series" }
source = { zh = "测试数据", en = "Test data" }

[[stat]]
id = "e2e_series_two"
unit = "yuan"
series = { 2021 = 2000000000, 2022 = 2500000000, 2023 = { value = 3000000000, qualifier = "about" } }
label = { zh = "测试序列二", en = "Second test series" }
source = { zh = "测试数据", en = "Test data" }

[[group]]
id = "e2e_history"
title = { zh = "测试历年数据", en = "Test history" }
stats = ["e2e_series", "e2e_series_two"]
TOML
  printf '\n{{ stat_change(id="e2e_series") }}\n\n{{ chart(group="e2e_history") }}\n\n{{ chart(group="e2e_history", kind="line") }}\n' \
    | tee -a "$src/content/about/_index.md" >>"$src/content/about/_index.en.md"
  # A photo (a generated gradient, 1600 x 1000 PNG): a <figure> with a <picture>.
  python3 - "$src/content/about/e2e-photo.png" <<'PY'
import struct, sys, zlib
w, h = 1600, 1000
rows = b"".join(b"\x00" + b"".join(bytes((x * 255 // w, y * 255 // h, 160)) for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
  printf '\n![厂区示意渐变图](e2e-photo.png "测试图片")\n' >>"$src/content/about/_index.md"
  printf '\n![A gradient standing in for a photo of the park](e2e-photo.png "Test photo")\n' >>"$src/content/about/_index.en.md"
  (cd "$ROOT" && cargo run --quiet -- build --root "$src" --base-url "$2" --output-dir "$1") >"$WORK/build-kept.log" 2>&1 \
    || { cat "$WORK/build-kept.log"; return 1; }
  grep -q "tech/tongda-bonding-wire" "$1/sitemap.xml" && [ -f "$1/news/page/2/index.html" ] && [ -f "$1/old-about/index.html" ] || return 1
  # The README's way to real 301s under nginx.
  (cd "$ROOT" && cargo run --quiet -- redirects --nginx --root "$src") >"$WORK/kept-redirects.conf" || return 1
  grep -q "location = /old-about/ { return 301 /about/; }" "$WORK/kept-redirects.conf"
}

# server PORT PREFIX DOCROOT [INCLUDE]: the README's server block, for a site at PREFIX
# ("/" or "/renze/"), including the file INCLUDE (the README's redirects) when given
server() {
  local port="$1" p="$2" root="$3" extra=""
  [ -n "${4:-}" ] && extra="include $4;"
  cat <<EOF
  server {
    listen 127.0.0.1:$port;
    root $root;
    $extra
    absolute_redirect off;
    gzip_static on;
    brotli_static on;
    gzip_vary on;
    error_page 404 ${p}404.html;
    location ${p} {
      try_files \$uri \$uri/ =404;
      add_header Cache-Control "public, max-age=300";
    }
    location ${p}en/ {
      error_page 404 ${p}en/404.html;
      try_files \$uri \$uri/ =404;
      add_header Cache-Control "public, max-age=300";
    }
    location ~* "^${p}.*\.[0-9a-f]{10}\.(css|js)\$" {
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
    location ${p}pagefind/ {
      add_header Cache-Control "public, max-age=3600";
    }
    location ~ "^${p}(en/)?atom\.xml\$" {
      types { }
      default_type application/atom+xml;
      add_header Cache-Control "public, max-age=300";
    }
  }
EOF
}

nginx_conf() {
  cat <<EOF
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  types { text/csv csv; }
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css text/plain text/xml text/csv application/javascript application/json application/atom+xml image/svg+xml;
  access_log off;
  client_body_temp_path $WORK/tmp-body;
  proxy_temp_path $WORK/tmp-proxy;
  fastcgi_temp_path $WORK/tmp-fastcgi;
  uwsgi_temp_path $WORK/tmp-uwsgi;
  scgi_temp_path $WORK/tmp-scgi;
$(server "$PORT" / "$WORK/root")
$(server "$SUB_PORT" /renze/ "$WORK/sub")
$(server "$KEPT_PORT" / "$WORK/kept" "$WORK/kept-redirects.conf")
}
EOF
}

install || fail "installing the test tools"
build root "http://127.0.0.1:$PORT/" "$WORK/root" || fail "building the site"
build sub "http://127.0.0.1:$SUB_PORT/renze/" "$WORK/sub/renze" || fail "building the site under /renze/"
kept "$WORK/kept" "http://127.0.0.1:$KEPT_PORT/" || fail "building the kept site"
echo "== build portable (build --portable, opened from file://)"
(cd "$ROOT" && cargo run --quiet -- build --portable --output-dir "$WORK/portable") >"$WORK/build-portable.log" 2>&1 \
  || { cat "$WORK/build-portable.log"; fail "building the portable copy"; }
export PORTABLE_DIR="$WORK/portable"
nginx_conf >"$WORK/nginx.conf"
nginx -t -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" >/dev/null 2>&1 || { cat "$WORK/nginx-error.log"; fail "nginx config"; }
nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" &
NGINX_PID=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx-error.log"; NGINX_PID=""; fail "nginx did not start (is port $PORT or $SUB_PORT taken? set E2E_PORT)"; }
echo "== serve a copy of the site with its messages in Chinese (the error overlay)"
mkdir -p "$WORK/serve-site"
cp -r "$ROOT/config.toml" "$ROOT/content" "$ROOT/templates" "$ROOT/static" "$WORK/serve-site/"
(cd "$ROOT" && cargo build --quiet) || fail "building profilegen for serve"
PROFILEGEN_MESSAGES=zh "${CARGO_TARGET_DIR:-$ROOT/target}/debug/profilegen" serve --root "$WORK/serve-site" --port "$SERVE_PORT" \
  >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 600); do
  grep -q "预览地址" "$WORK/serve.log" 2>/dev/null && break
  sleep 0.1
done
grep -q "预览地址" "$WORK/serve.log" || { cat "$WORK/serve.log"; fail "serve did not start (is port $SERVE_PORT taken? set E2E_PORT)"; }
export SERVE_URL="http://127.0.0.1:$SERVE_PORT/" SERVE_SITE="$WORK/serve-site"
rm -rf "$ART" && mkdir -p "$ART"
echo "== checks (screenshots in $ART)"
SITES="[{\"name\":\"root\",\"base\":\"http://127.0.0.1:$PORT/\",\"dir\":\"$WORK/root\"},{\"name\":\"sub\",\"base\":\"http://127.0.0.1:$SUB_PORT/renze/\",\"dir\":\"$WORK/sub/renze\"},{\"name\":\"kept\",\"base\":\"http://127.0.0.1:$KEPT_PORT/\",\"dir\":\"$WORK/kept\"}]"
node "$E2E/check.mjs" "$SITES" "$ART"
