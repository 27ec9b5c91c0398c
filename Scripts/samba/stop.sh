#!/usr/bin/env bash
# Stops the samba that Scripts/samba/start.sh started in DIR, by its PID.
#
#   Scripts/samba/stop.sh DIR
#
# Records the root process and all its descendants, sends TERM to the root (it ends its ~10
# children itself in about 1.5 s), and after 10 s sends KILL to whichever of the recorded
# processes is still alive. Idempotent: a missing DIR, pidfile or process is success. A PID is
# only signalled while its working directory is DIR (start.sh runs samba there; samba rewrites
# its command line), so a reused PID of an unrelated process is left alone.
set -euo pipefail

[ $# -eq 1 ] || { printf 'usage: %s DIR\n' "$0" >&2; exit 2; }
[ -d "$1" ] || exit 0
dir="$(cd "$1" && pwd -P)"
pid="$(tr -d '[:space:]' < "$dir/samba.pid" 2>/dev/null || true)"
case "$pid" in ''|*[!0-9]*) exit 0 ;; esac

ours() { [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$dir" ]; }
alive() {
    local state
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}
descendants() { # pid: every descendant, from /proc
    local children child
    children="$(cat /proc/"$1"/task/*/children 2>/dev/null || true)"
    for child in $children; do
        printf '%s\n' "$child"
        descendants "$child"
    done
}

if alive "$pid" && ours "$pid"; then
    family=("$pid")
    while read -r child; do [ -n "$child" ] && family+=("$child"); done < <(descendants "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        alive "$pid" || break
        sleep 0.1
    done
    for _ in $(seq 1 20); do
        left=()
        for member in "${family[@]}"; do
            if alive "$member" && ours "$member"; then left+=("$member"); fi
        done
        [ ${#left[@]} -gt 0 ] || break
        sleep 0.1
    done
    for member in "${family[@]}"; do
        if alive "$member" && ours "$member"; then
            printf 'samba/stop.sh: pid %s still running 10 s after TERM; sending KILL\n' "$member" >&2
            kill -KILL "$member" 2>/dev/null || true
        fi
    done
fi
rm -f "$dir/samba.pid"
