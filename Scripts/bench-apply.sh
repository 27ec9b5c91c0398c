#!/usr/bin/env bash
# Apply benchmark, end to end: `organizer-sync plan` over a 100,000-user directory, then `organizer-sync apply`
# of 10,000 changes against the provider simulator at a set rate limit, then `organizer-sync audit verify`.
#
#   Scripts/bench-apply.sh [--users N] [--creates N] [--updates N] [--suspends N] [--rate R]
#                          [--simulator-rps R] [--concurrency N] [--providers zoom,goto,webex] [--plan-rounds N]
#                          [--skip-build]
#
# Defaults: 100,000 users (Scripts/fixtures/make-bench-directory.py, loaded with slapadd -q); 7,000 creates,
# 2,000 updates and 1,000 suspends (Scripts/fixtures/make-bench-apply-fixtures.py: a scope group with exactly
# those users, and a simulator seed holding the accounts to update and suspend); the target's
# rate_limit.requests_per_second 100 (the client's limit); the simulator's own limit (--simulator-rps) twice
# that, so 429s are not what limits the run (pass --simulator-rps equal to --rate to test that too);
# apply.concurrency 8; Zoom only. Each provider gets its own simulator, state store and audit log. Plans are
# signed (signing.trusted_keys) and every run ends with a keyed checkpoint (audit.key_file), as in production;
# the script fails if the apply warns that the plan is only checksummed or audit verify proves no checkpoint.
#
# Per provider: plan, --plan-rounds times (default 3; median wall, largest peak RSS, the actions by kind);
# then the simulator's request log is reset (plan changed nothing); then apply (wall, CPU, peak RSS; every
# provider request it made, from the simulator's log, whose times have one-second resolution), audit verify
# (wall), and a second plan (changes left: should be 0). Checks: failed changes (audit outcomes), duplicates
# (accounts per email at the simulator; succeeded outcomes per account and action in the audit log), and that
# every planned change took effect at the simulator. Prints markdown tables; raw figures and logs go to
# bench-results/apply-<time>/ (gitignored).
# Environment: BENCH_SCRATCH (SwiftPM scratch path, default .build), BENCH_BIN (use the binaries in this folder,
# with --skip-build), KEEP_TMP=1 keeps the work folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

users=100000
creates=7000
updates=2000
suspends=1000
rate=100
simulator_rps=""
concurrency=8
providers=zoom
plan_rounds=3
build=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        --creates) creates="$2"; shift 2 ;;
        --updates) updates="$2"; shift 2 ;;
        --suspends) suspends="$2"; shift 2 ;;
        --rate) rate="$2"; shift 2 ;;
        --simulator-rps) simulator_rps="$2"; shift 2 ;;
        --concurrency) concurrency="$2"; shift 2 ;;
        --providers) providers="$2"; shift 2 ;;
        --plan-rounds) plan_rounds="$2"; shift 2 ;;
        --skip-build) build=""; shift ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) printf 'bench-apply.sh: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
done
[ -n "$simulator_rps" ] || simulator_rps="$(python3 -c "print($rate * 2)")"

# shellcheck source=Scripts/lib/common.sh
. "$root/Scripts/lib/common.sh"

# --- tools ----------------------------------------------------------------------------
need_gnu_time
command -v python3 >/dev/null || die "python3 is required"
command -v curl >/dev/null || die "curl is required: apt-get install curl"
command -v slapadd >/dev/null || die "slapadd is missing: apt-get install slapd"

scratch="${BENCH_SCRATCH:-.build}"
[ -z "$build" ] || build_release "$scratch" organizer-sync organizer-sync-simulator
# BENCH_BIN: a folder with already built binaries (a debug build, to try the script itself; figures are release's).
bin="${BENCH_BIN:-$(swift build -c release --scratch-path "$scratch" --show-bin-path)}"
need_built "$bin" organizer-sync organizer-sync-simulator

