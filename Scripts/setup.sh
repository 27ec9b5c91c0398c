#!/usr/bin/env bash
# Installs what organizer-sync needs to build, test and run its demo on Debian or Ubuntu:
# libldap-dev (the C library the directory reader links), libsqlite3-dev (the state store), sqlite3 (tests age a suspension), slapd and ldap-utils (the throw-away
# test server), openssl (its TLS material), GNU time (benchmarks), shellcheck (Scripts/lint.sh) and the Python packages the
# provider spec contract test uses, and Debian's Samba AD DC for the Active Directory tests
# (samba samba-dsdb-modules samba-vfs-modules samba-ad-provision: about 20 s and 13 MB more on a
# fresh machine; Scripts/samba/install.sh explains the set), and Debian's chromium (the headless browser the
# HTML report and plan tests open their pages in; fonts-dejavu-core so its screenshots have text), and cmark-gfm
# (GitHub's Markdown renderer: the Markdown escaping test renders hostile values with it).
# Idempotent; run as root or with sudo available.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
packages=(libldap-dev libsqlite3-dev sqlite3 slapd ldap-utils openssl time pkg-config shellcheck
    samba samba-dsdb-modules samba-vfs-modules samba-ad-provision chromium fonts-dejavu-core cmark-gfm)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}" >&2
    # slapd's postinst would create and start a dc=nodomain server: skip its default database.
    echo "slapd slapd/no_configuration boolean true" | $sudo_cmd debconf-set-selections
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
# The packaged slapd service is not used: tests start their own on free loopback ports.
if pgrep -x slapd >/dev/null 2>&1 && [ -f /etc/ldap/slapd.d/cn=config.ldif ]; then
    $sudo_cmd service slapd stop >/dev/null 2>&1 || true
fi

command -v python3 >/dev/null || { echo "setup.sh: python3 is required" >&2; exit 1; }
if ! python3 -m pip --version >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends python3-pip >&2
fi
if ! python3 -c "import openapi_schema_validator, jsonschema, referencing, yaml" 2>/dev/null; then
    echo "==> installing Python packages for the spec contract test" >&2
    python3 -m pip install -q -r Scripts/spec-check/requirements.txt >&2 \
        || python3 -m pip install -q --break-system-packages -r Scripts/spec-check/requirements.txt >&2
fi
