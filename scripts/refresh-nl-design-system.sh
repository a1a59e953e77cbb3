#!/usr/bin/env bash
# Refreshes the vendored NL Design System CSS (the Utrecht component library, EUPL-1.2) under
# src/Outflow.Web/wwwroot/lib/ from npm. Only a developer refreshing the files needs npm; the app,
# its tests and CI serve the committed files and never need Node.
#   scripts/refresh-nl-design-system.sh            # the version pinned below
#   scripts/refresh-nl-design-system.sh 9.0.5      # another version (then update VERSION below)
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${1:-9.0.4}"
PACKAGE="@utrecht/component-library-css"
TARGET="src/Outflow.Web/wwwroot/lib/utrecht-component-library-css"

command -v npm >/dev/null || { echo "npm is needed to refresh the vendored CSS (apt-get install npm)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# npm pack fetches the published tarball only: no node_modules tree, no install scripts run.
(cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"

license="$(node -p "require('$work/package/package.json').license" 2>/dev/null || grep -o '"license": *"[^"]*"' "$work/package/package.json" | cut -d'"' -f4)"
[ "$license" = "EUPL-1.2" ] || { echo "Licence changed to '$license': review it before vendoring"; exit 1; }

mkdir -p "$TARGET"
cp "$work/package/dist/index.css" "$TARGET/index.css"
cp "$work/package/LICENSE.md" "$TARGET/LICENSE.md"
cat > "$TARGET/VERSION.txt" <<INFO
$PACKAGE $VERSION (licence $license), dist/index.css and LICENSE.md as published on npm.
Refreshed by scripts/refresh-nl-design-system.sh; do not edit these files by hand.
The theme (design tokens) is Outflow's own: src/Outflow.Web/wwwroot/css/theme.css.
INFO
echo "Vendored $PACKAGE $VERSION into $TARGET ($(wc -c < "$TARGET/index.css") bytes of CSS)."
