#!/bin/sh
# Builds the sample site and takes the README's screenshots with headless Chromium (Debian's
# `chromium`; the CJK pages need `fonts-noto-cjk`). Usage: scripts/screenshots.sh [concord binary]
set -eu
cd "$(dirname "$0")/.."
concord="${1:-.build/debug/concord}"
site="$(mktemp -d)/site"
"$concord" build --output "$site" >/dev/null 2>&1
mkdir -p docs/screenshots
shoot() { # locale page width height name
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$3,$4" --screenshot="docs/screenshots/$5.png" "file://$site/$1/$2" >/dev/null 2>&1
}
shoot es-ES customer-support.html 1280 900 es-ES-desktop
shoot ja-JP customer-support.html 1280 900 ja-JP-desktop
shoot es-ES customer-support.html 390 844 es-ES-phone
shoot ja-JP customer-support.html 390 844 ja-JP-phone
rm -rf "$(dirname "$site")"
ls -l docs/screenshots
