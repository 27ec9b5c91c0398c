#!/usr/bin/env bash
# Starts the Samba AD DC provisioned (and seeded) in DIR, on a loopback address.
#
#   Scripts/samba/start.sh --dir DIR [--address 127.0.0.N]
#
# Samba's LDAP ports are fixed (389, 636, 3268, 3269; there is no option to move them), so each DC
# gets its own loopback address instead: the first of 127.0.0.1, 127.0.0.11 ... 127.0.0.40 where
# none of those ports answers, unless --address names one. A server certificate for that address
# (and 127.0.0.1, ::1, localhost, testdc.example.test) is issued by DIR/tls/ca.pem. Start-up waits
# until an LDAPS bind as svc-reader succeeds (about 1 s) and checks that the samba it started is
# still the one running. Writes DIR/env (KEY='value' lines a shell can source, also printed on
# stdout); progress and errors go to stderr. Stop with Scripts/samba/stop.sh DIR.
#
# SAMBA_MAX_RUNTIME (default 7200 s) makes samba end itself even if nobody stops it.
set -euo pipefail

server_script=samba/start.sh
# shellcheck source=Scripts/lib/server.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/server.sh"
# No LDAPNOINIT here: it would drop the LDAPTLS_* variables ldapsearch is given below, which win over
# /etc/ldap/ldap.conf and ~/.ldaprc.

BASE="DC=example,DC=test"
CORP="OU=Corp,$BASE"
SERVICE="OU=Service,$CORP"
START_TIMEOUT=60

dir=""
address=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir="$2"; shift 2 ;;
        --address) [ $# -ge 2 ] || die "--address needs a value"; address="$2"; shift 2 ;;
        *) die "unknown argument: $1 (usage: start.sh --dir DIR [--address 127.0.0.N])" ;;
    esac
done
[ -n "$dir" ] || die "usage: start.sh --dir DIR [--address 127.0.0.N]"
for tool in samba ldapsearch openssl; do
    command -v "$tool" >/dev/null 2>&1 \
        || die "$tool not found. Install with: Scripts/samba/install.sh (apt-get install samba samba-dsdb-modules samba-vfs-modules samba-ad-provision ldap-utils openssl)"
done
dir="$(cd "$dir" && pwd -P)"
if [ ! -f "$dir/etc/smb.conf" ] || [ ! -f "$dir/private/sam.ldb" ]; then
    die "$dir holds no provisioned domain (Scripts/samba/prepare.sh makes one)"
fi
[ -f "$dir/svc-reader.password" ] || die "$dir is not seeded (Scripts/samba/seed.py)"
if [ -s "$dir/samba.pid" ] && kill -0 "$(cat "$dir/samba.pid")" 2>/dev/null; then
    die "a samba (pid $(cat "$dir/samba.pid")) is already running for $dir; stop it with Scripts/samba/stop.sh $dir"
fi

# Whether anything answers on one of the DC's TCP ports at $1.
busy() {
    local port
    for port in 389 636 3268 3269; do
        if (exec 3<>"/dev/tcp/$1/$port") 2>/dev/null; then return 0; fi
    done
    return 1
}

issue_certificate() { # address
    local tls="$dir/tls"
    (
        cd "$tls"
        umask 077
        issue_server_certificate testdc.example.test \
            "DNS:testdc.example.test, DNS:localhost, IP:127.0.0.1, IP:$1, IP:::1"
        rm -f server.csr server.ext
        chmod 644 server.pem
    ) || die "openssl failed to issue the server certificate"
}

bind_works() { # address
    LDAPTLS_CACERT="$dir/tls/ca.pem" LDAPTLS_REQCERT=demand ldapsearch -x -H "ldaps://$1" -o nettimeout=2 -l 2 \
        -D "CN=svc-reader,$SERVICE" -y "$dir/svc-reader.password" -s base -b "$BASE" dn >/dev/null 2>&1
}

if [ -n "$address" ]; then
    candidates=("$address")
else
    candidates=(127.0.0.1)
    for n in $(seq 11 40); do candidates+=("127.0.0.$n"); done
fi

