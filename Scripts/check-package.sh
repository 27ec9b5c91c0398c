#!/usr/bin/env bash
# Installs the Debian package Scripts/package.sh built, checks what an admin gets, runs the demo story with the
# installed binaries from an empty folder (no checkout paths: presets built in, the simulator's built-in seed),
# then removes the package. CI runs it after the tests.
#   Scripts/check-package.sh [dist/organizer-sync_VERSION_ARCH.deb]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
deb="${1:-$(find dist -maxdepth 1 -name 'organizer-sync_*.deb' 2>/dev/null | sort | tail -n 1)}"
[ -f "$deb" ] || { echo "check-package.sh: no package; run Scripts/package.sh first" >&2; exit 1; }
sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
command -v man >/dev/null || DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends man-db >&2
fail() { echo "check-package.sh: $*" >&2; exit 1; }

echo "==> dpkg -i $deb" >&2
$sudo_cmd dpkg -i "$deb" >&2
trap '$sudo_cmd dpkg -r organizer-sync >/dev/null 2>&1 || true' EXIT

[ "$(command -v organizer-sync)" = /usr/bin/organizer-sync ] || fail "organizer-sync is not on PATH as /usr/bin/organizer-sync"
(cd / && organizer-sync --version) || fail "the installed binary does not run"
for command in plan apply reconcile validate audit; do
    man -w "organizer-sync-$command" >/dev/null || fail "no man page organizer-sync-$command"
done
MANPAGER=cat MANWIDTH=100 man organizer-sync-plan 2>/dev/null | grep -q -- "--out" || fail "man organizer-sync-plan shows no --out"
for completion in /usr/share/bash-completion/completions/organizer-sync /usr/share/zsh/vendor-completions/_organizer-sync \
    /usr/share/fish/vendor_completions.d/organizer-sync.fish; do
    [ -s "$completion" ] || fail "missing completion $completion"
done
[ -f /lib/systemd/system/organizer-sync.timer ] || fail "missing systemd timer"
grep -q '^ExecStart=/usr/bin/organizer-sync ' /lib/systemd/system/organizer-sync.service || fail "the unit does not run /usr/bin/organizer-sync"
getent passwd organizer-sync >/dev/null || fail "postinst did not create the organizer-sync user"

# preset: openldap from / with the installed binary: the example configuration loads (validate would then bind).
(cd / && organizer-sync directory --config /usr/share/doc/organizer-sync/examples/config/openldap.yaml 2>&1 || true) \
    | grep -q "no preset" && fail "preset: openldap is not found by the installed binary"

echo "==> the demo story with the installed binaries, from an empty folder" >&2
Scripts/demo.sh --installed
echo "==> dpkg -r organizer-sync" >&2
$sudo_cmd dpkg -r organizer-sync >&2
trap - EXIT
[ ! -e /usr/bin/organizer-sync ] || fail "dpkg -r left /usr/bin/organizer-sync"
echo "package check passed: installed, man pages, completions, units, demo from an empty folder, removed"