# --- directory, fixtures, slapd -------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-apply.XXXXXX")"
slapd_dir="$tmp/slapd"
simulator_pid=""
stop_simulator() {
    if [ -n "$simulator_pid" ]; then
        kill "$simulator_pid" 2>/dev/null || true
        wait "$simulator_pid" 2>/dev/null || true
        simulator_pid=""
    fi
}
cleanup() {
    stop_simulator
    stop_slapd "$slapd_dir"
    remove_or_keep "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "generating $users users, the scope group and the simulator seed"
python3 "$root/Scripts/fixtures/make-bench-directory.py" --users "$users" > "$tmp/bench.ldif"
python3 "$root/Scripts/fixtures/make-bench-apply-fixtures.py" --ldif "$tmp/bench.ldif" \
    --creates "$creates" --updates "$updates" --suspends "$suspends" \
    --group-ldif "$tmp/scope.ldif" --seed-out "$tmp/seed.json" --expected-out "$tmp/expected.json"
cat "$tmp/scope.ldif" >> "$tmp/bench.ldif"

note "starting slapd (slapadd -q of $(du -h "$tmp/bench.ldif" | cut -f1) LDIF)"
start_slapd "$slapd_dir" "$tmp/bench.ldif"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$root/bench-results/apply-$stamp"
mkdir -p "$results"
cp "$tmp/expected.json" "$results/expected.json"
{
    printf 'started %s\n' "$(date -u +%FT%TZ)"
    printf 'uptime before: %s\n' "$(uptime)"
    printf 'cpus: %s\n' "$(nproc)"
} > "$results/machine.txt"

write_demo_secrets "$tmp"

# Plans signed (Ed25519, signing.trusted_keys) and keyed audit checkpoints (audit.key_file), as in production:
# the keys live outside every state folder, owner-only.
install -d -m 0700 "$tmp/keys"
"$bin/organizer-sync" keygen --out "$tmp/keys/plan.key" > "$tmp/keys/plan.pub" 2> /dev/null \
    || die "organizer-sync keygen failed"
( umask 077; head -c 32 /dev/urandom | base64 > "$tmp/keys/audit.key" )

credentials() { # provider
    case "$1" in
        goto) printf '      client_id: goto-demo-client\n      client_secret_file: %s\n      refresh_token_file: %s\n' \
            "$tmp/goto.secret" "$tmp/goto.refresh" ;;
        zoom) printf '      account_id: zoomDemoAccount01\n      client_id: zoom-demo-client\n'
            printf '      client_secret_file: %s\n' "$tmp/zoom.secret" ;;
        webex) printf '      client_id: webex-demo-client\n      client_secret_file: %s\n' "$tmp/webex.secret"
            printf '      refresh_token_file: %s\n' "$tmp/webex.refresh" ;;
    esac
}

measure() { # name expected-exit-codes command... ; writes $work/<name>.{time,out,err,rc}
    local name="$1" allowed="$2"; shift 2
    local rc=0
    timed "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
    printf '%s\n' "$rc" > "$work/$name.rc"
    case " $allowed " in
        *" $rc "*) ;;
        *) tail -n 20 "$work/$name.err" >&2; die "$name exited $rc (expected one of: $allowed)" ;;
    esac
    note "$name: exit $rc, $(tail -n 1 "$work/$name.time" | cut -d' ' -f1) s wall"
}

IFS=',' read -r -a provider_list <<< "$providers"
for provider in "${provider_list[@]}"; do
    case "$provider" in goto|zoom|webex) ;; *) die "unknown provider $provider" ;; esac
    work="$tmp/$provider"
    mkdir -p "$work"

    note "$provider: starting the simulator (its limit: $simulator_rps requests/s)"
    start_simulator "$work" --seed "$tmp/seed.json" --knob "$provider.requestsPerSecond=$simulator_rps" \
        --log-level warning

    {
        printf 'preset: %s\nscope:\n  groups: [bench-apply]\n' "$provider"
        # GoTo: a user without a licence counts as suspended; every user gets the demo seed's Meeting licence.
        [ "$provider" = goto ] && printf 'licences:\n  default:\n    licences: ["5839287156452918374"]\n'
        true
    } > "$work/mapping.yaml"
    cat > "$work/organizer-sync.yaml" <<YAML
