# shellcheck shell=bash
# Sourced, not run. `bin` is set by the script that sources it; simulator_pid and simulator are set
# here for it.
# shellcheck disable=SC2154,SC2034
# Shared by the bench scripts and demo.sh: messages, GNU time, the provider simulator, its demo
# credentials and the `directory:` section for the throw-away slapd. Source it after `set -euo pipefail`;
# messages name the script that sourced it.

script_name="$(basename "$0")"
lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

die() { printf '%s: %s\n' "$script_name" "$*" >&2; exit 1; }
note() { printf '==> %s\n' "$*" >&2; }

# Installs GNU time (/usr/bin/time, for wall, CPU and peak RSS) when it is missing.
need_gnu_time() {
    [ -x /usr/bin/time ] && return 0
    note "installing GNU time (/usr/bin/time)"
    local sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y time >/dev/null \
        || die "/usr/bin/time is missing and 'apt-get install -y time' failed"
}

# start_slapd DIR LDIF: a throw-away slapd in DIR loaded with LDIF (Scripts/slapd/start.sh: free loopback
# ports; SLAPD_MAXSIZE sizes its map), then its variables (LDAP_URL, LDAP_CA_FILE, LDAP_READER_DN,
# LDAP_READER_PASSWORD_FILE, LDAP_BASE, LDAP_ADMIN_DN...) read from DIR/env. The caller stops it with stop_slapd.
start_slapd() {
    "$lib_dir/../slapd/start.sh" --dir "$1" --ldif "$2" >/dev/null || die "slapd did not start in $1"
    # shellcheck disable=SC1091
    . "$1/env"
}

# stop_slapd DIR: stops the slapd start_slapd started in DIR; quiet and never failing, for EXIT traps.
stop_slapd() { "$lib_dir/../slapd/stop.sh" "$1" >/dev/null 2>&1 || true; }

# timed OUT COMMAND...: runs COMMAND under GNU time (call need_gnu_time first) and returns its status; OUT gets
# one line "WALL USER SYS RSS": wall seconds, user and system CPU seconds, peak RSS in KiB.
timed() {
    local out="$1"
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$out" "$@"
}

# start_simulator DIR [ARGUMENT...]: starts "$bin/organizer-sync-simulator" with the arguments on a free
# loopback port (log in DIR/simulator.log) and waits up to $simulator_start_seconds (default 60) for it;
# sets simulator_pid and simulator (its base URL). The caller stops it. (A seed of a million accounts took
# over 60 s to load on a busy machine.)
start_simulator() {
    local dir="$1" limit="${simulator_start_seconds:-60}"
    shift
    "$bin/organizer-sync-simulator" "$@" --port 0 --port-file "$dir/simulator.port" 2>"$dir/simulator.log" &
    simulator_pid=$!
    local waited=$SECONDS
    while [ ! -s "$dir/simulator.port" ] && [ $((SECONDS - waited)) -lt "$limit" ]; do
        kill -0 "$simulator_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -s "$dir/simulator.port" ] || {
        cat "$dir/simulator.log" >&2
        die "the simulator did not start within $limit s"
    }
    note "simulator up after $((SECONDS - waited)) s"
    simulator="http://127.0.0.1:$(cat "$dir/simulator.port")"
}

# write_demo_secrets DIR: the simulator's demo credentials (Examples/simulator/README.md), in files (0600)
# as real secrets would be: DIR/goto.secret, goto.refresh, zoom.secret, webex.secret, webex.refresh.
write_demo_secrets() {
    local dir="$1"
    # Owner-only from the start (umask in a subshell): organizer-sync refuses a secret file others can read.
    (
        umask 077
        printf '%s' goto-demo-secret > "$dir/goto.secret"
        printf '%s' goto-demo-refresh-token > "$dir/goto.refresh"
        printf '%s' zoom-demo-secret > "$dir/zoom.secret"
        printf '%s' webex-demo-secret > "$dir/webex.secret"
        printf '%s' webex-demo-refresh-token > "$dir/webex.refresh"
    )
}

# directory_yaml [PAGE_SIZE] [--disabled-when]: the `directory:` section for the slapd whose env file was
# sourced (LDAP_URL, LDAP_CA_FILE, LDAP_READER_DN, LDAP_READER_PASSWORD_FILE, LDAP_BASE), preset openldap;
# with --disabled-when, users whose employeeType is "disabled" are disabled.
directory_yaml() {
    local page_size="${1:-}"
    cat <<YAML
directory:
  preset: openldap
  url: $LDAP_URL
  tls:
    mode: starttls
    ca_file: $LDAP_CA_FILE
  bind:
    dn: $LDAP_READER_DN
    password_file: $LDAP_READER_PASSWORD_FILE
YAML
    [ -z "$page_size" ] || printf '  page_size: %s\n' "$page_size"
    cat <<YAML
  users:
    base: ou=people,$LDAP_BASE
  groups:
    base: ou=groups,$LDAP_BASE
YAML
    if [ "${2:-}" = --disabled-when ]; then
        cat <<YAML
  schema:
    disabled_when:
      - attribute: employeeType
        equals: disabled
YAML
    fi
}

# build_release SCRATCH PRODUCT...: release builds of the products into the SwiftPM scratch path SCRATCH.
build_release() {
    local scratch="$1"
    shift
    local product
    for product in "$@"; do
        note "building $product (release, $scratch)"
        swift build -c release --product "$product" --scratch-path "$scratch" >&2 \
            || die "release build of $product failed (--help names the option that skips building)"
    done
}

