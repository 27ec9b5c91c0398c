#!/usr/bin/env bash
# Benchmarks the GoTo, Zoom and Webex clients against the provider simulator at realistic scale.
#
#   Scripts/bench-providers.sh [ACCOUNTS=100000] [CHANGES=10000]
#
# (a) listing: one in-process simulator with ACCOUNTS generated accounts per provider; each provider is
#     listed once by a child process (peak RSS is the client's alone), at the client's default rate limit.
# (b) changes: per provider, CHANGES mixed changes (create, update, suspend, reactivate, delete) against a
#     simulator allowing $BENCH_RPS requests/s (default 50) with $BENCH_ERROR_RATE injected 5xx (default
#     0.05); the three providers run in parallel, each with its own simulator, under a timeout.
# Prints markdown tables; raw JSON lines are kept in $BENCH_OUT (default .build-bench/results).
# Environment: BENCH_SCRATCH (SwiftPM scratch path), BENCH_TIMEOUT (seconds per change run, default 900).
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${1:-100000}"
changes="${2:-10000}"
rps="${BENCH_RPS:-50}"
error_rate="${BENCH_ERROR_RATE:-0.05}"
limit="${BENCH_TIMEOUT:-900}"
out="${BENCH_OUT:-.build-bench/results}"
scratch=()
[[ -n "${BENCH_SCRATCH:-}" ]] && scratch=(--scratch-path "$BENCH_SCRATCH")

swift build -c release "${scratch[@]}" --product organizer-sync-bench >&2
bench="$(swift build -c release "${scratch[@]}" --show-bin-path)/organizer-sync-bench"
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.log

# The change runs are throttled by the simulator, not the CPU: start them first, in the background.
pids=()
for provider in goto zoom webex; do
    timeout "$limit" "$bench" changes --provider "$provider" --changes "$changes" --rps "$rps" \
        --error-rate "$error_rate" >"$out/changes-$provider.json" 2>"$out/changes-$provider.log" &
    pids+=($!)
done
"$bench" list --accounts "$accounts" >"$out/list.json" 2>"$out/list.log"
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done

python3 - "$out" "$accounts" "$changes" "$rps" "$error_rate" <<'PY'
import json, pathlib, sys
out, accounts, changes, rps, error_rate = sys.argv[1:]
def rows(name):
    path = pathlib.Path(out) / name
    return [json.loads(l) for l in path.read_text().splitlines() if l.startswith("{")] if path.exists() else []
print(f"### Listing {int(accounts):,} accounts per provider\n")
print("| provider | accounts | requests | retries | wall time | client rate limit | peak RSS (child) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r in rows("list.json"):
    print(f"| {r['provider']} | {r['accounts']:,} | {r['requests']} | {r['retries']} | {r['wallSeconds']:.1f} s "
          f"| {r['requestsPerSecondLimit']:g}/s | {r['peakRSSKiB'] / 1024:.0f} MiB |")
print(f"\n### {int(changes):,} mixed changes at {rps} requests/s with {float(error_rate):.0%} injected 5xx\n")
print("| provider | confirmed | lost | duplicates | requests | retries | 5xx injected | 429s | wall time "
      "| changes/s | requests/s | share of allowed rate |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for provider in ("goto", "zoom", "webex"):
    found = rows(f"changes-{provider}.json")
    if not found:
        print(f"| {provider} | did not finish (see {out}/changes-{provider}.log) |||||||||||")
        continue
    r = found[0]
    print(f"| {provider} | {r['succeeded']:,}/{r['attempted']:,} | {r['lost']} | {r['duplicates']} | {r['requests']:,} "
          f"| {r['retries']} | {r['injected5xx']} | {r['throttled']} | {r['wallSeconds']:.0f} s "
          f"| {r['changesPerSecond']:.1f} | {r['requestsPerSecond']:.1f} | {r['shareOfAllowedRate']:.0%} |")
PY
exit "$status"