version: 1
mappings_dir: $root/Mappings
$(directory_yaml 1000 --disabled-when)
state:
  database: $work/state/organizer-sync.sqlite
  audit_log: $work/state/audit.jsonl
  runs_dir: $work/state/runs
apply:
  concurrency: $concurrency
targets:
  - name: $provider
    provider: $provider
    mapping: mapping.yaml
    api_base_url: $simulator/$provider
    allow_insecure_http: true
    auth_base_url: $simulator/$provider
    rate_limit: { requests_per_second: $rate }
    credentials:
$(credentials "$provider")
    policy:
      max_suspends: { count: 1000000 }
signing:
  private_key_file: $tmp/keys/plan.key
  key_name: bench
  trusted_keys:
    - { name: bench, public_key: "$(cat "$tmp/keys/plan.pub")" }
audit:
  key_file: $tmp/keys/audit.key
YAML
    config="$work/organizer-sync.yaml"

    note "$provider: plan"
    for round in $(seq 1 "$plan_rounds"); do
        measure "plan-$round" "2" "$bin/organizer-sync" plan --config "$config" --out "$work/plan.json" --format json
    done
    # plan changed nothing at the simulator: forget its requests (and tokens), so the log holds apply's alone.
    curl -fsS -X POST "$simulator/_admin/reset" > /dev/null

    note "$provider: apply"
    measure apply "0 6" "$bin/organizer-sync" apply "$work/plan.json" --config "$config"
    curl -fsS "$simulator/_admin/requests" > "$work/requests.json"
    curl -fsS "$simulator/_admin/accounts?provider=$provider" > "$work/accounts.json"

    note "$provider: audit verify"
    measure verify "0" "$bin/organizer-sync" audit verify --config "$config"
    grep -q "only checksummed" "$work/apply.err" && die "$provider: the plan was not signed (see $work/apply.err)"
    grep -q "checkpoint(s) verified with the key" "$work/verify.out" \
        || die "$provider: audit verify proved no keyed checkpoint (see $work/verify.out)"

    note "$provider: plan again (what is left to do)"
    measure replan "0 2 3" "$bin/organizer-sync" plan --config "$config" --out "$work/replan.json" --format json
    stop_simulator

    cp "$work/state/audit.jsonl" "$work/audit.jsonl"
    mkdir -p "$results/$provider"
    cp "$work"/plan-*.time "$results/$provider/"
    for file in apply.time apply.rc apply.out apply.err verify.time verify.rc verify.out \
        replan.time replan.rc requests.json accounts.json organizer-sync.yaml mapping.yaml simulator.log; do
        cp "$work/$file" "$results/$provider/$file"
    done
    python3 - "$work" "$results/$provider/figures.json" "$tmp/expected.json" "$provider" "$rate" \
        "$simulator_rps" "$concurrency" "$plan_rounds" <<'PY'
import collections, datetime, json, os, re, statistics, sys
work, out, expected_path, provider, rate, simulator_rps, concurrency, plan_rounds = sys.argv[1:]
rate = float(rate)

def timed(name):
    wall, user, sys_, rss = open(os.path.join(work, name + ".time")).read().split()[-4:]
    return {"wall": float(wall), "cpu": float(user) + float(sys_), "rss_mib": int(rss) / 1024,
            "rc": int(open(os.path.join(work, name + ".rc")).read())}

def kinds(plan_path):
    plan = json.load(open(plan_path))
    counts = collections.Counter()
    for target in plan.get("targets", []):
        for action in target.get("actions", []):
            counts[action.get("kind")] += 1
    return dict(counts)

