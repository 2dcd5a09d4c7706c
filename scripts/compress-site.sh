#!/usr/bin/env bash
# scripts/compress-site.sh [SITE_ROOT]: writes brotli (.br, quality 11) and gzip (.gz, level 9)
# copies beside the files the server hashes and serves from memory (server/http/assets.rs): the
# stylesheet, the JS glue, the WASM, enhance.js and the icon. Run after every build of the site
# (`make build` and `make build-dev` do); the server ignores a copy older than its file.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE="${1:-target/site}"
for tool in brotli gzip; do
  command -v "$tool" >/dev/null || { echo "compress-site: $tool is missing (apt-get install $tool)"; exit 1; }
done
shopt -s nullglob
for file in "$SITE"/pkg/*.css "$SITE"/pkg/*.js "$SITE"/pkg/*.wasm "$SITE"/enhance.js "$SITE"/favicon.svg; do
  if [ ! "$file.br" -nt "$file" ]; then brotli -n -q 11 -f -o "$file.br" "$file"; fi
  if [ ! "$file.gz" -nt "$file" ]; then gzip -9 -n -c "$file" > "$file.gz"; fi
  chmod a+r "$file.br" "$file.gz"
done
