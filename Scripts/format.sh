#!/usr/bin/env bash
# Formats every Swift file with the toolchain's swift-format (.swift-format at the top, Tests/.swift-format
# for tests), then lints. `--check` only lints (exits non-zero on any finding).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${1:-}" != "--check" ]; then
    git ls-files -z '*.swift' | xargs -0 swift format format --parallel --in-place
fi
git ls-files -z '*.swift' | xargs -0 swift format lint --strict --parallel
