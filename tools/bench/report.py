#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the raw results of the benchmark VM run into tables and a chart.

usage: report.py RAWDIR OUTDIR

RAWDIR is what tools/bench/guest.sh left: meta.tsv (and bench.sh's
host.tsv) for the whole run and, for each link profile, a directory
PROFILE/ with meta.tsv, samples.tsv, cpu.tsv, verify.tsv, mem.tsv,
slab.txt and tc.txt.  Writes to OUTDIR:
  results.txt   for each profile the times, the sequential throughput
                against the link's physical limit, the client's CPU per
                GiB, smb1fs/cifs against the targets, the data checks and
                the memory; then the targets of the issue for every
                profile, met or missed
  results.json  everything, machine-readable: per profile, per workload,
                per client the samples, median, min and max, MB/s and the
                fraction of the physical limit (seq, seqw), CPU s/GiB
                (seq, seqw); the limits; the targets
  results.csv   one row per profile, workload and client
  results.svg   the chart: a group of panels for each profile (time per
                client, the physical limit's time as a dashed line), and
                the ratio smb1fs/cifs against its target
The physical limit of a shaped profile: the netem rate, less what goes
on the wire with each 1 MiB of payload (the largest read and write smb1fs
and cifs send): a READ_ANDX reply (or WRITE_ANDX request) has 4 bytes of
NetBIOS header, a 32-byte SMB header, 12 (14) parameter words, the byte
count and a pad byte; each TCP segment of at most MTU - 52 bytes (lo's
MTU is 65536) carries 20 bytes of IP, 32 of TCP with timestamps and the
14-byte Ethernet header netem counts on lo.  The requests (replies) go
the other way, which has its own rate (guest.sh).
Exit status 0 when every workload ran through every client (cifs may fail
to mount impacket's server; smbnetfs's failures are reported, not
judged), every data check passed (smb1fs's, and cifs's of the writes)
and no sequential read over a shaped link went faster than the link
(3 % margin); 1 with a list of what is wrong otherwise.  Missed targets
do not fail.
"""
import csv
import html
import json
import math
import os
import statistics
import sys

WORKLOADS = ["seq", "par4", "cat", "ls", "stat", "rand", "seqw", "tarx",
             "impacket"]
PROFILES = ["lo", "lan", "wifi"]
# The workloads that write: their data check compares the server's copy
# with the source after every run of smb1fs, cifs and smbnetfs.
WRITES = {"seqw", "tarx"}
# The workloads whose throughput and CPU per GiB are reported.
STREAMS = {"seq": "read", "seqw": "write"}
CLIENTS = ["local", "smb1fs", "cifs", "smbnetfs", "smbclient"]
# smb1fs time / cifs time that smb1fs aims at, per workload, in every
# profile (seq and seqw over a shaped link: the fraction of the link
# instead, LINK_TARGET; rand there: RAND_LINK).
TARGETS = {"seq": 0.80, "par4": 0.80, "cat": 0.40, "ls": 0.30,
           "stat": 0.40, "rand": 0.80, "seqw": 1.00, "tarx": 0.50,
           "impacket": 1.00}
LINK_TARGET = 0.95
RAND_LINK = 1.00
# smb1fs CPU per GiB / cifs CPU per GiB (seq, seqw; lo)
CPU_TARGET = 0.80
# a sequential read faster than the link by more than this: no shaping
LINK_MARGIN = 1.03
# Clients allowed to fail in a workload without failing the benchmark.
MAY_FAIL = {("impacket", "cifs")}
NOT_JUDGED = {"smbnetfs"}
COLORS = {"local": "#9e9e9e", "smb1fs": "#1f77b4", "cifs": "#ff7f0e",
          "smbnetfs": "#9467bd", "smbclient": "#2ca02c"}
MET, MISSED = "#2e7d32", "#c62828"
# max/min of a client's runs beyond which its median is flagged as noisy
NOISY = 1.5
GIB = 1 << 30
MIB = 1 << 20
# the wire model of the physical limit (see above)
IO_SIZE = MIB
NETBIOS, SMB_HDR = 4, 32
READ_REPLY_HDR = NETBIOS + SMB_HDR + 1 + 12 * 2 + 2 + 1
WRITE_REQ_HDR = NETBIOS + SMB_HDR + 1 + 14 * 2 + 2 + 1
SEG_HDR = 14 + 20 + 32
SEG_OPTS = 12


def read_tsv(path):
    rows = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if line:
                    rows.append(line.split("\t"))
    except FileNotFoundError:
        pass
    return rows


def read_meta(path):
    meta = {}
    for r in read_tsv(path):
        if len(r) >= 2:
            meta[r[0]] = r[1]
    return meta


def mbps(nbytes, t):
    """Throughput in MB/s (10^6 bytes a second), or None."""
    return nbytes / 1e6 / t if nbytes and t else None


def fmt(t):
    if t is None:
        return "-"
    if t < 1:
        return "%.3f" % t
    if t < 10:
        return "%.2f" % t
    if t < 100:
        return "%.1f" % t
    return "%.0f" % t


def link_limit(rate_bit, mtu, kind):
    """Payload bytes a second a stream of 1 MiB reads or writes can move
    over a link of rate_bit, or None without shaping."""
    if not rate_bit:
        return None
    mss = mtu - 40 - SEG_OPTS
    msg = IO_SIZE + (READ_REPLY_HDR if kind == "read" else WRITE_REQ_HDR)
    wire = msg + SEG_HDR * math.ceil(msg / mss)
    return rate_bit / 8.0 * IO_SIZE / wire


def link_text(p):
    if not p["rate_bit"]:
        return "no shaping (loopback, the emulated CPUs are the limit)"
    return ("%g Mbit/s, %g ms each way (%g ms round trip), each direction "
            "on its own" % (p["rate_bit"] / 1e6, p["delay_us"] / 1000.0,
                            2 * p["delay_us"] / 1000.0))


def collect_profile(raw, name):
    d = os.path.join(raw, name)
    meta = read_meta(os.path.join(d, "meta.tsv"))
    samples, failures = {}, {}
    for r in read_tsv(os.path.join(d, "samples.tsv")):
        if len(r) < 4:
            continue
        key = (r[0], r[1])
        if r[3] == "fail":
            failures.setdefault(key, []).append(r[4] if len(r) > 4 else "?")
        else:
            try:
                samples.setdefault(key, []).append(float(r[3]))
            except ValueError:
                failures.setdefault(key, []).append("bad sample " + r[3])
    cpu = {}
    for r in read_tsv(os.path.join(d, "cpu.tsv")):
        if len(r) >= 5:
            try:
                cpu.setdefault((r[0], r[1]), []).append((int(r[3]), int(r[4])))
            except ValueError:
                pass
    verify = {}
    for r in read_tsv(os.path.join(d, "verify.tsv")):
        if len(r) >= 3:
            # a write is checked after every run: the first failure stays
            old = verify.get((r[0], r[1]))
            if old is not None and not old["ok"]:
                continue
            verify[(r[0], r[1])] = {"ok": r[2] == "ok",
                                    "detail": r[3] if len(r) > 3 else ""}
    mem = {}
    for r in read_tsv(os.path.join(d, "mem.tsv")):
        if len(r) == 4:
            try:
                mem.setdefault(r[0], {}).setdefault(r[1], {})[r[2]] = int(r[3])
            except ValueError:
                pass
    try:
        with open(os.path.join(d, "slab.txt"), encoding="utf-8",
                  errors="replace") as f:
            slab = f.read()
    except FileNotFoundError:
        slab = ""
    return {"name": name, "meta": meta, "samples": samples,
            "failures": failures, "cpu": cpu, "verify": verify, "mem": mem,
            "slab": slab}


def collect(raw):
    meta = read_meta(os.path.join(raw, "meta.tsv"))
    # written by bench.sh on the host, around the VM run
    meta.update(read_meta(os.path.join(raw, "host.tsv")))
    profiles = [collect_profile(raw, p)
                for p in meta.get("profiles", "").split()]
    return meta, profiles


def num(meta, key, default=0):
    try:
        return int(meta.get(key, ""))
    except ValueError:
        return default


def spread(vals):
    if not vals:
        return {"median": None, "min": None, "max": None}
    return {"median": statistics.median(vals), "min": min(vals),
            "max": max(vals)}


def analyse_profile(gmeta, pr, problems, notes):
    """The entries of one profile's workloads; appends to problems."""
    meta = pr["meta"]
    name = pr["name"]
    hz = num(gmeta, "clk_tck", 100) or 100
    rate = num(meta, "rate_bit")
    mtu = num(meta, "mtu", 65536) or 65536
    info = {"name": name, "rate_bit": rate, "delay_us": num(meta, "delay_us"),
            "mtu": mtu, "limit": {}, "netem": None,
            "runs_seconds": num(meta, "runs_seconds", None)}
    for kind in ("read", "write"):
        info["limit"][kind] = link_limit(rate, mtu, kind)
    if rate:
        info["netem"] = {"ok": meta.get("netem_ok") == "1",
                         "sent_to_clients": num(meta, "netem_sent_down"),
                         "sent_to_servers": num(meta, "netem_sent_up")}
        if "netem_ok" not in meta:
            # the profile's run ended (VM time limit) before its check
            info["netem"]["unchecked"] = True
            problems.append("%s: the run ended before the link check: no "
                            "netem counters (raise BENCH_VM_TIMEOUT)" % name)
        elif not info["netem"]["ok"]:
            problems.append("%s: LINK SHAPING NOT ACTIVE: netem sent %d bytes "
                            "to the clients, %d to the servers (tc.txt)"
                            % (name, info["netem"]["sent_to_clients"],
                               info["netem"]["sent_to_servers"]))
    if not meta:
        problems.append("%s: no results (meta.tsv missing or empty)" % name)
    planned = meta.get("workloads", "").split()
    out = []
    for wl in WORKLOADS:
        if wl not in planned:
            continue
        clients = meta.get("clients." + wl, "local smb1fs cifs").split()
        entry = {"id": wl, "label": meta.get("label." + wl, wl),
                 "short": meta.get("short." + wl, wl), "clients": {}}
        shaped_stream = bool(rate) and wl in STREAMS
        if shaped_stream:
            entry["target"] = None
        elif rate and wl == "rand":
            entry["target"] = RAND_LINK
        else:
            entry["target"] = TARGETS[wl]
        nbytes = num(meta, "bytes." + wl, None) if wl in STREAMS else None
        entry["bytes"] = nbytes
        limit = info["limit"][STREAMS[wl]] if wl in STREAMS else None
        entry["limit_bytes_per_s"] = limit
        entry["limit_seconds"] = nbytes / limit if nbytes and limit else None
        for cl in clients:
            s = pr["samples"].get((wl, cl), [])
            fl = pr["failures"].get((wl, cl), [])
            c = {"samples": s, "failures": fl, "runs": len(s)}
            c.update(spread(s))
            if nbytes:
                c["mb_per_s"] = mbps(nbytes, c["median"])
                c["mb_per_s_min_max"] = [mbps(nbytes, c["max"]),
                                         mbps(nbytes, c["min"])]
                c["fraction_of_limit"] = (nbytes / c["median"] / limit
                                          if limit and c["median"] else None)
                # the shaping check: no run faster than the link
                if rate and cl != "local":
                    for t in s:
                        r = nbytes / t
                        if r > rate / 8.0 * LINK_MARGIN:
                            problems.append(
                                "%s: %s %s moved %.2f MB/s, faster than the "
                                "link (%.2f MB/s): THE SHAPING DOES NOT WORK"
                                % (name, wl, cl, r / 1e6, rate / 8e6))
                ticks = pr["cpu"].get((wl, cl), [])
                if ticks:
                    gib = nbytes / GIB
                    client = [(b - sm) / hz / gib for b, sm in ticks]
                    smbd = [sm / hz / gib for b, sm in ticks]
                    c["cpu_s_per_gib"] = spread(client)
                    c["cpu_s_per_gib"]["samples"] = client
                    c["smbd_cpu_s_per_gib"] = spread(smbd)
                else:
                    c["cpu_s_per_gib"] = None
                    c["smbd_cpu_s_per_gib"] = None
            entry["clients"][cl] = c
            may_fail = (wl, cl) in MAY_FAIL or cl in NOT_JUDGED
            if not s:
                if may_fail and fl:
                    if cl in NOT_JUDGED:
                        notes.append("%s: %s: %s failed (%s)"
                                     % (name, wl, cl, fl[0]))
                elif fl:
                    problems.append("%s: %s: %s failed (%s)"
                                    % (name, wl, cl, fl[0]))
                elif cl in NOT_JUDGED:
                    notes.append("%s: %s: %s never ran" % (name, wl, cl))
                else:
                    problems.append("%s: %s: %s never ran" % (name, wl, cl))
            elif fl:
                msg = ("%s: %s: %s failed %d of %d runs (%s)"
                       % (name, wl, cl, len(fl), len(fl) + len(s), fl[0]))
                (notes if may_fail else problems).append(msg)
        entry["verify"] = {cl: v for (w, cl), v in pr["verify"].items()
                           if w == wl}
        for cl in ("smb1fs", "cifs") if wl in WRITES else ("smb1fs",):
            if cl in clients and pr["verify"].get((wl, cl)) is None:
                problems.append("%s: %s: the %s data check did not run"
                                % (name, wl, cl))
        for cl, v in entry["verify"].items():
            if not v["ok"]:
                (notes if cl in NOT_JUDGED else problems).append(
                    "%s: %s: %s DATA CHECK FAILED: %s"
                    % (name, wl, cl, v["detail"]))
        # the ratio: smb1fs against cifs, or against smbclient where cifs
        # cannot mount the server (impacket)
        sm = entry["clients"].get("smb1fs", {}).get("median")
        ref, refname = None, None
        for cand in ("cifs", "smbclient") if wl == "impacket" else ("cifs",):
            m = entry["clients"].get(cand, {}).get("median")
            if m:
                ref, refname = m, cand
                break
        entry["ratio_against"] = refname
        entry["ratio"] = sm / ref if sm is not None and ref else None
        loc = entry["clients"].get("local", {}).get("median")
        entry["ratio_local"] = sm / loc if sm is not None and loc else None
        sn = entry["clients"].get("smbnetfs", {}).get("median")
        entry["ratio_smbnetfs"] = sm / sn if sm is not None and sn else None
        if entry["ratio"] is None or entry["target"] is None:
            entry["met"] = None
        else:
            entry["met"] = entry["ratio"] <= entry["target"]
        note = ""
        if wl == "impacket" and "cifs" in entry["clients"] and \
                entry["clients"]["cifs"]["median"] is None:
            why = (entry["clients"]["cifs"]["failures"] or ["did not run"])[0]
            note = "cifs fails to mount impacket's server (%s)" % why
            if refname:
                note += "; ratio against %s instead" % refname
        entry["note"] = note
        # a wide spread: the host was busy with something else
        entry["noisy"] = [cl for cl in ("smb1fs", "cifs")
                          if cl in entry["clients"]
                          and entry["clients"][cl]["runs"] > 1
                          and entry["clients"][cl]["min"] > 0
                          and entry["clients"][cl]["max"]
                          > NOISY * entry["clients"][cl]["min"]]
        out.append(entry)
    info["workloads"] = out
    return info


def targets(profiles):
    """The targets of the issue, one row each: per profile and workload
    smb1fs/cifs (or the fraction of the link, or the CPU ratio) and
    smb1fs/smbnetfs."""
    rows = []

    def add(p, e, what, value, target, op, against=None):
        if value is None:
            met = None
        elif op == "<=":
            met = value <= target
        elif op == "<":
            met = value < target
        else:
            met = value >= target
        rows.append({"profile": p["name"], "workload": e["id"],
                     "short": e["short"], "what": what, "value": value,
                     "target": target, "op": op, "met": met,
                     "against": against})

    for p in profiles:
        for e in p["workloads"]:
            if e["target"] is not None:
                add(p, e, "smb1fs/%s time" % (e["ratio_against"] or "cifs"),
                    e["ratio"], e["target"], "<=")
            if p["rate_bit"] and e["id"] in STREAMS:
                c = e["clients"].get("smb1fs", {})
                add(p, e, "smb1fs of the link's limit",
                    c.get("fraction_of_limit"), LINK_TARGET, ">=")
            if not p["rate_bit"] and e["id"] in STREAMS:
                a = (e["clients"].get("smb1fs", {}).get("cpu_s_per_gib")
                     or {}).get("median")
                b = (e["clients"].get("cifs", {}).get("cpu_s_per_gib")
                     or {}).get("median")
                add(p, e, "smb1fs/cifs client CPU per GiB",
                    a / b if a is not None and b else None, CPU_TARGET, "<=")
            if "smbnetfs" in e["clients"]:
                add(p, e, "smb1fs/smbnetfs time", e["ratio_smbnetfs"], 1.0,
                    "<")
    return rows


def cell(c):
    if c is None:
        return "-"
    if c["median"] is None:
        return "fails" if c["failures"] else "-"
    if c["runs"] == 1:
        t = fmt(c["median"])
    else:
        t = "%s (%s-%s)" % (fmt(c["median"]), fmt(c["min"]), fmt(c["max"]))
    if c["failures"]:
        t += " [%d failed]" % len(c["failures"])
    return t


def table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, r in enumerate(rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def present(entries):
    return [c for c in CLIENTS if any(c in e["clients"] for e in entries)]


def memory_lines(mem, slab):
    lines = []
    for cl in ("smb1fs", "cifs", "smbnetfs"):
        m = mem.get(cl)
        if not m:
            continue
        b, a = m.get("before", {}), m.get("after", {})
        parts = []
        for d in (b, a):
            if "Cached_kB" in d and "Shmem_kB" in d:
                d["PageCache_kB"] = d["Cached_kB"] - d["Shmem_kB"]
        for k in ("Slab_kB", "SUnreclaim_kB", "PageCache_kB", "MemFree_kB"):
            if k in b and k in a:
                parts.append("%s %d -> %d (%+d)" % (k[:-3], b[k], a[k], a[k] - b[k]))
        lines.append("  %-8s %s" % (cl, "; ".join(parts)))
        for k in sorted(a):
            if k.startswith("slab_") and k.endswith("_objs"):
                lines.append("           %s: %d objects (before %d)"
                             % (k[5:-5], a[k], b.get(k, 0)))
    if slab:
        lines.append("")
        lines += ["  " + l if l else "" for l in slab.rstrip().split("\n")]
    return lines


def profile_text(p, pr):
    entries = p["workloads"]
    lines = ["=" * 72,
             "Profile %s: %s" % (p["name"], link_text(p))]
    if p["rate_bit"]:
        n = p["netem"] or {}
        state = "active" if n.get("ok") else "NOT ACTIVE"
        if n.get("unchecked"):
            state = "not checked (the run was cut short)"
        lines.append("netem %s: %d bytes sent to the clients, %d to the "
                     "servers; lo MTU %d"
                     % (state,
                        n.get("sent_to_clients", 0), n.get("sent_to_servers", 0),
                        p["mtu"]))
        lines.append("physical limit (1 MiB READ_ANDX / WRITE_ANDX, NetBIOS, "
                     "SMB, TCP/IP and Ethernet headers): read %.3f MB/s, "
                     "write %.3f MB/s, of %.3f MB/s on the wire"
                     % (p["limit"]["read"] / 1e6, p["limit"]["write"] / 1e6,
                        p["rate_bit"] / 8e6))
    lines.append("")
    lines.append("Time in seconds, median (min-max) of the repetitions; "
                 "lower is better.")
    cls = present(entries)
    rows = [["workload"] + cls]
    for e in entries:
        rows.append([e["label"]] + [cell(e["clients"].get(c)) for c in cls])
    lines += table(rows)
    tput = [e for e in entries if e["bytes"]]
    if tput:
        lines.append("")
        if p["rate_bit"]:
            lines.append("Throughput in MB/s (10^6 bytes a second) from the "
                         "median time, and its fraction of the physical "
                         "limit; higher is better.")
        else:
            lines.append("Throughput in MB/s (10^6 bytes a second) from the "
                         "median time; higher is better.")
        tc = [c for c in present(tput)]
        rows = [["workload"] + tc]
        for e in tput:
            row = [e["label"]]
            for cl in tc:
                c = e["clients"].get(cl, {})
                r = c.get("mb_per_s")
                if r is None:
                    row.append("-")
                elif c.get("fraction_of_limit") is not None and cl != "local":
                    row.append("%.2f (%.1f %%)" % (r, 100 * c["fraction_of_limit"]))
                else:
                    row.append("%.2f" % r)
            rows.append(row)
        lines += table(rows)
        cpu = [e for e in tput if any(c.get("cpu_s_per_gib")
                                      for c in e["clients"].values())]
        if cpu:
            lines.append("")
            lines.append("Client CPU: CPU seconds of the guest per GiB moved, "
                         "less smbd's (its own in brackets), median of the "
                         "runs; lower is better.  smbclient's include its "
                         "start-up and login.")
            rows = [["workload"] + tc]
            for e in cpu:
                row = [e["label"]]
                for cl in tc:
                    c = e["clients"].get(cl, {})
                    v = (c.get("cpu_s_per_gib") or {}).get("median")
                    sv = (c.get("smbd_cpu_s_per_gib") or {}).get("median")
                    row.append("-" if v is None else
                               "%.2f (%.2f)" % (v, sv or 0.0))
                rows.append(row)
            lines += table(rows)
    lines.append("")
    lines.append("smb1fs time / cifs time (lower is better), against the "
                 "target; smb1fs time / smbnetfs time:")
    rows = [["workload", "smb1fs/cifs", "target", "result", "smb1fs/local",
             "smb1fs/smbnetfs", "smb1fs data check", "spread"]]
    for e in entries:
        if e["ratio"] is None:
            r = "-"
        else:
            r = "%.2f" % e["ratio"]
            if e["ratio_against"] != "cifs":
                r += " (vs %s)" % e["ratio_against"]
        if e["target"] is None:
            tg, res = "link", "see below"
        else:
            tg = "%.2f" % e["target"]
            res = "n/a" if e["met"] is None else ("met" if e["met"] else "MISSED")
        v = e["verify"].get("smb1fs")
        vs = "not run" if v is None else ("ok" if v["ok"] else "FAILED")
        rows.append([e["short"], r, tg, res,
                     "-" if e["ratio_local"] is None else
                     "%.1f" % e["ratio_local"],
                     "-" if e["ratio_smbnetfs"] is None else
                     "%.2f" % e["ratio_smbnetfs"], vs,
                     "noisy (%s)" % ", ".join(e["noisy"]) if e["noisy"]
                     else "ok"])
    lines += table(rows)
    for e in entries:
        if e["note"]:
            lines.append("note (%s): %s" % (e["short"], e["note"]))
    if any(e["noisy"] for e in entries):
        lines.append("noisy: the slowest run of that client took more than "
                     "%.1f times its fastest; run again on a quieter host, or "
                     "with more repetitions (BENCH_REPS)" % NOISY)
    lines.append("")
    lines.append("Data checks:")
    for e in entries:
        for cl, v in sorted(e["verify"].items()):
            lines.append("  %-10s %-8s %s  %s" % (e["id"], cl,
                         "ok " if v["ok"] else "BAD", v["detail"]))
    mem = memory_lines(pr["mem"], pr["slab"])
    if mem:
        lines.append("")
        lines.append("Memory around the last parallel run (kB; before = "
                     "mounted, caches dropped; after = the readers done, "
                     "still mounted; PageCache = Cached - Shmem, without the "
                     "tmpfs export):")
        lines += mem
    lines.append("")
    return lines


def target_value(t):
    if t["value"] is None:
        return "-"
    if t["op"] == ">=":
        return "%.1f %%" % (100 * t["value"])
    return "%.2f" % t["value"]


def target_goal(t):
    if t["op"] == ">=":
        return ">= %.0f %%" % (100 * t["target"])
    return "%s %.2f" % (t["op"], t["target"])


def text_report(meta, profiles, prs, trows, problems, notes):
    lines = []
    lines.append("smb1fs benchmark%s: kernel %s, Samba %s, %s CPUs, %s MiB"
                 % (" (QUICK MODE: small sizes, not comparable)"
                    if meta.get("quick") == "1" else "",
                    meta.get("kernel", "?"), meta.get("samba", "?"),
                    meta.get("cpus", "?"), meta.get("mem_mib", "?")))
    lines.append("%s; %s repetition(s) of each cold run; profiles %s; "
                 "smb1fs module %s"
                 % (meta.get("date", "?"), meta.get("reps", "?"),
                    meta.get("profiles", "?"),
                    meta.get("smb1fs_srcversion", "?")))
    lines.append("mount options: smb1fs %s; cifs %s"
                 % (meta.get("smb1fs_opts", "?"), meta.get("cifs_opts", "?")))
    if meta.get("smbnetfs_skipped"):
        lines.append("smbnetfs: SKIPPED: %s" % meta["smbnetfs_skipped"])
    else:
        lines.append("smbnetfs %s (FUSE, libsmbclient, NT1)"
                     % meta.get("smbnetfs", "?"))
    if "host_load_before" in meta:
        lines.append("host: %s CPUs, load average before the run %s, after "
                     "it %s (other load makes the emulated guest uneven)"
                     % (meta.get("host_cpus", "?"), meta["host_load_before"],
                        meta.get("host_load_after", "?")))
    lines.append("")
    for p, pr in zip(profiles, prs):
        lines += profile_text(p, pr)
    lines.append("=" * 72)
    lines.append("Targets (smb1fs/cifs times per workload and profile; the "
                 "sequential read and write over lan and wifi as a fraction "
                 "of the link's physical limit; the client CPU per GiB in "
                 "lo; faster than smbnetfs everywhere):")
    rows = [["profile", "workload", "measure", "value", "target", "result"]]
    for t in trows:
        rows.append([t["profile"], t["short"], t["what"], target_value(t),
                     target_goal(t), "n/a" if t["met"] is None else
                     ("met" if t["met"] else "MISSED")])
    if len(rows) > 1:
        lines += table(rows)
    met = sum(1 for t in trows if t["met"])
    judged = sum(1 for t in trows if t["met"] is not None)
    lines.append("targets met: %d of %d" % (met, judged))
    lines.append("")
    if notes:
        lines.append("NOTES (not judged):")
        lines += ["  " + n for n in notes]
    if problems:
        lines.append("PROBLEMS:")
        lines += ["  " + p for p in problems]
    else:
        lines.append("complete: every workload ran through every client; "
                     "every data check passed%s"
                     % ("; the shaping was seen working"
                        if any(p["rate_bit"] for p in profiles) else ""))
    return "\n".join(lines) + "\n"


# --- the chart -------------------------------------------------------------

def axis(v, ticks=4):
    """A round step and the top of an axis from 0 to at least v, with at
    most ticks + 1 grid lines."""
    if v <= 0:
        v = 1.0
    e = 10 ** math.floor(math.log10(v / ticks))
    for m in (1, 2, 2.5, 5, 10):
        step = m * e
        if step * ticks >= v:
            break
    n = math.ceil(v / step - 1e-9)
    return step, step * n


def tick_label(v, step):
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if step * 10 ** decimals != round(step * 10 ** decimals):
        decimals += 1
    return "%.*f" % (decimals, v)


class Svg:
    def __init__(self):
        self.parts = []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, size=11, anchor="start", color="#222",
             weight="normal", extra=""):
        self.add('<text x="%.1f" y="%.1f" font-size="%s" text-anchor="%s" '
                 'fill="%s" font-weight="%s"%s>%s</text>'
                 % (x, y, size, anchor, color, weight, extra, html.escape(s)))

    def rect(self, x, y, w, h, color, extra="", title=None):
        r = ('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"%s'
             % (x, y, max(w, 0), max(h, 0), color, extra))
        if title:
            self.add(r + "><title>%s</title></rect>" % html.escape(title))
        else:
            self.add(r + "/>")

    def line(self, x1, y1, x2, y2, color="#222", width=1, extra=""):
        self.add('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" '
                 'stroke-width="%s"%s/>' % (x1, y1, x2, y2, color, width, extra))


def panel(svg, x0, y0, w, h, e):
    clients = [c for c in CLIENTS if c in e["clients"]]
    svg.rect(x0, y0, w, h, "#fafafa", ' stroke="#ddd"')
    svg.text(x0 + 8, y0 + 17, e["short"], size=13, weight="bold")
    v = e["verify"].get("smb1fs")
    if v is None or not v["ok"]:
        svg.text(x0 + w - 8, y0 + 17, "data check %s"
                 % ("missing" if v is None else "FAILED"), size=9.5,
                 anchor="end", color=MISSED, weight="bold")
    else:
        svg.text(x0 + w - 8, y0 + 17, "data ok", size=9.5, anchor="end",
                 color=MET)
    if e["target"] is None:
        c = e["clients"].get("smb1fs", {})
        f = c.get("fraction_of_limit")
        if f is None:
            svg.text(x0 + 8, y0 + 33, "no value (target %.0f %% of the link)"
                     % (100 * LINK_TARGET), size=10.5, color="#666")
        else:
            ok = f >= LINK_TARGET
            svg.text(x0 + 8, y0 + 33, "smb1fs %.1f %% of the link, target "
                     "%.0f %%: %s" % (100 * f, 100 * LINK_TARGET,
                                     "met" if ok else "missed"),
                     size=10, color=MET if ok else MISSED, weight="bold")
    elif e["ratio"] is not None:
        color = MET if e["met"] else MISSED
        sub = "smb1fs/%s %.2f, target %.2f: %s" % (
            e["ratio_against"], e["ratio"], e["target"],
            "met" if e["met"] else "missed")
        # about 6.4 px a character at 10.5 px, bold
        size = min(10.5, 10.5 * (w - 16) / (6.4 * len(sub)))
        svg.text(x0 + 8, y0 + 33, sub, size="%.1f" % size, color=color,
                 weight="bold")
    else:
        svg.text(x0 + 8, y0 + 33, "no ratio (target %.2f)" % e["target"],
                 size=10.5, color="#666")
    left, right, top, bottom = x0 + 44, x0 + w - 10, y0 + 50, y0 + h - 24
    if e["bytes"]:
        # room for the throughput above the time of each bar
        top += 12
    vmax = max([c["max"] for c in e["clients"].values() if c["max"]]
               + [e.get("limit_seconds") or 0] or [1])
    step, ymax = axis(vmax * 1.08)

    def ypos(v):
        return bottom - (bottom - top) * v / ymax

    for i in range(int(round(ymax / step)) + 1):
        v = step * i
        y = ypos(v)
        svg.line(left, y, right, y, "#e4e4e4")
        svg.text(left - 4, y + 3.5, tick_label(v, step), size=9, anchor="end",
                 color="#555")
    svg.text(x0 + 10, (top + bottom) / 2, "seconds", size=9, anchor="middle",
             color="#555", extra=' transform="rotate(-90 %.1f %.1f)"'
             % (x0 + 10, (top + bottom) / 2))
    slot = (right - left) / max(len(clients), 1)
    bw = slot * 0.62
    for i, cl in enumerate(clients):
        c = e["clients"][cl]
        cx = left + slot * (i + 0.5)
        if c["failures"] and c["median"] is not None:
            svg.text(cx, bottom + 13, "%s (%d failed)" % (cl, len(c["failures"])),
                     size=8.5, anchor="middle", color=MISSED)
        else:
            svg.text(cx, bottom + 13, cl, size=9.5, anchor="middle")
        if c["median"] is None:
            svg.text(cx, bottom - 6, "fails" if c["failures"] else "-",
                     size=10, anchor="middle", color=MISSED, weight="bold")
            continue
        y = ypos(c["median"])
        svg.rect(cx - bw / 2, y, bw, bottom - y, COLORS[cl],
                 title="%s, %s: median %s s, min %s s, max %s s, %d run(s)"
                 % (e["short"], cl, fmt(c["median"]), fmt(c["min"]),
                    fmt(c["max"]), c["runs"]))
        if c["runs"] > 1 and c["max"] > c["min"]:
            y1, y2 = ypos(c["min"]), ypos(c["max"])
            svg.line(cx, y1, cx, y2, "#222", 1.2)
            svg.line(cx - 4, y1, cx + 4, y1, "#222", 1.2)
            svg.line(cx - 4, y2, cx + 4, y2, "#222", 1.2)
            ty = y2 - 4
        else:
            ty = y - 4
        svg.text(cx, max(ty, top - 2), fmt(c["median"]), size=9.5,
                 anchor="middle")
        if c.get("mb_per_s"):
            r = c["mb_per_s"]
            svg.text(cx, max(ty, top - 2) - 11, "%s MB/s"
                     % ("%.1f" % r if r < 10 else "%.0f" % r), size=9,
                     anchor="middle", color="#444")
    if e.get("limit_seconds"):
        y = ypos(e["limit_seconds"])
        svg.line(left, y, right, y, MISSED, 1.2, ' stroke-dasharray="5 3"')
        svg.text(right, y - 3, "link limit %s s" % fmt(e["limit_seconds"]),
                 size=8.5, anchor="end", color=MISSED)
    svg.line(left, bottom, right, bottom, "#444")


def ratio_chart(svg, x0, y0, w, entries, title):
    rows = [e for e in entries]
    row_h = 26
    left, right = x0 + 170, x0 + w - 120
    vals = [e["ratio"] for e in rows if e["ratio"] is not None]
    # beyond 4 the bar is cut (its label says the value)
    step, xmax = axis(min(max(vals + [t["target"] for t in rows
                                      if t["target"] is not None]
                              + [1.0]) * 1.05, 4.0))

    def xpos(v):
        return left + (right - left) * min(v, xmax) / xmax

    svg.text(x0, y0 + 14, title, size=13, weight="bold")
    top = y0 + 28
    bottom = top + row_h * len(rows)
    for i in range(int(round(xmax / step)) + 1):
        v = step * i
        x = xpos(v)
        svg.line(x, top, x, bottom, "#e4e4e4")
        svg.text(x, bottom + 13, tick_label(v, step), size=9, anchor="middle",
                 color="#555")
    x1 = xpos(1.0)
    svg.line(x1, top - 2, x1, bottom, "#555", 1, ' stroke-dasharray="4 3"')
    for n, e in enumerate(rows):
        y = top + n * row_h
        svg.text(left - 8, y + row_h / 2 + 4, e["short"], size=11, anchor="end")
        if e["ratio"] is None:
            svg.text(left + 4, y + row_h / 2 + 4, "no ratio: " +
                     ("cifs fails" if e["note"] else "missing data"),
                     size=10.5, color="#666")
        else:
            color = "#777" if e["met"] is None else (MET if e["met"] else MISSED)
            svg.rect(left, y + 5, xpos(e["ratio"]) - left, row_h - 10, color)
            label = "%.2f%s" % (e["ratio"], "" if e["ratio_against"] == "cifs"
                                else " vs " + e["ratio_against"])
            # right of the bar and of the target tick
            lx = xpos(e["ratio"])
            if e["target"] is not None:
                lx = max(lx, xpos(e["target"]) + 1)
            svg.text(lx + 5, y + row_h / 2 + 4, label, size=10.5)
        if e["target"] is None:
            f = e["clients"].get("smb1fs", {}).get("fraction_of_limit")
            txt = "link %s" % ("-" if f is None else "%.0f %%" % (100 * f))
            ok = f is not None and f >= LINK_TARGET
            svg.text(right + 60, y + row_h / 2 + 4, txt, size=10.5,
                     anchor="middle", color="#666" if f is None else
                     (MET if ok else MISSED))
            continue
        xt = xpos(e["target"])
        svg.line(xt, y + 2, xt, y + row_h - 2, "#000", 2.5)
        res = "-" if e["met"] is None else ("met" if e["met"] else "missed")
        svg.text(right + 60, y + row_h / 2 + 4, "target %.2f %s"
                 % (e["target"], res), size=10.5, anchor="middle",
                 color="#666" if e["met"] is None else
                 (MET if e["met"] else MISSED))
    svg.line(left, top, left, bottom, "#444")
    return bottom + 22


def svg_report(meta, profiles, problems):
    svg = Svg()
    cols, pw, ph, gap, margin = 4, 290, 230, 12, 16
    width = margin * 2 + cols * pw + (cols - 1) * gap
    quick = meta.get("quick") == "1"
    svg.text(margin, 26, "smb1fs vs cifs (vers=1.0), smbnetfs, smbclient and "
             "the local export%s" % (" - QUICK MODE (small sizes)" if quick
                                     else ""), size=17, weight="bold")
    svg.text(margin, 45, "kernel %s, Samba %s, %s repetition(s) per client, "
             "cold caches; bars: median time, whiskers: min-max; %s"
             % (meta.get("kernel", "?"), meta.get("samba", "?"),
                meta.get("reps", "?"), meta.get("date", "?")), size=11,
             color="#444")
    status = ("all data checks passed, every client ran"
              if not problems else "PROBLEMS: " + "; ".join(problems)[:150])
    svg.text(margin, 61, status, size=11, color=MET if not problems else MISSED,
             weight="bold")
    # the legend
    desc = {"local": "the exported directory (ceiling)",
            "smb1fs": "this module",
            "cifs": "kernel cifs, vers=1.0",
            "smbnetfs": "FUSE, libsmbclient" +
                        (" (skipped)" if meta.get("smbnetfs_skipped") else ""),
            "smbclient": "Samba's smbclient, NT1"}
    x = margin
    for cl in CLIENTS:
        svg.rect(x, 70, 12, 12, COLORS[cl])
        label = "%s: %s" % (cl, desc[cl])
        svg.text(x + 16, 80, label, size=10.5)
        x += 24 + 5.6 * len(label)
    y = 96
    for p in profiles:
        entries = p["workloads"]
        svg.rect(margin, y, width - 2 * margin, 26, "#eceff1")
        svg.text(margin + 8, y + 18, "Profile %s: %s" % (p["name"], link_text(p)),
                 size=14, weight="bold")
        if p["rate_bit"]:
            svg.text(width - margin - 8, y + 18,
                     "physical limit: read %.2f MB/s, write %.2f MB/s"
                     % (p["limit"]["read"] / 1e6, p["limit"]["write"] / 1e6),
                     size=11, anchor="end", color="#444")
        y += 34
        for n, e in enumerate(entries):
            r, c = divmod(n, cols)
            panel(svg, margin + c * (pw + gap), y + r * (ph + gap), pw, ph, e)
        rows = (len(entries) + cols - 1) // cols
        y += rows * (ph + gap) + 6
        y = ratio_chart(svg, margin, y, width - 2 * margin, entries,
                        "%s: smb1fs time / cifs time per workload (lower is "
                        "better; black tick: target, dashed: parity)"
                        % p["name"]) + 14
    head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" font-family="DejaVu Sans, Arial, sans-serif">'
            '<rect width="100%%" height="100%%" fill="white"/>'
            % (width, y, width, y))
    return head + "\n" + "\n".join(svg.parts) + "\n</svg>\n"


