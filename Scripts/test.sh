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
log="$records/swift-test.log"
status=0
# A watchdog: a test that never ends fails the run after ORGANIZER_SYNC_TEST_TIMEOUT seconds (default 25 minutes;
# the whole suite takes about 3) instead of eating CI's time limit, and the tests still running are named.
# stdbuf makes the test output line-buffered, so a killed run's log ends where the run was, not a pipe
# buffer earlier.
limit="${ORGANIZER_SYNC_TEST_TIMEOUT:-1500}"
ORGANIZER_SYNC_SIMULATOR_RECORD_DIR="$records" timeout --kill-after=30 "$limit" \
    stdbuf -oL -eL swift test --skip-build "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "==> the test run did not end within $limit s and was stopped; tests started and not ended:" >&2
    python3 - "$log" >&2 <<'PY' || true
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"([\u25c7\u2714\u2718\u279c]) (?:Test|Suite) (\"[^\"]*\"|\S+)", line)
    if not m or "Test case passing" in line:
        continue
    if m.group(1) == "\u25c7" and line.rstrip().endswith("started."):
        started.append(m.group(2))
    elif m.group(1) != "\u25c7":
        ended.add(m.group(2))
left = [name for name in started if name not in ended]
print("\n".join("    " + name for name in left) if left else "    none: every test ended, but the test process did not exit")
PY
    echo "==> processes left:" >&2
    ps -eo pid,ppid,etime,args --forest >&2 || true
fi
specs="${ORGANIZER_SYNC_SPECS_DIR:-$(cd .. && pwd)/shared/providers/specs}"
echo "==> judging the recorded provider exchanges by the official specs in $specs" >&2
python3 Scripts/spec-check/validate.py --specs "$specs" --records-dir "$records" || status=$?
exit "$status"
