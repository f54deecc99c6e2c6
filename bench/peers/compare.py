"""Checks that every implementation read the same bytes, and tabulates the medians of bench/peers.

Usage: python3 compare.py [--ours K] <results-dir> <meta.json> <out-dir> <ours>... <peer>...
Reads <out-dir>/<name>.<round>.json for each implementation name (the first K are ours, default 1) and pools the
samples of its rounds. Ratios are each peer's median over each of ours.
Prints the table and writes <results-dir>/peers.md and <results-dir>/peers.json. Exits 1 when any implementation's
hash of a selection differs from another's (or between its own repetitions and rounds).
"""
import glob
import json
import statistics
import sys

argv = sys.argv[1:]
ours_count = 1
if argv[0] == "--ours":
    ours_count, argv = int(argv[1]), argv[2:]
results_dir, meta_path, out_dir, names_given = argv[0], argv[1], argv[2], argv[3:]
meta = json.load(open(meta_path))


def pooled(name):
    files = sorted(glob.glob(f"{out_dir}/{name}.*.json"))
    if not files:
        sys.exit(f"no results for {name} in {out_dir}")
    rounds = [json.load(open(f)) for f in files]
    run = {"implementation": rounds[0]["implementation"], "version": rounds[0]["version"], "rounds": len(rounds),
           "selections": []}
    for sel in rounds[0]["selections"]:
        same = [next(s for s in r["selections"] if s["name"] == sel["name"]) for r in rounds]
        run["selections"].append({"name": sel["name"],
                                  "cold_ms": [x for s in same for x in s["cold_ms"]],
                                  "warm_ms": [x for s in same for x in s["warm_ms"]],
                                  "sha256": sorted({h for s in same for h in s["sha256"]})})
    return run


runs = [pooled(n) for n in names_given]
ours, peers = runs[:ours_count], runs[ours_count:]
names = [s["name"] for s in ours[0]["selections"]]

failures = []
for name in names:
    seen = {}
    for run in runs:
        sel = next((s for s in run["selections"] if s["name"] == name), None)
        if sel is None:
            failures.append(f"{run['implementation']} did not read '{name}'")
            continue
        if len(sel["sha256"]) != 1:
            failures.append(f"{run['implementation']} read '{name}' differently between repetitions: {sel['sha256']}")
        seen[run["implementation"]] = sel["sha256"][0]
    if len(set(seen.values())) > 1:
        failures.append(f"'{name}' differs: " + ", ".join(f"{k} {v[:16]}" for k, v in seen.items()))


def median(run, name, phase):
    sel = next(s for s in run["selections"] if s["name"] == name)
    return statistics.median(sel[f"{phase}_ms"])


def fmt(ms):
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    if ms >= 1:
        return f"{ms:.2f}"
    return f"{ms:.3f}"


describe = {
    "whole": "whole array `[:, :, :]` (120 chunks)",
    "timeseries": "time series `[0:100, 5, 7]` (10 chunks)",
    "chunk": "one chunk `[0:10, 0:50, 0:100]`",
    "random20": "20 random points and small boxes (seeded)",
}
header = ["selection", "phase"] + [f"{r['implementation']} ms" for r in runs] \
    + [f"{p['implementation']} / {o['implementation']}" for p in peers for o in ours]
rows, table = [], []
for name in names:
    for phase in ("cold", "warm"):
        mine = [median(o, name, phase) for o in ours]
        theirs = [median(p, name, phase) for p in peers]
        ratios = {(p["implementation"], o["implementation"]): t / m for p, t in zip(peers, theirs) for o, m in zip(ours, mine)}
        rows.append({"selection": name, "description": describe.get(name, name), "phase": phase,
                     "median_ms": {r["implementation"]: median(r, name, phase) for r in runs},
                     "ratio_peer_over_ours": {f"{p} / {o}": round(x, 3) for (p, o), x in ratios.items()}})
        table.append([describe.get(name, name), phase] + [fmt(m) for m in mine] + [fmt(t) for t in theirs]
                     + [f"{x:.2f}" for x in ratios.values()])

md = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * (len(header) - 2)) + "|"]
md += ["| " + " | ".join(r) + " |" for r in table]
notes = [
    f"Medians, after {meta.get('warmup_passes', 1)} untimed warm-up passes (each on a fresh cache, every selection cold then"
    f" warm) and {meta.get('settle_ms', 0)} ms of rest per reader process, over {meta['rounds']} rounds (the readers take turns, each round in a new order) of {meta['cold']} cold reads"
    f" per round (each on a fresh cache) and {meta['warm']} warm reads per round (the same cache, repeated), i.e."
    f" {meta['rounds'] * meta['cold']} cold and {meta['rounds'] * meta['warm']} warm samples per cell;"
    " ratios (peer / ours) > 1 mean ZarrCache is faster.",
    "Implementations: " + "; ".join(f"{r['implementation']}: {r['version']}" for r in runs) + ".",
    "Origin requests per implementation (nginx access log, whole run incl. warm-up): "
    + ", ".join(f"{k} {v}" for k, v in meta.get("origin_requests", {}).items()) + ".",
    f"Run {meta['started']} to {meta['finished']} on {meta['machine']}; load average before/after: "
    f"{meta['load_before']} / {meta['load_after']}.",
]
text = "\n".join(md + [""] + notes)
print(text)
with open(f"{results_dir}/peers.md", "w") as f:
    f.write(text + "\n")
with open(f"{results_dir}/peers.json", "w") as f:
    json.dump({"meta": meta, "rows": rows, "runs": runs, "failures": failures}, f, indent=1)
if failures:
    print("\nRESULTS DIFFER:\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print("\nAll implementations read identical bytes for every selection (SHA-256 of the float32 values).")