expected = json.load(open(expected_path))
figures = {"provider": provider, "rate_limit": rate, "simulator_rps": float(simulator_rps),
           "concurrency": int(concurrency)}
plans = [timed("plan-%d" % n) for n in range(1, int(plan_rounds) + 1)]
figures["plan"] = {"walls": [p["wall"] for p in plans], "wall": statistics.median(p["wall"] for p in plans),
                   "cpu": statistics.median(p["cpu"] for p in plans), "rss_mib": max(p["rss_mib"] for p in plans),
                   "actions": kinds(os.path.join(work, "plan.json"))}
figures["apply"] = timed("apply")
figures["verify"] = timed("verify")
figures["replan"] = timed("replan") | {"actions": kinds(os.path.join(work, "replan.json"))}

# Provider requests made by apply (the log was reset after plan): token, listing, changes, look-ups.
requests = [r for r in json.load(open(os.path.join(work, "requests.json"))) if r.get("provider") == provider]
def endpoint(r):
    path = re.sub(r"/users/[^/]+", "/users/{id}", r["path"])
    path = re.sub(r"/people/[^/]+", "/people/{id}", path)
    return "%s %s" % (r["method"], path)
times = sorted(datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp() for r in requests)
span = (times[-1] - times[0] + 1) if times else 0  # one-second resolution: the last second counts whole
statuses = collections.Counter(r.get("status") for r in requests)
figures["requests"] = {
    "total": len(requests),
    "by_endpoint": dict(collections.Counter(endpoint(r) for r in requests).most_common()),
    "statuses": {str(k): v for k, v in statuses.items()},
    "throttled_429": statuses.get(429, 0),
    "span_seconds": span,
    "per_second_over_span": len(requests) / span if span else 0,
    "per_second_over_apply_wall": len(requests) / figures["apply"]["wall"],
}
# The share of the limit over apply's whole wall time (start-up and the fresh listing included): a lower bound,
# free of the log's one-second rounding.
figures["requests"]["share_of_limit"] = figures["requests"]["per_second_over_apply_wall"] / rate
# Requests per whole second of the run, for the steady-state rate (first and last second left out).
per_second = collections.Counter(int(t) for t in times)
inner = [per_second.get(s, 0) for s in range(int(times[0]) + 1, int(times[-1]))] if len(times) > 2 else []
figures["requests"]["steady_median_per_second"] = statistics.median(inner) if inner else 0

# The audit log: records, outcomes, duplicates.
records = [json.loads(line) for line in open(os.path.join(work, "audit.jsonl")) if line.strip()]
outcomes = [r for r in records if r.get("type") == "outcome"]
results = collections.Counter(r.get("result") for r in outcomes)
succeeded = collections.Counter((r.get("anchor") or r.get("email"), r.get("action"))
                                for r in outcomes if r.get("result") == "succeeded")
intents = [r for r in records if r.get("type") == "intent"]
def stamp(r):
    return datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp()
change_span = (stamp(outcomes[-1]) - stamp(intents[0])) if intents and outcomes else 0
size = os.path.getsize(os.path.join(work, "audit.jsonl"))
changes = sum(figures["plan"]["actions"].values())
figures["audit"] = {
    "bytes": size, "records": len(records), "bytes_per_change": size / changes if changes else 0,
    "bytes_per_record": size / len(records) if records else 0,
    "outcomes": dict(results),
    "duplicated_succeeded_outcomes": sum(n - 1 for n in succeeded.values() if n > 1),
}
figures["changes"] = {
    "planned": changes,
    "succeeded": results.get("succeeded", 0),
    "failed": results.get("failed", 0),
    "skipped": results.get("skipped", 0),
    "change_span_seconds": change_span,
    "per_second_over_apply_wall": results.get("succeeded", 0) / figures["apply"]["wall"],
    "per_second_over_change_span": results.get("succeeded", 0) / change_span if change_span else 0,
}

