#!/usr/bin/env bash
# Fetch the vendored front-end assets again from the npm registry (versions in static/vendor/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
(cd "$tmp" && npm init -y >/dev/null && npm install --silent \
  @utrecht/component-library-css@9.0.4 \
  @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 \
  axe-core@4.14.1)
nm="$tmp/node_modules"
static=src/uitdaagrecht/static/vendor
cp "$nm/@utrecht/component-library-css/dist/index.css" "$static/utrecht-component-library-css/"
cp "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" "$static/voorbeeld-design-tokens/"
cp "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md" "$static/voorbeeld-design-tokens/"
cp "$nm/axe-core/axe.min.js" "$nm/axe-core/LICENSE" tests/vendor/axe-core/
rm -rf "$tmp"
