#!/usr/bin/env bash
# Plan benchmark: `organizer-sync plan` for a large directory against as many accounts per provider.
#
#   Scripts/bench-plan.sh [--users N] [--rounds N] [--targets "zoom webex goto"]
#                         [--skip-build | --bin DIR] [--no-warm-up] [--compare-bin DIR]
#
# A million users: `--users 1000000 --targets zoom --rounds 3` (the simulator then holds 1,000,000
# Zoom accounts only; about 10x the 100k time, several GB of disk for the LDIF and mdb; run it on a
# quiet machine). --no-warm-up skips the untimed first run (at a million it costs as much as a round).
#
# Defaults: 100,000 users (make-bench-directory.py, 200 groups) in a throw-away slapd, and the
# provider simulator seeded with 100,000 accounts per provider in a realistic mix
# (Scripts/fixtures/make-bench-seed.py: most match a user by email, some differ in a field, some
# users have no account, some accounts are suspended or unmanaged; disabled users get suspended).
# The simulator's rate limits are off and the client's are set high, so listing is bound by HTTP and
# decoding, not by a limiter. Each round runs `organizer-sync plan --target X --log-level info --out
# FILE` once per target, interleaved, after one untimed warm-up per target. Each run is measured by
# Scripts/lib/rss-trace.py (wall, CPU and peak RSS from wait4; the high-water mark as each phase ends)
# and split with organizer-sync's phase log lines: directory read, mapping, account listing and
# planning; the rest (start-up, configuration, sealing, writing the plan file and rendering the
# summary) is the remainder. Medians are printed as a markdown table and, with
# the raw figures, saved under bench-results/ (gitignored).
#
# Release builds go to .build-plan-release (BENCH_SCRATCH overrides); --bin DIR runs the prebuilt
# organizer-sync and organizer-sync-simulator in DIR and builds nothing. BENCH_DATA_DIR=DIR keeps the
# generated LDIF and seed there for the next run. KEEP_TMP=1 keeps the temporary directory (LDIF,
# seed, slapd, configuration, plans). --compare-bin DIR runs DIR's organizer-sync plan once per target
# against the same servers and compares the two plan files byte for byte, with the other run's createdAt and
# digest put in (both are the only bytes a later run may change); a difference fails the script.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

users=100000
group_count=200
rounds=5
targets="zoom webex goto"
build=yes
bin_dir=""
warm_up=yes
compare_dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        --groups) group_count="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --targets) targets="$2"; shift 2 ;;
        --skip-build) build=""; shift ;;
        --bin) bin_dir="$2"; build=""; shift 2 ;;
        --no-warm-up) warm_up=""; shift ;;
        --compare-bin) compare_dir="$2"; shift 2 ;;
        -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) printf 'bench-plan.sh: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
done

# shellcheck source=Scripts/lib/common.sh
. "$root/Scripts/lib/common.sh"

# --- tools ----------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 is required"
command -v slapd >/dev/null || [ -x /usr/sbin/slapd ] || die "slapd is missing: apt-get install slapd ldap-utils"

scratch="${BENCH_SCRATCH:-$root/.build-plan-release}"
bin="$scratch/release"
[ -z "$bin_dir" ] || bin="$(prebuilt_dir "$bin_dir" organizer-sync organizer-sync-simulator)"
[ -z "$build" ] || build_release "$scratch" organizer-sync organizer-sync-simulator
need_built "$bin" organizer-sync organizer-sync-simulator

