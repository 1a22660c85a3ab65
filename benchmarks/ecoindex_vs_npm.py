#!/usr/bin/python3
"""numresp.web.ecoindex against npm ecoindex 2.0.1, side by side.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/ecoindex_vs_npm.py \
        [--n 10000000] [--runs 5] [--ecoindex DIR] [--node node] [--json FILE]

Times numresp's EcoIndex of N = 10,000,000 pages given as three numpy arrays (dom, requests,
size_kb), flavour "raw" (npm's convention), the median of `runs` passes after a warm-up:

* ``numresp.web.ecoindex(dom, requests, size_kb)``: the public call, returning a pandas DataFrame
  (score, grade as a categorical, ghg_g, water_cl);
* the numpy-only path under it, ``numresp._core.web.ecoindex_arrays`` (a dict of numpy arrays,
  grades as codes 0..6): not public API, timed to show what the DataFrame costs;
* the same public call with flavour "ecoindex.fr", for information.

Then runs benchmarks/ecoindex_node.mjs (npm computeEcoIndex + getEcoIndexGrade + GHG + water in a
loop over the same inputs, made by the same generator, writing into preallocated typed arrays)
when Node.js and the package are available (--ecoindex, env ECOINDEX_DIR, default
/tmp/ecoindex/node_modules/ecoindex); checks that the inputs are the same, that the scores agree
bit for bit on a sample (every 97th page) and by a fingerprint of the whole array, and that the
grades ("G" for npm's false) and the toFixed(2) GHG and water agree on the sample; and prints the
ratio npm / numresp. Also times one scalar call. Prints a table (and JSON to --json).
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
NODE_SCRIPT = HERE / "ecoindex_node.mjs"
SEED = 20261129
GRADES = "ABCDEFG"

try:
    import numresp
    from numresp import _core, web
except ImportError:  # not on PYTHONPATH: use a build tree's package
    for build in ("release", "dev"):
        candidate = HERE.parent / "build" / build / "python"
        if (candidate / "numresp" / "web" / "__init__.py").is_file():
            sys.path.insert(0, str(candidate))
            break
    import numresp
    from numresp import _core, web


def lcg_states(count, seed=SEED):
    """The first `count` states of x <- (1664525 x + 1013904223) mod 2**32 after `seed`, computed by
    jumping ahead (x_{j+k} = A_k x_j + C_k), doubling k each step."""
    mask = 0xFFFFFFFF
    a, c = 1664525, 1013904223
    x = np.empty(count, dtype=np.uint64)
    if count == 0:
        return x
    x[0] = (a * seed + c) & mask
    k, big_a, big_c = 1, a, c
    while k < count:
        m = min(k, count - k)
        x[k : k + m] = (x[:m] * np.uint64(big_a) + np.uint64(big_c)) & np.uint64(mask)
        big_a, big_c = (big_a * big_a) & mask, (big_a * big_c + big_c) & mask
        k *= 2
    return x


def inputs(n, seed=SEED):
    """The shared deterministic inputs (ecoindex_node.mjs's ``inputs`` makes the same arrays): three
    LCG states per page, dom = (x1 >> 15) >> (x1 & 15), requests = (x2 >> 22) >> (x2 & 7),
    size_kb = ((x3 >> 5) >> (x3 & 15)) / 1000; exact doubles."""
    x = lcg_states(3 * n, seed).reshape(n, 3) if n else np.empty((0, 3), dtype=np.uint64)
    a, b, c = x[:, 0], x[:, 1], x[:, 2]
    dom = ((a >> np.uint64(15)) >> (a & np.uint64(15))).astype(np.float64)
    requests = ((b >> np.uint64(22)) >> (b & np.uint64(7))).astype(np.float64)
    size_kb = ((c >> np.uint64(5)) >> (c & np.uint64(15))).astype(np.float64) / 1000.0
    return dom, requests, size_kb


def xor32(a):
    """XOR of the 32-bit halves of all values (the Node side computes the same)."""
    return int(np.bitwise_xor.reduce(np.ascontiguousarray(a, dtype=np.float64).view(np.uint32)))


def timed(fn, runs):
    fn()  # warm-up
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, out


def time_scalar(repeats=7, number=100_000):
    per_call = [t / number for t in timeit.repeat(lambda: web.ecoindex(240, 20, 500), repeat=repeats, number=number)]
    return statistics.median(per_call) * 1e6, [t * 1e6 for t in per_call]


def run_node(args, n, tmp):
    node = shutil.which(args.node)
    package_json = pathlib.Path(args.ecoindex) / "package.json"
    if node is None or not package_json.is_file():
        print(f"npm side skipped: node={node}, package={package_json} (found: {package_json.is_file()})")
        return None
    cmd = [node, str(NODE_SCRIPT), "--ecoindex", args.ecoindex, "--n", str(n), "--runs", str(args.runs)]
    cmd += ["--sample-stride", str(args.sample_stride), "--sample-out", tmp]
    print("running:", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def compare_sample(node, df, stride):
    """Value-by-value comparison of the npm sample with numresp's DataFrame (raw flavour)."""
    files = node["sample_files"]
    theirs_score = np.fromfile(files["score"], dtype="<f8")
    theirs_ghg = np.fromfile(files["ghg"], dtype="<f8")
    theirs_water = np.fromfile(files["water"], dtype="<f8")
    theirs_grade = np.fromfile(files["grade"], dtype=np.uint8)
    mine = df.iloc[::stride]
    score = mine["score"].to_numpy()
    if score.shape != theirs_score.shape:
        return {"sample_size": -1}
    grade_codes = np.array([GRADES.index(g) for g in mine["grade"].astype(str)], dtype=np.uint8)
    npm_false = theirs_grade == 7
    ghg_text = np.array([float(web.to_fixed_2(v)) for v in mine["ghg_g"].to_numpy()])
    water_text = np.array([float(web.to_fixed_2(v)) for v in mine["water_cl"].to_numpy()])
    return {
        "sample_size": int(score.size),
        "score_differing": int(np.count_nonzero(score.view(np.uint64) != theirs_score.view(np.uint64))),
        "grade_differing": int(np.count_nonzero(np.where(npm_false, 6, theirs_grade) != grade_codes)),
        "npm_grade_false_in_sample": int(np.count_nonzero(npm_false)),
        "ghg_differing": int(np.count_nonzero(ghg_text != theirs_ghg)),
        "water_differing": int(np.count_nonzero(water_text != theirs_water)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ecoindex", default=os.environ.get("ECOINDEX_DIR", "/tmp/ecoindex/node_modules/ecoindex"))
    parser.add_argument("--node", default="node")
    parser.add_argument("--sample-stride", type=int, default=97)
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    args = parser.parse_args()

    print(f"numresp {getattr(numresp, '__version__', '?')} from {pathlib.Path(numresp.__file__).parent}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    dom, requests, size_kb = inputs(args.n)
    figures = {"n": args.n, "runs": args.runs, "input_xor32": [xor32(dom), xor32(requests), xor32(size_kb)]}

    med, times, df = timed(lambda: web.ecoindex(dom, requests, size_kb), args.runs)
    figures.update(numresp_dataframe_median_s=med, numresp_dataframe_times_s=times)
    med, times, arrays = timed(lambda: _core.web.ecoindex_arrays(dom, requests, size_kb, "raw"), args.runs)
    figures.update(numresp_arrays_median_s=med, numresp_arrays_times_s=times)
    med, times, _ = timed(lambda: web.ecoindex(dom, requests, size_kb, flavour="ecoindex.fr"), args.runs)
    figures.update(numresp_dataframe_fr_median_s=med, numresp_dataframe_fr_times_s=times)
    score = df["score"].to_numpy()
    if not np.array_equal(score.view(np.uint64), arrays["score"].view(np.uint64)):
        sys.exit("the DataFrame and the numpy path give different scores")
    figures["numresp_score_xor32"] = xor32(score)
    scalar_us, scalar_all = time_scalar()
    figures["scalar_ecoindex_us"] = scalar_us
    figures["scalar_ecoindex_us_repeats"] = scalar_all

    with tempfile.TemporaryDirectory() as tmp:
        node = run_node(args, args.n, tmp)
        if node is not None:
            if node["input_xor32"] != figures["input_xor32"] or node["input_head"] != [
                    dom[0], requests[0], size_kb[0], dom[1], requests[1], size_kb[1]]:
                sys.exit(f"the Node side made other inputs: {node['input_xor32']} {node['input_head']}")
            figures["npm"] = {"version": node["ecoindex_version"], "node": node["node_version"],
                              "median_s": node["median_s"], "times_s": node["times_s"],
                              "grade_false": node["grade_false"]}
            figures["whole_array_score_xor32_equal"] = node["score_xor32"] == figures["numresp_score_xor32"]
            figures["sample"] = compare_sample(node, df, args.sample_stride)
            figures["ratio_npm_over_dataframe"] = node["median_s"] / figures["numresp_dataframe_median_s"]
            figures["ratio_npm_over_arrays"] = node["median_s"] / figures["numresp_arrays_median_s"]

    n = args.n
    print()
    print(f"EcoIndex of N = {n:,} pages (score, grade, GHG, water), median of {args.runs} runs")
    rows = [("numresp web.ecoindex -> DataFrame (raw)", figures["numresp_dataframe_median_s"]),
            ("numresp _core.web.ecoindex_arrays -> numpy (raw)", figures["numresp_arrays_median_s"]),
            ("numresp web.ecoindex -> DataFrame (ecoindex.fr)", figures["numresp_dataframe_fr_median_s"])]
    if "npm" in figures:
        rows.append((f"npm ecoindex {figures['npm']['version']} loop (node {figures['npm']['node']})",
                     figures["npm"]["median_s"]))
    for name, seconds in rows:
        line = f"{name:<52} {seconds * 1e3:>10.1f} ms {seconds / n * 1e9:>9.2f} ns/page"
        if "npm" in figures:
            line += f"  npm/this {figures['npm']['median_s'] / seconds:>7.1f}x"
        print(line)
    print(f"scalar numresp.web.ecoindex(240, 20, 500): {scalar_us:.3f} µs per call (median of {len(scalar_all)} repeats)")
    if "sample" in figures:
        s = figures["sample"]
        print(f"agreement on a {s['sample_size']:,}-page sample: scores differing {s['score_differing']}, grades "
              f"{s['grade_differing']} (npm false -> G: {s['npm_grade_false_in_sample']}), toFixed GHG "
              f"{s['ghg_differing']}, water {s['water_differing']}; whole-array score fingerprint "
              + ("equal" if figures["whole_array_score_xor32_equal"] else "DIFFERS"))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if "sample" in figures:
        s = figures["sample"]
        bad = s["sample_size"] <= 0 or any(s[k] for k in ("score_differing", "grade_differing", "ghg_differing",
                                                           "water_differing"))
        if bad or not figures["whole_array_score_xor32_equal"]:
            sys.exit("numresp and npm ecoindex disagree")


if __name__ == "__main__":
    main()
