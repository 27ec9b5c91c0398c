#!/usr/bin/python3
"""Seeds the test domain that Scripts/samba/provision.sh made, through the local SamDB.

    /usr/bin/python3 Scripts/samba/seed.py --dir DIR [--bulk N] [--big-group N] [--bulk-groups N]

Run with Debian's /usr/bin/python3 (the samba bindings exist only there), while samba is not
running. Entries are added as LDIF, 1,000 per transaction: about 4 ms per user without a
password, 30 ms with one (Kerberos keys), so only the service accounts get passwords and the
other users are added enabled without one (userAccountControl 544) or disabled (546).

What it creates (also listed in DIR/seed.txt):

    OU=Corp                          the base for users and groups
      OU=People
        OU=Engineering               alice (mail), bob (mail), heidi (renamed by tests),
                                     ivan (moved by tests), judy (deleted by tests)
        OU=Sales                     carol (disabled, mail), dave (no mail, UPN only),
                                     frank (neither mail nor UPN)
        OU=Former                    peggy: created as peggy.old in Engineering, then renamed
                                     (new CN, mail, UPN, sAMAccountName) and moved here
        (trent: created and deleted: a tombstone)
      OU=Bulk                        bulk00001 ... (--bulk)
      OU=Groups
        AllStaff > Engineers > Platform > alice   nesting three levels deep; Engineers also bob,
                                                  AllStaff also Sales (carol, dave)
        Top > Left, Right; Left > Bottom; Right > Bottom, bob; Bottom > alice, dave   a diamond
        BigGroup                     the first --big-group bulk users (more than 1,500)
        Bulk01 ...                   --bulk-groups groups sharing the bulk users, all in AllStaff
      OU=Service                     svc-reader (the bind identity), svc-disabled (data 533),
                                     svc-mustchange (pwdLastSet 0: data 773), svc-locked (a
                                     password policy that locks it after 2 wrong passwords: 775)

Passwords are random, in DIR/<name>.password (mode 600).
"""
import argparse
import base64
import os
import secrets
import sys
import time

from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB
import ldb

BASE = "DC=example,DC=test"
CORP = "OU=Corp," + BASE
PEOPLE = "OU=People," + CORP
ENG = "OU=Engineering," + PEOPLE
SALES = "OU=Sales," + PEOPLE
FORMER = "OU=Former," + PEOPLE
BULK = "OU=Bulk," + CORP
GROUPS = "OU=Groups," + CORP
SERVICE = "OU=Service," + CORP

ENABLED_NO_PASSWORD = 544   # NORMAL_ACCOUNT | PASSWD_NOTREQD
DISABLED_NO_PASSWORD = 546  # + ACCOUNTDISABLE
ENABLED = 512
DISABLED = 514


def ou(dn):
    return "dn: %s\nobjectClass: organizationalUnit\n\n" % dn


def user(cn, parent, sam, uac, mail=None, upn=None, given=None, sn=None, password=None, extra=None):
    lines = [
        "dn: CN=%s,%s" % (cn, parent),
        "objectClass: user",
        "sAMAccountName: %s" % sam,
        "userAccountControl: %d" % uac,
        "displayName: %s" % (" ".join(p for p in (given, sn) if p) or cn),
    ]
    if given:
        lines.append("givenName: %s" % given)
    if sn:
        lines.append("sn: %s" % sn)
    if mail:
        lines.append("mail: %s" % mail)
    if upn:
        lines.append("userPrincipalName: %s" % upn)
    if password is not None:
        quoted = ('"%s"' % password).encode("utf-16-le")
        lines.append("unicodePwd:: %s" % base64.b64encode(quoted).decode())
    for key, value in (extra or {}).items():
        lines.append("%s: %s" % (key, value))
    return "\n".join(lines) + "\n\n"


def group(cn, members):
    lines = ["dn: CN=%s,%s" % (cn, GROUPS), "objectClass: group", "sAMAccountName: %s" % cn]
    lines += ["member: %s" % m for m in members]
    return "\n".join(lines) + "\n\n"


def new_password(directory, name):
    password = "Aa1!" + secrets.token_hex(12)
    path = os.path.join(directory, name + ".password")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password)
    return password


