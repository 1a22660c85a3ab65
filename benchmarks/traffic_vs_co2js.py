#!/usr/bin/python3
"""numresp.traffic.per_byte against CO2.js 0.19.0's perByte, side by side.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/traffic_vs_co2js.py \
        [--n 10000000] [--runs 5] [--co2js DIR] [--node node] [--json FILE]

Times ``numresp.traffic.per_byte`` on N = 10,000,000 byte counts (one numpy array, SWD v4 and v3),
the median of `runs` passes after a warm-up; runs benchmarks/traffic_co2js_node.mjs (CO2.js's
``perByte`` in a loop over the same values, made by the same generator) when Node.js and the
package are available (--co2js, env CO2JS_DIR, default /tmp/co2js/node_modules/@tgwf/co2); checks
that the inputs are the same and that the results agree bit for bit on a sample (every 97th value)
and by a fingerprint of the whole array; and times one scalar call ``per_byte(1e6)`` with
``timeit`` (median of repeats, in µs). Prints a table (and JSON to --json).
"""

import argparse
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
NODE_SCRIPT = HERE / "traffic_co2js_node.mjs"
SEED = 20261129

try:
    import numresp
    from numresp import traffic
except ImportError:  # not on PYTHONPATH: use a build tree's package
    for build in ("release", "dev"):
        candidate = HERE.parent / "build" / build / "python"
        if (candidate / "numresp" / "traffic.py").is_file():
            sys.path.insert(0, str(candidate))
            break
    import numresp
    from numresp import traffic


def inputs(n, seed=SEED):
    """The shared deterministic inputs (traffic_co2js_node.mjs's ``inputs`` makes the same array).

    A 32-bit LCG x <- (1664525 x + 1013904223) mod 2**32; value i is m * 2**(e - 10) with m = bits
    3..26 and e = bits 27..31 of the i-th next state: exact doubles, 0 and 2**-10 .. 2**45 bytes.
    The sequence is computed by jumping ahead (x_{j+k} = A_k x_j + C_k), doubling k each step."""
    mask = 0xFFFFFFFF
    a, c = 1664525, 1013904223
    x = np.empty(n, dtype=np.uint64)
    if n == 0:
        return x.astype(np.float64)
    x[0] = (a * seed + c) & mask
    k, big_a, big_c = 1, a, c
    while k < n:
        m = min(k, n - k)
        x[k : k + m] = (x[:m] * np.uint64(big_a) + np.uint64(big_c)) & np.uint64(mask)
        big_a, big_c = (big_a * big_a) & mask, (big_a * big_c + big_c) & mask
        k *= 2
    mantissa = ((x >> np.uint64(3)) & np.uint64(0xFFFFFF)).astype(np.float64)
    exponent = (x >> np.uint64(27)).astype(np.int64) - 10
    return np.ldexp(mantissa, exponent)


def xor32(a):
    """XOR of the 32-bit halves of all values (the Node side computes the same)."""
    return int(np.bitwise_xor.reduce(np.ascontiguousarray(a, dtype=np.float64).view(np.uint32)))


def time_numresp(data, model, runs):
    """Median time of per_byte on the whole array, returning a new array each time, and median
    time writing into a preallocated array (``out=``), as the Node side writes into a
    Float64Array allocated before its timer starts."""
    traffic.per_byte(data[: min(len(data), 100_000)], model)  # warm-up
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = traffic.per_byte(data, model)
        times.append(time.perf_counter() - t0)
    preallocated = np.empty_like(data)
    traffic.per_byte(data, model, out=preallocated)  # fault the pages in, as Node's Float64Array is
    out_times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        traffic.per_byte(data, model, out=preallocated)
        out_times.append(time.perf_counter() - t0)
    if not np.array_equal(preallocated.view(np.uint64), out.view(np.uint64)):
        sys.exit(f"{model}: per_byte with out= differs from per_byte")
    return statistics.median(times), times, out, statistics.median(out_times), out_times


def time_scalar(repeats=7, number=200_000):
    per_call = [t / number for t in timeit.repeat(lambda: traffic.per_byte(1e6), repeat=repeats, number=number)]
    return statistics.median(per_call) * 1e6, [t * 1e6 for t in per_call]