# The simulator's accounts: duplicates per email, and whether each planned change took effect.
accounts = json.load(open(os.path.join(work, "accounts.json")))
per_email = collections.Counter(a["email"].lower() for a in accounts)
by_email = {a["email"].lower(): a for a in accounts}
def suspended(a):
    return a["status"] == "inactive" if provider != "goto" else not a.get("licenses")
missing = {
    "create": sum(1 for e in expected["create"] if e not in by_email),
    "update": sum(1 for e in expected["update"]
                  if e not in by_email or str(by_email[e].get("lastName", "")).endswith("-old")),
    "suspend": sum(1 for e in expected["suspend"] if e not in by_email or not suspended(by_email[e])),
}
figures["simulator"] = {
    "accounts": len(accounts),
    "duplicated_emails": sum(n - 1 for n in per_email.values() if n > 1),
    "changes_not_in_effect": missing,
}
json.dump(figures, open(out, "w"), indent=2, sort_keys=True)
PY
    note "$provider: figures in ${results#"$root"/}/$provider/figures.json"
done
printf 'uptime after: %s\n' "$(uptime)" >> "$results/machine.txt"

# --- report ---------------------------------------------------------------------------------
python3 - "$results" "$users" "${provider_list[@]}" > "$results/summary.md" <<'PY'
import json, os, sys
results, users = sys.argv[1], int(sys.argv[2])
rows = [json.load(open(os.path.join(results, p, "figures.json"))) for p in sys.argv[3:]]
first = rows[0]
print("Apply benchmark: %s directory users; client rate limit %g requests/s, simulator limit %g requests/s; "
      "apply.concurrency %d." % (format(users, ","), first["rate_limit"], first["simulator_rps"],
                                 first["concurrency"]))
print()
print("| provider | plan wall (median) | plan RSS | changes planned | succeeded | failed | skipped "
      "| duplicates: accounts per email / outcomes per change | not in effect | left for the next plan |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
for f in rows:
    planned = ", ".join("%s %s" % (format(n, ","), k) for k, n in sorted(f["plan"]["actions"].items()))
    print("| %s | %.1f s | %.0f MiB | %s | %s | %d | %d | %d / %d | %d | %d |" % (
        f["provider"], f["plan"]["wall"], f["plan"]["rss_mib"], planned,
        format(f["changes"]["succeeded"], ","), f["changes"]["failed"], f["changes"]["skipped"],
        f["simulator"]["duplicated_emails"], f["audit"]["duplicated_succeeded_outcomes"],
        sum(f["simulator"]["changes_not_in_effect"].values()), sum(f["replan"]["actions"].values())))
print()
print("| provider | apply wall | changes/s | requests | 429s | requests/s "
      "| share of limit | apply CPU | apply peak RSS | audit log bytes/change | audit verify wall |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for f in rows:
    print("| %s | %.1f s | %.1f | %s | %d | %.1f | %.0f%% | %.1f s | %.0f MiB | %.0f | %.2f s |" % (
        f["provider"], f["apply"]["wall"], f["changes"]["per_second_over_apply_wall"],
        format(f["requests"]["total"], ","), f["requests"]["throttled_429"],
        f["requests"]["per_second_over_apply_wall"], 100 * f["requests"]["share_of_limit"],
        f["apply"]["cpu"], f["apply"]["rss_mib"], f["audit"]["bytes_per_change"], f["verify"]["wall"]))
print()
for f in rows:
    print("%s requests by endpoint: %s; steady-state median %d requests/s (per whole second of the simulator's "
          "log); audit log %s bytes in %s records "
          "(%.0f bytes/record)." % (
              f["provider"], ", ".join("%s %s" % (k, format(v, ",")) for k, v in f["requests"]["by_endpoint"].items()),
              f["requests"]["steady_median_per_second"], format(f["audit"]["bytes"], ","),
              format(f["audit"]["records"], ","), f["audit"]["bytes_per_record"]))
PY
cat "$results/summary.md"
cat "$results/machine.txt" >&2
note "raw figures: ${results#"$root"/}/"