def add_in_batches(samdb, chunks, batch=1000):
    for start in range(0, len(chunks), batch):
        samdb.transaction_start()
        try:
            samdb.add_ldif("".join(chunks[start:start + batch]))
        except BaseException:
            samdb.transaction_cancel()
            raise
        samdb.transaction_commit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--bulk", type=int, default=3100)
    parser.add_argument("--big-group", type=int, default=3100)
    parser.add_argument("--bulk-groups", type=int, default=0)
    args = parser.parse_args()
    if args.big_group > args.bulk:
        sys.exit("seed.py: --big-group cannot exceed --bulk")
    directory = os.path.realpath(args.dir)
    started = time.time()

    lp = LoadParm()
    lp.load(os.path.join(directory, "etc", "smb.conf"))
    samdb = SamDB(url=os.path.join(directory, "private", "sam.ldb"), session_info=system_session(), lp=lp)

    fixture = [ou(dn) for dn in (CORP, PEOPLE, ENG, SALES, FORMER, BULK, GROUPS, SERVICE)]
    people = [
        ("Alice Archer", ENG, "alice", ENABLED_NO_PASSWORD, "alice@example.test", "alice@example.test", "Alice", "Archer"),
        ("Bob Baker", ENG, "bob", ENABLED_NO_PASSWORD, "bob@example.test", "bob@example.test", "Bob", "Baker"),
        ("Heidi Hill", ENG, "heidi", ENABLED_NO_PASSWORD, "heidi@example.test", "heidi@example.test", "Heidi", "Hill"),
        ("Ivan Irons", ENG, "ivan", ENABLED_NO_PASSWORD, "ivan@example.test", "ivan@example.test", "Ivan", "Irons"),
        ("Judy Jones", ENG, "judy", ENABLED_NO_PASSWORD, "judy@example.test", "judy@example.test", "Judy", "Jones"),
        ("Carol Clark", SALES, "carol", DISABLED_NO_PASSWORD, "carol@example.test", "carol@example.test", "Carol", "Clark"),
        ("Dave Dunn", SALES, "dave", ENABLED_NO_PASSWORD, None, "dave@example.test", "Dave", "Dunn"),
        ("Frank Fox", SALES, "frank", ENABLED_NO_PASSWORD, None, None, "Frank", "Fox"),
        ("Peggy Old", ENG, "peggy.old", ENABLED_NO_PASSWORD, "peggy.old@example.test", "peggy.old@example.test", "Peggy", "Old"),
        ("Trent Gone", ENG, "trent", ENABLED_NO_PASSWORD, "trent@example.test", "trent@example.test", "Trent", "Gone"),
    ]
    for cn, parent, sam, uac, mail, upn, given, sn in people:
        fixture.append(user(cn, parent, sam, uac, mail, upn, given, sn, extra={"department": parent.split(",")[0][3:]}))
    for name, uac in (("svc-reader", ENABLED), ("svc-disabled", DISABLED), ("svc-mustchange", ENABLED), ("svc-locked", ENABLED)):
        fixture.append(user(name, SERVICE, name, uac, upn=name + "@example.test", password=new_password(directory, name)))
    add_in_batches(samdb, fixture)
    # A fine-grained password policy for svc-locked only: two wrong passwords lock it for 10 hours
    # (the domain policy has no lockout, so wrong-password tests never lock svc-reader).
    samdb.add_ldif("""dn: CN=LockAfterTwo,CN=Password Settings Container,CN=System,%s
objectClass: msDS-PasswordSettings
msDS-PasswordSettingsPrecedence: 1
msDS-PasswordReversibleEncryptionEnabled: FALSE
msDS-PasswordHistoryLength: 0
msDS-PasswordComplexityEnabled: FALSE
msDS-MinimumPasswordLength: 0
msDS-MinimumPasswordAge: 0
msDS-MaximumPasswordAge: -9223372036854775808
msDS-LockoutThreshold: 2
msDS-LockoutObservationWindow: -36000000000
msDS-LockoutDuration: -360000000000
msDS-PSOAppliesTo: CN=svc-locked,%s
""" % (BASE, SERVICE))

    bulk = []
    for index in range(1, args.bulk + 1):
        sam = "bulk%05d" % index
        bulk.append(user(sam, BULK, sam, ENABLED_NO_PASSWORD, sam + "@example.test", sam + "@example.test",
                         "Bulk", "User %05d" % index, extra={"department": "Bulk", "employeeID": "E%06d" % index}))
    add_in_batches(samdb, bulk)

    def u(cn, parent):
        return "CN=%s,%s" % (cn, parent)

    def g(cn):
        return "CN=%s,%s" % (cn, GROUPS)

    bulk_dns = ["CN=bulk%05d,%s" % (i, BULK) for i in range(1, args.bulk + 1)]
    groups = [
        group("Platform", [u("Alice Archer", ENG)]),
        group("Engineers", [g("Platform"), u("Bob Baker", ENG), u("Heidi Hill", ENG), u("Ivan Irons", ENG), u("Judy Jones", ENG)]),
        group("Sales", [u("Carol Clark", SALES), u("Dave Dunn", SALES)]),
        group("Bottom", [u("Alice Archer", ENG), u("Dave Dunn", SALES)]),
        group("Left", [g("Bottom")]),
        group("Right", [g("Bottom"), u("Bob Baker", ENG)]),
        group("Top", [g("Left"), g("Right")]),
        group("BigGroup", bulk_dns[:args.big_group]),
        group("Empty", []),
    ]
    bulk_groups = []
    for index in range(args.bulk_groups):
        name = "Bulk%02d" % (index + 1)
        bulk_groups.append(name)
        groups.append(group(name, bulk_dns[index::args.bulk_groups]))
    groups.append(group("AllStaff", [g("Engineers"), g("Sales")] + [g(n) for n in bulk_groups]))
    add_in_batches(samdb, groups)

    # A renamed and moved user: new CN, sAMAccountName, mail and UPN, another OU, same objectGUID.
    samdb.rename(ldb.Dn(samdb, u("Peggy Old", ENG)), ldb.Dn(samdb, u("Peggy New", FORMER)))
    samdb.modify_ldif("""dn: %s
changetype: modify
replace: sAMAccountName
sAMAccountName: peggy
-
replace: mail
mail: peggy.new@example.test
-
replace: userPrincipalName
userPrincipalName: peggy.new@example.test
-
replace: sn
sn: New
""" % u("Peggy New", FORMER))
    # A deleted user: a tombstone under CN=Deleted Objects.
    samdb.delete(u("Trent Gone", ENG))
    # Must change its password at the next logon: pwdLastSet 0 (bind: data 773).
    samdb.modify_ldif("dn: %s\nchangetype: modify\nreplace: pwdLastSet\npwdLastSet: 0\n" % u("svc-mustchange", SERVICE))

    with open(os.path.join(directory, "seed.txt"), "w") as handle:
        handle.write("bulk=%d\nbig_group=%d\nbulk_groups=%d\n" % (args.bulk, args.big_group, args.bulk_groups))
    print("samba/seed.py: %d fixture entries, %d bulk users, %d groups in %.1f s"
          % (len(fixture), args.bulk, len(groups), time.time() - started), file=sys.stderr)


if __name__ == "__main__":
    main()
