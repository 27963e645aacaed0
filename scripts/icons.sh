#!/bin/sh
# Draws duet's app icons from their SVG sources in static/ and writes the
# PNG and ICO files next to them. The results are committed, so a build needs
# neither tool; run this again after changing an SVG.
#   static/icon-app.svg       the icon on a rounded square ("any" purpose)
#   static/icon-maskable.svg  full bleed, the circles inside the middle 80 %
#                             (the safe zone a launcher may crop to a circle)
# Needs rsvg-convert (librsvg2-bin) and icotool (icoutils).
set -eu
cd "$(dirname "$0")/../static"
png() { rsvg-convert -w "$2" -h "$2" -o "$3" "$1"; }
png icon-app.svg 192 icon-192.png
png icon-app.svg 512 icon-512.png
png icon-maskable.svg 192 icon-maskable-192.png
png icon-maskable.svg 512 icon-maskable-512.png
# iOS draws its own rounded corners and ignores transparency: full bleed.
png icon-maskable.svg 180 apple-touch-icon.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 32 48; do png icon-app.svg "$s" "$tmp/$s.png"; done
icotool -c -o favicon.ico "$tmp/16.png" "$tmp/32.png" "$tmp/48.png"
