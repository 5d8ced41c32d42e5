#!/usr/bin/env python3
"""Prints bench/run.sh's results side by side for its data sets, with the
targets of docs/benchmarks.md checked against the measured figures.

    bench/summary.py OUT [OUT...] SIZE...
        (OUT/SIZE/results.tsv, OUT/SIZE/plans.tsv, OUT/SIZE/capture/*.plan.txt)

The last size is the one the targets are checked on; ratios compare it with
the first (the same test, in the same run). Several OUTs (runs that each
measured some of the tests) are read as one: a test measured in more than
one is taken from the last. A path of the targets that no run measured is
named as such; a missed target of rows walked or growth is followed by the
plan of its captured request, where the run kept it.
"""
import os
import sys

outs = [x for x in sys.argv[1:] if not x.isdigit()]
sizes = [x for x in sys.argv[1:] if x.isdigit()]
if not outs or not sizes:
    sys.exit("usage: bench/summary.py OUT [OUT...] SIZE...")
big, small = sizes[-1], sizes[0]
# The paths the targets name (docs/benchmarks.md), as bench/run.sh names its tests.
PATHS = ("page1", "deep_page", "country_r1", "country_r25", "country_r150", "country_partner", "year", "month",
         "topic", "kind", "search_rare", "search_mid", "search_common")


def read(path, key):
    rows, order = {}, []
    if not os.path.exists(path):
        return rows, order
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[key(r)] = r
            order.append(key(r))
    return rows, order


res, plans, order, plan_dir = {}, {}, [], {}
for s in sizes:
    res[s], plans[s] = {}, {}
    for out in outs:
        r, o = read(os.path.join(out, s, "results.tsv"), lambda r: (r["test"], r.get("conns", "")))
        p, _ = read(os.path.join(out, s, "plans.tsv"), lambda r: r["test"])
        res[s].update(r)
        plans[s].update(p)
        for t in p:
            plan_dir[(s, t)] = os.path.join(out, s, "capture")
        order += [k for k in o if k not in order]


def num(s, test, conns, field):
    r = res[s].get((test, str(conns)))
    if not r or r.get(field) in (None, "", "-"):
        return None
    try:
        return float(r[field])
    except ValueError:
        return None


def pnum(s, test, field):
    r = plans[s].get(test)
    return None if not r else float(r[field])


def fmt(v, d=1):
    return "-" if v is None else f"{v:,.{d}f}"


def ratio(a, b):
    return None if a is None or not b else a / b


def label(s):
    n = int(s)
    return f"{n // 1000000}M" if n % 1000000 == 0 else f"{n // 1000}k"


L = [label(s) for s in sizes]
print(f"Throughput and latency ({', '.join(L)}; ratio: {L[-1]} / {L[0]}; other: CPU % other processes took)\n")
print("| test | conns | " + " | ".join(f"req/s {x}" for x in L) + " | ratio | " +
      " | ".join(f"p95 ms {x}" for x in L) + " | " + " | ".join(f"p99 ms {x}" for x in L) + " | other % |")
print("|---|---:|" + "---:|" * (3 * len(L) + 2))
for (t, c) in order:
    if t.startswith(("export", "copy", "import")):
        continue
    rps = [num(s, t, c, "rps") for s in sizes]
    p95 = [num(s, t, c, "p95_ms") for s in sizes]
    p99 = [num(s, t, c, "p99_ms") for s in sizes]
    other = "/".join(res[s].get((t, c), {}).get("other_cpu_pct", "-") for s in sizes)
    print(f"| {t} | {c} | " + " | ".join(fmt(v) for v in rps) + f" | {fmt(ratio(rps[-1], rps[0]), 2)} | " +
          " | ".join(fmt(v, 2) for v in p95) + " | " + " | ".join(fmt(v, 2) for v in p99) + f" | {other} |")
print()

