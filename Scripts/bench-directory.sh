#!/usr/bin/env bash
# Directory read benchmark: organizer-sync's LDAP reader against ldapsearch, both
# reading every user and group of a large directory from a throw-away slapd.
#
#   Scripts/bench-directory.sh [--users N] [--groups N] [--rounds N] [--page-size N]
#                              [--ldapsearch-only] [--skip-build]
#
# Defaults: 100,000 users, 200 groups, 5 rounds, page size 1000. Rounds are
# interleaved (ldapsearch, organizer-sync, ldapsearch, ...) after one untimed
# warm-up of each. Every run is measured with /usr/bin/time (wall, user+sys CPU,
# peak RSS); the medians are printed as a markdown table and, with the raw
# figures, saved under bench-results/ (gitignored).
#
# --ldapsearch-only skips building and running organizer-sync.
# KEEP_TMP=1 keeps the temporary directory (LDIF, slapd, config) for inspection.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

users=100000
group_count=200
rounds=5
page_size=1000
with_sync=yes
build=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        --groups) group_count="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --page-size) page_size="$2"; shift 2 ;;
        --ldapsearch-only) with_sync=""; build=""; shift ;;
        --skip-build) build=""; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) printf 'bench-directory.sh: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
done

die() { printf 'bench-directory.sh: %s\n' "$*" >&2; exit 1; }
note() { printf '==> %s\n' "$*" >&2; }

# --- tools ----------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    note "installing GNU time (/usr/bin/time)"
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y time >/dev/null \
        || die "/usr/bin/time is missing and 'apt-get install -y time' failed"
fi
command -v python3 >/dev/null || die "python3 is required"
command -v ldapsearch >/dev/null || die "ldapsearch is missing: apt-get install ldap-utils"

bin="$root/.build/release/organizer-sync"
if [ -n "$build" ]; then
    note "building organizer-sync (release)"
    swift build -c release --product organizer-sync --scratch-path "$root/.build" >&2 \
        || die "release build failed (use --ldapsearch-only to measure ldapsearch alone)"
fi
if [ -n "$with_sync" ] && [ ! -x "$bin" ]; then
    die "$bin is missing: build it, or drop --skip-build"
fi