def csv_rows(profiles):
    yield ["profile", "workload", "label", "client", "runs", "failures",
           "median_s", "min_s", "max_s", "ratio_smb1fs_vs", "ratio", "target",
           "target_met", "data_check", "mb_per_s", "fraction_of_limit",
           "cpu_s_per_gib", "smbd_cpu_s_per_gib"]

    def f4(v):
        return "" if v is None else "%.4f" % v

    for p in profiles:
        for e in p["workloads"]:
            for cl, c in e["clients"].items():
                v = e["verify"].get(cl)
                mine = cl == "smb1fs"
                yield [p["name"], e["id"], e["label"], cl, c["runs"],
                       len(c["failures"]), f4(c["median"]), f4(c["min"]),
                       f4(c["max"]),
                       (e["ratio_against"] or "") if mine else "",
                       f4(e["ratio"]) if mine else "",
                       "%.2f" % e["target"] if mine and e["target"] else "",
                       "" if not mine or e["met"] is None else
                       ("yes" if e["met"] else "no"),
                       "" if v is None else ("ok" if v["ok"] else "BAD"),
                       f4(c.get("mb_per_s")), f4(c.get("fraction_of_limit")),
                       f4((c.get("cpu_s_per_gib") or {}).get("median")),
                       f4((c.get("smbd_cpu_s_per_gib") or {}).get("median"))]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    raw, outdir = sys.argv[1], sys.argv[2]
    meta, prs = collect(raw)
    problems, notes = [], []
    if not meta:
        problems.append("no results at all (meta.tsv missing or empty)")
    elif not prs:
        problems.append("no profile ran (meta.tsv names none)")
    profiles = [analyse_profile(meta, pr, problems, notes) for pr in prs]
    trows = targets(profiles)
    os.makedirs(outdir, exist_ok=True)
    txt = text_report(meta, profiles, prs, trows, problems, notes)
    with open(os.path.join(outdir, "results.txt"), "w") as f:
        f.write(txt)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump({"meta": meta,
                   "limit_model": {
                       "io_size": IO_SIZE,
                       "read_reply_header": READ_REPLY_HDR,
                       "write_request_header": WRITE_REQ_HDR,
                       "segment_header": SEG_HDR,
                       "mss": "mtu - 40 - %d" % SEG_OPTS},
                   "profiles": [dict(p, memory=pr["mem"], slab=pr["slab"],
                                     meta=pr["meta"])
                                for p, pr in zip(profiles, prs)],
                   "targets": trows, "problems": problems, "notes": notes},
                  f, indent=1)
        f.write("\n")
    with open(os.path.join(outdir, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        for row in csv_rows(profiles):
            w.writerow(row)
    with open(os.path.join(outdir, "results.svg"), "w") as f:
        f.write(svg_report(meta, profiles, problems))
    sys.stdout.write(txt)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