# --- data and servers --------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-plan.XXXXXX")"
slapd_dir="$tmp/slapd"
simulator_pid=""
cleanup() {
    if [ -n "$simulator_pid" ]; then kill "$simulator_pid" 2>/dev/null || true; fi
    stop_slapd "$slapd_dir"
    remove_or_keep "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "generating $users users and $group_count groups"
bench_ldif "$users" "$group_count" "$tmp/bench.ldif"
note "generating the simulator seed ($users accounts per provider)"
seed_of() { python3 "$root/Scripts/fixtures/make-bench-seed.py" --ldif "$tmp/bench.ldif" --providers "$targets"; }
if [ -n "${BENCH_DATA_DIR:-}" ]; then
    seed_cache="$BENCH_DATA_DIR/seed-$users-$group_count-${targets// /-}.json"
    if [ ! -s "$seed_cache" ]; then
        seed_of > "$seed_cache.tmp" || die "generating $seed_cache failed"
        mv -f "$seed_cache.tmp" "$seed_cache"
    else
        note "reusing $seed_cache (BENCH_DATA_DIR)"
    fi
    ln -s "$seed_cache" "$tmp/seed.json"
else
    seed_of > "$tmp/seed.json"
fi

note "starting slapd (slapadd -q of $(du -hL "$tmp/bench.ldif" | cut -f1) LDIF)"
# mdb's map is sparse: size it for the directory (about 4 KiB per user is ample).
export SLAPD_MAXSIZE=$(( users * 4096 > 4294967296 ? users * 4096 : 4294967296 ))
start_slapd "$slapd_dir" "$tmp/bench.ldif"

note "starting the simulator (no rate limit)"
# Loading the seed takes about a minute per million accounts on a busy machine, more under heavy load.
simulator_start_seconds=$((60 + users / 2000))
start_simulator "$tmp" --seed "$tmp/seed.json" --log-level warning

write_demo_secrets "$tmp"

# Every target maps with its provider preset (every user in scope). Thresholds are raised so the plan
# is not blocked by the suspends of disabled users: a blocked plan is planned the same way, but this
# shows an ordinary run.
policy='{ max_creates: { count: 1000000 }, max_suspends: { share: 1.0 }, max_deletes: { share: 1.0 } }'
limits='rate_limit: { requests_per_second: 10000, burst: 1000 }'
config="$tmp/organizer-sync.yaml"
cat > "$config" <<YAML
version: 1
mappings_dir: $root/Mappings
$(directory_yaml 1000 --disabled-when)
targets:
$(for provider in goto zoom webex; do demo_target_yaml "$provider" "$provider" "$tmp" "$limits" "policy: $policy"; done)
YAML

# --- runs --------------------------------------------------------------------------
open_results plan $'round\ttarget\texit\twall_s\tuser_s\tsys_s\tmaxrss_kib\tread_s\tmapping_s\tlisting_s\tplanning_s\taccounts\tusers\tplan_bytes\thwm_read_kib\thwm_mapped_kib\thwm_listed_kib\thwm_planned_kib\thwm_sealed_kib'

# One run: plan exits 0 (no changes), 2 (changes pending) or 3 (blocked); 1 is a failure.
run_plan() { # round target
    local round="$1" target="$2" status=0
    : > "$tmp/run.err"
    python3 "$root/Scripts/lib/rss-trace.py" --out "$tmp/trace.json" --log "$tmp/run.err" \
        --mark "directory read" --mark "target planned" --mark "plan sealed" -- \
        "$bin/organizer-sync" plan --config "$config" --target "$target" --log-level info \
        --out "$tmp/plan-$target.json" > "$tmp/summary-$target.txt" || status=$?
    if [ "$status" != 0 ] && [ "$status" != 2 ] && [ "$status" != 3 ]; then
        sed 's/^/    /' "$tmp/run.err" >&2
        die "organizer-sync plan --target $target failed (exit $status) in round $round"
    fi
    [ "$round" = warm-up ] && return 0
    cp "$tmp/trace.json" "$results/trace-$round-$target.json"
    python3 - "$tmp/run.err" "$tmp/trace.json" "$round" "$target" "$status" \
        "$(wc -c < "$tmp/plan-$target.json")" >> "$raw" <<'EOF'
import json, re, sys
log, trace, round_, target, status, size = sys.argv[1:]
fields = {}
for line in open(log, encoding="utf-8", errors="replace"):
    found = dict(re.findall(r"(\S+?)=(\S+)", line))
    if line.rstrip().endswith("directory read"):
        fields["read"] = found.get("phase.seconds")
        fields["users"] = found.get("directory.users")
    elif line.rstrip().endswith("target planned"):
        fields["mapping"] = found.get("mapping.seconds")
        fields["listing"] = found.get("listing.seconds")
        fields["planning"] = found.get("planning.seconds")
        fields["accounts"] = found.get("provider.accounts")
missing = [k for k in ("read", "mapping", "listing", "planning") if not fields.get(k)]
if missing:
    sys.exit("bench-plan.sh: no phase timings (%s) in the log" % ", ".join(missing))
run = json.load(open(trace))
marks = {m["mark"]: m["seconds"] for m in run["marks"]}


def peak_at(seconds):
    """The high-water mark (KiB) at the last sample taken by `seconds` after the start."""
    before = [s[1] for s in run["samples"] if s[0] <= seconds]
    return before[-1] if before else ""


read_at = marks.get("directory read")
# Mapping ends mapping.seconds after the read's log line, the listing listing.seconds after that (to within a
# sampling interval).
mapped_at = read_at + float(fields["mapping"]) if read_at is not None else None
listed_at = mapped_at + float(fields["listing"]) if mapped_at is not None else None
stages = [peak_at(t) if t is not None else "" for t in
          (read_at, mapped_at, listed_at, marks.get("target planned"), marks.get("plan sealed"))]
print("\t".join(str(v) for v in [
    round_, target, status, run["wall_s"], run["user_s"], run["sys_s"], run["maxrss_kib"], fields["read"],
    fields["mapping"], fields["listing"], fields["planning"], fields["accounts"] or "", fields["users"] or "", size, *stages]))
EOF
    note "round $round $target: $(cut -f4,7 "$raw" | tail -n 1 | awk '{ printf "%s s wall, %.0f MiB peak", $1, $2 / 1024 }') (exit $status)"
}

if [ -n "$warm_up" ]; then
    note "warm-up: one untimed run per target"
    for target in $targets; do
        run_plan warm-up "$target"
        head -n 3 "$tmp/summary-$target.txt" | sed 's/^/    /' >&2
    done
fi
for round in $(seq 1 "$rounds"); do
    for target in $targets; do run_plan "$round" "$target"; done
done

# --- the same plan from another binary ---------------------------------------------------
if [ -n "$compare_dir" ]; then
    compare_bin="$(prebuilt_dir "$compare_dir" organizer-sync)"
    for target in $targets; do
        status=0
        "$compare_bin/organizer-sync" plan --config "$config" --target "$target" \
            --out "$tmp/compare-$target.json" > /dev/null 2> "$tmp/compare.err" || status=$?
        [ "$status" = 0 ] || [ "$status" = 2 ] || [ "$status" = 3 ] \
            || die "$compare_bin/organizer-sync plan --target $target failed (exit $status)"
        # The first createdAt and digest lines are the plan's own (keys are sorted; targets come after).
        for name in createdAt digest; do
            line="$(grep -m 1 "^  \"$name\" : " "$tmp/compare-$target.json")" \
                || die "no $name in $tmp/compare-$target.json"
            python3 -c 'import sys; p, name, line = sys.argv[1:]; b = open(p).read().split("\n")
