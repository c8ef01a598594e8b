#!/usr/bin/env bash
# Build the partial plotly.js bundle the page loads instead of Dash's full plotly.min.js (4.8 MB).
#
# The dashboard draws only bar, scatter, scattergeo and choropleth traces. This bundles plotly.js's
# core (which holds scatter) and those three trace modules from the npm package plotly.js (the
# version plotly.py bundles), minified with esbuild, into assets/vendor/. Dash includes every .js in
# assets/ in the page, so window.Plotly exists before any dcc.Graph mounts and dcc.Graph never
# fetches the full plotly.min.js. The output is committed: serving and testing need no npm.
#
# Needs node and npm (the npm registry). Usage: scripts/build_plotly_bundle.sh
set -euo pipefail

PLOTLY_VERSION=4.1.1   # = plotly.py 7.1.0's plotly.js (python -c "import plotly.offline as o; print(o.get_plotlyjs_version())")
ESBUILD_VERSION=0.28.2
TRACES=(bar scattergeo choropleth)  # scatter is part of plotly.js's core

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/assets/vendor/plotly-ascn-$PLOTLY_VERSION.min.js"
WORK="$ROOT/build/plotly-bundle"
mkdir -p "$WORK" "$(dirname "$OUT")"
cd "$WORK"

echo '{"name": "ascn-plotly-bundle", "private": true}' > package.json
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "plotly.js@$PLOTLY_VERSION" "esbuild@$ESBUILD_VERSION"

{
  echo "'use strict';"
  echo "var Plotly = require('plotly.js/lib/core');"
  echo "Plotly.register(["
  for trace in "${TRACES[@]}"; do echo "    require('plotly.js/lib/$trace'),"; done
  echo "]);"
  echo "module.exports = Plotly;"
} > entry.js

# As plotly.js's own esbuild config (esbuild-config.js), less the plugins only WebGL traces need;
# CSS is MapLibre's, required only by map traces: dropped.
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
  --define:global=window --define:define.amd=false --loader:.css=empty --legal-comments=eof \
  --metafile=meta.json --outfile=bundle.min.js --log-level=warning

# The npm packages (name@version) whose code is in the bundle, for the licence header.
PACKAGES="$(node -e '
  const fs = require("fs"), path = require("path");
  const meta = JSON.parse(fs.readFileSync("meta.json", "utf8"));
  const seen = new Set();
  for (const [file, info] of Object.entries(meta.outputs["bundle.min.js"].inputs)) {
    if (file.endsWith(".css")) continue;  // the MapLibre CSS, emptied above: an 18-byte stub
    const m = file.match(/^(.*node_modules\/(@[^/]+\/[^/]+|[^/]+))\//);
    if (!m) continue;
    const pkg = JSON.parse(fs.readFileSync(path.join(m[1], "package.json"), "utf8"));
    seen.add(`${pkg.name}@${pkg.version} (${pkg.license || "see package"})`);
  }
  console.log([...seen].sort().join("\n"));
')"

{
  echo "/**"
  echo "* plotly.js v$PLOTLY_VERSION, partial bundle for the ASCN dashboard: core (scatter) + ${TRACES[*]}."
  echo "* Built by scripts/build_plotly_bundle.sh with esbuild $ESBUILD_VERSION from the npm package plotly.js@$PLOTLY_VERSION."
  echo "* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license:"
  echo "*"
  sed 's/^/* /; s/ *$//' node_modules/plotly.js/LICENSE
  echo "*"
  echo "* Bundled npm packages (licences as their package.json states; notices that ask to be kept are at the end):"
  echo "$PACKAGES" | sed 's/^/*   /'
  echo "*/"
  cat bundle.min.js
} > "$OUT"

echo "wrote $OUT ($(wc -c < "$OUT") bytes)"
