#!/usr/bin/env bash
# Active Directory read benchmark: organizer-sync's directory reader against ldapsearch, both
# reading 10,000 users (paged) and the groups from a Samba AD DC on loopback, over LDAPS.
#
#   Scripts/bench-ad.sh [--users N] [--bulk-groups N] [--rounds N] [--page-size N]
#                       [--scratch-path DIR] [--skip-build] [--ldapsearch-only]
#
# Defaults: 10,000 bulk users (plus the 13 users of the test fixture), spread over 20 groups that
# are all nested in AllStaff, BigGroup with 3,100 members, 5 rounds, page size 1000. The domain is
# built once by Scripts/samba/prepare.sh and cached (about 1.5 min for 10,000 users on an idle
# machine; later runs unpack it in about a second). Rounds are interleaved (ldapsearch,
# organizer-sync, ...) after one untimed warm-up of each; every run is measured with
# /usr/bin/time (wall, user+sys CPU, peak RSS of the client; the DC's own CPU is not counted).
# Medians are printed as a markdown table and saved, with the raw figures, under bench-results/.
#
# organizer-sync runs `directory --format summary` (release build, in --scratch-path, default
# .build) with `preset: active-directory`: the users search, the groups search with
# member;range=0-1499 and the ranged follow-ups, and client-side resolution of nested groups.
# ldapsearch runs the same two paged searches with the same filters and attributes, except that
# it asks for plain `member` (Samba sends every value at once) and resolves nothing.
# KEEP_TMP=1 keeps the temporary directory (DC, config) for inspection.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

users=10000
bulk_groups=20
rounds=5
page_size=1000
scratch="$root/.build"
with_sync=yes
build=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        --bulk-groups) bulk_groups="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --page-size) page_size="$2"; shift 2 ;;
        --scratch-path) scratch="$(cd "$2" && pwd -P)"; shift 2 ;;
        --skip-build) build=""; shift ;;
        --ldapsearch-only) with_sync=""; build=""; shift ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) printf 'bench-ad.sh: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
done

# shellcheck source=Scripts/lib/common.sh
. "$root/Scripts/lib/common.sh"

# --- tools ----------------------------------------------------------------------
Scripts/samba/install.sh
need_gnu_time
command -v python3 >/dev/null || die "python3 is required"

bin="$scratch/release/organizer-sync"
[ -z "$build" ] || build_release "$scratch" organizer-sync
if [ -n "$with_sync" ] && [ ! -x "$bin" ]; then
    die "$bin is missing: build it, or drop --skip-build"
fi

