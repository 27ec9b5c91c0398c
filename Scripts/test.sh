#!/usr/bin/env bash
# The test command: installs what the tests need, builds everything once (warnings are errors,
# set in Package.swift), then runs the whole suite. The suite starts its own slapd servers and
# provider simulators on loopback; nothing else is needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
Scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
