#!/usr/bin/env bash
# Stop the slapd that Scripts/slapd/start.sh started in DIR.
#
#   Scripts/slapd/stop.sh DIR
#
# Sends TERM, then KILL after 5 s. Idempotent: a missing DIR, a missing
# pidfile or a process that is already gone is success. Only a process whose
# command line names DIR/slapd.conf is signalled, so a PID reused by an
# unrelated process is left alone.
set -euo pipefail

if [ $# -ne 1 ]; then
    printf 'usage: %s DIR\n' "$0" >&2
    exit 2
fi
dir="$1"
[ -d "$dir" ] || exit 0
dir="$(cd "$dir" && pwd -P)"

pid=""
if [ -s "$dir/slapd.pid" ]; then
    pid="$(tr -d '[:space:]' < "$dir/slapd.pid")"
elif [ -s "$dir/env" ]; then
    # slapd removes its pidfile on a clean exit, but not after SIGKILL; the
    # env file still names the PID that start.sh launched.
    pid="$(sed -n "s/^SLAPD_PID='\{0,1\}\([0-9]*\)'\{0,1\}$/\1/p" "$dir/env")"
fi
case "$pid" in
    ''|*[!0-9]*) rm -f "$dir/slapd.pid"; exit 0 ;;
esac

# Alive and not a zombie (a killed, detached slapd may wait for a reaper).
alive() {
    local stat
    stat="$(ps -o stat= -p "$pid" 2>/dev/null | tr -d '[:space:]')" || return 1
    [ -n "$stat" ] && [ "${stat#Z}" = "$stat" ]
}
ours() {
    ps -o args= -p "$pid" 2>/dev/null | grep -qF -- "$dir/slapd.conf"
}

if alive && ours; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        alive || break
        sleep 0.1
    done
    if alive; then
        printf 'slapd/stop.sh: slapd %s ignored TERM for 5 s; sending KILL\n' "$pid" >&2
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            alive || break
            sleep 0.1
        done
    fi
fi
rm -f "$dir/slapd.pid"
exit 0
