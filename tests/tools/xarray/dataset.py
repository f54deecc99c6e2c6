"""Writes the datasets of ZarrDatasetXarrayTests with Debian's python3-xarray (2023.01) and prints what xarray shows.

Usage: /usr/bin/python3 dataset.py <root>
Writes <root>/<name> for each dataset (zarr v2, consolidated metadata) and prints JSON:
{name: {"dims": [[name, length]...], "coords": [...], "data_vars": [...], "attrs": {...},
        "variables": {name: {"dims", "raw_attrs" (decode_cf=False, without _FillValue), "attrs" (decoded),
                             "raw_dtype", "dtype" (decoded), "raw" (stored values), "decoded"}}}}
Floats print as numbers (NaN as null); datetime64 values as their int64 nanoseconds since 1970 (NaT as null); cftime
dates as [year, month, day, hour, minute, second, microsecond]; strings as strings.
<root>/bad_calendar is written too: a time variable whose calendar attribute is "martian"; its entry holds xarray's error.
"""
import json
import sys

import numpy as np
import pandas as pd
import xarray as xr

root = sys.argv[1]


def climate():
    time = pd.date_range("2000-01-01", periods=4, freq="6H")
    t = 280 + np.arange(24, dtype="f4").reshape(4, 3, 2) * 0.37
    t[1, 1, 1] = np.nan
    precip = (np.arange(24).reshape(4, 3, 2) * 0.013 - 0.05).astype("f8")
    precip[2, 0, 0] = np.nan
    wind = (np.arange(24).reshape(4, 3, 2) * 0.25).astype("f4")
    wind[3, 2, 1] = np.nan
    ds = xr.Dataset(
        {
            "temperature": (("time", "lat", "lon"), t, {"long_name": "air temperature", "units": "K"}),
            "precip": (("time", "lat", "lon"), precip, {"units": "mm", "long_name": "precipitation"}),
            "wind": (("time", "lat", "lon"), wind, {"units": "m s-1"}),
        },
        coords={
            "time": time,
            "lat": ("lat", np.array([10.0, 20.0, 30.0]), {"units": "degrees_north"}),
            "lon": np.array([100.0, 110.0]),
            "station": ("lat", np.array(["Oslo", "Bergen", "Tromsø"])),
            "city": ("lon", np.array(["Ålesund", "Bodø"], dtype=object)),
        },
        attrs={"title": "test dataset", "history": "written by xarray at test time", "version": 3},
    )
    ds.precip.encoding = {"dtype": "int16", "scale_factor": 0.01, "add_offset": 1.5, "_FillValue": -9999}
    ds.wind.encoding = {"dtype": "int16", "scale_factor": 0.25, "_FillValue": -1}
    ds.temperature.encoding = {"_FillValue": np.nan}
    return ds


def calendar(name, start, freq="D", periods=5):
    time = xr.cftime_range(start, periods=periods, freq=freq, calendar=name)
    return xr.Dataset({"x": (("time",), np.arange(float(periods)))}, coords={"time": time})


def value(v):
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else int(v.astype("datetime64[ns]").astype(np.int64))
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (str, np.str_)):
        return str(v)
    if hasattr(v, "calendar"):  # cftime
        return [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond]
    return v if v is None or isinstance(v, (int, bool)) else str(v)


def attrs(a):
    return {k: (value(v) if isinstance(v, (np.generic, float)) else v) for k, v in a.items()}


def describe(path):
    ds = xr.open_zarr(path)
    raw = xr.open_zarr(path, decode_cf=False)
    out = {
        "dims": [[k, int(n)] for k, n in ds.dims.items()],
        "coords": sorted(ds.coords),
        "data_vars": sorted(ds.data_vars),
        "attrs": attrs(ds.attrs),
        "variables": {},
    }
    for name in ds.variables:
        d, r = ds[name], raw[name]
        out["variables"][name] = {
            "dims": list(d.dims),
            "raw_attrs": attrs({k: v for k, v in r.attrs.items() if k != "_FillValue"}),
            "attrs": attrs(d.attrs),
            "raw_dtype": str(r.dtype),
            "dtype": str(d.dtype),
            "raw": [value(v) for v in np.asarray(r.values).ravel()],
            "decoded": [value(v) for v in np.asarray(d.values).ravel()],
        }
    return out


datasets = {
    "climate": climate(),
    "noleap": calendar("noleap", "2001-02-26"),
    "all_leap": calendar("all_leap", "2001-02-27"),
    "360_day": calendar("360_day", "2001-02-28", freq="12H"),
    "julian": calendar("julian", "1500-02-27"),
    "standard_1582": calendar("standard", "1582-10-03"),
}
result = {}
for name, ds in datasets.items():
    ds.to_zarr(f"{root}/{name}", mode="w", consolidated=True)
    result[name] = describe(f"{root}/{name}")

bad = xr.Dataset({"x": (("time",), np.arange(3.0))}, coords={"time": ("time", np.arange(3), {"units": "days since 2000-01-01", "calendar": "martian"})})
bad.to_zarr(f"{root}/bad_calendar", mode="w", consolidated=True)
try:
    xr.open_zarr(f"{root}/bad_calendar").time.values
    result["bad_calendar"] = {"error": None}
except Exception as e:  # xarray refuses it too
    result["bad_calendar"] = {"error": str(e)}

print(json.dumps(result))
