#!/usr/bin/env bash
# Provisions a throw-away Samba AD domain (EXAMPLE.TEST, NetBIOS EXAMPLE) into DIR, for tests,
# the demo and benchmarks. Nothing outside DIR is written.
#
#   Scripts/samba/provision.sh --dir DIR
#
# DIR receives etc/smb.conf, private/ (sam.ldb and the partitions), state/, cache/, run/, log/,
# the Administrator password (admin.password, mode 600) and tls/: a CA made here (ca.pem,
# ca.key) that Scripts/samba/start.sh uses to issue a server certificate for the address it
# listens on. Takes 5-15 s. No DNS server (--dns-backend=NONE), no winbind, no smbd: smb.conf
# lists only the ldap service. The password policy is relaxed (no complexity, no history, no
# maximum age), so a cached domain's passwords never expire (a bind would fail with data 532).
set -euo pipefail

export PATH="$PATH:/usr/sbin:/sbin"
die() { printf 'samba/provision.sh: %s\n' "$*" >&2; exit 1; }

dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir="$2"; shift 2 ;;
        *) die "unknown argument: $1 (usage: provision.sh --dir DIR)" ;;
    esac
done
[ -n "$dir" ] || die "usage: provision.sh --dir DIR"
for tool in samba samba-tool openssl; do
    command -v "$tool" >/dev/null 2>&1 \
        || die "$tool not found. Install the Samba AD DC with: Scripts/samba/install.sh (apt-get install samba samba-dsdb-modules samba-vfs-modules samba-ad-provision ldap-utils)"
done
# samba-tool is Python: the samba bindings exist only for Debian's /usr/bin/python3, not for a
# pyenv or virtualenv python3 earlier on PATH.
samba_tool() { /usr/bin/python3 "$(command -v samba-tool)" "$@"; }

mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"
case "$dir" in
    *[[:space:]\"\'\\]*) die "DIR must not contain spaces, quotes or backslashes (smb.conf quoting): $dir" ;;
esac
[ ! -e "$dir/private/sam.ldb" ] || die "$dir already holds a domain"
chmod 700 "$dir"
mkdir -p "$dir/etc" "$dir/run" "$dir/log" "$dir/cache" "$dir/tls"
: > "$dir/etc/empty.conf"

# Administrator's password: random, with the character classes Windows' default policy wants.
( umask 077; printf 'Aa1!%s' "$(openssl rand -hex 12)" > "$dir/admin.password" )

# -s empty.conf: otherwise provision copies [homes], log paths and more from /etc/samba/smb.conf.
started=$SECONDS
samba_tool domain provision -s "$dir/etc/empty.conf" \
    --realm=EXAMPLE.TEST --domain=EXAMPLE --server-role=dc --dns-backend=NONE --use-rfc2307 \
    --backend-store=tdb --host-name=testdc --host-ip=127.0.0.1 \
    --adminpass="$(cat "$dir/admin.password")" --targetdir="$dir" \
    --option="interfaces = lo" --option="bind interfaces only = yes" \
    --option="pid directory = $dir/run" --option="ncalrpc dir = $dir/run/ncalrpc" \
    --option="winbindd socket directory = $dir/run/winbindd" \
    --option="log file = $dir/log/log.%m" --option="cache directory = $dir/cache" \
    > "$dir/log/provision.log" 2>&1 \
    || { tail -n 30 "$dir/log/provision.log" >&2; die "samba-tool domain provision failed (log: $dir/log/provision.log)"; }
rm -f "$dir/etc/empty.conf"

# Only the LDAP server: no kdc, rpc, drepl, kcc, dns, smbd or winbindd (fewer processes, fewer
# ports, and winbindd is not installed). TLS material is named here and written by start.sh.
python3 - "$dir/etc/smb.conf" "$dir" <<'PY'
import sys
path, d = sys.argv[1], sys.argv[2]
settings = {
    "server services": "ldap",
    "tls enabled": "yes",
    "tls cafile": d + "/tls/ca.pem",
    "tls certfile": d + "/tls/server.pem",
    "tls keyfile": d + "/tls/server.key",
    "prefork children": "2",
}
out = []
for line in open(path).read().splitlines():
    key = line.split("=", 1)[0].strip().lower()
    if "=" in line and key in settings:
        continue
    out.append(line)
    if line.strip() == "[global]":
        out += ["\t%s = %s" % item for item in settings.items()]
open(path, "w").write("\n".join(out) + "\n")
PY
samba_tool domain passwordsettings set -s "$dir/etc/smb.conf" --complexity=off --history-length=0 \
    --min-pwd-length=0 --min-pwd-age=0 --max-pwd-age=0 --account-lockout-threshold=0 \
    >> "$dir/log/provision.log" 2>&1 \
    || { tail -n 20 "$dir/log/provision.log" >&2; die "samba-tool domain passwordsettings failed"; }

# The test CA (ten years: cached domains keep it).
(
    cd "$dir/tls"
    umask 077
    printf 'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n' > ca.ext
    openssl req -new -newkey rsa:2048 -nodes -keyout ca.key -subj "/O=organizer-sync tests/CN=organizer-sync Samba AD test CA" \
        -out ca.csr 2>/dev/null
    openssl x509 -req -in ca.csr -signkey ca.key -days 3650 -sha256 -extfile ca.ext -out ca.pem 2>/dev/null
    rm -f ca.csr ca.ext
    chmod 644 ca.pem
) || die "openssl failed to make the test CA"
printf 'samba/provision.sh: provisioned EXAMPLE.TEST in %s in %d s\n' "$dir" "$((SECONDS - started))" >&2
