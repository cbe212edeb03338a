#!/bin/sh
# Builds the sample site and takes the README's screenshots with headless Chromium (Debian's
# `chromium`; the CJK pages need `fonts-noto-cjk`, the Arabic one `fonts-noto-core`).
# The sample content is built with one Arabic article beside it (scripts/screenshot-content/),
# so a right-to-left page and its fallbacks are shown without adding a locale to the sample.
# With the PowerShell corpus beside the repository (../shared/corpus), a reference page with a
# table and code is shot too. Usage: scripts/screenshots.sh [concord binary]
set -eu
cd "$(dirname "$0")/.."
concord="$(cd "$(dirname "${1:-.build/debug/concord}")" && pwd)/$(basename "${1:-.build/debug/concord}")"
work="$(mktemp -d)"
cp -R content "$work/content"
cp -R scripts/screenshot-content/. "$work/content/"
"$concord" build --content "$work/content" --output "$work/site" >/dev/null 2>&1
mkdir -p docs/screenshots
shoot() { # site page width height name [extra chromium flag]
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 ${6:-} \
        --window-size="$3,$4" --screenshot="docs/screenshots/$5.png" "file://$1/$2" >/dev/null 2>&1
}
shoot "$work/site" es-ES/customer-support.html 1280 900 es-ES-desktop
shoot "$work/site" ja-JP/customer-support.html 1280 900 ja-JP-desktop
shoot "$work/site" ar-SA/customer-support.html 1280 900 ar-SA-desktop
shoot "$work/site" es-ES/customer-support.html 390 844 es-ES-phone
shoot "$work/site" ja-JP/customer-support.html 390 844 ja-JP-phone
shoot "$work/site" ar-SA/check-service-health.html 390 844 ar-SA-phone
shoot "$work/site" es-ES/customer-support.html 1280 900 es-ES-desktop-dark --force-dark-mode
corpus=../shared/corpus/powershell
if [ -d "$corpus" ]; then
    "$concord" build --content "$corpus" --output "$work/corpus" >/dev/null 2>&1
    shoot "$work/corpus" en-US/7.1/Microsoft.PowerShell.Core/About/about_Logical_Operators.html 1280 1100 corpus-desktop
    shoot "$work/corpus" en-US/7.1/Microsoft.PowerShell.Core/About/about_Logical_Operators.html 1280 1100 corpus-desktop-dark --force-dark-mode
fi
rm -rf "$work"
ls -l docs/screenshots
