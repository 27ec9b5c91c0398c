#!/usr/bin/env bash
# Directory read benchmark: organizer-sync's LDAP reader against ldapsearch, both
# reading every user and group of a large directory from a throw-away slapd.
#
#   Scripts/bench-directory.sh [--users N] [--groups N] [--rounds N] [--page-size N]
#                              [--ldapsearch-only] [--no-json] [--skip-build | --bin DIR]
#                              [--baseline DIR]
#
# Defaults: 100,000 users, 200 groups, 7 rounds, page size 1000. organizer-sync
# reads with `preset: openldap` unchanged, and ldapsearch asks for exactly the
# attributes the preset requests (users: entryUUID mail uid cn sn givenName
# displayName title departmentNumber employeeNumber employeeType telephoneNumber
# jpegPhoto pwdAccountLockedTime; groups: member uniqueMember memberUid cn
# entryUUID). Each round runs ldapsearch, `directory --format summary` and
# `directory --format json` (to /dev/null) back to back, after one untimed
# warm-up of each; the ratios are taken per round (paired) and their median is
# reported, with the load average before and after. Every run is measured with
# /usr/bin/time (wall, user+sys CPU, peak RSS); the table and the raw figures
# are saved under bench-results/ (gitignored).
#
# --users 1000000 works (slapadd of a generated LDIF, about 10x the 100k time
# and disk); it needs a quiet machine for figures worth comparing.
# --ldapsearch-only skips building and running organizer-sync; --no-json skips
# the json runs. --bin DIR runs the organizer-sync found in DIR (prebuilt release
# binaries) and builds nothing. --baseline DIR also runs the organizer-sync in DIR
# (an earlier build) in every round, right after the one measured, and reports
# the paired ratios against it. BENCH_DATA_DIR=DIR keeps the generated LDIF there
# for the next run. KEEP_TMP=1 keeps the temporary directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

users=100000
group_count=200
rounds=7
page_size=1000
with_sync=yes
with_json=yes
build=yes
bin_dir=""
baseline_dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        --groups) group_count="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --page-size) page_size="$2"; shift 2 ;;
        --ldapsearch-only) with_sync=""; with_json=""; build=""; shift ;;
        --no-json) with_json=""; shift ;;
        --skip-build) build=""; shift ;;
        --bin) bin_dir="$2"; build=""; shift 2 ;;
        --baseline) baseline_dir="$2"; shift 2 ;;
        -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) printf 'bench-directory.sh: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
done

# shellcheck source=Scripts/lib/common.sh
. "$root/Scripts/lib/common.sh"

# --- tools ----------------------------------------------------------------------
need_gnu_time
command -v python3 >/dev/null || die "python3 is required"
command -v ldapsearch >/dev/null || die "ldapsearch is missing: apt-get install ldap-utils"

# ORGANIZER_SYNC_BIN runs another build (a debug one, to check the script at small scale).
bin="${ORGANIZER_SYNC_BIN:-$root/.build/release/organizer-sync}"
[ -z "$bin_dir" ] || bin="$(prebuilt_dir "$bin_dir" organizer-sync)/organizer-sync"
[ -z "$build" ] || build_release "$root/.build" organizer-sync
if [ -n "$with_sync" ] && [ ! -x "$bin" ]; then
    die "$bin is missing: build it, or drop --skip-build"
fi
baseline=""
[ -z "$baseline_dir" ] || baseline="$(prebuilt_dir "$baseline_dir" organizer-sync)/organizer-sync"

