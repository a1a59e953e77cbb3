#!/usr/bin/env bash
# Runs every Outflow test (unit, integration, browser) and ends with one line:
# "N passed, N failed, N skipped", summed over all test assemblies from their TRX files.
# Installs Debian's chromium for the browser tests when it is missing.
set -uo pipefail
# Every test host watches its content root; with inotify the per-user limit (128 instances) runs out
# when many hosts start in one run, so file changes are polled instead.
export DOTNET_USE_POLLING_FILE_WATCHER=true
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium (apt-get install chromium)"; exit 1; }
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
dotnet test Outflow.sln --logger "trx" --results-directory "$results" "$@"
status=$?

sum() { # sum one counter attribute over every TRX file
  cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'
}
passed=$(sum passed)
failed=$(sum failed)
skipped=$(( $(sum total) - $(sum executed) )) # xunit's skipped tests count as not executed
trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
echo "test assemblies: $trx_count"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