# Each path beside its floor: pgbench of the statements the API ran for
# it (lists), and bench/minimal (GET by id), at the same connections.
print("milmeet beside its baselines (req/s; ratio: milmeet / baseline)\n")
print("| test | conns | baseline | " + " | ".join(f"milmeet {x} | baseline {x} | ratio {x}" for x in L) + " |")
print("|---|---:|---|" + "---:|---:|---:|" * len(L))
for (t, c) in order:
    if t.startswith(("pgbench_", "get_minimal", "export", "copy", "import", "mixed")):
        continue
    for base in (("get_minimal", "bench/minimal"), ("pgbench_get_meeting", "pgbench")) if t == "get_meeting" else \
            (("pgbench_" + t, "pgbench"),):
        cells = []
        for s in sizes:
            a, b = num(s, t, c, "rps"), num(s, base[0], c, "rps")
            cells.append(f"{fmt(a)} | {fmt(b)} | {fmt(ratio(a, b), 2)}")
        if any(num(s, base[0], c, "rps") is not None for s in sizes):
            print(f"| {t} | {c} | {base[1]} | " + " | ".join(cells) + " |")
print()

print("Plans of the API's own statements (one request each, EXPLAIN ANALYZE BUFFERS by auto_explain)\n")
print("| test | statements | " + " | ".join(f"rows walked {x}" for x in L) + " | " +
      " | ".join(f"buffers {x}" for x in L) + f" | rows / limit {L[-1]} | most rows in | executor ms {L[-1]} |")
print("|---|---:|" + "---:|" * (2 * len(L)) + "---:|---|---:|")
tests = []
for s in sizes:
    tests += [t for t in plans[s] if t not in tests]
for t in tests:
    r = plans[big].get(t, {})
    print(f"| {t} | {r.get('statements', '-')} | " +
          " | ".join(fmt(pnum(s, t, "rows_walked"), 0) for s in sizes) + " | " +
          " | ".join(fmt(pnum(s, t, "buffers"), 0) for s in sizes) +
          f" | {r.get('rows_per_limit', '-')} | {r.get('top_relation', '-')} {r.get('top_rows', '')} | {r.get('exec_ms', '-')} |")
print()

# CPU per request: what the API, the cluster and the load generator used,
# over the requests answered (ms of one core per request), largest set.
ncpu = os.cpu_count() or 2
print(f"CPU per request at {L[-1]} (ms of one core; API + PostgreSQL [+ load generator]):")
for (t, c) in order:
    r = res[big].get((t, c))
    if not r or t.startswith(("export", "copy", "import")):
        continue
    try:
        rps = float(r["rps"])
        api, pg, gen = (float(r.get(k) or 0) for k in ("api_cpu_pct", "pg_cpu_pct", "loadgen_cpu_pct"))
    except ValueError:
        continue
    if rps > 0:
        def per(pct):
            return pct / 100 * ncpu * 1000 / rps
        print(f"- {t} @{c}: API {per(api):.2f} + PG {per(pg):.2f} [+ gen {per(gen):.2f}]"
              f" (other processes {r.get('other_cpu_pct', '?')}%)")
print()


def check(name, ok, detail):
    state = "n/a" if ok is None else ("MET" if ok else "MISSED")
    print(f"- {name}: {state} ({detail})")


lists = [t for t in tests if t != "get_meeting"]
missed_plans = []
print(f"Targets ({L[-1]}; growth: {L[-1]} against {L[0]} in this run):")
for t in [p for p in PATHS if p not in tests]:
    print(f"- {t}: not measured in this run")
for t in lists:
    rows = pnum(big, t, "rows_walked")
    if rows is None:
        print(f"- {t}: not measured at {L[-1]} in this run")
        continue
    lim = 50
    ok = None if rows is None else rows <= 5 * lim
    check(f"{t}: rows walked <= 5x limit", ok,
          f"{fmt(rows, 0)} rows = {fmt(ratio(rows, lim), 1)}x; {L[0]}: {fmt(pnum(small, t, 'rows_walked'), 0)}")
    g = None
    if len(sizes) > 1:
        a, b = num(big, "pgbench_" + t, 8, "rps"), num(small, "pgbench_" + t, 8, "rps")
        g = ratio(b, a)
        check(f"{t}: pgbench rate {L[-1]} within 1.5x of {L[0]}", None if g is None else g <= 1.5,
              f"{fmt(a)} vs {fmt(b)} tx/s = {fmt(g, 2)}x slower")
    if ok is False or (g is not None and g > 1.5):
        missed_plans.append(t)
p99 = num(big, "list_country", 32, "p99_ms")
check("?country=UZ&limit=50 p99 <= 25 ms at 32 connections", None if p99 is None else p99 <= 25,
      f"p99 {fmt(p99, 2)} ms" + ("" if p99 is None or p99 <= 25 else f", {p99 / 25:.2f}x the target"))
