# shellcheck shell=bash
# Sourced, not run, by the throw-away server scripts (Scripts/slapd/start.sh, Scripts/samba/start.sh): PATH and
# the LDAP* variables, their messages, the server certificate both issue and the env file both write. Set server_script (the name messages
# start with) before sourcing.
# shellcheck disable=SC2154

# Debian installs slapd, slapadd and samba in /usr/sbin, which is not on every PATH. No LDAP* variable of the caller
# reaches ldapsearch or libldap: the scripts pass what they mean on the command line or as LDAPTLS_* there.
export PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"
unset LDAPCONF LDAPRC LDAPTLS_CACERT LDAPTLS_REQCERT LDAPURI LDAPBASE LDAPBINDDN 2>/dev/null || true

die() { printf '%s: %s\n' "$server_script" "$*" >&2; exit 1; }
note() { printf '%s: %s\n' "$server_script" "$*" >&2; }

# issue_server_certificate CN SAN: in the current folder, server.key and server.pem for the subject CN and the
# subjectAltName SAN, signed by ca.pem and ca.key there (30 days; serverAuth only). Leaves server.csr and
# server.ext behind; returns non-zero when openssl fails.
issue_server_certificate() {
    cat > server.ext <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $2
EXT
    openssl req -new -newkey rsa:2048 -nodes -keyout server.key -subj "/O=organizer-sync tests/CN=$1" \
        -out server.csr 2>/dev/null \
        && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
            -days 30 -sha256 -extfile server.ext -out server.pem 2>/dev/null
}

# write_env FILE KEY=VALUE...: FILE gets one KEY='VALUE' line each, quoted for a shell to source; written beside it
# first and moved into place, so a reader never sees half of it.
write_env() {
    local file="$1" kv value
    shift
    for kv in "$@"; do
        value="${kv#*=}"
        printf "%s='%s'\n" "${kv%%=*}" "${value//\'/\'\\\'\'}"
    done > "$file.tmp"
    mv -f "$file.tmp" "$file"
}
