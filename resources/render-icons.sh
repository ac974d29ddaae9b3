#!/bin/sh
# Renders the hand-drawn SVG icons to the PNGs the app embeds (Debian's Qt 6.4 set used here has
# no SVG image plugin, so the app cannot rely on loading SVG at run time). Needs ImageMagick.
set -eu
cd "$(dirname "$0")/icons"
for svg in *.svg; do
    name=${svg%.svg}
    for size in 16 32 64; do
        convert -background none -density 1200 "$svg" -resize "${size}x${size}" -depth 8 \
            "png/${name}-${size}.png"
    done
done
