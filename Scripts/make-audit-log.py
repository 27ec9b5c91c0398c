#!/usr/bin/env python3
"""Writes a chained audit log of CHANGES changes for measuring `organizer-sync audit report`.

Usage: Scripts/make-audit-log.py FILE [CHANGES] [RUNS]   (defaults: 100000 changes in 100 runs over 30 days)

Each change is an intent and an outcome record (every 50th fails with the provider's answer); each run starts
with a run-start record (who, why, scheduler) and ends with a run-end. Names carry non-ASCII letters, quotes and
a tab, so the reader meets escapes and unicode as in a real log. The lines are the writer's bytes: keys sorted,
no white space, `"`, `\\` and control characters escaped, everything else as is; `prev` is the SHA-256 of the
line before, so `organizer-sync audit verify --log FILE` passes.
"""
import datetime
import hashlib
import json
import sys


def line(record):
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    changes = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    kinds = ["create", "update", "suspend", "reactivate", "delete"]
    start = datetime.datetime(2026, 11, 1, 2, 0, tzinfo=datetime.timezone.utc)
    seq = 0
    prev = "0" * 64
    per_run = changes // runs
    with open(path, "wb") as out:

        def add(record):
            nonlocal seq, prev
            seq += 1
            record["seq"] = seq
            record["prev"] = prev
            data = line(record)
            out.write(data + b"\n")
            prev = hashlib.sha256(data).hexdigest()

        for run in range(runs):
            moment = start + datetime.timedelta(days=30 * run / runs)
            time = moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            run_id = moment.strftime("%Y%m%dT%H%M%SZ") + "-%04x" % run
            add({
                "type": "run-start", "time": time, "run": run_id, "user": "svc-sync", "uid": 990,
                "host": "sync-1", "command": "organizer-sync reconcile --reason nightly",
                "tool_version": "1.0.0", "config_digest": "sha256:" + "c" * 64, "reason": "nightly",
                "scheduler": {"kind": "systemd", "unit": "organizer-sync.service",
                              "invocation_id": "%032x" % run},
            })
            failed = 0
            for index in range(per_run):
                number = run * per_run + index
                target = "zoom" if number % 3 == 0 else "webex"
                kind = kinds[number % len(kinds)]
                change = {
                    "time": time, "run": run_id, "target": target, "provider": target, "action": kind,
                    "email": "user%d@example.com" % number, "anchor": "uid=user%d,ou=people,dc=example,dc=com" % number,
                }
                intent = dict(change, type="intent", reasons=["disabled in the directory"],
                              after={"displayName": "Zoë \"%d\"\tÅngström" % number})
                add(intent)
                outcome = dict(change, type="outcome")
                if number % 50 == 0:
                    failed += 1
                    outcome.update(result="failed", http_status=429, provider_code="429",
                                   message="rate limited: \"Too many requests\"", tracking_id="t-%d" % number)
                else:
                    outcome.update(result="succeeded")
                add(outcome)
            add({"type": "run-end", "time": time, "run": run_id, "result": "partial" if failed else "succeeded",
                 "counts": {"succeeded": per_run - failed, "failed": failed}})


if __name__ == "__main__":
    main()
