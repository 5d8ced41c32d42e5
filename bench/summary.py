#!/usr/bin/env python3
"""Prints bench/run.sh's results.tsv as a table, with each target of the
benchmark checked against the measured figures (docs/benchmarks.md)."""
import os
import sys

rows = {}
order = []
with open(sys.argv[1]) as f:
    header = f.readline().rstrip("\n").split("\t")
    for line in f:
        r = dict(zip(header, line.rstrip("\n").split("\t")))
        rows[(r["test"], r["conns"])] = r
        order.append(r)

print("| test | conns | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx | API VmHWM MiB "
      "| API CPU % | PG CPU % | load gen CPU % | irq CPU % | other CPU % |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in order:
    print("| " + " | ".join(r[h] for h in header) + " |")
print()
# CPU per request: what the API, the cluster and the load generator used,
# over the requests answered (ms of one core per request).
ncpu = os.cpu_count() or 2
print("CPU per request (ms of one core; API + PostgreSQL [+ load generator]):")
for r in order:
    try:
        rps = float(r["rps"])
        api, pg, gen = (float(r.get(k) or 0) for k in ("api_cpu_pct", "pg_cpu_pct", "loadgen_cpu_pct"))
    except ValueError:
        continue
    if rps > 0 and r["test"] != "export_ndjson":
        def per(pct):
            return pct / 100 * ncpu * 1000 / rps
        print(f"- {r['test']} @{r['conns']}: API {per(api):.2f} + PG {per(pg):.2f} [+ gen {per(gen):.2f}]"
              f" (other processes used {r.get('other_cpu_pct', '?')}% of the machine meanwhile)")
print()


def num(test, conns, field):
    r = rows.get((test, str(conns)))
    if not r or r.get(field) in (None, "", "-"):
        return None
    return float(r[field])


def check(name, ok, detail):
    state = "n/a" if ok is None else ("MET" if ok else "MISSED")
    print(f"- {name}: {state} ({detail})")


conns = sorted({int(c) for (_, c) in rows if c.isdigit() and int(c) > 1})
print("Targets:")
p99 = num("list_country", 32, "p99_ms")
check("list p99 <= 25 ms at 32 connections", None if p99 is None else p99 <= 25,
      f"p99 {p99} ms" + ("" if p99 is None or p99 <= 25 else f", {p99 / 25:.2f}x the target"))
for c in conns:
    api, db = num("get_meeting", c, "rps"), num("pgbench_get_meeting", c, "rps")
    if api is not None and db:
        check(f"GET /meetings/{{id}} >= 0.5x pgbench of its SQL at {c}", api >= 0.5 * db,
              f"{api:.0f} req/s vs {db:.0f} tx/s = {api / db:.2f}x")
for c in conns:
    for f in ("p50_ms", "p99_ms"):
        d, p = num("deep_page", c, f), num("page1", c, f)
        if d is not None and p:
            check(f"deep page {f[:-3]} <= 1.5x page 1 at {c}", d <= 1.5 * p, f"{d} ms vs {p} ms = {d / p:.2f}x")
for c in conns:
    for t in ("search_rare", "search_mid", "search_common"):
        p95 = num(t, c, "p95_ms")
        if p95 is not None:
            check(f"{t} p95 <= 50 ms at {c}", p95 <= 50,
                  f"p95 {p95} ms" + ("" if p95 <= 50 else f", {p95 / 50:.2f}x the target"))
secs = num("export_ndjson", 1, "max_ms")
hwm = num("export_ndjson", 1, "api_vmhwm_mib")
if secs is not None:
    check("export of all meetings <= 60 s", secs / 1000 <= 60, f"{secs / 1000:.1f} s")
    check("API RSS during the export <= 100 MB", hwm * 1.048576 <= 100, f"VmHWM {hwm} MiB = {hwm * 1.048576:.1f} MB")
