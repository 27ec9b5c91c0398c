#!/usr/bin/env bash
# Benchmarks the GoTo, Zoom and Webex clients against the provider simulator at realistic scale.
#
#   Scripts/bench-providers.sh [ACCOUNTS=100000] [CHANGES=10000]
#   Scripts/bench-providers.sh --baseline-bin DIR [--candidate-bin DIR] [--rounds N] [ACCOUNTS=100000]
#
# (a) listing: one in-process simulator with ACCOUNTS generated accounts per provider; each provider is
#     listed once by a child process (peak RSS is the client's alone), at the client's default rate limit.
# (b) changes: per provider, CHANGES mixed changes (create, update, suspend, reactivate, delete) against a
#     simulator allowing $BENCH_RPS requests/s (default 50) with $BENCH_ERROR_RATE injected 5xx (default
#     0.05); the three providers run in parallel, each with its own simulator, under a timeout.
# Comparison (--baseline-bin): only the listing, N rounds (default 5) per provider and build, against ONE
#     simulator hosted by the candidate build, the builds taking turns within each round; prints the median
#     wall time of each build per provider and the ratio, and exits 1 when the candidate is slower than the
#     baseline by more than $BENCH_MAX_SLOWDOWN (default 0.05, i.e. 5 %) for any provider. DIR is a folder
#     holding an organizer-sync-bench executable (a release build's bin path, e.g. `swift build -c release
#     --show-bin-path` of the older checkout); --candidate-bin defaults to this checkout's release build.
# Prints markdown tables; raw JSON lines are kept in $BENCH_OUT (default .build-bench/results).
# Environment: BENCH_SCRATCH (SwiftPM scratch path), BENCH_TIMEOUT (seconds per change run, default 900).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=""
candidate=""
rounds=5
positional=()
while (($#)); do
    case "$1" in
    --baseline-bin) baseline="${2:?--baseline-bin needs a folder}"; shift 2 ;;
    --candidate-bin) candidate="${2:?--candidate-bin needs a folder}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    --*) echo "bench-providers.sh: unknown option $1" >&2; exit 64 ;;
    *) positional+=("$1"); shift ;;
    esac
done
set -- "${positional[@]+"${positional[@]}"}"
accounts="${1:-100000}"
changes="${2:-10000}"
rps="${BENCH_RPS:-50}"
error_rate="${BENCH_ERROR_RATE:-0.05}"
limit="${BENCH_TIMEOUT:-900}"
out="${BENCH_OUT:-.build-bench/results}"
scratch=()
[[ -n "${BENCH_SCRATCH:-}" ]] && scratch=(--scratch-path "$BENCH_SCRATCH")

if [[ -n "$baseline" ]]; then
    [[ -x "$baseline/organizer-sync-bench" ]] || { echo "no organizer-sync-bench in $baseline" >&2; exit 64; }
    if [[ -z "$candidate" ]]; then
        swift build -c release "${scratch[@]}" --product organizer-sync-bench >&2
        candidate="$(swift build -c release "${scratch[@]}" --show-bin-path)"
    fi
    [[ -x "$candidate/organizer-sync-bench" ]] || { echo "no organizer-sync-bench in $candidate" >&2; exit 64; }
    base_bin="$(cd "$baseline" && pwd)/organizer-sync-bench"
    cand_bin="$(cd "$candidate" && pwd)/organizer-sync-bench"
    mkdir -p "$out"
    rm -f "$out"/compare.json "$out"/compare.log
    "$cand_bin" list --accounts "$accounts" --rounds "$rounds" \
        --client-bin "$base_bin" --client-bin "$cand_bin" >"$out/compare.json" 2>"$out/compare.log"
    exec python3 - "$out/compare.json" "$accounts" "$rounds" "$base_bin" "$cand_bin" "${BENCH_MAX_SLOWDOWN:-0.05}" <<'PY'
import json, statistics, sys
path, accounts, rounds, base, cand, allowed = sys.argv[1:]
allowed = float(allowed)
times, cpu, requests, client = {}, {}, {}, None
for line in open(path):
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if r.get("bench") == "list-client":
        client = "baseline" if r["client"] == base else "candidate"
    elif r.get("bench") == "list" and client:
        times.setdefault((r["provider"], client), []).append(r["wallSeconds"])
        requests.setdefault((r["provider"], client), set()).add(r["requests"])
        client = None
    elif r.get("bench") == "list-client-cpu":
        who = "baseline" if r["client"] == base else "candidate"
        cpu.setdefault((r["provider"], who), []).append(r["cpuSeconds"])
print(f"### Listing {int(accounts):,} accounts per provider: candidate vs baseline, median of {rounds} rounds\n")
print(f"baseline: `{base}`  \ncandidate: `{cand}`\n")
print("| provider | baseline | candidate | ratio | CPU baseline | CPU candidate | CPU ratio "
      "| requests (baseline / candidate) | within {:.0%} |".format(allowed))
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
slower = False
for provider in ("goto", "zoom", "webex"):
    b, c = times.get((provider, "baseline")), times.get((provider, "candidate"))
    if not b or not c:
        print(f"| {provider} | missing results (see {path[:-5]}.log) |||||")
        slower = True
        continue
    mb, mc = statistics.median(b), statistics.median(c)
    ratio = mc / mb if mb > 0 else float("inf")
    ok = ratio <= 1 + allowed
    slower = slower or not ok
    rq = lambda k: "/".join(str(x) for x in sorted(requests.get((provider, k), [])))
    cb = statistics.median(cpu.get((provider, "baseline"), [0]))
    cc = statistics.median(cpu.get((provider, "candidate"), [0]))
    cr = f"{cc / cb:.3f}" if cb > 0 else "-"
    print(f"| {provider} | {mb:.2f} s | {mc:.2f} s | {ratio:.3f} | {cb:.2f} s | {cc:.2f} s | {cr} "
          f"| {rq('baseline')} / {rq('candidate')} | {'yes' if ok else 'NO'} |")
print("\nWall time is what the verdict uses; at the clients' default rate limits it is set mostly by the rate "
      "limit, so the CPU columns (user + system time of each listing process) show the cost of the checks.")
sys.exit(1 if slower else 0)
PY
fi

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