for t in ("search_rare", "search_mid", "search_common", "search_country"):
    p95 = num(big, t, 8, "p95_ms")
    if p95 is not None:
        check(f"{t} p95 <= 50 ms at 8", p95 <= 50, f"p95 {p95} ms" + ("" if p95 <= 50 else f", {p95 / 50:.2f}x the target"))
for t in ("year", "month", "country_year"):
    for c in (8,):
        a, p = num(big, t, c, "rps"), num(big, "page1", c, "rps")
        if a is not None and p:
            check(f"{t} within 1.5x of the plain list (page 1) at {c}", p / a <= 1.5,
                  f"{a:.0f} vs {p:.0f} req/s = " + (f"{p / a:.2f}x slower" if p > a else "not slower"))
for c in (8, 32):
    a, p = num(big, "list_country_304", c, "rps"), num(big, "list_country", c, "rps")
    if a is not None and p:
        def cpu(t):
            r = res[big].get((t, str(c)), {})
            try:
                return (float(r["api_cpu_pct"]) + float(r["pg_cpu_pct"])) / 100 * ncpu * 1000 / float(r["rps"])
            except (KeyError, ValueError, ZeroDivisionError):
                return None
        print(f"- cached read at {c}: If-None-Match -> 304 {a:.0f} req/s vs 200 {p:.0f} req/s = {a / p:.2f}x;"
              f" API + PostgreSQL CPU {fmt(cpu('list_country_304'), 2)} vs {fmt(cpu('list_country'), 2)} ms a request")
for s in sizes:
    for c in (8, 32):
        api, mini = num(s, "get_meeting", c, "rps"), num(s, "get_minimal", c, "rps")
        if api is not None and mini:
            check(f"{label(s)}: GET /meetings/{{id}} >= 0.9x bench/minimal (same SQL) at {c}", api >= 0.9 * mini,
                  f"{api:.0f} vs {mini:.0f} req/s = {api / mini:.2f}x")
        db = num(s, "pgbench_get_meeting", c, "rps")
        if api is not None and db:
            check(f"{label(s)}: GET /meetings/{{id}} >= 0.6x pgbench of its SQL at {c}", api >= 0.6 * db,
                  f"{api:.0f} req/s vs {db:.0f} tx/s = {api / db:.2f}x")
for s in sizes:
    e, cp = num(s, "export_ndjson", 1, "max_ms"), num(s, "copy_floor", 1, "max_ms")
    hwm = num(s, "export_ndjson", 1, "api_vmhwm_mib")
    if e is not None and cp:
        check(f"{label(s)}: export <= 1.2x psql \\copy of the same rows", e <= 1.2 * cp,
              f"{e / 1000:.1f} s vs {cp / 1000:.1f} s = {e / cp:.2f}x")
    if hwm is not None:
        check(f"{label(s)}: API RSS during the export <= 100 MB", hwm * 1.048576 <= 100,
              f"VmHWM {hwm} MiB = {hwm * 1.048576:.1f} MB")
ia, ib = num(big, "import_alone", 1, "rps"), num(big, "import_beside_reads", 1, "rps")
if ia and ib:
    print(f"- mixed: import {ia:.0f} lines/s alone, {ib:.0f} beside reads ({ib / ia:.2f}x)")
for t, base in (("mixed_list_country", "list_country"), ("mixed_search_mid", "search_mid")):
    m, a = num(big, t, 8, "p95_ms"), num(big, base, 8, "p95_ms")
    if m is not None and a:
        m99 = num(big, t, 8, "p99_ms")
        print(f"- mixed: {base} beside the import p95 {m} ms (alone {a} ms), p99 {m99} ms")

# The plans of the missed lists, as the run captured them (capture.py).
for t in missed_plans:
    for s in sizes:
        f = os.path.join(plan_dir.get((s, t), ""), t + ".plan.txt")
        print()
        if not os.path.exists(f):
            print(f"Plan of {t} at {label(s)}: not kept with these results ({os.path.relpath(f)})")
            continue
        with open(f) as fh:
            text = fh.read().splitlines()
        print(f"Plan of {t} at {label(s)} ({os.path.relpath(f)}):\n")
        print("```")
        print("\n".join(text[:60] + (["... (" + str(len(text) - 60) + " more lines)"] if len(text) > 60 else [])))
        print("```")