# --- the DC ------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-ad.XXXXXX")"
dc="$tmp/dc"
cleanup() {
    "$root/Scripts/samba/stop.sh" "$dc" || true
    remove_or_keep "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "preparing a DC with $users users and $bulk_groups groups (cached after the first run)"
prepare_start=$SECONDS
Scripts/samba/prepare.sh --dir "$dc" --bulk "$users" --big-group 3100 --bulk-groups "$bulk_groups"
note "DC prepared after $((SECONDS - prepare_start)) s"
start_start=$SECONDS
Scripts/samba/start.sh --dir "$dc" > /dev/null
note "DC up after $((SECONDS - start_start)) s"
# shellcheck disable=SC1091
. "$dc/env"

config="$tmp/organizer-sync.yaml"
cat > "$config" <<YAML
mappings_dir: $root/Mappings
directory:
  preset: active-directory
  url: $AD_LDAPS_URL
  tls:
    mode: ldaps
    ca_file: $AD_CA_FILE
  bind:
    dn: $AD_READER_DN
    password_file: $AD_READER_PASSWORD_FILE
  page_size: $page_size
  users:
    base: $AD_CORP_BASE
  groups:
    base: OU=Groups,$AD_CORP_BASE
YAML

# --- the two measured commands ------------------------------------------------------
export LDAPTLS_CACERT="$AD_CA_FILE" LDAPTLS_REQCERT=demand
# The preset's filters and the attributes organizer-sync asks for.
user_filter='(&(objectCategory=person)(objectClass=user))'
ldapsearch_both() {
    ldapsearch -LLL -x -H "$AD_LDAPS_URL" -D "$AD_READER_DN" -y "$AD_READER_PASSWORD_FILE" \
        -b "$AD_CORP_BASE" -E "pr=$page_size/noprompt" "$user_filter" \
        objectGUID sAMAccountName mail userPrincipalName cn sn givenName displayName title department \
        employeeID telephoneNumber userAccountControl \
    && ldapsearch -LLL -x -H "$AD_LDAPS_URL" -D "$AD_READER_DN" -y "$AD_READER_PASSWORD_FILE" \
        -b "OU=Groups,$AD_CORP_BASE" -E "pr=$page_size/noprompt" "(objectClass=group)" cn member objectGUID
}
export -f ldapsearch_both
export AD_LDAPS_URL AD_READER_DN AD_READER_PASSWORD_FILE AD_CORP_BASE page_size user_filter

note "checking the ldapsearch read"
ldapsearch_both > "$tmp/ldapsearch.ldif" || die "ldapsearch failed"
expected_users=$((users + 13))
expected_groups=$((bulk_groups + 10))
got_users="$(grep -c '^dn: CN=.*,OU=\(People\|Bulk\|Service\),' "$tmp/ldapsearch.ldif" || true)"
[ "$got_users" = "$expected_users" ] || die "ldapsearch returned $got_users users, expected $expected_users"
note "ldapsearch sees $got_users users"

sync_failed=""
if [ -n "$with_sync" ]; then
    if check_directory_summary; then
        grep -q "^users: $expected_users " "$tmp/summary.txt" || die "organizer-sync read a different number of users"
        grep -q "^groups: $expected_groups$" "$tmp/summary.txt" || die "organizer-sync read a different number of groups"
    else
        sync_failed=yes
    fi
fi

# --- rounds ----------------------------------------------------------------------
open_results ad "$measure_header"

# Untimed warm-up of each, then interleaved rounds.
bash -c ldapsearch_both > /dev/null
for round in $(seq 1 "$rounds"); do
    measure_round "$round" ldapsearch bash -c ldapsearch_both
    if [ -n "$with_sync" ] && [ -z "$sync_failed" ]; then
        measure_round "$round" organizer-sync "$bin" directory --config "$config" --format summary
    fi
done

# --- report ----------------------------------------------------------------------
cp "$config" "$results/organizer-sync.yaml"
[ -f "$tmp/summary.txt" ] && cp "$tmp/summary.txt" "$results/summary.txt"
python3 - "$raw" "$expected_users" "$expected_groups" "$rounds" "$page_size" > "$results/summary.md" <<'PY'
import csv, os, statistics, sys
raw, users, groups, rounds, page = sys.argv[1:]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
labels = {
    "ldapsearch": "ldapsearch -E pr=%s (users + groups, nothing resolved)" % page,
    "organizer-sync": "organizer-sync directory --format summary",
}
print("Active Directory read (Samba 4.17 AD DC, LDAPS): %s users, %s groups, page size %s; median of %s rounds "
      "(%d CPUs)." % (format(int(users), ","), groups, page, rounds, os.cpu_count() or 0))
print()
print("| client | wall s | CPU s (user+sys) | peak RSS MiB |")
print("|---|---|---|---|")
walls = {}
for client in ("ldapsearch", "organizer-sync"):
    mine = [r for r in rows if r["client"] == client]
    if not mine:
        continue
    wall = statistics.median(float(r["wall_s"]) for r in mine)
    cpu = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in mine)
    rss = statistics.median(int(r["maxrss_kib"]) for r in mine) / 1024
    walls[client] = wall
    print("| %s | %.2f | %.2f | %.1f |" % (labels[client], wall, cpu, rss))
if len(walls) == 2 and walls["ldapsearch"] > 0:
    print()
    print("Wall time ratio organizer-sync / ldapsearch: %.2f" % (walls["organizer-sync"] / walls["ldapsearch"]))
PY
cat "$results/summary.md"
note "raw figures: ${results#"$root"/}/raw.tsv"
[ -z "$sync_failed" ] || die "organizer-sync directory failed (see above); only ldapsearch was measured"
