#!/usr/bin/env bash
# The test command: installs what the tests need, builds everything once (warnings are errors,
# set in Package.swift), then runs the whole suite. The suite starts its own slapd servers and
# provider simulators on loopback; nothing else is needed.
#
# Every provider simulator the suite starts (in-process or as a child process) records each exchange
# into a fresh folder (ORGANIZER_SYNC_SIMULATOR_RECORD_DIR); after the suite, Scripts/spec-check/validate.py
# judges every Zoom and Webex exchange the real clients made by the official specs in
# ../shared/providers/specs (or ORGANIZER_SYNC_SPECS_DIR). Any violation fails the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
Scripts/setup.sh
swift build --build-tests
records="$(mktemp -d "${TMPDIR:-/tmp}/organizer-sync-exchanges.XXXXXX")"
trap 'rm -rf "$records"' EXIT
status=0
ORGANIZER_SYNC_SIMULATOR_RECORD_DIR="$records" swift test --skip-build "$@" || status=$?
specs="${ORGANIZER_SYNC_SPECS_DIR:-$(cd .. && pwd)/shared/providers/specs}"
echo "==> judging the recorded provider exchanges by the official specs in $specs" >&2
python3 Scripts/spec-check/validate.py --specs "$specs" --records-dir "$records" || status=$?
exit "$status"
