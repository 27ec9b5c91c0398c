#!/usr/bin/env python3
"""Run a command and record its memory high-water mark at the moments named log lines appear.

    rss-trace.py --out FILE --log LOG [--mark TEXT ...] [--interval S] -- COMMAND [ARG ...]

COMMAND runs with standard input from /dev/null and standard error appended to LOG (standard output is
inherited). Every --interval seconds (default 0.05) the command's VmHWM (peak resident set so far) and
VmRSS are read from /proc/PID/status, and LOG is scanned for new lines: the first line that ends with a
--mark text records the VmHWM of that moment. FILE receives one JSON object: the marks with their
high-water marks in KiB and seconds since start; the samples ([seconds, VmHWM KiB, VmRSS KiB]); and,
from wait4, the command's own wall seconds, user and system CPU seconds and peak RSS (KiB), which leave
out the sampler's own CPU. The exit status is the command's (128 + N after signal N). Linux only
(/proc); the sampling costs about one /proc read per interval.
"""

import argparse
import json
import os
import subprocess
import sys
import time


def status_kib(pid):
    """(VmHWM, VmRSS) in KiB, or None once the process is gone."""
    try:
        with open("/proc/%d/status" % pid, encoding="ascii", errors="replace") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--mark", action="append", default=[])
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command after --")

    start = time.monotonic()
    with open(args.log, "ab") as log_out, open(os.devnull, "rb") as null:
        child = subprocess.Popen(command, stdin=null, stderr=log_out)
    marks, pending, peak, samples = [], list(args.mark), 0, []
    offset, partial, usage, status = 0, b"", None, 0
    while True:
        sample = status_kib(child.pid)
        waited, status, usage = os.wait4(child.pid, os.WNOHANG)
        finished = waited == child.pid
        if sample and not finished:
            peak = max(peak, sample[0])
            samples.append([round(time.monotonic() - start, 3), sample[0], sample[1]])
        with open(args.log, "rb") as log_in:
            log_in.seek(offset)
            chunk = log_in.read()
        offset += len(chunk)
        lines = (partial + chunk).split(b"\n")
        partial = lines.pop()
        for line in lines:
            text = line.decode("utf-8", "replace").rstrip()
            for mark in list(pending):
                if text.endswith(mark):
                    marks.append({"mark": mark, "seconds": round(time.monotonic() - start, 3),
                                  "peak_kib": peak})
                    pending.remove(mark)
        if finished:
            break
        time.sleep(args.interval)
    wall = time.monotonic() - start
    child.returncode = 0  # reaped above with wait4; keeps Popen from waiting again
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"marks": marks, "wall_s": round(wall, 3), "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
                   "maxrss_kib": usage.ru_maxrss, "samples": samples}, out)
        out.write("\n")
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
