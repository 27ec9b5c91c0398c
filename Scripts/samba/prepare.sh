#!/usr/bin/env bash
# Puts a provisioned and seeded Samba AD domain into DIR, from a cached snapshot when there is one.
#
#   Scripts/samba/prepare.sh --dir DIR [--bulk N] [--big-group N] [--bulk-groups N]
#
# Defaults (the test domain): 3,100 bulk users, all in BigGroup, no bulk groups.
#
# The first call provisions (provision.sh, 5-15 s) and seeds (seed.py: the test fixture plus N
# bulk users, 4 ms each; see seed.py for the content) in a staging folder, saves it as
# CACHE/<key>.tar.zst (or .tar.gz without zstd), and unpacks that into DIR. Later calls only
# unpack (about 1 s) and point DIR/etc/smb.conf at DIR (partition paths inside sam.ldb are
# relative). The key covers the samba package version, this script, provision.sh, seed.py and the
# arguments, so changing any of them builds a new snapshot (unused ones go after two weeks). CACHE is $ORGANIZER_SYNC_SAMBA_CACHE,
# else ${XDG_CACHE_HOME:-~/.cache}/organizer-sync/samba. Then: Scripts/samba/start.sh --dir DIR.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
die() { printf 'samba/prepare.sh: %s\n' "$*" >&2; exit 1; }
note() { printf 'samba/prepare.sh: %s\n' "$*" >&2; }

dir=""
bulk=3100
big_group=3100
bulk_groups=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir="$2"; shift 2 ;;
        --bulk) [ $# -ge 2 ] || die "--bulk needs a value"; bulk="$2"; shift 2 ;;
        --big-group) [ $# -ge 2 ] || die "--big-group needs a value"; big_group="$2"; shift 2 ;;
        --bulk-groups) [ $# -ge 2 ] || die "--bulk-groups needs a value"; bulk_groups="$2"; shift 2 ;;
        *) die "unknown argument: $1 (usage: prepare.sh --dir DIR [--bulk N] [--big-group N] [--bulk-groups N])" ;;
    esac
done
[ -n "$dir" ] || die "usage: prepare.sh --dir DIR [--bulk N] [--big-group N] [--bulk-groups N]"
seed_args=(--bulk "$bulk" --big-group "$big_group" --bulk-groups "$bulk_groups")
command -v samba >/dev/null 2>&1 || [ -x /usr/sbin/samba ] \
    || die "samba not found. Install with: Scripts/samba/install.sh (apt-get install samba samba-dsdb-modules samba-vfs-modules samba-ad-provision ldap-utils)"
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 is missing (Debian's python3, which holds the samba bindings)"

version="$(dpkg-query -W -f='${Version}' samba 2>/dev/null || samba -V)"
key="$( { printf '%s\n' "$version" "${seed_args[*]}"; cat "$here/prepare.sh" "$here/provision.sh" "$here/seed.py"; } \
    | sha256sum | cut -c1-16)"
cache="${ORGANIZER_SYNC_SAMBA_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/organizer-sync/samba}"
mkdir -p "$cache"
if command -v zstd >/dev/null 2>&1; then
    snapshot="$cache/dc-$key.tar.zst"; compress=(zstd -q -3 -T0); decompress=(zstd -q -d -c)
else
    snapshot="$cache/dc-$key.tar.gz"; compress=(gzip -1); decompress=(gzip -d -c)
fi

# One builder per snapshot: a second caller waits for the first instead of building it again.
exec 9>"$snapshot.lock"
flock 9
if [ ! -s "$snapshot" ]; then
    staging="$(mktemp -d "$cache/staging.XXXXXX")"
    trap 'rm -rf "$staging"' EXIT
    started=$SECONDS
    note "no cached domain for key $key: provisioning and seeding (${seed_args[*]})"
    "$here/provision.sh" --dir "$staging/dc"
    /usr/bin/python3 "$here/seed.py" --dir "$staging/dc" "${seed_args[@]}"
    printf '%s\n' "$staging/dc" > "$staging/dc/origin"
    tar -C "$staging" -cf - dc | "${compress[@]}" > "$staging/snapshot"
    mv -f "$staging/snapshot" "$snapshot"
    rm -rf "$staging"
    trap - EXIT
    note "cached $(du -h "$snapshot" | cut -f1) snapshot $snapshot after $((SECONDS - started)) s"
fi
flock -u 9
# Snapshots are touched on every use; those unused for two weeks (older keys) are removed.
touch "$snapshot"
find "$cache" -maxdepth 1 -name 'dc-*.tar.*' -mtime +14 -delete 2>/dev/null || true

mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"
case "$dir" in
    *[[:space:]\"\'\\\#]*) die "DIR must not contain spaces, quotes, backslashes or '#': $dir" ;;
esac
[ ! -e "$dir/private/sam.ldb" ] || die "$dir already holds a domain"
"${decompress[@]}" "$snapshot" | tar -C "$dir" --strip-components=1 -xf -
origin="$(cat "$dir/origin")"
sed -i "s#$origin#$dir#g" "$dir/etc/smb.conf"
chmod 700 "$dir"
