#!/usr/bin/env bash
# Builds a release of organizer-sync and packages it for a server: a versioned tarball and a Debian package
# (dist/organizer-sync_VERSION_ARCH.deb, dist/organizer-sync-VERSION-linux-ARCH.tar.gz), each holding
#   - organizer-sync and organizer-sync-simulator, linked with the static Swift standard library and
#     Foundation (libldap, liblber and libsqlite3 come from the system: the package depends on them),
#   - a man page per command (argument-parser's generate-manual plugin: `man organizer-sync-plan`),
#   - bash, zsh and fish completions (`organizer-sync --generate-completion-script`),
#   - the systemd service and timer, the example configurations and mapping files, the presets, the docs.
# The presets are also built into the binary, so nothing needs Mappings/ at run time.
#
#   Scripts/package.sh                  # PACKAGE_SCRATCH (default .build-release) and PACKAGE_OUT (default dist)
#   Scripts/check-package.sh            # installs the .deb, runs the demo with it from an empty folder, removes it
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
scratch="${PACKAGE_SCRATCH:-.build-release}"
out="${PACKAGE_OUT:-dist}"

Scripts/setup.sh
command -v dpkg-deb >/dev/null || { echo "package.sh: dpkg-deb is required (Debian or Ubuntu)" >&2; exit 1; }

# The plugin builds every product in release mode first (the same objects the static build below links).
echo "==> release build and man pages (argument-parser's generate-manual plugin; several minutes on two cores)" >&2
swift package --scratch-path "$scratch" plugin generate-manual --multi-page --date "$(date -u +%F)" >&2
manuals="$(find "$scratch/plugins" -type d -path '*GenerateManual/outputs/organizer-sync' | head -n 1)"
if [ -z "$manuals" ] || [ ! -f "$manuals/organizer-sync.1" ]; then
    echo "package.sh: no man pages in $scratch" >&2
    exit 1
fi

echo "==> linking with the static Swift standard library" >&2
for product in organizer-sync organizer-sync-simulator; do
    swift build -c release --scratch-path "$scratch" --static-swift-stdlib --product "$product" >&2
done
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
version="$("$bin/organizer-sync" --version)"
arch="$(dpkg --print-architecture)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "package.sh: unexpected version '$version'" >&2; exit 1; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/organizer-sync_${version}_${arch}"
doc="$pkg/usr/share/doc/organizer-sync"

install -D -m 0755 "$bin/organizer-sync" "$pkg/usr/bin/organizer-sync"
install -D -m 0755 "$bin/organizer-sync-simulator" "$pkg/usr/bin/organizer-sync-simulator"
strip --strip-unneeded "$pkg/usr/bin/organizer-sync" "$pkg/usr/bin/organizer-sync-simulator"

# organizer-sync.plan.1 is the plan subcommand's page; installed as organizer-sync-plan.1, as git names its pages.
install -d "$pkg/usr/share/man/man1"
for page in "$manuals"/*.1; do
    name="$(basename "$page" .1)"
    gzip -9n < "$page" > "$pkg/usr/share/man/man1/${name//./-}.1.gz"
done

"$bin/organizer-sync" --generate-completion-script bash \
    | install -D -m 0644 /dev/stdin "$pkg/usr/share/bash-completion/completions/organizer-sync"
"$bin/organizer-sync" --generate-completion-script zsh \
    | install -D -m 0644 /dev/stdin "$pkg/usr/share/zsh/vendor-completions/_organizer-sync"
"$bin/organizer-sync" --generate-completion-script fish \
    | install -D -m 0644 /dev/stdin "$pkg/usr/share/fish/vendor_completions.d/organizer-sync.fish"

for unit in organizer-sync.service organizer-sync.timer; do
    sed 's|/usr/local/bin/organizer-sync|/usr/bin/organizer-sync|g; s|file:///usr/share/doc/organizer-sync/README.md|man:organizer-sync(1)|' \
        "Examples/scheduling/$unit" | install -D -m 0644 /dev/stdin "$pkg/lib/systemd/system/$unit"
done

install -d "$doc/examples" "$pkg/usr/share/organizer-sync"
cp -r Examples/config "$doc/examples/config"
cp -r Examples/scheduling "$doc/examples/scheduling"
cp -r Mappings "$pkg/usr/share/organizer-sync/Mappings"
cp README.md CHANGELOG.md SECURITY.md "$doc/"
cp -r docs "$doc/docs"
cp LICENSE "$doc/copyright"
find "$pkg/usr/share" -type f -exec chmod 0644 {} + ; find "$pkg/usr/share" -type d -exec chmod 0755 {} +

# Depends: the Debian package of every shared library the binaries load (libldap, libsqlite3, libc...).
depends="$(
    { ldd "$pkg/usr/bin/organizer-sync"; ldd "$pkg/usr/bin/organizer-sync-simulator"; } \
        | awk '/=> \// { print $3 }' | sort -u \
        | while read -r lib; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true; done \
        | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g'
)"
[ -n "$depends" ] || { echo "package.sh: could not work out the package's dependencies" >&2; exit 1; }

install -d "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: organizer-sync
Version: $version
Architecture: $arch
Maintainer: organizer-sync maintainers <organizer-sync@localhost>
Section: admin
Priority: optional
Depends: $depends, adduser | passwd
Installed-Size: $(du -sk "$pkg" | cut -f1)
Homepage: https://localhost/organizer-sync
Description: keeps GoToMeeting, Zoom and Webex organizer accounts in line with LDAP or Active Directory
 organizer-sync reads users and groups from LDAP or Active Directory, compares them with the organizer
 accounts GoToMeeting, Zoom and Webex hold, and plans the creates, updates, suspensions, reactivations and
 deletes that bring each provider in line. apply carries out exactly a saved plan; reconcile runs unattended
 behind safety gates; every change goes to a hash-chained audit log.
CONTROL
cat > "$pkg/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
# Creates the organizer-sync system user the systemd unit runs as, and its configuration folder. The timer is
# not enabled: an admin writes the configuration, runs validate and plan, then enables it.
set -e
if [ "$1" = configure ]; then
    if ! getent passwd organizer-sync >/dev/null; then
        useradd --system --user-group --home-dir /var/lib/organizer-sync --no-create-home \
            --shell /usr/sbin/nologin organizer-sync
    fi
    install -d -m 0750 -o root -g organizer-sync /etc/organizer-sync
fi
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null 2>&1 || true; fi
exit 0
POSTINST
cat > "$pkg/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
# The state store and audit log in /var/lib/organizer-sync are kept, even on purge: they are the audit trail.
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null 2>&1 || true; fi
exit 0
POSTRM
chmod 0755 "$pkg/DEBIAN/postinst" "$pkg/DEBIAN/postrm"

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/organizer-sync_${version}_${arch}.deb" >&2
tarball="$out/organizer-sync-${version}-linux-${arch}.tar.gz"
tar --owner=0 --group=0 --sort=name -C "$pkg" -czf "$tarball" usr lib
echo "$out/organizer-sync_${version}_${arch}.deb"
echo "$tarball"
