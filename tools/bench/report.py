#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the raw results of the benchmark VM run into a table and a chart.

usage: report.py RAWDIR OUTDIR

RAWDIR is what tools/bench/guest.sh left (meta.tsv, samples.tsv,
verify.tsv, mem.tsv, slab.txt).  Writes to OUTDIR:
  results.txt   the tables (times, ratios against the targets, the
                throughput of the sequential write, memory)
  results.json  everything, machine-readable
  results.csv   one row per workload and client (mb_per_s: seqw only)
  results.svg   the chart: time per client for each workload, and the
                ratio smb1fs/cifs against its target
Exit status 0 when every workload ran through every client (cifs may fail
to mount impacket's server) and every data check passed (smb1fs's, and
cifs's of the writes); 1 with a list of what is missing otherwise.
Missed targets do not fail.
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
# The workloads that write: their data check compares the server's copy
# with the source after every run of smb1fs and of cifs.
WRITES = {"seqw", "tarx"}
CLIENTS = ["local", "smb1fs", "cifs", "smbclient"]
# smb1fs time / cifs time that smb1fs aims at, per workload.
TARGETS = {"seq": 0.80, "par4": 0.80, "cat": 0.40, "ls": 0.30,
           "stat": 0.40, "rand": 0.80, "seqw": 1.00, "tarx": 1.00,
           "impacket": 1.00}
# Clients allowed to fail in a workload without failing the benchmark.
MAY_FAIL = {("impacket", "cifs")}
COLORS = {"local": "#9e9e9e", "smb1fs": "#1f77b4", "cifs": "#ff7f0e",
          "smbclient": "#2ca02c"}
MET, MISSED = "#2e7d32", "#c62828"
# max/min of a client's runs beyond which its median is flagged as noisy
NOISY = 1.5


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


def collect(raw):
    meta = {}
    for r in read_tsv(os.path.join(raw, "meta.tsv")):
        if len(r) >= 2:
            meta[r[0]] = r[1]
    # written by bench.sh on the host, around the VM run
    for r in read_tsv(os.path.join(raw, "host.tsv")):
        if len(r) >= 2:
            meta[r[0]] = r[1]
    samples = {}
    failures = {}
    for r in read_tsv(os.path.join(raw, "samples.tsv")):
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
    verify = {}
    for r in read_tsv(os.path.join(raw, "verify.tsv")):
        if len(r) >= 3:
            # a write is checked after every run: the first failure stays
            old = verify.get((r[0], r[1]))
            if old is not None and not old["ok"]:
                continue
            verify[(r[0], r[1])] = {"ok": r[2] == "ok",
                                    "detail": r[3] if len(r) > 3 else ""}
    mem = {}
    for r in read_tsv(os.path.join(raw, "mem.tsv")):
        if len(r) == 4:
            try:
                mem.setdefault(r[0], {}).setdefault(r[1], {})[r[2]] = int(r[3])
            except ValueError:
                pass
    try:
        with open(os.path.join(raw, "slab.txt"), encoding="utf-8",
                  errors="replace") as f:
            slab = f.read()
    except FileNotFoundError:
        slab = ""
    return meta, samples, failures, verify, mem, slab


def analyse(meta, samples, failures, verify):
    planned = meta.get("workloads", " ".join(WORKLOADS)).split()
    problems = []
    if not meta:
        problems.append("no results at all (meta.tsv missing or empty)")
    out = []
    for wl in WORKLOADS:
        if wl not in planned:
            continue
        clients = meta.get("clients." + wl, "local smb1fs cifs").split()
        entry = {"id": wl, "label": meta.get("label." + wl, wl),
                 "short": meta.get("short." + wl, wl),
                 "target": TARGETS[wl], "clients": {}}
        # the bytes a run moves, where a throughput is reported (seqw)
        try:
            nbytes = int(meta.get("bytes." + wl, ""))
        except ValueError:
            nbytes = None
        entry["bytes"] = nbytes
        for cl in clients:
            s = samples.get((wl, cl), [])
            fl = failures.get((wl, cl), [])
            c = {"samples": s, "failures": fl, "runs": len(s)}
            if s:
                c.update(median=statistics.median(s), min=min(s), max=max(s))
            else:
                c.update(median=None, min=None, max=None)
            if nbytes:
                c["mb_per_s"] = mbps(nbytes, c["median"])
            entry["clients"][cl] = c
            if not s:
                if (wl, cl) in MAY_FAIL and fl:
                    pass
                elif fl:
                    problems.append("%s: %s failed (%s)" % (wl, cl, fl[0]))
                else:
                    problems.append("%s: %s never ran" % (wl, cl))
            elif fl and (wl, cl) not in MAY_FAIL:
                problems.append("%s: %s failed %d of %d runs (%s)"
                                % (wl, cl, len(fl), len(fl) + len(s), fl[0]))
        entry["verify"] = {cl: v for (w, cl), v in verify.items() if w == wl}
        for cl in ("smb1fs", "cifs") if wl in WRITES else ("smb1fs",):
            if cl in clients and verify.get((wl, cl)) is None:
                problems.append("%s: the %s data check did not run"
                                % (wl, cl))
        for cl, v in entry["verify"].items():
            if not v["ok"]:
                problems.append("%s: %s DATA CHECK FAILED: %s"
                                % (wl, cl, v["detail"]))
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
        if entry["ratio"] is None:
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
    return out, problems


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


def text_report(meta, entries, problems, mem, slab):
    lines = []
    reps = meta.get("reps", "?")
    lines.append("smb1fs benchmark%s: kernel %s, Samba %s, %s CPUs, %s MiB"
                 % (" (QUICK MODE: small sizes, not comparable)"
                    if meta.get("quick") == "1" else "",
                    meta.get("kernel", "?"), meta.get("samba", "?"),
                    meta.get("cpus", "?"), meta.get("mem_mib", "?")))
    lines.append("%s; %s repetition(s) of each cold run; smb1fs module %s"
                 % (meta.get("date", "?"), reps,
                    meta.get("smb1fs_srcversion", "?")))
    lines.append("mount options: smb1fs %s; cifs %s"
                 % (meta.get("smb1fs_opts", "?"), meta.get("cifs_opts", "?")))
    if "host_load_before" in meta:
        lines.append("host: %s CPUs, load average before the run %s, after "
                     "it %s (other load makes the emulated guest uneven)"
                     % (meta.get("host_cpus", "?"), meta["host_load_before"],
                        meta.get("host_load_after", "?")))
    lines.append("")
    lines.append("Time in seconds, median (min-max) of the repetitions; "
                 "lower is better.")
    head = ["workload"] + CLIENTS
    rows = [head]
    for e in entries:
        rows.append([e["label"]] + [cell(e["clients"].get(c)) for c in CLIENTS])
    lines += table(rows)
    tput = [e for e in entries if e["bytes"]]
    if tput:
        lines.append("")
        lines.append("Throughput in MB/s (10^6 bytes a second) from the "
                     "median time; higher is better.")
        cls = [c for c in CLIENTS if any(c in e["clients"] for e in tput)]
        rows = [["workload"] + cls]
        for e in tput:
            row = [e["label"]]
            for cl in cls:
                r = e["clients"].get(cl, {}).get("mb_per_s")
                row.append("-" if r is None else "%.1f" % r)
            rows.append(row)
        lines += table(rows)
    lines.append("")
    lines.append("smb1fs time / cifs time (lower is better), against the "
                 "target:")
    rows = [["workload", "smb1fs/cifs", "target", "result", "smb1fs/local",
             "smb1fs data check", "spread"]]
    for e in entries:
        if e["ratio"] is None:
            r, res = "-", "n/a"
        else:
            r = "%.2f" % e["ratio"]
            if e["ratio_against"] != "cifs":
                r += " (vs %s)" % e["ratio_against"]
            res = "met" if e["met"] else "MISSED"
        v = e["verify"].get("smb1fs")
        vs = "not run" if v is None else ("ok" if v["ok"] else "FAILED")
        rows.append([e["short"], r, "%.2f" % e["target"], res,
                     "-" if e["ratio_local"] is None else
                     "%.1f" % e["ratio_local"], vs,
                     "noisy (%s)" % ", ".join(e["noisy"]) if e["noisy"]
                     else "ok"])
    lines += table(rows)
    notes = [e for e in entries if e["note"]]
    for e in notes:
        lines.append("note (%s): %s" % (e["short"], e["note"]))
    met = sum(1 for e in entries if e["met"])
    judged = sum(1 for e in entries if e["met"] is not None)
    lines.append("targets met: %d of %d" % (met, judged))
    if any(e["noisy"] for e in entries):
        lines.append("noisy: the slowest run of that client took more than "
                     "%.1f times its fastest; run again on a quieter host, or "
                     "with more repetitions (BENCH_REPS)" % NOISY)
    lines.append("")
    lines.append("Data checks (each read workload's data read once more "
                 "through smb1fs, cold and untimed, compared with the export; "
                 "after every write run of smb1fs and cifs, still mounted and "
                 "without a sync, the server's copy compared with the "
                 "source; the first failure shown):")
    for e in entries:
        for cl, v in sorted(e["verify"].items()):
            lines.append("  %-10s %-7s %s  %s" % (e["id"], cl,
                         "ok " if v["ok"] else "BAD", v["detail"]))
    lines.append("")
    lines.append("Memory around the last parallel run (kB; before = mounted, "
                 "caches dropped; after = the readers done, still mounted; "
                 "PageCache = Cached - Shmem, without the tmpfs export):")
    for cl in ("smb1fs", "cifs"):
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
        lines.append("  %-7s %s" % (cl, "; ".join(parts)))
        for k in sorted(a):
            if k.startswith("slab_") and k.endswith("_objs"):
                lines.append("          %s: %d objects (before %d)"
                             % (k[5:-5], a[k], b.get(k, 0)))
    if slab:
        lines.append("")
        lines += ["  " + l if l else "" for l in slab.rstrip().split("\n")]
    lines.append("")
    if problems:
        lines.append("PROBLEMS:")
        lines += ["  " + p for p in problems]
    else:
        lines.append("complete: every workload ran through every client; "
                     "every data check passed")
    return "\n".join(lines) + "\n"


def table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, r in enumerate(rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


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
    if e["ratio"] is not None:
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
    vmax = max([c["max"] for c in e["clients"].values() if c["max"]] or [1])
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
    svg.line(left, bottom, right, bottom, "#444")


def ratio_chart(svg, x0, y0, w, entries):
    rows = [e for e in entries]
    row_h = 26
    left, right = x0 + 170, x0 + w - 120
    vals = [e["ratio"] for e in rows if e["ratio"] is not None]
    # beyond 4 the bar is cut (its label says the value)
    step, xmax = axis(min(max(vals + [t["target"] for t in rows] + [1.0]) * 1.05,
                          4.0))

    def xpos(v):
        return left + (right - left) * min(v, xmax) / xmax

    svg.text(x0, y0 + 14, "smb1fs time / cifs time per workload (lower is "
             "better; black tick: target, dashed: parity)", size=13,
             weight="bold")
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
            color = MET if e["met"] else MISSED
            svg.rect(left, y + 5, xpos(e["ratio"]) - left, row_h - 10, color)
            label = "%.2f%s" % (e["ratio"], "" if e["ratio_against"] == "cifs"
                                else " vs " + e["ratio_against"])
            # right of the bar and of the target tick
            lx = max(xpos(e["ratio"]), xpos(e["target"]) + 1) + 5
            svg.text(lx, y + row_h / 2 + 4, label, size=10.5)
        xt = xpos(e["target"])
        svg.line(xt, y + 2, xt, y + row_h - 2, "#000", 2.5)
        res = "-" if e["met"] is None else ("met" if e["met"] else "missed")
        svg.text(right + 60, y + row_h / 2 + 4, "target %.2f %s"
                 % (e["target"], res), size=10.5, anchor="middle",
                 color="#666" if e["met"] is None else
                 (MET if e["met"] else MISSED))
    svg.line(left, top, left, bottom, "#444")
    return bottom + 22


def svg_report(meta, entries, problems):
    svg = Svg()
    cols, pw, ph, gap, margin = 4, 250, 230, 12, 16
    width = margin * 2 + cols * pw + (cols - 1) * gap
    quick = meta.get("quick") == "1"
    svg.text(margin, 26, "smb1fs vs cifs (vers=1.0), smbclient and the local "
             "export%s" % (" - QUICK MODE (small sizes)" if quick else ""),
             size=17, weight="bold")
    svg.text(margin, 45, "kernel %s, Samba %s, %s repetition(s) per client, "
             "cold caches; bars: median time, whiskers: min-max; %s"
             % (meta.get("kernel", "?"), meta.get("samba", "?"),
                meta.get("reps", "?"), meta.get("date", "?")), size=11,
             color="#444")
    status = ("all data checks passed, every client ran"
              if not problems else "PROBLEMS: " + "; ".join(problems)[:150])
    svg.text(margin, 61, status, size=11, color=MET if not problems else MISSED,
             weight="bold")
    y0 = 74
    n = 0
    for e in entries:
        r, c = divmod(n, cols)
        panel(svg, margin + c * (pw + gap), y0 + r * (ph + gap), pw, ph, e)
        n += 1
    # legend in the next free slot (or below)
    r, c = divmod(n, cols)
    lx, ly = margin + c * (pw + gap), y0 + r * (ph + gap)
    svg.text(lx + 10, ly + 20, "clients", size=12, weight="bold")
    desc = {"local": "the exported directory (ceiling)",
            "smb1fs": "this module",
            "cifs": "kernel cifs, vers=1.0",
            "smbclient": "Samba's smbclient, NT1"}
    for i, cl in enumerate(CLIENTS):
        svg.rect(lx + 10, ly + 32 + i * 20, 12, 12, COLORS[cl])
        svg.text(lx + 28, ly + 42 + i * 20, "%s: %s" % (cl, desc[cl]), size=10.5)
    rows = (n + 1 + cols - 1) // cols
    y = y0 + rows * (ph + gap) + 10
    height = ratio_chart(svg, margin, y, width - 2 * margin, entries) + 4
    head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" font-family="DejaVu Sans, Arial, sans-serif">'
            '<rect width="100%%" height="100%%" fill="white"/>'
            % (width, height, width, height))
    return head + "\n" + "\n".join(svg.parts) + "\n</svg>\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    raw, outdir = sys.argv[1], sys.argv[2]
    meta, samples, failures, verify, mem, slab = collect(raw)
    entries, problems = analyse(meta, samples, failures, verify)
    os.makedirs(outdir, exist_ok=True)
    txt = text_report(meta, entries, problems, mem, slab)
    with open(os.path.join(outdir, "results.txt"), "w") as f:
        f.write(txt)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump({"meta": meta, "workloads": entries, "memory": mem,
                   "slab": slab, "problems": problems}, f, indent=1)
        f.write("\n")
    with open(os.path.join(outdir, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["workload", "label", "client", "runs", "failures",
                    "median_s", "min_s", "max_s", "ratio_smb1fs_vs",
                    "ratio", "target", "target_met", "data_check",
                    "mb_per_s"])
        for e in entries:
            for cl, c in e["clients"].items():
                v = e["verify"].get(cl)
                mine = cl == "smb1fs"
                w.writerow([e["id"], e["label"], cl, c["runs"],
                            len(c["failures"]),
                            "" if c["median"] is None else "%.4f" % c["median"],
                            "" if c["min"] is None else "%.4f" % c["min"],
                            "" if c["max"] is None else "%.4f" % c["max"],
                            (e["ratio_against"] or "") if mine else "",
                            "%.4f" % e["ratio"] if mine and e["ratio"] else "",
                            "%.2f" % e["target"] if mine else "",
                            "" if not mine or e["met"] is None else
                            ("yes" if e["met"] else "no"),
                            "" if v is None else ("ok" if v["ok"] else "BAD"),
                            "" if c.get("mb_per_s") is None else
                            "%.2f" % c["mb_per_s"]])
    with open(os.path.join(outdir, "results.svg"), "w") as f:
        f.write(svg_report(meta, entries, problems))
    sys.stdout.write(txt)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