# Whether the process listening on $1:636 is $2 or one of its descendants: a bind that works
# proves nothing if it reached another DC on the same address.
listener_is_ours() { # address root-pid
    command -v ss >/dev/null 2>&1 || return 0
    local owners pid
    owners="$(ss -Hltnp src "$1:636" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u)"
    [ -n "$owners" ] || return 0   # not allowed to see owners (not root): trust the lock below
    for pid in $owners; do
        while [ -n "$pid" ] && [ "$pid" -gt 1 ]; do
            [ "$pid" = "$2" ] && return 0
            pid="$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null || true)"
        done
    done
    return 1
}

log="$dir/log/samba.out"
mkdir -p "$dir/log" "$dir/run"
# One start at a time on this host: two DCs starting together would both find 127.0.0.1 free.
exec 8>/tmp/organizer-sync-samba-start.lock
flock 8
started=""
for candidate in "${candidates[@]}"; do
    if busy "$candidate"; then
        [ -z "$address" ] || die "something already answers on $candidate (ports 389/636/3268/3269): another DC or a slapd on the standard ports"
        continue
    fi
    issue_certificate "$candidate"
    sed -i "s#^\([[:space:]]*interfaces[[:space:]]*=\).*#\1 $candidate/8#" "$dir/etc/smb.conf"
    : > "$log"
    # cwd = DIR: stop.sh recognises its samba by /proc/PID/cwd (samba rewrites its command line).
    # --no-process-group: samba stays in our session; setsid detaches it from the caller's.
    cd "$dir"
    nohup setsid samba -s "$dir/etc/smb.conf" -F --no-process-group -M prefork --debug-stdout -d 1 \
        --maximum-runtime="${SAMBA_MAX_RUNTIME:-7200}" </dev/null >>"$log" 2>&1 &
    pid=$!
    cd - >/dev/null
    printf '%s\n' "$pid" > "$dir/samba.pid"
    deadline=$((SECONDS + START_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        kill -0 "$pid" 2>/dev/null || break
        if bind_works "$candidate"; then
            listener_is_ours "$candidate" "$pid" || die "another process answers on $candidate:636; not the samba started here ($pid)"
            started=yes
            break
        fi
        sleep 0.2
    done
    if [ -n "$started" ] && kill -0 "$pid" 2>/dev/null; then
        address="$candidate"
        break
    fi
    started=""
    if kill -0 "$pid" 2>/dev/null; then
        "$(dirname "${BASH_SOURCE[0]}")/stop.sh" "$dir"
        tail -n 30 "$log" >&2 || true
        die "samba did not accept an LDAPS bind on $candidate within ${START_TIMEOUT}s (log: $log)"
    fi
    if grep -qiE 'address already in use|failed to bind|Failed to listen' "$log"; then
        note "$candidate was taken before samba could bind it; trying the next address"
        [ -z "$address" ] || die "samba could not listen on $address (log: $log)"
        continue
    fi
    tail -n 30 "$log" >&2 || true
    die "samba exited during start-up (log: $log)"
done
[ -n "$started" ] || die "no free loopback address for the DC among ${candidates[*]}"

write_env "$dir/env" \
    "AD_URL=ldap://$address" \
    "AD_LDAPS_URL=ldaps://$address" \
    "AD_ADDRESS=$address" \
    "AD_CA_FILE=$dir/tls/ca.pem" \
    "AD_BASE=$BASE" \
    "AD_CORP_BASE=$CORP" \
    "AD_READER_DN=CN=svc-reader,$SERVICE" \
    "AD_READER_PASSWORD_FILE=$dir/svc-reader.password" \
    "AD_DISABLED_DN=CN=svc-disabled,$SERVICE" \
    "AD_DISABLED_PASSWORD_FILE=$dir/svc-disabled.password" \
    "AD_MUSTCHANGE_DN=CN=svc-mustchange,$SERVICE" \
    "AD_MUSTCHANGE_PASSWORD_FILE=$dir/svc-mustchange.password" \
    "AD_LOCKED_DN=CN=svc-locked,$SERVICE" \
    "AD_LOCKED_PASSWORD_FILE=$dir/svc-locked.password" \
    "AD_ADMIN_DN=CN=Administrator,CN=Users,$BASE" \
    "AD_ADMIN_PASSWORD_FILE=$dir/admin.password" \
    "SAMBA_PID=$pid" \
    "SAMBA_DIR=$dir" \
    "SAMBA_LOG=$log"
flock -u 8
cat "$dir/env"
