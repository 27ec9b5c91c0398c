#!/usr/bin/env bash
# Start a throw-away slapd on loopback for tests, the demo and benchmarks.
#
#   Scripts/slapd/start.sh --dir DIR --ldif FILE [--ldif FILE ...]
#
# DIR receives the TLS material, slapd.conf, the mdb database, the log, the
# reader passwords and an `env` file that a shell can source. The same
# KEY='value' lines are printed on stdout; progress and errors go to stderr.
# The LDIF files hold entries under ou=people and ou=groups only: the suffix
# dc=example,dc=com and both OUs are created here. Stop with stop.sh DIR.
set -euo pipefail

# Debian installs slapd and slapadd in /usr/sbin, which is not on every PATH.
export PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"
# Keep libldap hermetic: no /etc/ldap/ldap.conf, ~/.ldaprc or LDAP* variables.
export LDAPNOINIT=1
unset LDAPCONF LDAPRC LDAPTLS_CACERT LDAPTLS_REQCERT LDAPURI LDAPBASE LDAPBINDDN 2>/dev/null || true

BASE="dc=example,dc=com"
READER_DN="cn=reader,$BASE"
LIMITED_DN="cn=limited,$BASE"
ADMIN_DN="cn=admin,$BASE"
START_TIMEOUT=15

die() { printf 'slapd/start.sh: %s\n' "$*" >&2; exit 1; }
note() { printf 'slapd/start.sh: %s\n' "$*" >&2; }
usage() {
    printf 'usage: %s --dir DIR --ldif FILE [--ldif FILE ...]\n' "$0" >&2
    exit 2
}

dir=""
ldifs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || usage; dir="$2"; shift 2 ;;
        --dir=*) dir="${1#--dir=}"; shift ;;
        --ldif) [ $# -ge 2 ] || usage; ldifs+=("$2"); shift 2 ;;
        --ldif=*) ldifs+=("${1#--ldif=}"); shift ;;
        -h|--help) usage ;;
        *) printf 'slapd/start.sh: unknown argument: %s\n' "$1" >&2; usage ;;
    esac
done
[ -n "$dir" ] || usage

# --- tools -----------------------------------------------------------------
missing=()
for tool in slapd slapadd slappasswd ldapsearch openssl python3; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    die "missing: ${missing[*]}. On Debian/Ubuntu install them with: apt-get install slapd ldap-utils openssl python3"
fi

for f in ${ldifs[@]+"${ldifs[@]}"}; do
    [ -r "$f" ] || die "cannot read LDIF file: $f"
done

mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"
case "$dir" in
    *[[:space:]\"\'\\]*) die "DIR must not contain spaces, quotes or backslashes (slapd.conf quoting): $dir" ;;
esac
if [ -f "$dir/slapd.pid" ] && kill -0 "$(cat "$dir/slapd.pid")" 2>/dev/null; then
    die "a slapd (pid $(cat "$dir/slapd.pid")) is already running for $dir; stop it with Scripts/slapd/stop.sh $dir"
fi
rm -rf "$dir/db" "$dir/slapd.pid" "$dir/slapd.args" "$dir/env"
mkdir -p "$dir/db"
chmod 700 "$dir" "$dir/db"

# Passwords: hex, no trailing newline, mode 600.
new_password() {
    local file="$1"
    ( umask 077; openssl rand -hex 18 | tr -d '\n' > "$file" )
    chmod 600 "$file"
}
ssha_of() { slappasswd -h '{SSHA}' -T "$1"; }

# --- TLS material -----------------------------------------------------------
host="$(hostname 2>/dev/null || echo localhost)"
tls="$dir/tls.tmp"
rm -rf "$tls"; mkdir -p "$tls"
(
    cd "$tls"
    umask 077
    cat > ca.ext <<'EOF'
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
    cat > server.ext <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = IP:127.0.0.1, DNS:localhost, DNS:$host
EOF
    make_ca() { # name subject
        openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
        openssl x509 -req -in "$1.csr" -signkey "$1.key" -days 30 -sha256 \
            -extfile ca.ext -out "$1.pem" 2>/dev/null
    }
    make_ca ca "/O=organizer-sync tests/CN=organizer-sync test CA"
    make_ca wrong-ca "/O=organizer-sync tests/CN=unrelated test CA"
    openssl req -new -newkey rsa:2048 -nodes -keyout server.key -subj "/O=organizer-sync tests/CN=127.0.0.1" \
        -out server.csr 2>/dev/null
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
        -days 30 -sha256 -extfile server.ext -out server.pem 2>/dev/null
) || die "openssl failed to make the test certificates"
for f in ca.pem ca.key server.pem server.key wrong-ca.pem; do
    mv -f "$tls/$f" "$dir/$f"
done
rm -rf "$tls"
chmod 600 "$dir/ca.key" "$dir/server.key"
chmod 644 "$dir/ca.pem" "$dir/server.pem" "$dir/wrong-ca.pem"

# --- identities -------------------------------------------------------------
new_password "$dir/admin.password"
new_password "$dir/reader.password"
new_password "$dir/limited.password"
admin_hash="$(ssha_of "$dir/admin.password")"
reader_hash="$(ssha_of "$dir/reader.password")"
limited_hash="$(ssha_of "$dir/limited.password")"

# --- slapd.conf -------------------------------------------------------------
schema_dir=/etc/ldap/schema
schemas=""
for s in core cosine inetorgperson nis; do
    [ -f "$schema_dir/$s.schema" ] || die "schema file $schema_dir/$s.schema is missing (package slapd)"
    schemas+="include $schema_dir/$s.schema"$'\n'
done
module_lines=""
for mp in /usr/lib/ldap /usr/lib/x86_64-linux-gnu/ldap /usr/lib/aarch64-linux-gnu/ldap /usr/libexec/openldap; do
    if [ -e "$mp/back_mdb.la" ] || [ -e "$mp/back_mdb.so" ]; then
        module_lines="modulepath $mp"$'\n'"moduleload back_mdb"
        break
    fi
done
# (No module directory: slapd was built with back-mdb inside, as on some distributions.)

( umask 077; cat > "$dir/slapd.conf" <<EOF
# Generated by Scripts/slapd/start.sh: a throw-away test server. Do not edit.
$schemas
$module_lines

pidfile   $dir/slapd.pid
argsfile  $dir/slapd.args

TLSCACertificateFile  $dir/ca.pem
TLSCertificateFile    $dir/server.pem
TLSCertificateKeyFile $dir/server.key

# Passwords are only usable for binding; the rootDSE is public (clients look up
# supportedControl and StartTLS there); the data is visible to the two reader
# identities only, never to anonymous.
access to dn.base=""
    by * read
access to attrs=userPassword
    by anonymous auth
    by * none
access to *
    by dn.exact="$READER_DN" read
    by dn.exact="$LIMITED_DN" read
    by * none

database  mdb
suffix    "$BASE"
rootdn    "$ADMIN_DN"
rootpw    $admin_hash
directory $dir/db
maxsize   ${SLAPD_MAXSIZE:-4294967296}
dbnosync

index objectClass   eq
index uid           eq
index mail          eq
index cn            eq
index member        eq
index uniqueMember  eq
index memberUid     eq
index entryUUID     eq

# Ordinary binds get 500 entries per search, but paged searches may walk
# everything. cn=limited is cut after 120 entries even when paging, which the
# connector must report as an error.
limits dn.exact="$LIMITED_DN" size.soft=50 size.hard=50 size.prtotal=120
sizelimit size.soft=500 size.hard=500 size.prtotal=unlimited
EOF
)

# --- data ----------------------------------------------------------------------
cat > "$dir/base.ldif" <<EOF
dn: $BASE
objectClass: top
objectClass: dcObject
objectClass: organization
dc: example
o: Example Corp

dn: ou=people,$BASE
objectClass: top
objectClass: organizationalUnit
ou: people

dn: ou=groups,$BASE
objectClass: top
objectClass: organizationalUnit
ou: groups

dn: $READER_DN
objectClass: simpleSecurityObject
objectClass: organizationalRole
cn: reader
description: directory reader for organizer-sync
userPassword: $reader_hash

dn: $LIMITED_DN
objectClass: simpleSecurityObject
objectClass: organizationalRole
cn: limited
description: reader with a total size limit of 120 entries
userPassword: $limited_hash
EOF
chmod 600 "$dir/base.ldif"

slapadd_log="$dir/slapadd.log"
: > "$slapadd_log"
load() {
    if ! slapadd -q -f "$dir/slapd.conf" -l "$1" >>"$slapadd_log" 2>&1; then
        tail -n 20 "$slapadd_log" >&2
        die "slapadd failed on $1"
    fi
}
load "$dir/base.ldif"
for f in ${ldifs[@]+"${ldifs[@]}"}; do
    load "$f"
done

# --- ports -------------------------------------------------------------------
# Two distinct free ports, free on every address (slapd listens on 127.0.0.1
# and 127.0.0.2). Another process may take them before slapd binds; that is
# caught below and retried with new ports.
pick_ports() {
    python3 - <<'EOF'
import socket
socks = []
for _ in range(2):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("0.0.0.0", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

# Anything already answering on these ports? (pitfall: a probe answered by
# someone else's server looks like success.)
port_busy() {
    python3 - "$1" "$2" <<'EOF'
import socket, sys
for port in sys.argv[1:]:
    for host in ("127.0.0.1", "127.0.0.2"):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(0.5)
        try:
            s.connect((host, int(port)))
            sys.exit(0)
        except OSError:
            pass
        finally:
            s.close()
sys.exit(1)
EOF
}

rootdse_answers() {
    ldapsearch -x -H "ldap://127.0.0.1:$1/" -o nettimeout=2 -l 2 -s base -b "" -LLL \
        "(objectClass=*)" namingContexts 2>/dev/null | grep -qi "^namingContexts: $BASE"
}

log="$dir/slapd.log"
started=""
for attempt in 1 2 3 4 5; do
    read -r ldap_port ldaps_port < <(pick_ports)
    if port_busy "$ldap_port" "$ldaps_port"; then
        continue
    fi
    urls="ldap://127.0.0.1:$ldap_port/ ldaps://127.0.0.1:$ldaps_port/ ldap://127.0.0.2:$ldap_port/ ldaps://127.0.0.2:$ldaps_port/"
    rm -f "$dir/slapd.pid"
    # -d keeps slapd in the foreground (and sends its log to stderr); setsid
    # and nohup detach it from this script's session so that it outlives us.
    # A background job of a non-interactive shell is not a group leader, so
    # setsid execs slapd itself and $! is slapd's PID.
    nohup setsid slapd -f "$dir/slapd.conf" -h "$urls" -d stats </dev/null >"$log" 2>&1 &
    pid=$!
    deadline=$((SECONDS + START_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        if [ -s "$dir/slapd.pid" ] && rootdse_answers "$ldap_port"; then
            started=yes
            break
        fi
        sleep 0.1
    done
    if [ -n "$started" ]; then
        break
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        tail -n 30 "$log" >&2 || true
        die "slapd did not answer on ldap://127.0.0.1:$ldap_port within ${START_TIMEOUT}s (log: $log)"
    fi
    if grep -qiE 'bind.*(failed|in use)|address already in use' "$log"; then
        note "port taken before slapd could bind it (attempt $attempt); trying other ports"
        continue
    fi
    tail -n 30 "$log" >&2 || true
    die "slapd exited during start-up (log: $log)"
done
[ -n "$started" ] || die "could not find free ports for slapd after 5 attempts"

file_pid="$(tr -d '[:space:]' < "$dir/slapd.pid")"
if [ "$file_pid" != "$pid" ]; then
    kill -KILL "$pid" 2>/dev/null || true
    die "pidfile $dir/slapd.pid holds $file_pid, but the slapd started here is $pid"
fi

# --- env -----------------------------------------------------------------------
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
{
    for kv in \
        "LDAP_URL=ldap://127.0.0.1:$ldap_port" \
        "LDAPS_URL=ldaps://127.0.0.1:$ldaps_port" \
        "LDAP_MISMATCH_URL=ldaps://127.0.0.2:$ldaps_port" \
        "LDAP_MISMATCH_STARTTLS_URL=ldap://127.0.0.2:$ldap_port" \
        "LDAP_PORT=$ldap_port" \
        "LDAPS_PORT=$ldaps_port" \
        "LDAP_CA_FILE=$dir/ca.pem" \
        "LDAP_WRONG_CA_FILE=$dir/wrong-ca.pem" \
        "LDAP_BASE=$BASE" \
        "LDAP_READER_DN=$READER_DN" \
        "LDAP_READER_PASSWORD_FILE=$dir/reader.password" \
        "LDAP_LIMITED_DN=$LIMITED_DN" \
        "LDAP_LIMITED_PASSWORD_FILE=$dir/limited.password" \
        "LDAP_ADMIN_DN=$ADMIN_DN" \
        "LDAP_ADMIN_PASSWORD_FILE=$dir/admin.password" \
        "SLAPD_PID=$pid" \
        "SLAPD_DIR=$dir" \
        "SLAPD_LOG=$log"; do
        printf '%s=%s\n' "${kv%%=*}" "$(quote "${kv#*=}")"
    done
} > "$dir/env.tmp"
mv -f "$dir/env.tmp" "$dir/env"
cat "$dir/env"