def run_node(args, n, tmp):
    node = shutil.which(args.node)
    package_json = pathlib.Path(args.co2js) / "package.json"
    if node is None or not package_json.is_file():
        print(f"CO2.js side skipped: node={node}, package={package_json} (found: {package_json.is_file()})")
        return None
    cmd = [node, str(NODE_SCRIPT), "--co2js", args.co2js, "--n", str(n), "--runs", str(args.runs)]
    cmd += ["--sample-stride", str(args.sample_stride), "--sample-out", tmp]
    print("running:", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--co2js", default=os.environ.get("CO2JS_DIR", "/tmp/co2js/node_modules/@tgwf/co2"))
    parser.add_argument("--node", default="node")
    parser.add_argument("--sample-stride", type=int, default=97)
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    args = parser.parse_args()

    print(f"numresp {getattr(numresp, '__version__', '?')} from {pathlib.Path(numresp.__file__).parent}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    data = inputs(args.n)
    figures = {"n": args.n, "runs": args.runs, "input_xor32": xor32(data), "models": {}}
    results = {}
    for model in ("swd4", "swd3"):
        med, times, out, out_med, out_times = time_numresp(data, model, args.runs)
        results[model] = out
        figures["models"][model] = {"numresp_median_s": med, "numresp_times_s": times,
                                    "numresp_out_median_s": out_med, "numresp_out_times_s": out_times,
                                    "numresp_output_xor32": xor32(out)}
    scalar_us, scalar_all = time_scalar()
    figures["scalar_per_byte_1e6_us"] = scalar_us
    figures["scalar_per_byte_1e6_us_repeats"] = scalar_all

    with tempfile.TemporaryDirectory() as tmp:
        node = run_node(args, args.n, tmp)
        if node is not None:
            figures["co2js"] = {"version": node["co2js_version"], "node": node["node_version"]}
            if node["input_xor32"] != figures["input_xor32"] or node["input_head"] != data[:3].tolist():
                sys.exit(f"the Node side made other inputs: {node['input_xor32']} {node['input_head']}")
            for model, entry in node["models"].items():
                mine = results[model][:: args.sample_stride]
                theirs = np.fromfile(entry["sample_file"], dtype="<f8")
                if theirs.shape == mine.shape:
                    differing = int(np.count_nonzero(mine.view(np.uint64) != theirs.view(np.uint64)))
                else:
                    differing = -1
                same = differing == 0
                f = figures["models"][model]
                f.update(co2js_median_s=entry["median_s"], co2js_times_s=entry["times_s"],
                         sample_size=int(mine.size), sample_bit_identical=same, sample_differing=differing,
                         whole_array_xor32_equal=entry["output_xor32"] == f["numresp_output_xor32"],
                         ratio_co2js_over_numresp=entry["median_s"] / f["numresp_median_s"],
                         ratio_co2js_over_numresp_out=entry["median_s"] / f["numresp_out_median_s"])

    print()
    print(f"per_byte of N = {args.n:,} byte counts, median of {args.runs} runs")
    print("numresp: a new result array each call; numresp out=: into a preallocated array (as CO2.js's loop)")
    print(f"{'model':<6} {'numresp':>12} {'numresp out=':>13} {'ns/value':>9} {'CO2.js':>12} {'ns/value':>9}"
          f" {'ratio':>7} {'ratio out=':>10}  agreement")
    for model, f in figures["models"].items():
        line = (f"{model:<6} {f['numresp_median_s'] * 1e3:>9.1f} ms {f['numresp_out_median_s'] * 1e3:>10.1f} ms"
                f" {f['numresp_out_median_s'] / args.n * 1e9:>9.2f}")
        if "co2js_median_s" in f:
            agree = (f"bit-identical on {f['sample_size']:,} samples" if f["sample_bit_identical"]
                     else f"{f['sample_differing']} of {f['sample_size']:,} samples DIFFER")
            agree += ", whole-array fingerprint " + ("equal" if f["whole_array_xor32_equal"] else "DIFFERS")
            line += (f" {f['co2js_median_s'] * 1e3:>9.1f} ms {f['co2js_median_s'] / args.n * 1e9:>9.2f}"
                     f" {f['ratio_co2js_over_numresp']:>6.1f}x {f['ratio_co2js_over_numresp_out']:>9.1f}x  {agree}")
        print(line)
    print(f"scalar numresp.traffic.per_byte(1e6): {scalar_us:.3f} µs per call (median of {len(scalar_all)} repeats)")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    failed = [m for m, f in figures["models"].items()
              if "co2js_median_s" in f and not (f["sample_bit_identical"] and f["whole_array_xor32_equal"])]
    if failed:
        sys.exit(f"numresp and CO2.js disagree for {failed}")


if __name__ == "__main__":
    main()
