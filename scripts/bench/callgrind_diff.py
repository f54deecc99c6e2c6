#!/usr/bin/env python3
"""Per-operation instruction counts from two callgrind runs of the same driver (n = 0 and n = N operations).

usage: callgrind_diff.py BASE.out RUN.out N [top]
Prints the total instructions per operation and the functions whose self cost grew most, per operation.
"""
import re
import subprocess
import sys


def self_costs(out):
    text = subprocess.run(["callgrind_annotate", "--threshold=100", out], capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"([\d,]+) \(100.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        name = re.sub(r"\s*\[[^\]]*\]$", "", m.group(2))  # drop the object file
        name = re.sub(r"^[^:]*:(?!:)", "", name, count=1)  # drop the source file (??? without debug info)
        costs[name] = costs.get(name, 0) + int(m.group(1).replace(",", ""))
    return total, costs


def main():
    base_out, run_out, n = sys.argv[1:4]
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 12
    n = int(n)
    base_total, base = self_costs(base_out)
    run_total, run = self_costs(run_out)
    print(f"instructions per operation: {(run_total - base_total) / n:.1f}")
    diff = sorted(((run.get(k, 0) - base.get(k, 0), k) for k in set(base) | set(run)), reverse=True)
    for cost, name in diff[:top]:
        if cost / n >= 0.5:
            print(f"  {cost / n:8.1f}  {name[:140]}")


main()