# --- data and server -------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/bench-directory.XXXXXX")"
slapd_dir="$tmp/slapd"
cleanup() {
    "$root/Scripts/slapd/stop.sh" "$slapd_dir" || true
    if [ "${KEEP_TMP:-}" = 1 ]; then
        note "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "generating $users users and $group_count groups"
python3 "$root/Scripts/fixtures/make-bench-directory.py" --users "$users" --groups "$group_count" > "$tmp/bench.ldif"

note "starting slapd (slapadd -q of $(du -h "$tmp/bench.ldif" | cut -f1) LDIF)"
load_start=$SECONDS
"$root/Scripts/slapd/start.sh" --dir "$slapd_dir" --ldif "$tmp/bench.ldif" > /dev/null
note "slapd up after $((SECONDS - load_start)) s"
# shellcheck disable=SC1091
. "$slapd_dir/env"

config="$tmp/organizer-sync.yaml"
cat > "$config" <<EOF
directory:
  preset: openldap
  url: $LDAP_URL
  tls:
    mode: starttls
    ca_file: $LDAP_CA_FILE
  bind:
    dn: $LDAP_READER_DN
    password_file: $LDAP_READER_PASSWORD_FILE
  page_size: $page_size
  users:
    base: ou=people,$LDAP_BASE
  groups:
    base: ou=groups,$LDAP_BASE
  schema:
    # The same attributes ldapsearch asks for below: anchor, username, email, these three, and the
    # attribute the disabled rule reads.
    attributes: [cn, sn, givenName]
    binary_attributes: []
    disabled_when:
      - attribute: employeeType
        equals: disabled
EOF

# --- the two measured commands ------------------------------------------------------
# ldapsearch reads /etc/ldap/ldap.conf and ~/.ldaprc, but the variables below take
# precedence over both. (LDAPNOINIT=1 would also ignore LDAPTLS_CACERT.)
export LDAPTLS_CACERT="$LDAP_CA_FILE" LDAPTLS_REQCERT=demand
group_filter='(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))'
ldapsearch_both() {
    ldapsearch -LLL -x -ZZ -H "$LDAP_URL" -D "$LDAP_READER_DN" -y "$LDAP_READER_PASSWORD_FILE" \
        -b "ou=people,$LDAP_BASE" -E "pr=$page_size/noprompt" "(objectClass=inetOrgPerson)" \
        entryUUID uid mail cn sn givenName employeeType \
    && ldapsearch -LLL -x -ZZ -H "$LDAP_URL" -D "$LDAP_READER_DN" -y "$LDAP_READER_PASSWORD_FILE" \
        -b "ou=groups,$LDAP_BASE" -E "pr=$page_size/noprompt" "$group_filter" \
        member uniqueMember memberUid cn entryUUID
}
export -f ldapsearch_both
export LDAP_URL LDAP_READER_DN LDAP_READER_PASSWORD_FILE LDAP_BASE page_size group_filter

# Untimed warm-up that also checks that everything is there.
note "checking the ldapsearch read"
ldapsearch_both > "$tmp/ldapsearch.ldif" || die "ldapsearch failed"
got_users="$(grep -c '^dn: uid=' "$tmp/ldapsearch.ldif" || true)"
got_groups="$(grep -c '^dn: cn=' "$tmp/ldapsearch.ldif" || true)"
[ "$got_users" = "$users" ] || die "ldapsearch returned $got_users users, expected $users"
[ "$got_groups" = "$group_count" ] || die "ldapsearch returned $got_groups groups, expected $group_count"
note "ldapsearch sees $got_users users and $got_groups groups"

sync_failed=""
if [ -n "$with_sync" ]; then
    note "checking organizer-sync directory --format summary"
    if ! "$bin" directory --config "$config" --format summary > "$tmp/summary.txt" 2> "$tmp/summary.err"; then
        sed 's/^/    /' "$tmp/summary.err" >&2
        sync_failed=yes
        note "organizer-sync directory failed; measuring ldapsearch only"
    else
        sed 's/^/    /' "$tmp/summary.txt" >&2
    fi
fi

# --- rounds ----------------------------------------------------------------------
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$root/bench-results/directory-$stamp"
mkdir -p "$results"
raw="$results/raw.tsv"
printf 'round\tclient\twall_s\tuser_s\tsys_s\tmaxrss_kib\n' > "$raw"

measure() { # round client command...
    local round="$1" client="$2"; shift 2
    local out="$tmp/time.out"
    if ! /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" > /dev/null 2> "$tmp/run.err"; then
        sed 's/^/    /' "$tmp/run.err" >&2
        die "$client failed in round $round"
    fi
    read -r wall user sys rss < <(tail -n 1 "$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$client" "$wall" "$user" "$sys" "$rss" >> "$raw"
    note "round $round $client: ${wall} s wall"
}

for round in $(seq 1 "$rounds"); do
    measure "$round" ldapsearch bash -c ldapsearch_both
    if [ -n "$with_sync" ] && [ -z "$sync_failed" ]; then
        measure "$round" organizer-sync "$bin" directory --config "$config" --format summary
    fi
done

# --- report ----------------------------------------------------------------------
cp "$config" "$results/organizer-sync.yaml"
[ -f "$tmp/summary.txt" ] && cp "$tmp/summary.txt" "$results/summary.txt"
python3 - "$raw" "$users" "$group_count" "$rounds" "$page_size" > "$results/summary.md" <<'EOF'
import csv, os, statistics, sys
raw, users, groups, rounds, page = sys.argv[1:]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
labels = {
    "ldapsearch": "ldapsearch -ZZ -E pr=%s (users + groups)" % page,
    "organizer-sync": "organizer-sync directory --format summary",
}
print("Directory read: %s users, %s groups, StartTLS, page size %s; median of %s rounds "
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
EOF
cat "$results/summary.md"
note "raw figures: ${results#"$root"/}/raw.tsv"
if [ -n "$sync_failed" ]; then
    die "organizer-sync directory failed (see above); only ldapsearch was measured"
fi
