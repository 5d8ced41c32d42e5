#!/usr/bin/env python3
"""Reads the statements the API ran for one request, from the cluster's
csvlog as bench/run.sh captures it (statement durations with their
parameters, and auto_explain's plans in JSON), and writes:

  DIR/NAME.plan.txt   each statement, its parameters and its plan, as text
  DIR/NAME.sql        the statements as a pgbench script, each parameter a
                      variable (p<statement>_<n>)
  TSV                 one row: rows walked and buffers of the request

and prints the pgbench arguments that run NAME.sql with the captured
values, one a line: -M prepared when the API ran every statement as a
prepared (named) statement, -M extended when it ran some unnamed (planned
with their values each time), then -D name=value for each parameter.

Rows walked: for every scan in every plan, the rows it returned plus those
its filter or recheck removed, times its loops: the rows the request read,
whatever table they are in.
"""
import argparse
import csv
import json
import os
import re
import sys

csv.field_size_limit(1 << 30)

# PostgreSQL 15 csvlog columns.
PID, MESSAGE, DETAIL, APP = 3, 13, 14, 22
SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Tid Scan", "Sample Scan"}

ap = argparse.ArgumentParser()
ap.add_argument("-name", required=True)
ap.add_argument("-limit", type=int, required=True)
ap.add_argument("-app", required=True, help="the API's application_name")
ap.add_argument("-dir", required=True)
ap.add_argument("-tsv", required=True)
ap.add_argument("-id", help="a meeting id among the parameters: drawn from bench.ids (random) in the script instead")
a = ap.parse_args()

execs, plans = {}, {}
with open(os.path.join(a.dir, a.name + ".csv"), newline="") as f:
    for rec in csv.reader(f):
        if len(rec) <= APP or rec[APP] != a.app:
            continue
        msg = rec[MESSAGE]
        m = re.match(r"duration: ([0-9.]+) ms  execute ([^:]+): (.*)", msg, re.S)
        if m:
            execs.setdefault(rec[PID], []).append(
                {"ms": float(m.group(1)), "name": m.group(2), "sql": m.group(3), "detail": rec[DETAIL]})
            continue
        m = re.match(r"duration: ([0-9.]+) ms  plan:\n(.*)", msg, re.S)
        if m:
            plans.setdefault(rec[PID], []).append(json.loads(m.group(2)))

stmts = []
for pid, es in execs.items():
    ps = plans.get(pid, [])
    for i, e in enumerate(es):
        e["plan"] = ps[i] if i < len(ps) else None
        stmts.append(e)

PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def params(detail):
    out = {}
    if detail.startswith("parameters: "):
        for n, v in PARAM.findall(detail):
            out[int(n)] = None if v == "NULL" else v[1:-1].replace("''", "'")
    return out


def walk(node, acc, depth, lines):
    loops = node.get("Actual Loops", 1) or 1
    rows = node.get("Actual Rows", 0)
    removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
    what = node["Node Type"]
    if "Index Name" in node:
        what += " using " + node["Index Name"]
    if "Relation Name" in node:
        what += " on " + node["Relation Name"]
    bufs = node.get("Shared Hit Blocks", 0) + node.get("Shared Read Blocks", 0)
    line = f"{'  ' * depth}-> {what} (rows={rows} loops={loops}"
    if removed:
        line += f" removed={removed}"
    line += f" time={node.get('Actual Total Time', 0):.3f} buffers={bufs})"
    for k in ("Index Cond", "Recheck Cond", "Filter", "Join Filter", "Hash Cond", "Sort Key"):
        if k in node:
            line += f"\n{'  ' * depth}     {k}: {node[k]}"
    lines.append(line)
    if node["Node Type"] in SCANS:
        n = (rows + removed) * loops
        acc["rows"] += n
        rel = node.get("Relation Name", "?")
        acc["by_rel"][rel] = acc["by_rel"].get(rel, 0) + n
    for child in node.get("Plans", []):
        walk(child, acc, depth + 1, lines)


acc = {"rows": 0, "by_rel": {}}
hit = read = 0
exec_ms = 0.0
text = []
script = [f"-- {a.name}: the statements the API ran for one request, captured by bench/run.sh"]
if a.id:
    script += ["\\set n random(1, 10000)", "SELECT id AS mid FROM bench.ids WHERE n = :n \\gset"]
args = []
extended = False
for k, s in enumerate(stmts, 1):
    ps = params(s["detail"])
    extended = extended or s["name"] == "<unnamed>"
    exec_ms += s["ms"]
    text.append(f"==== statement {k} ({s['name']}, {s['ms']:.3f} ms)\n{s['sql'].strip()}")
    text.append("parameters: " + ", ".join(f"${n} = {v!r}" for n, v in sorted(ps.items())))
    sql = re.sub(r"\$(\d+)\b", lambda m: f":p{k}_{m.group(1)}", s["sql"].strip().rstrip(";"))
    script.append(sql + ";")
    for n, v in sorted(ps.items()):
        if a.id and v == a.id:
            sql = re.sub(rf":p{k}_{n}\b", ":mid", sql)
            continue
        if v is None:
            sys.exit(f"{a.name}: statement {k} has a NULL parameter: not expressible with pgbench -D")
        args += ["-D", f"p{k}_{n}={v}"]
    if s["plan"]:
        p = s["plan"]["Plan"]
        hit += p.get("Shared Hit Blocks", 0)
        read += p.get("Shared Read Blocks", 0)
        lines = []
        walk(p, acc, 0, lines)
        text += lines
    else:
        text.append("(no plan captured)")
    text.append("")

if not stmts:
    sys.exit(f"{a.name}: no statement of the API was captured")
top = max(acc["by_rel"].items(), key=lambda kv: kv[1]) if acc["by_rel"] else ("-", 0)
summary = (f"{a.name}: {len(stmts)} statements, rows walked {acc['rows']} ({acc['rows'] / a.limit:.1f}x limit {a.limit}; "
           f"most in {top[0]}: {top[1]}), buffers {hit + read} (read {read}), executor {exec_ms:.2f} ms")
with open(os.path.join(a.dir, a.name + ".plan.txt"), "w") as f:
    f.write(summary + "\n\n" + "\n".join(text))
with open(os.path.join(a.dir, a.name + ".sql"), "w") as f:
    f.write("\n".join(script) + "\n")
new = not os.path.exists(a.tsv)
with open(a.tsv, "a") as f:
    if new:
        f.write("test\tstatements\trows_walked\trows_per_limit\ttop_relation\ttop_rows\tbuffers\tbuffers_read\texec_ms\tmode\n")
    f.write(f"{a.name}\t{len(stmts)}\t{acc['rows']}\t{acc['rows'] / a.limit:.1f}\t{top[0]}\t{top[1]}\t{hit + read}"
            f"\t{read}\t{exec_ms:.2f}\t{'extended' if extended else 'prepared'}\n")
print(summary, file=sys.stderr)
print("-M")
print("extended" if extended else "prepared")
for x in args:
    print(x)