# --- data and server -------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-directory.XXXXXX")"
slapd_dir="$tmp/slapd"
cleanup() {
    stop_slapd "$slapd_dir"
    remove_or_keep "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "generating $users users and $group_count groups"
bench_ldif "$users" "$group_count" "$tmp/bench.ldif"

note "starting slapd (slapadd -q of $(du -hL "$tmp/bench.ldif" | cut -f1) LDIF)"
load_start=$SECONDS
# mdb's map is sparse: size it for the directory (about 4 KiB per user is ample).
export SLAPD_MAXSIZE=$(( users * 4096 > 4294967296 ? users * 4096 : 4294967296 ))
start_slapd "$slapd_dir" "$tmp/bench.ldif"
note "slapd up after $((SECONDS - load_start)) s"

config="$tmp/organizer-sync.yaml"
cat > "$config" <<EOF
$(directory_yaml "$page_size")
# The preset's schema unchanged: ldapsearch below asks for the same attributes.
EOF

# --- the two measured commands ------------------------------------------------------
# ldapsearch reads /etc/ldap/ldap.conf and ~/.ldaprc, but the variables below take
# precedence over both. (LDAPNOINIT=1 would also ignore LDAPTLS_CACERT.)
export LDAPTLS_CACERT="$LDAP_CA_FILE" LDAPTLS_REQCERT=demand
group_filter='(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))'
ldapsearch_both() {
    ldapsearch -LLL -x -ZZ -H "$LDAP_URL" -D "$LDAP_READER_DN" -y "$LDAP_READER_PASSWORD_FILE" \
        -b "ou=people,$LDAP_BASE" -E "pr=$page_size/noprompt" "(objectClass=inetOrgPerson)" \
        entryUUID mail uid cn sn givenName displayName title departmentNumber employeeNumber employeeType \
        telephoneNumber jpegPhoto pwdAccountLockedTime \
    && ldapsearch -LLL -x -ZZ -H "$LDAP_URL" -D "$LDAP_READER_DN" -y "$LDAP_READER_PASSWORD_FILE" \
        -b "ou=groups,$LDAP_BASE" -E "pr=$page_size/noprompt" "$group_filter" \
        member uniqueMember memberUid cn entryUUID
}
export -f ldapsearch_both
export LDAP_URL LDAP_READER_DN LDAP_READER_PASSWORD_FILE LDAP_BASE page_size group_filter

# Untimed warm-up that also checks that everything is there.
note "checking the ldapsearch read"
ldapsearch_both | grep '^dn: ' > "$tmp/ldapsearch.dns" || die "ldapsearch failed"
got_users="$(grep -c '^dn: uid=' "$tmp/ldapsearch.dns" || true)"
got_groups="$(grep -c '^dn: cn=' "$tmp/ldapsearch.dns" || true)"
[ "$got_users" = "$users" ] || die "ldapsearch returned $got_users users, expected $users"
[ "$got_groups" = "$group_count" ] || die "ldapsearch returned $got_groups groups, expected $group_count"
note "ldapsearch sees $got_users users and $got_groups groups"

sync_failed=""
if [ -n "$with_sync" ]; then
    check_directory_summary || sync_failed=yes
fi

# --- rounds ----------------------------------------------------------------------
open_results directory "$measure_header"

if [ -n "$with_json" ] && [ -z "$sync_failed" ]; then
    note "warming up organizer-sync directory --format json"
    "$bin" directory --config "$config" --format json > /dev/null 2>&1 || die "directory --format json failed"
    if [ -n "$baseline" ]; then
        "$baseline" directory --config "$config" --format json > /dev/null 2>&1 || die "the baseline's json failed"
    fi
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    measure_round "$round" ldapsearch bash -c ldapsearch_both
    if [ -n "$with_sync" ] && [ -z "$sync_failed" ]; then
        measure_round "$round" organizer-sync "$bin" directory --config "$config" --format summary
        [ -z "$baseline" ] || measure_round "$round" baseline "$baseline" directory --config "$config" --format summary
        if [ -n "$with_json" ]; then
            measure_round "$round" organizer-sync-json "$bin" directory --config "$config" --format json
            [ -z "$baseline" ] || measure_round "$round" baseline-json "$baseline" directory --config "$config" --format json
        fi
    fi
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report ----------------------------------------------------------------------
cp "$config" "$results/organizer-sync.yaml"
[ -f "$tmp/summary.txt" ] && cp "$tmp/summary.txt" "$results/summary.txt"
python3 - "$raw" "$users" "$group_count" "$rounds" "$page_size" "$load_before" "$load_after" \
    > "$results/summary.md" <<'EOF'
import csv, os, statistics, sys
raw, users, groups, rounds, page, load_before, load_after = sys.argv[1:]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
labels = {
    "ldapsearch": "ldapsearch -ZZ -E pr=%s (users + groups, same attributes)" % page,
    "organizer-sync": "organizer-sync directory --format summary",
    "organizer-sync-json": "organizer-sync directory --format json",
    "baseline": "baseline (--baseline) directory --format summary",
    "baseline-json": "baseline (--baseline) directory --format json",
}
print("Directory read: %s users, %s groups, StartTLS, page size %s, preset openldap; median of %s paired "
      "rounds (%d CPUs; load average %s before, %s after)."
      % (format(int(users), ","), groups, page, rounds, os.cpu_count() or 0, load_before, load_after))
print()
print("| client | wall s | CPU s (user+sys) | peak RSS MiB |")
print("|---|---|---|---|")
by_round = {}
for r in rows:
    by_round.setdefault(r["round"], {})[r["client"]] = (float(r["wall_s"]), float(r["user_s"]) + float(r["sys_s"]))
for client in labels:
    mine = [r for r in rows if r["client"] == client]
    if not mine:
        continue
    wall = statistics.median(float(r["wall_s"]) for r in mine)
    cpu = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in mine)
    rss = statistics.median(int(r["maxrss_kib"]) for r in mine) / 1024
    print("| %s | %.2f | %.2f | %.1f |" % (labels[client], wall, cpu, rss))

def paired(numerator, denominator, index):
    ratios = [r[numerator][index] / r[denominator][index] for r in by_round.values()
              if numerator in r and denominator in r and r[denominator][index] > 0]
    return statistics.median(ratios) if ratios else None

print()
for numerator, denominator, what in (("organizer-sync", "ldapsearch", "summary / ldapsearch"),
                                     ("organizer-sync-json", "organizer-sync", "json / summary"),
                                     ("baseline", "ldapsearch", "baseline summary / ldapsearch"),
                                     ("baseline-json", "baseline", "baseline json / baseline summary"),
                                     ("organizer-sync", "baseline", "summary / baseline summary"),
                                     ("organizer-sync-json", "baseline-json", "json / baseline json")):
    wall, cpu = paired(numerator, denominator, 0), paired(numerator, denominator, 1)
    if wall is not None:
        print("- %s, median of per-round ratios: wall %.2fx, CPU %.2fx" % (what, wall, cpu))
EOF
cat "$results/summary.md"
note "raw figures: ${results#"$root"/}/raw.tsv"
if [ -n "$sync_failed" ]; then
    die "organizer-sync directory failed (see above); only ldapsearch was measured"
fi
