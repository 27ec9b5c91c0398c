# shellcheck shell=bash
# Shared by the demo and the benchmark scripts (source it; it runs nothing by itself):
#   lib_name NAME                  the script name die() puts before its messages
#   die MESSAGE / note MESSAGE     an error on stderr and exit 1 / a progress line on stderr
#   require_gnu_time               installs GNU time (/usr/bin/time) when it is missing
#   start_slapd DIR LDIF           a throw-away slapd (Scripts/slapd/start.sh) loaded with LDIF; sources its env
#                                  (LDAP_URL, LDAP_CA_FILE, LDAP_READER_DN, ...)
#   stop_slapd DIR                 stops it (quietly; nothing to stop is fine)
#   start_simulator BIN WORK ARGS  organizer-sync-simulator on a free port with ARGS (--seed FILE ...), log in
#                                  WORK/simulator.log; sets simulator_pid and simulator (its base URL)
#   stop_simulator                 stops the simulator start_simulator started
#   write_demo_secrets DIR         the simulator's demo credentials (Examples/simulator/README.md) in owner-only
#                                  files: goto.secret goto.refresh zoom.secret webex.secret webex.refresh
#   timed OUT COMMAND...           runs COMMAND under GNU time, "wall user sys maxrss_kib" to OUT; COMMAND's status
#   median NUMBERS...              the median of the numbers (the mean of the middle two for an even count)

lib_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
lib_script_name="$(basename "$0")"
simulator_pid=""
# shellcheck disable=SC2034  # read by the scripts that source this file
simulator=""

lib_name() { lib_script_name="$1"; }

die() {
    printf '%s: %s\n' "$lib_script_name" "$*" >&2
    exit 1
}

note() { printf '==> %s\n' "$*" >&2; }

require_gnu_time() {
    [ -x /usr/bin/time ] && return 0
    note "installing GNU time (/usr/bin/time)"
    local sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y time >/dev/null \
        || die "/usr/bin/time is missing and 'apt-get install -y time' failed"
}

start_slapd() {
    local dir="$1" ldif="$2"
    "$lib_root/Scripts/slapd/start.sh" --dir "$dir" --ldif "$ldif" >/dev/null \
        || die "slapd did not start in $dir (Scripts/slapd/start.sh --dir $dir --ldif $ldif)"
    # shellcheck disable=SC1091
    . "$dir/env"
}

stop_slapd() { "$lib_root/Scripts/slapd/stop.sh" "$1" >/dev/null 2>&1 || true; }

start_simulator() {
    local bin="$1" work="$2"
    shift 2
    rm -f "$work/simulator.port"
    "$bin/organizer-sync-simulator" "$@" --port 0 --port-file "$work/simulator.port" 2>"$work/simulator.log" &
    simulator_pid=$!
    local _
    for _ in $(seq 1 600); do
        [ -s "$work/simulator.port" ] && break
        kill -0 "$simulator_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ ! -s "$work/simulator.port" ]; then
        cat "$work/simulator.log" >&2
        die "the simulator did not start (log above)"
    fi
    # shellcheck disable=SC2034  # read by the scripts that source this file
    simulator="http://127.0.0.1:$(cat "$work/simulator.port")"
}

stop_simulator() {
    if [ -n "$simulator_pid" ]; then
        kill "$simulator_pid" 2>/dev/null || true
        wait "$simulator_pid" 2>/dev/null || true
        simulator_pid=""
    fi
}

write_demo_secrets() {
    local dir="$1"
    printf '%s' goto-demo-secret >"$dir/goto.secret"
    printf '%s' goto-demo-refresh-token >"$dir/goto.refresh"
    printf '%s' zoom-demo-secret >"$dir/zoom.secret"
    printf '%s' webex-demo-secret >"$dir/webex.secret"
    printf '%s' webex-demo-refresh-token >"$dir/webex.refresh"
    chmod 600 "$dir"/*.secret "$dir"/*.refresh
}

timed() {
    local out="$1"
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$out" "$@"
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