# prebuilt_dir DIR PRODUCT...: DIR as an absolute path, after checking that it holds every PRODUCT as an
# executable (release binaries built elsewhere, e.g. by CI); dies naming the first one missing.
prebuilt_dir() {
    local dir="$1"
    shift
    [ -d "$dir" ] || die "--bin $dir is not a directory"
    dir="$(cd "$dir" && pwd -P)"
    local product
    for product in "$@"; do
        [ -x "$dir/$product" ] || die "--bin $dir holds no executable $product"
    done
    printf '%s\n' "$dir"
}

# need_built DIR PRODUCT...: dies naming the first PRODUCT that is not an executable in DIR (a build skipped
# with --skip-build that was never made).
need_built() {
    local dir="$1" product
    shift
    for product in "$@"; do
        [ -x "$dir/$product" ] || die "$dir/$product is missing: build it, or drop --skip-build"
    done
}

# bench_ldif USERS GROUPS OUT: writes make-bench-directory.py's LDIF for USERS users and GROUPS groups to
# OUT. With BENCH_DATA_DIR set, the LDIF is generated once into that folder (bench-USERS-GROUPS.ldif; the
# generator is deterministic) and linked to OUT afterwards: at a million users generating takes minutes.
bench_ldif() {
    local users="$1" groups="$2" out="$3"
    if [ -z "${BENCH_DATA_DIR:-}" ]; then
        python3 "$root/Scripts/fixtures/make-bench-directory.py" --users "$users" --groups "$groups" > "$out"
        return
    fi
    mkdir -p "$BENCH_DATA_DIR"
    local cached="$BENCH_DATA_DIR/bench-$users-$groups.ldif"
    if [ ! -s "$cached" ]; then
        python3 "$root/Scripts/fixtures/make-bench-directory.py" --users "$users" --groups "$groups" \
            > "$cached.tmp" || die "generating $cached failed"
        mv -f "$cached.tmp" "$cached"
    else
        note "reusing $cached (BENCH_DATA_DIR)"
    fi
    ln -s "$cached" "$out"
}

# remove_or_keep DIR: removes the work folder DIR, or keeps it (and says so) when KEEP_TMP=1.
remove_or_keep() {
    if [ "${KEEP_TMP:-}" = 1 ]; then note "kept $1"; else rm -rf "$1"; fi
}

# demo_target_yaml PROVIDER MAPPING SECRET_DIR [LINE...]: one `targets:` entry named PROVIDER for the simulator at
# $simulator (start_simulator), on mapping MAPPING, with the demo credentials write_demo_secrets wrote to
# SECRET_DIR; each LINE (e.g. "policy: { unmanaged: leave }") is added to the entry as it stands.
demo_target_yaml() {
    local provider="$1" mapping="$2" dir="$3" line
    shift 3
    printf '  - name: %s\n    provider: %s\n    mapping: %s\n' "$provider" "$provider" "$mapping"
    printf '    api_base_url: %s/%s\n    allow_insecure_http: true\n' "$simulator" "$provider"
    printf '    auth_base_url: %s/%s\n' "$simulator" "$provider"
    for line in "$@"; do printf '    %s\n' "$line"; done
    printf '    credentials:\n'
    [ "$provider" != zoom ] || printf '      account_id: zoomDemoAccount01\n'
    printf '      client_id: %s-demo-client\n      client_secret_file: %s/%s.secret\n' "$provider" "$dir" "$provider"
    [ "$provider" = zoom ] || printf '      refresh_token_file: %s/%s.refresh\n' "$dir" "$provider"
}

# check_directory_summary: runs `$bin directory --config $config --format summary` once (untimed), showing its
# output indented; the summary is left in $tmp/summary.txt. Returns non-zero (and says that only ldapsearch
# will be measured) when organizer-sync fails.
check_directory_summary() {
    note "checking organizer-sync directory --format summary"
    if ! "$bin" directory --config "$config" --format summary > "$tmp/summary.txt" 2> "$tmp/summary.err"; then
        sed 's/^/    /' "$tmp/summary.err" >&2
        note "organizer-sync directory failed; measuring ldapsearch only"
        return 1
    fi
    sed 's/^/    /' "$tmp/summary.txt" >&2
}

# open_results NAME HEADER: makes bench-results/NAME-<UTC time> below $root and sets results (that folder) and
# raw (its raw.tsv, holding the tab-separated HEADER line).
open_results() {
    results="$root/bench-results/$1-$(date -u +%Y%m%dT%H%M%SZ)"
    mkdir -p "$results"
    raw="$results/raw.tsv"
    printf '%s\n' "$2" > "$raw"
}

# The header of the raw figures `measure_round` appends to.
measure_header=$'round\tclient\twall_s\tuser_s\tsys_s\tmaxrss_kib'

# measure_round ROUND CLIENT COMMAND...: runs COMMAND under `timed` (output to /dev/null, errors to $tmp/run.err) and
# appends "ROUND CLIENT WALL USER SYS RSS" to $raw; dies naming CLIENT and ROUND when COMMAND fails.
measure_round() {
    local round="$1" client="$2"
    shift 2
    local out="$tmp/time.out" wall user sys rss
    if ! timed "$out" "$@" > /dev/null 2> "$tmp/run.err"; then
        sed 's/^/    /' "$tmp/run.err" >&2
        die "$client failed in round $round"
    fi
    read -r wall user sys rss < <(tail -n 1 "$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$client" "$wall" "$user" "$sys" "$rss" >> "$raw"
    note "round $round $client: ${wall} s wall"
}
