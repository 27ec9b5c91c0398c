#!/usr/bin/env bash
# Installs Debian's Samba 4 AD domain controller and the LDAP command-line tools the Active
# Directory tests and benchmark use. Idempotent: packages already installed are not touched.
#
#   Scripts/samba/install.sh
#
# The minimal set (see ../shared/ldap/ACTIVE-DIRECTORY-NOTES.md §1): samba, samba-dsdb-modules
# (the DSDB ldb modules), samba-ad-provision (the provision templates), samba-vfs-modules
# (acl_xattr, without which provision fails at the sysvol ACL step), ldap-utils, openssl.
# winbind, krb5-user and the samba-ad-dc metapackage are not needed. About 20 s and 13 MB of
# downloads on a fresh machine. Run as root or with sudo available.
set -euo pipefail

packages=(samba samba-dsdb-modules samba-vfs-modules samba-ad-provision ldap-utils openssl)
sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "==> installing ${missing[*]}" >&2
# The packages' postinst scripts would start the sysv smbd/nmbd services where nothing blocks
# invoke-rc.d (no /usr/sbin/policy-rc.d): the tests run their own DC, so block that for the
# install and remove the block again afterwards.
added_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
    $sudo_cmd chmod 755 /usr/sbin/policy-rc.d
    added_policy=yes
fi
cleanup() { [ -z "$added_policy" ] || $sudo_cmd rm -f /usr/sbin/policy-rc.d; }
trap cleanup EXIT
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