i = next(i for i, l in enumerate(b) if l.startswith("  \"%s\" : " % name)); b[i] = line; open(p, "w").write("\n".join(b))' \
                "$tmp/plan-$target.json" "$name" "$line"
        done
        if cmp "$tmp/plan-$target.json" "$tmp/compare-$target.json" >&2; then
            note "plan --target $target: the same bytes as $compare_bin/organizer-sync's (createdAt and digest aside)"
        else
            die "plan --target $target differs from $compare_bin/organizer-sync's (KEEP_TMP=1 keeps both)"
        fi
    done
fi

# --- report ------------------------------------------------------------------------
cp "$config" "$results/organizer-sync.yaml"
for target in $targets; do
    cp "$tmp/summary-$target.txt" "$results/summary-$target.txt"
done
python3 - "$raw" "$users" "$rounds" > "$results/summary.md" <<'EOF'
import csv, os, statistics, sys
raw, users, rounds = sys.argv[1:]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
load = os.getloadavg()
print("organizer-sync plan: %s users, %s accounts per provider; median of %s rounds (%d CPUs, "
      "load average %.2f %.2f %.2f at the end)." % (format(int(users), ","), format(int(rows[0]["accounts"]), ","),
                                                   rounds, os.cpu_count() or 0, *load))
print()
print("| target | wall s | directory read s | mapping s | account listing s | planning s | remainder s "
      "| CPU s (user+sys) | peak RSS MiB | plan file MiB | exit |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
memory = []
for target in dict.fromkeys(r["target"] for r in rows):
    mine = [r for r in rows if r["target"] == target]
    med = lambda key: statistics.median(float(r[key]) for r in mine)
    remainder = statistics.median(float(r["wall_s"]) - float(r["read_s"]) - float(r["mapping_s"])
                                  - float(r["listing_s"]) - float(r["planning_s"]) for r in mine)
    cpu = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in mine)
    print("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %s |" % (
        target, med("wall_s"), med("read_s"), med("mapping_s"), med("listing_s"), med("planning_s"), remainder, cpu,
        med("maxrss_kib") / 1024, med("plan_bytes") / 1048576, mine[0]["exit"]))
    stage = lambda key: "%.0f" % (med(key) / 1024) if all(r[key] for r in mine) else "?"
    memory.append("| %s | %s | %s | %s | %s | %s | %.0f |" % (
        target, stage("hwm_read_kib"), stage("hwm_mapped_kib"), stage("hwm_listed_kib"), stage("hwm_planned_kib"), stage("hwm_sealed_kib"),
        med("maxrss_kib") / 1024))
print()
print("Peak RSS so far (MiB, high-water mark sampled every 0.05 s) at the end of each phase:")
print()
print("| target | directory read | mapping | account listing | planning | sealing | whole run |")
print("|---|---:|---:|---:|---:|---:|---:|")
print("\n".join(memory))
EOF
cat "$results/summary.md"
printf '\nFirst lines of each summary:\n' >&2
for target in $targets; do head -n 1 "$results/summary-$target.txt" >&2; done
note "raw figures: ${results#"$root"/}/raw.tsv"
