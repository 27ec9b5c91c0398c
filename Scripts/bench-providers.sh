#!/usr/bin/env bash
# Benchmarks the provider clients against the provider simulator at realistic scale.
#
# Starts `organizer-sync-simulator` on loopback with N generated accounts per provider, then runs
# `organizer-sync bench` (which calls ProviderBenchmark.listAll and ProviderBenchmark.mixedChanges) for
# each provider. Usage: Scripts/bench-providers.sh [ACCOUNTS=100000] [CHANGES=1000]
# Needs the lead's `bench` subcommand; prints its figures for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${1:-100000}"
changes="${2:-1000}"
port="${BENCH_PORT:-18089}"
swift build -c release --product organizer-sync --product organizer-sync-simulator >/dev/null
bin="$(swift build -c release --show-bin-path)"
"$bin/organizer-sync-simulator" --port "$port" --generate "$accounts" &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$port/_admin/accounts?provider=zoom" >/dev/null 2>&1 && break
    sleep 0.2
done
for provider in goto zoom webex; do
    echo "== $provider"
    "$bin/organizer-sync" bench --provider "$provider" --simulator "http://127.0.0.1:$port" --changes "$changes"
done
