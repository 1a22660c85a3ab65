#!/usr/bin/env python3
"""Shrinks generate_boaviztapi.py's devices file into the checked-in golden file.

Keeps the request (group, kind, archetype, type, location, duration, usage), the figure
(criterion, phase, status, raw value/min/max, rounded), and for IoT embedded lines the
CPython >= 3.12 sum; drops the verbose inputs the tests do not read. Writes gzip with a fixed
mtime so that the bytes are reproducible.

    /usr/bin/python3 tests/data/golden/generate_boaviztapi.py
    /usr/bin/python3 tests/data/golden/compact_boaviztapi.py
"""
import gzip
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE / "boaviztapi-2.4.1-devices.jsonl"
TARGET = HERE / "boaviztapi-2.4.1-devices.jsonl.gz"
KEEP = ("group", "kind", "archetype", "type", "location", "duration", "usage", "criterion", "phase", "status",
        "value", "min", "max", "rounded")


def main() -> None:
    lines = []
    for raw in SOURCE.read_text().splitlines():
        row = json.loads(raw)
        out = {k: row[k] for k in KEEP if k in row}
        if "py312_sum" in row:
            p = row["py312_sum"]
            out["py312"] = {"value": p["value"], "min": p["min"], "max": p["max"]}
        lines.append(json.dumps(out, separators=(",", ":")))
    data = ("\n".join(lines) + "\n").encode()
    with open(TARGET, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    print(f"{len(lines)} lines, {len(data)} bytes raw, {TARGET.stat().st_size} bytes gzip")


if __name__ == "__main__":
    main()
