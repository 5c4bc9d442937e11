#!/usr/bin/env bash
# Opens a gwrun HTML report in headless Chromium as a person would: takes a screenshot of the page and
# checks, in the DOM Chromium rendered, that every step name given is shown.
#   usage: html-report-in-chromium.sh REPORT.html SCREENSHOT.png STEP_NAME...
# CHROMIUM names the browser (default: chromium, Debian's package). Exits 1 when a name is missing.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 REPORT.html SCREENSHOT.png STEP_NAME..." >&2; exit 2; }
report=$1 shot=$2
shift 2
chrome=${CHROMIUM:-chromium}
url="file://$(realpath "$report")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each launch gets a fresh profile; nothing reaches the network (the page has no external resources anyway).
browse() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=1200,1000 "$@" "$url"
}

rm -f "$shot"
if ! browse --screenshot="$shot" >"$work/screenshot.log" 2>&1 || [ ! -s "$shot" ]; then
  echo "chromium wrote no screenshot; its output:" >&2
  tail -20 "$work/screenshot.log" >&2
  exit 1
fi
if ! browse --dump-dom >"$work/dom.html" 2>"$work/dom.log"; then
  echo "chromium could not dump the DOM; its output:" >&2
  tail -20 "$work/dom.log" >&2
  exit 1
fi

missing=0
for name in "$@"; do
  if ! grep -qF -- ">$name<" "$work/dom.html"; then
    echo "step not shown in the rendered page: $name" >&2
    missing=1
  fi
done
[ "$missing" = 0 ] || exit 1
echo "all $# step names shown; screenshot: $shot"
