#!/usr/bin/env bash
# Lints the repository: every shell script with shellcheck (Scripts/setup.sh installs it), following the
# files they source (Scripts/lib/common.sh), then the Swift sources with the toolchain's
# `swift format lint --strict` (.swift-format, and Tests/.swift-format for tests). Exits non-zero on any
# finding, naming file, line and check. Scripts/format.sh fixes what the formatter can.
#
#   Scripts/lint.sh            every tracked *.sh file and .ci/run; Sources, Tests and Package.swift
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v shellcheck >/dev/null || { echo "lint.sh: shellcheck is missing: run Scripts/setup.sh" >&2; exit 1; }
mapfile -t scripts < <(git ls-files '*.sh' .ci/run 2>/dev/null || find Scripts -name '*.sh')
[ ${#scripts[@]} -gt 0 ] || { echo "lint.sh: no scripts found" >&2; exit 1; }
shellcheck --external-sources --source-path=SCRIPTDIR "${scripts[@]}"
echo "lint.sh: ${#scripts[@]} scripts pass shellcheck" >&2
swift format --version >/dev/null 2>&1 || {
    echo "lint.sh: 'swift format' is missing: it ships with the Swift 6 toolchain (see Scripts/setup.sh)" >&2
    exit 1
}
swift format lint --strict --parallel --recursive Sources Tests Package.swift
echo "lint.sh: Sources, Tests and Package.swift pass swift format lint --strict" >&2
