#!/usr/bin/env python3
"""Per-operation instruction counts from two callgrind runs of the same driver (n = 0 and n = N operations).

usage: callgrind_diff.py BASE.out BASE.map RUN.out RUN.map N [top]
The .map files are the runtime's perf maps (DOTNET_PerfMapEnabled=1 writes /tmp/perf-PID.map), used to name
JIT-compiled code, which callgrind only knows by address. Prints total instructions per operation and the
functions whose self cost grew most, per operation.
"""
import bisect
import re
import subprocess
import sys


def load_map(path):
    entries = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 2)
            if len(parts) == 3:
                entries.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
    entries.sort()
    return entries, [e[0] for e in entries]


def name_of(addr, table):
    entries, starts = table
    i = bisect.bisect_right(starts, addr) - 1
    if i >= 0 and entries[i][0] <= addr < entries[i][0] + entries[i][1]:
        return entries[i][2]
    return None


def self_costs(out, table):
    text = subprocess.run(["callgrind_annotate", "--threshold=100", out], capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"([\d,]+) \(100.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        cost = int(m.group(1).replace(",", ""))
        name = m.group(2)
        a = re.match(r"\?\?\?:0x([0-9a-f]+) \[\?\?\?\]", name)
        if a:
            name = name_of(int(a.group(1), 16), table) or ("jit:0x" + a.group(1))
        else:
            name = re.sub(r"^.*?:", "", name, count=1) if not name.startswith("???") else name
        costs[name] = costs.get(name, 0) + cost
    return total, costs


def main():
    base_out, base_map, run_out, run_map, n = sys.argv[1:6]
    top = int(sys.argv[6]) if len(sys.argv) > 6 else 12
    n = int(n)
    base_total, base = self_costs(base_out, load_map(base_map))
    run_total, run = self_costs(run_out, load_map(run_map))
    print(f"instructions per operation: {(run_total - base_total) / n:.1f}")
    diff = sorted(((run.get(k, 0) - base.get(k, 0), k) for k in set(base) | set(run)), reverse=True)
    for cost, name in diff[:top]:
        if cost / n >= 0.5:
            print(f"  {cost / n:8.1f}  {name[:150]}")


main()
