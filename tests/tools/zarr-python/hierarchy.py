"""A small Zarr v2 hierarchy with zarr-python 2.13, for the consolidated-metadata tests.

Usage: /usr/bin/python3 hierarchy.py make <dir>          a root group (attrs), arrays temp (int16, 4x6, chunks 2x3)
                                                        and "a b/values" (float64), group "a b" (attrs), empty group g
       /usr/bin/python3 hierarchy.py consolidate <dir>   zarr.consolidate_metadata
       /usr/bin/python3 hierarchy.py add <dir> <path>    a new int32 array of 3 at <path>, without consolidating
       /usr/bin/python3 hierarchy.py nodes <dir>         prints every node zarr.open_consolidated sees, one a line:
                                                        "group PATH" or "array PATH SHAPE DTYPE SUM" (sorted)
"""
import sys

import numpy as np
import zarr

command, root = sys.argv[1], sys.argv[2]
if command == "make":
    g = zarr.open_group(root, mode="w")
    g.attrs["title"] = "consolidated test \u00e9<>"
    g.attrs["answer"] = 42
    t = g.create_dataset("temp", shape=(4, 6), chunks=(2, 3), dtype="<i2", fill_value=0)
    t[...] = np.arange(24, dtype="<i2").reshape(4, 6)
    t.attrs["units"] = "K"
    sub = g.create_group("a b")
    sub.attrs["description"] = "a nested group"
    v = sub.create_dataset("values", shape=(5,), chunks=(2,), dtype="<f8", fill_value=float("nan"))
    v[...] = np.linspace(0.5, 2.5, 5)
    g.create_group("g")
elif command == "consolidate":
    zarr.consolidate_metadata(root)
elif command == "add":
    z = zarr.open_array(root + "/" + sys.argv[3], mode="w", shape=(3,), chunks=(3,), dtype="<i4", fill_value=0)
    z[...] = np.array([7, 8, 9], dtype="<i4")
elif command == "nodes":
    g = zarr.open_consolidated(root, mode="r")
    lines = []

    def visit(path, node):
        if isinstance(node, zarr.Array):
            lines.append(f"array {path} {list(node.shape)} {node.dtype.str} {float(np.nansum(node[...]))}")
        else:
            lines.append(f"group {path}")

    g.visititems(visit)
    print("\n".join(sorted(lines)))
else:
    raise SystemExit("unknown command " + command)
