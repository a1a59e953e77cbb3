#!/usr/bin/env bash
# Screenshots of each role's first screen on the demo dataset, at 390 and 1,280 px, for the user
# guides (docs/images/landing-<role>-<width>.png). Runs the browser test that takes them
# (tests/Outflow.Browser.Tests/DemoLandingPagesTests.cs) with /usr/bin/chromium, then reduces the
# PNGs to a 64-colour palette when ImageMagick is installed. Run again after a change of the look.
set -euo pipefail
cd "$(dirname "$0")/.."
OUTFLOW_SCREENSHOTS="$PWD/docs/images" dotnet test tests/Outflow.Browser.Tests --filter "FullyQualifiedName~DemoLandingPagesTests"
if convert -version 2>/dev/null | grep -q ImageMagick; then
    for f in docs/images/landing-*.png; do convert "$f" -colors 64 "PNG8:$f"; done
fi
ls -l docs/images/landing-*.png
