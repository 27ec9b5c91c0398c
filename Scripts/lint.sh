#!/usr/bin/env bash
# Lints every shell script of the repository with shellcheck (Scripts/setup.sh installs it), following the
# files they source (Scripts/lib/common.sh). Exits non-zero on any finding, naming file, line and check.
#
#   Scripts/lint.sh            every tracked *.sh file, plus .ci/run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v shellcheck >/dev/null || { echo "lint.sh: shellcheck is missing: run Scripts/setup.sh" >&2; exit 1; }
mapfile -t scripts < <(git ls-files '*.sh' .ci/run 2>/dev/null || find Scripts -name '*.sh')
[ ${#scripts[@]} -gt 0 ] || { echo "lint.sh: no scripts found" >&2; exit 1; }
shellcheck --external-sources --source-path=SCRIPTDIR "${scripts[@]}"
echo "lint.sh: ${#scripts[@]} scripts pass shellcheck" >&2
