#!/usr/bin/env bash
# The demo: organizer-sync on its embedded defaults. Starts a throw-away slapd loaded with
# Examples/demo/directory.ldif and the provider simulator seeded with Examples/simulator/seed.json,
# both on free loopback ports, writes a configuration for them, and runs organizer-sync against
# them: validate, the directory as read, each provider's accounts, the plan for all three targets
# (saved to a sealed plan file and shown), the explanation of one user, apply of exactly that plan,
# audit verify, a second plan (nothing to do), then a change in the directory (a user disabled)
# picked up by reconcile, as a scheduler would run it. Everything is removed at the end.
#
# `Scripts/demo.sh --installed` runs the same story with the installed binaries (/usr/bin, from the Debian
# package Scripts/package.sh builds) from an empty folder: no Mappings/ folder and no build of the checkout;
# only slapd's throw-away server scripts and the demo directory come from here.
#
# With ORGANIZER_SYNC_BIN=FOLDER (the test suite's README test sets it to its build folder) the demo runs the
# binaries in FOLDER and neither installs packages nor builds: the caller has done both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
# shellcheck source=Scripts/lib/common.sh
. "$root/Scripts/lib/common.sh"
installed=false
[ "${1:-}" = "--installed" ] && installed=true
if [ -n "${ORGANIZER_SYNC_BIN:-}" ]; then
    bin="$ORGANIZER_SYNC_BIN"
    for binary in organizer-sync organizer-sync-simulator; do
        [ -x "$bin/$binary" ] || die "ORGANIZER_SYNC_BIN=$bin holds no $binary"
    done
elif $installed; then
    Scripts/setup.sh
    bin="$(dirname "$(command -v organizer-sync)")"
    [ -x "$bin/organizer-sync-simulator" ] || { echo "demo.sh: organizer-sync is not installed" >&2; exit 1; }
else
    Scripts/setup.sh
    echo "==> building organizer-sync (the first build takes several minutes)" >&2
    swift build --product organizer-sync >&2
    swift build --product organizer-sync-simulator >&2
    bin="$(swift build --show-bin-path)"
fi

work="$(mktemp -d /tmp/organizer-sync-demo.XXXXXX)"
simulator_pid=""
cleanup() {
    if [ -n "$simulator_pid" ]; then kill "$simulator_pid" 2>/dev/null || true; fi
    stop_slapd "$work/ldap"
    rm -rf "$work"
}
trap cleanup EXIT

echo "==> starting slapd with the demo directory" >&2
start_slapd "$work/ldap" Examples/demo/directory.ldif

echo "==> starting the provider simulator" >&2
seed=(--seed Examples/simulator/seed.json)
$installed && seed=()  # the simulator's built-in demo seed is the same accounts
start_simulator "$work" "${seed[@]}"

write_demo_secrets "$work"

# One small mapping file per target, on the provider's preset, scoped on the demo directory's groups.
for target in zoom:zoom-users webex:webex-users goto:goto-organizers; do
    cat > "$work/${target%%:*}-mapping.yaml" <<YAML
preset: ${target%%:*}
scope:
  groups: [${target#*:}]
YAML
done
# GoTo: a user without a licence counts as suspended, so the mapping gives every organizer the simulator's
# GoTo Meeting Business licence.
cat >> "$work/goto-mapping.yaml" <<YAML
licences:
  default:
    licences: ["5839287156452918374"]
YAML

config="$work/organizer-sync.yaml"
cat > "$config" <<YAML
version: 1
$($installed || echo "mappings_dir: $root/Mappings")
$(directory_yaml "" --disabled-when)
state:
  database: $work/state/organizer-sync.sqlite
  audit_log: $work/state/audit.jsonl
  runs_dir: $work/state/runs
  metrics_file: $work/state/organizer-sync.prom
targets:
$(demo_target_yaml goto goto-mapping.yaml "$work")
$(demo_target_yaml zoom zoom-mapping.yaml "$work" "policy: { pending_invitations: withdraw }")
$(demo_target_yaml webex webex-mapping.yaml "$work")
YAML

# The installed binary runs from the empty work folder, so nothing of the checkout can be found by accident.
$installed && cd "$work"
run() {
    printf '\n$ organizer-sync %s\n' "$*"
    "$bin/organizer-sync" "$@" --config "$config"
}
run validate
run directory
run directory --format summary
run accounts --target goto
run accounts --target zoom
run accounts --target webex
# plan exits 0 (nothing to do), 2 (changes pending: expected here), 3 (blocked by a safety gate) or 1 (error).
status=0
run plan --out "$work/plan.json" || status=$?
echo "(plan exit code: $status; 2 means changes pending; the sealed plan is in $work/plan.json)"
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || [ "$status" -eq 3 ] || exit "$status"
run explain ivan@example.com --target zoom
# apply carries out exactly the saved plan; it exits 0 when every change was made.
run apply "$work/plan.json"
run audit verify
status=0
run plan || status=$?
echo "(plan exit code: $status; 0 means nothing to do: the providers match the directory)"
[ "$status" -eq 0 ] || exit 1

echo
echo "==> ivan leaves: disabled in the directory (employeeType: disabled)"
LDAPTLS_CACERT="$LDAP_CA_FILE" ldapmodify -H "$LDAP_URL" -x -D "$LDAP_ADMIN_DN" -y "$LDAP_ADMIN_PASSWORD_FILE" -ZZ >/dev/null <<LDIF
dn: uid=ivan,ou=people,$LDAP_BASE
changetype: modify
replace: employeeType
employeeType: disabled
LDIF
# reconcile, as a scheduler runs it: ivan's Zoom invitation was never accepted, so it is withdrawn (the zoom
# target says pending_invitations: withdraw), and one withdrawal of 16 accounts trips Zoom's default deletes
# threshold (5%): the run changes nothing and exits 3.
status=0
run reconcile || status=$?
echo "(reconcile exit code: $status; 3 means a safety gate stopped the run and nothing was changed)"
[ "$status" -eq 3 ] || exit 1
# An admin reads the kept plan and lets exactly that gate through.
run reconcile --override threshold.deletes.share
run audit show --account ivan@example.com
run audit verify
echo
echo "(simulator at $simulator; configuration was $config)"
echo "(the kept runs, summaries and metrics were in $work/state)"
