"""Parity with CO2.js 0.19.0 through the Python API: the golden vectors of
tests/data/golden/co2js-0.19.0.jsonl (made by tests/data/golden/generate_co2js.mjs from the package)
must come out of numresp.traffic bit for bit, one value at a time and a whole array at once."""

import collections
import json
import math
import pathlib

import numpy as np
import pytest

from numresp import traffic

GOLDEN = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "golden" / "co2js-0.19.0.jsonl"

# The file's composition (generate_co2js.mjs prints it): an empty, cut or stale file cannot pass.
EXPECTED_COUNTS = {
    ("onebyte", "per_byte"): 528,
    ("swd3", "per_byte"): 595,
    ("swd3", "per_visit"): 775,
    ("swd3", "rating"): 166,
    ("swd3", "segments"): 417,
    ("swd4", "per_byte"): 945,
    ("swd4", "per_visit"): 1137,
    ("swd4", "rating"): 193,
    ("swd4", "segments"): 657,
}
MAX_SHOWN = 20


def _load():
    with GOLDEN.open(encoding="utf-8") as f:
        return [(number, json.loads(text)) for number, text in enumerate(f, start=1) if text.strip()]


LINES = _load()


def _kwargs(line):
    """numresp.traffic keyword arguments of a line's options (they already use numresp's names)."""
    return dict(line["options"])


def _same(got, want):
    """Bit for bit: equal, and the same sign for a zero."""
    want = float(want)
    return got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


def _scalar_mismatches(line):
    model, fn = line["model"], line["fn"]
    if fn == "rating":
        got = traffic.rating(float(line["grams"]), model)
        return [] if got == line["expected"] else [f"rating {got!r}"]
    args = (float(line["bytes"]), model, line["green"])
    if fn == "per_byte":
        got = traffic.per_byte(*args, **_kwargs(line))
        return [] if isinstance(got, float) and _same(got, line["expected"]) else [f"per_byte {got!r}"]
    if fn == "per_visit":
        got = traffic.per_visit(*args, **_kwargs(line))
        return [] if isinstance(got, float) and _same(got, line["expected"]) else [f"per_visit {got!r}"]
    if fn == "segments":
        got = traffic.segments(*args, **_kwargs(line))
        if set(got) != set(line["expected"]):
            return [f"fields {sorted(got)}"]
        return [f"{k} {got[k]!r}" for k, v in line["expected"].items() if not _same(got[k], v)]
    return [f"unknown fn {fn}"]


def _report(failures):
    shown = "\n".join(failures[:MAX_SHOWN])
    return f"{len(failures)} golden lines differ from CO2.js 0.19.0 ({GOLDEN}):\n{shown}"


def test_file_composition():
    counts = collections.Counter((line["model"], line["fn"]) for _, line in LINES)
    assert dict(counts) == EXPECTED_COUNTS
    assert len(LINES) == sum(EXPECTED_COUNTS.values())


def test_scalar_calls_match_bit_for_bit():
    failures = []
    checked = collections.Counter()
    for number, line in LINES:
        try:
            bad = _scalar_mismatches(line)
        except Exception as e:  # noqa: BLE001 - an error is a mismatch, reported with its line
            bad = [f"raised {type(e).__name__}: {e}"]
        if bad:
            failures.append(f"line {number}: {'; '.join(bad)}\n  {json.dumps(line)}")
        checked[(line["model"], line["fn"])] += 1
    assert not failures, _report(failures)
    assert dict(checked) == EXPECTED_COUNTS


def _groups():
    """Lines grouped by (model, fn, green, options), for one array call each."""
    groups = collections.defaultdict(list)
    for number, line in LINES:
        if line["fn"] == "segments":  # segments() takes one byte count (a dict per call)
            continue
        key = (line["model"], line["fn"], line["green"], json.dumps(line["options"], sort_keys=True))
        groups[key].append((number, line))
    return groups


GROUPS = _groups()


def test_vectorised_calls_match_bit_for_bit():
    failures = []
    checked = collections.Counter()
    for (model, fn, green, _), members in GROUPS.items():
        lines = [line for _, line in members]
        if fn == "rating":
            grams = np.array([float(line["grams"]) for line in lines], dtype=np.float64)
            got = traffic.rating(grams, model)
            want = np.array([line["expected"] for line in lines])
            ok = isinstance(got, np.ndarray) and got.shape == want.shape and bool((got == want).all())
        else:
            data = np.array([float(line["bytes"]) for line in lines], dtype=np.float64)
            call = traffic.per_byte if fn == "per_byte" else traffic.per_visit
            got = call(data, model, green, **_kwargs(lines[0]))
            want = np.array([float(line["expected"]) for line in lines], dtype=np.float64)
            ok = (
                isinstance(got, np.ndarray)
                and got.dtype == np.float64
                and got.shape == want.shape
                and np.array_equal(got.view(np.uint64), want.view(np.uint64))
            )
        if not ok:
            numbers = [number for number, _ in members]
            failures.append(f"lines {numbers[:10]}{'...' if len(numbers) > 10 else ''}: {fn} {model} got {got!r}")
        checked[(model, fn)] += len(lines)
    assert not failures, _report(failures)
    expected = {key: n for key, n in EXPECTED_COUNTS.items() if key[1] != "segments"}
    assert dict(checked) == expected


@pytest.mark.parametrize("fn", ["per_byte", "per_visit", "rating"])
def test_vectorised_groups_are_real_arrays(fn):
    # The grouping must leave arrays of many values, not one call per line.
    sizes = [len(members) for (_, f, _, _), members in GROUPS.items() if f == fn]
    assert sizes and max(sizes) >= 16
