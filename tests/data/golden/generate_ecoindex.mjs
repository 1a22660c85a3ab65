#!/usr/bin/env node
// Golden vectors for numresp's EcoIndex (numresp/web/ecoindex.hpp), produced by calling the npm
// package ecoindex 2.0.1 (with its data package ecoindex_reference 1.0.2) the way a user would.
// This script is ours; it only calls the package, it contains none of its code or data: the
// quantile tables are read from the installed ecoindex_reference.
//
//   node tests/data/golden/generate_ecoindex.mjs [ECOINDEX_DIR] [--out FILE] [--csv-out FILE]
//        [--python /usr/bin/python3]
//
// ECOINDEX_DIR is the installed package's folder (…/node_modules/ecoindex); it can also come from
// the environment variable ECOINDEX_DIR and defaults to /tmp/ecoindex/node_modules/ecoindex
// (`npm install --prefix /tmp/ecoindex ecoindex@2.0.1`, outside the project). ecoindex_reference
// is resolved from there and must be 1.0.2. Outputs, by default next to this script and in
// ../ecoindex/: ecoindex-2.0.1.jsonl and python_reference_values.csv. The run is deterministic:
// the same packages give the same files byte for byte. A summary goes to stderr.
//
// One JSON object a line:
//   {"dom", "requests", "size_kb",                              the inputs (finite, >= 0)
//    "raw": {"score", "grade", "ghg", "water",                  from npm ecoindex 2.0.1:
//            "q_dom", "q_requests", "q_size"},
//    "ecoindex_fr": {"score", "grade", "ghg", "water"}}         the Python reference's semantics
//
// raw: score = computeEcoIndex(dom, requests, size_kb) (unrounded); grade =
// getEcoIndexGrade(score): "A".."G", or false (npm's answer for a score of exactly 0, i.e. every
// input at or above its top boundary); ghg / water = computeGreenhouseGasesEmissionfromEcoIndex /
// computeWaterConsumptionfromEcoIndex(score): the package's toFixed(2) strings, kept as strings;
// q_* = computeQuantile(getQuantiles().dom / .req / .size, input).
//
// ecoindex_fr: what the Python reference (cnumr/ecoindex_python_fullstack
// components/ecoindex/compute/ecoindex.py, compute 5.9.0, the code behind ecoindex.fr) returns:
// score = round(100 - 5 * (3*q_dom + 2*q_req + q_size) / 6) (Python round: ties to even), grade
// from that integer ("G" at or below 10, never false), ghg = round(100 * (2 + 2*(50 - score)/100))
// / 100 and water = round(100 * (3 + 3*(50 - score)/100)) / 100. To be exact rather than
// approximate, these are not re-implemented in JavaScript: the script runs a short Python program
// (PY_HELPER below, run with /usr/bin/python3) that restates those five functions expression for
// expression, with the same operand types (JSON integers arrive as Python ints, as a caller's
// ints would), and fed with the quantiles and grade limits read from ecoindex_reference. Before
// it is used, the helper's functions are checked against every assertion of the reference's own
// test file (the §3 A values, written to python_reference_values.csv); the run stops on any
// difference. The helper also recomputes each case with float inputs and stops if that changes
// anything.
//
// Inputs: negative, NaN or infinite inputs are not golden vectors: npm has no guard (a negative
// input extrapolates, NaN or undefined gives the worst quantile) and numresp refuses them.
//
// Coverage (the summary prints the count of each group):
//   boundary     every quantile boundary i = 0..20 for all three inputs (npm score exactly
//                100 - 5i: checked here), and each input one ulp either side of its boundary,
//                alone and all three together;
//   mixed        dom, requests, size_kb at different boundaries (score 100 - 5(3i+2j+k)/6: every
//                sum 0..120, so every .5 tie of that form);
//   reference    the inputs of the reference repositories' tests (research notes §3 A, B, E) and of
//                the research notes' example table (§2.3, non-negative rows);
//   ties         raw scores that are exact multiples of 0.25 (x.5: Python rounds to even, JS
//                Math.round up; x.25/x.75 can give GHG values that are exact toFixed ties, e.g.
//                93.75 -> 1.125 -> "1.13"), from dom at boundary midpoints;
//   realised     inputs whose raw score is exactly a score the reference tests use as an argument
//                (2, 10, 25, 50, 50.2, 70, 100), found by searching neighbouring doubles;
//   zeros        zero inputs mixed with others;
//   top          at, just below and above the top boundaries, up to Number.MAX_VALUE (score 0,
//                npm grade false);
//   large        large but realistic and unrealistic values;
//   random       5,000 seeded cases: dom log-uniform in [1, 1e5], requests in [1, 1e3], size_kb in
//                [1, 1e5]; dom and requests integers for 80 % of cases, size_kb as integer bytes /
//                1000 for 60 %, an integer kB (GreenIT-Analysis rounds so) for 20 %, any double for
//                20 %.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const EXPECTED_VERSION = "2.0.1";
const EXPECTED_REFERENCE_VERSION = "1.0.2";
const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Arguments and the packages.
const args = process.argv.slice(2);
let pkgDir = process.env.ECOINDEX_DIR || "/tmp/ecoindex/node_modules/ecoindex";
let outFile = join(HERE, `ecoindex-${EXPECTED_VERSION}.jsonl`);
let csvFile = join(HERE, "..", "ecoindex", "python_reference_values.csv");
let python = "/usr/bin/python3";
for (let i = 0; i < args.length; ++i) {
  if (args[i] === "--out") outFile = args[++i];
  else if (args[i] === "--csv-out") csvFile = args[++i];
  else if (args[i] === "--python") python = args[++i];
  else if (args[i] === "--help" || args[i] === "-h") {
    console.log("usage: node generate_ecoindex.mjs [ECOINDEX_DIR] [--out FILE] [--csv-out FILE] [--python PYTHON]");
    process.exit(0);
  } else pkgDir = args[i];
}
pkgDir = resolve(pkgDir);
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (pkg.name !== "ecoindex" || pkg.version !== EXPECTED_VERSION) {
  console.error(`${pkgDir}: found ${pkg.name}@${pkg.version}, need ecoindex@${EXPECTED_VERSION}`);
  process.exit(1);
}
const requireFromPkg = createRequire(join(pkgDir, "package.json"));
const refPkgFile = requireFromPkg.resolve("ecoindex_reference/package.json");
const refPkg = JSON.parse(readFileSync(refPkgFile, "utf8"));
if (refPkg.name !== "ecoindex_reference" || refPkg.version !== EXPECTED_REFERENCE_VERSION) {
  console.error(`${refPkgFile}: found ${refPkg.name}@${refPkg.version}, need ecoindex_reference@${EXPECTED_REFERENCE_VERSION}`);
  process.exit(1);
}
const eco = await import(pathToFileURL(join(pkgDir, pkg.exports?.["."]?.import ?? "dist/index.js")).href);
const {
  computeEcoIndex,
  computeQuantile,
  getQuantiles,
  getEcoIndexGrade,
  getEcoIndexGradesList,
  computeGreenhouseGasesEmissionfromEcoIndex: npmGhg,
  computeWaterConsumptionfromEcoIndex: npmWater,
} = eco;
const Q = getQuantiles();  // {dom, req, size}: the package's own tables (from ecoindex_reference)
const GRADES = getEcoIndexGradesList();
for (const t of [Q.dom, Q.req, Q.size]) if (t.length !== 21) throw new Error(`a quantile table has ${t.length} values`);

function fail(message) {
  console.error(`generate_ecoindex: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// The Python reference's semantics, run by /usr/bin/python3 (see the header). A restatement of
// components/ecoindex/compute/ecoindex.py's get_quantile, get_score, get_grade,
// get_greenhouse_gases_emmission and get_water_consumption (synchronous here), same expressions.
// Protocol: the first stdin line is {"quantiles": {dom, req, size}, "grades": [[limit, letter]..]};
// every further line is a request, answered by one JSON line:
//   {"op": "case", "dom", "requests", "size_kb"} -> {"score", "grade", "ghg", "water"}
//   {"op": "quantile", "table": "dom"|"req"|"size", "value"} -> {"value"}
//   {"op": "score"|"ecoindex", "dom", "requests", "size_kb"}  -> {"value"} / {"score", ...}
//   {"op": "grade"|"ghg"|"water", "score"} -> {"value"}
const PY_HELPER = String.raw`
import json, sys

header = json.loads(sys.stdin.readline())
QD, QR, QS = header["quantiles"]["dom"], header["quantiles"]["req"], header["quantiles"]["size"]
LIMITS = [(letter, limit) for limit, letter in header["grades"] if letter != "G"]

def get_quantile(quantiles, value):
    for i in range(1, len(quantiles)):
        if value < quantiles[i]:
            return i - 1 + (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1])
    return len(quantiles) - 1

def get_score(dom, size, requests):
    q_dom = get_quantile(QD, dom)
    q_size = get_quantile(QS, size)
    q_req = get_quantile(QR, requests)
    return round(100 - 5 * (3 * q_dom + 2 * q_req + q_size) / 6)

def get_grade(ecoindex):
    for letter, limit in LIMITS:
        if ecoindex > limit:
            return letter
    return "G"

def get_greenhouse_gases_emmission(ecoindex):
    return round(100 * (2 + 2 * (50 - ecoindex) / 100)) / 100

def get_water_consumption(ecoindex):
    return round(100 * (3 + 3 * (50 - ecoindex) / 100)) / 100

def get_ecoindex(dom, size, requests):
    score = get_score(dom=dom, size=size, requests=requests)
    return {"score": score, "grade": get_grade(score), "ghg": get_greenhouse_gases_emmission(score),
            "water": get_water_consumption(score)}

TABLES = {"dom": QD, "req": QR, "size": QS}
for text in sys.stdin:
    r = json.loads(text)
    op = r["op"]
    if op in ("case", "ecoindex"):
        out = get_ecoindex(dom=r["dom"], size=r["size_kb"], requests=r["requests"])
        if op == "case":
            again = get_ecoindex(dom=float(r["dom"]), size=float(r["size_kb"]), requests=float(r["requests"]))
            if again != out or type(again["score"]) is not int:
                raise SystemExit("float inputs change the result: %r %r %r" % (r, out, again))
    elif op == "score":
        out = {"value": get_score(dom=r["dom"], size=r["size_kb"], requests=r["requests"])}
    elif op == "quantile":
        out = {"value": get_quantile(TABLES[r["table"]], r["value"])}
    elif op == "grade":
        out = {"value": get_grade(r["score"])}
    elif op == "ghg":
        out = {"value": get_greenhouse_gases_emmission(r["score"])}
    elif op == "water":
        out = {"value": get_water_consumption(r["score"])}
    else:
        raise SystemExit("unknown op %r" % op)
    sys.stdout.write(json.dumps(out, allow_nan=False) + "\n")
`;

function runPython(requests) {
  const header = { quantiles: { dom: Q.dom, req: Q.req, size: Q.size }, grades: GRADES.map((g) => [g.value, g.grade]) };
  const input = [JSON.stringify(header), ...requests.map((r) => JSON.stringify(r))].join("\n") + "\n";
  const done = spawnSync(python, ["-c", PY_HELPER], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  if (done.error) fail(`cannot run ${python}: ${done.error.message}`);
  if (done.status !== 0) fail(`${python} helper failed (${done.status}): ${done.stderr}`);
  const lines = done.stdout.split("\n").filter((l) => l.length > 0);
  if (lines.length !== requests.length) fail(`helper answered ${lines.length} of ${requests.length} requests`);
  return lines.map((l) => JSON.parse(l));
}

// ---------------------------------------------------------------------------------------------
// Neighbouring doubles.
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function nextUp(x) {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] += x > 0 ? 1n : -1n;
  return f64[0];
}
function nextDown(x) {
  return -nextUp(-x);
}

// A small deterministic PRNG (xoshiro128**, seeded with splitmix32); ours, fixed seed.
function makeRng(seed) {
  let s = seed >>> 0;
  const splitmix32 = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st = [splitmix32(), splitmix32(), splitmix32(), splitmix32()];
  const rotl = (x, k) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const next32 = () => {
    const result = Math.imul(rotl(Math.imul(st[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (st[1] << 9) >>> 0;
    st[2] ^= st[0];
    st[3] ^= st[1];
    st[1] ^= st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = rotl(st[3], 11);
    for (let i = 0; i < 4; ++i) st[i] >>>= 0;
    return result;
  };
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;  // [0, 1), 53 bits
  return {
    uniform,
    below: (n) => Math.floor(uniform() * n),
    chance: (p) => uniform() < p,
    logUniform: (lo, hi) => lo * Math.pow(hi / lo, uniform()),
  };
}

// ---------------------------------------------------------------------------------------------
// The npm side of one case.
function npmRaw(dom, requests, sizeKb) {
  const score = computeEcoIndex(dom, requests, sizeKb);
  const grade = getEcoIndexGrade(score);
  const ghg = npmGhg(score);
  const water = npmWater(score);
  if (typeof score !== "number" || !Number.isFinite(score)) fail(`score ${score} for ${dom}, ${requests}, ${sizeKb}`);
  if (typeof ghg !== "string" || typeof water !== "string") fail(`ghg/water not strings for ${dom}`);
  if (!(grade === false || (typeof grade === "string" && /^[A-G]$/.test(grade)))) fail(`grade ${grade}`);
  return {
    score,
    grade,
    ghg,
    water,
    q_dom: computeQuantile(Q.dom, dom),
    q_requests: computeQuantile(Q.req, requests),
    q_size: computeQuantile(Q.size, sizeKb),
  };
}

// ---------------------------------------------------------------------------------------------
// The cases, without duplicates, in the order they are made, each with its group.
const cases = [];
const seen = new Set();
const groupCounts = {};
function add(group, dom, requests, sizeKb) {
  for (const v of [dom, requests, sizeKb]) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(`${group}: invalid input ${v}`);
  }
  // -0 is written as 0 by JSON; keep the inputs exactly as the file will hold them.
  [dom, requests, sizeKb] = [dom, requests, sizeKb].map((v) => (Object.is(v, -0) ? 0 : v));
  const key = `${dom},${requests},${sizeKb}`;
  if (seen.has(key)) return;
  seen.add(key);
  cases.push({ group, dom, requests, size_kb: sizeKb });
  groupCounts[group] = (groupCounts[group] ?? 0) + 1;
}

// 1. Boundaries: all three at boundary i (npm's own test: score exactly 100 - 5i), and one ulp
//    either side, one input at a time and all three together.
for (let i = 0; i <= 20; ++i) {
  const b = [Q.dom[i], Q.req[i], Q.size[i]];
  if (computeEcoIndex(...b) !== 100 - 5 * i) fail(`boundary ${i}: npm score ${computeEcoIndex(...b)}`);
  add("boundary", ...b);
  for (const step of [nextDown, nextUp]) {
    for (let which = 0; which < 3; ++which) {
      const v = [...b];
      v[which] = step(v[which]);
      if (v[which] >= 0) add("boundary", ...v);
    }
    const all = b.map(step);
    if (all.every((v) => v >= 0)) add("boundary", ...all);
  }
}

// 2. Mixed boundaries: for every n = 3i + 2j + k in 0..120, up to three (i, j, k), spread.
{
  const byN = new Map();
  for (let i = 0; i <= 20; ++i) {
    for (let j = 0; j <= 20; ++j) {
      for (let k = 0; k <= 20; ++k) {
        const n = 3 * i + 2 * j + k;
        if (!byN.has(n)) byN.set(n, []);
        byN.get(n).push([i, j, k]);
      }
    }
  }
  const rng = makeRng(20261129);
  for (let n = 0; n <= 120; ++n) {
    const list = byN.get(n);
    const picks = new Set([0, list.length - 1, rng.below(list.length)]);
    for (const p of picks) {
      const [i, j, k] = list[p];
      add("mixed", Q.dom[i], Q.req[j], Q.size[k]);
    }
  }
}

// 3. The reference repositories' test inputs and the research notes' examples (§3 A, B, E; §2.3).
const REFERENCE_INPUTS = [
  [100, 100, 100], [100, 100, 1000], [100, 100, 10000], [200, 200, 10000], [2355, 267, 2493], [240, 20, 331],
  [2240, 100, 310182.902], [600000, 4000, 300000], [0, 0, 0], [150, 23, 2500], [0, 0, 2500], [150, 0, 0],
  [0, 23, 0], [0, 0, 310182.902],
  [240, 20, 500], [2355, 267, 2493], [594601, 3920, 223212.26], [3, 1, 0.013], [1, 1, 1], [1e12, 1e12, 1e12],
  [600, 40, 1024], [693, 78, 2420], [674, 86, 1648.27], [61, 2, 1.37], [713.5, 86, 1648.27], [47, 2, 1.37],
  [2479, 281, 8037.54], [1801, 205, 5400.08], [1459, 170, 4155.73], [603, 78, 1448.32], [359, 50, 800],
  [0, 20, 500], [159, 0, 0], [417, 0, 0], [47, 0, 0], [86, 111, 153], [2299, 275, 2364.674],
];
for (const [d, r, s] of REFERENCE_INPUTS) add("reference", d, r, s);

// 4. Ties: raw scores that are exact multiples of 0.25, from dom at boundaries or midpoints of
//    its (integer) boundaries, requests and size_kb at boundaries. Up to two inputs per score.
{
  const perScore = new Map();
  for (let h = 0; h <= 40; ++h) {
    const dom = h % 2 === 0 ? Q.dom[h / 2] : (Q.dom[(h - 1) / 2] + Q.dom[(h + 1) / 2]) / 2;
    for (let j = 0; j <= 20; ++j) {
      for (let k = 0; k <= 20; ++k) {
        const s = computeEcoIndex(dom, Q.req[j], Q.size[k]);
        const frac = s * 4 - Math.floor(s * 4);
        if (frac !== 0 || Number.isInteger(s)) continue;  // x.25, x.5, x.75 only
        const n = perScore.get(s) ?? 0;
        if (n >= 2) continue;
        perScore.set(s, n + 1);
        add("ties", dom, Q.req[j], Q.size[k]);
      }
    }
  }
}

// 5. Realised scores: inputs whose npm raw score is exactly the score the Python reference's tests
//    pass to get_grade / get_greenhouse_gases_emmission / get_water_consumption.
// Not every double is a reachable score (the last steps, 5 * sum / 6 and 100 - x, skip some), so
// when no neighbour hits the target the closest score found is taken (50.2 is such a target).
function realise(target) {
  const sum = ((100 - target) * 6) / 5;  // 3 q_dom + 2 q_req + q_size, approximately
  let best = null;
  for (let i = 20; i >= 0; --i) {
    for (let j = 20; j >= 0; --j) {
      const rest = sum - 3 * i - 2 * j;
      if (!(rest >= 0 && rest < 20)) continue;
      const k = Math.floor(rest);
      const start = Q.size[k] + (rest - k) * (Q.size[k + 1] - Q.size[k]);
      let up = start;
      let down = start;
      for (let step = 0; step < 2000; ++step) {
        for (const size of [up, down]) {
          const inputs = [Q.dom[i], Q.req[j], size];
          const miss = Math.abs(computeEcoIndex(...inputs) - target);
          if (miss === 0) return { inputs, exact: true };
          if (best === null || miss < best.miss) best = { inputs, miss };
        }
        up = nextUp(up);
        down = nextDown(down);
      }
    }
  }
  if (best === null || best.miss > 1e-12) fail(`no input found with raw score ${target}`);
  return { inputs: best.inputs, exact: false };
}
const REALISED = new Map();
const NOT_EXACT = [];
for (const target of [2, 10, 25, 50, 50.2, 70, 100]) {
  const { inputs, exact } = realise(target);
  if (!exact) NOT_EXACT.push(target);
  REALISED.set(target, inputs);
  add("realised", ...inputs);
}

// 6. Zeros mixed with other values.
{
  const others = [1, 47, 2, 1.37, 500, 1000, 2479, 8037.54, 594601, 3920, 223212.26, 1e6];
  for (const v of others) {
    add("zeros", v, 0, 0);
    add("zeros", 0, v, 0);
    add("zeros", 0, 0, v);
    add("zeros", v, v, 0);
    add("zeros", 0, v, v);
    add("zeros", v, 0, v);
  }
  add("zeros", Number.MIN_VALUE, 0, 0);
  add("zeros", 0, 0, Number.MIN_VALUE);
}

// 7. The top: at, just below and above, and far above, alone and together.
{
  const top = [Q.dom[20], Q.req[20], Q.size[20]];
  const variants = [(x) => x, nextDown, nextUp, (x) => x + 1, (x) => x * 2, () => 1e12, () => 1e300,
                    () => Number.MAX_VALUE];
  for (const f of variants) {
    add("top", ...top.map(f));
    for (let which = 0; which < 3; ++which) {
      const v = [Q.dom[10], Q.req[10], Q.size[10]];
      v[which] = f(top[which]);
      add("top", ...v);
    }
  }
  add("top", nextDown(top[0]), nextDown(top[1]), nextDown(top[2]));
  add("top", top[0], top[1], nextDown(top[2]));
}

// 8. Large values.
for (const v of [1e4, 1e5, 1e6, 1e7, 1e9, 1e12, 1e15, 2 ** 53, 2 ** 53 + 2, 1e20, 1e100]) {
  add("large", v, 50, 1000);
  add("large", 500, Math.min(v, 1e9), 1000);
  add("large", 500, 50, v);
  add("large", v, v, v);
}

// 9. Random realistic pages.
{
  const rng = makeRng(6);
  let made = 0;
  while (made < 5000) {
    let dom = rng.logUniform(1, 1e5);
    let requests = rng.logUniform(1, 1e3);
    let sizeKb = rng.logUniform(1, 1e5);
    if (rng.chance(0.8)) {
      dom = Math.round(dom);
      requests = Math.round(requests);
    }
    const form = rng.uniform();
    if (form < 0.6) sizeKb = Math.round(sizeKb * 1000) / 1000;  // integer bytes / 1000
    else if (form < 0.8) sizeKb = Math.round(sizeKb);  // integer kB
    const before = cases.length;
    add("random", dom, requests, sizeKb);
    if (cases.length > before) ++made;
  }
}

// ---------------------------------------------------------------------------------------------
// The Python reference's own test values (§3 A): checked against the helper, written as a CSV.
const SOURCE = "cnumr/ecoindex_python_fullstack@44ec88f7:test/components/ecoindex/compute/test_ecoindex.py";
// [function, argument, dom, requests, size_kb, field, expected, line]
const REFERENCE_TESTS = [
  ["get_quantile", "quantiles_size, 2500", 0, 0, 2500, "q_size", 14.086372025739513, 17],
  ["get_quantile", "quantiles_dom, 150", 150, 0, 0, "q_dom", 2.892857142857143, 18],
  ["get_quantile", "quantiles_req, 23", 0, 23, 0, "q_requests", 2.8, 19],
  ["get_quantile", "quantiles_size, 310182.902", 0, 0, 310182.902, "q_size", 20, 20],
  ["get_score", "", 100, 100, 100, "score", 72, 23],
  ["get_score", "", 100, 100, 1000, "score", 67, 24],
  ["get_score", "", 100, 100, 10000, "score", 58, 25],
  ["get_score", "", 200, 200, 10000, "score", 46, 26],
  ["get_score", "", 2355, 267, 2493, "score", 10, 27],
  ["get_score", "", 240, 20, 331, "score", 83, 28],
  ["get_ecoindex", "", 100, 100, 100, "score", 72, 32],
  ["get_ecoindex", "", 100, 100, 100, "grade", "B", 33],
  ["get_ecoindex", "", 100, 100, 100, "ghg", 1.56, 34],
  ["get_ecoindex", "", 100, 100, 100, "water", 2.34, 35],
  ["get_grade", 2, null, null, null, "grade", "G", 39],
  ["get_grade", 25, null, null, null, "grade", "F", 40],
  ["get_grade", 10, null, null, null, "grade", "G", 41],
  ["get_grade", 50.2, null, null, null, "grade", "D", 42],
  ["get_grade", 100, null, null, null, "grade", "A", 43],
  ["get_greenhouse_gases_emmission", 2, null, null, null, "ghg", 2.96, 46],
  ["get_greenhouse_gases_emmission", 10, null, null, null, "ghg", 2.8, 47],
  ["get_greenhouse_gases_emmission", 50, null, null, null, "ghg", 2, 48],
  ["get_greenhouse_gases_emmission", 70, null, null, null, "ghg", 1.6, 49],
  ["get_water_consumption", 2, null, null, null, "water", 4.44, 52],
  ["get_water_consumption", 10, null, null, null, "water", 4.2, 53],
  ["get_water_consumption", 50, null, null, null, "water", 3, 54],
  ["get_water_consumption", 70, null, null, null, "water", 2.4, 55],
  ["get_ecoindex", "", 2240, 100, 310182.902, "score", 16, 59],
  ["get_ecoindex", "", 2240, 100, 310182.902, "grade", "F", 60],
  ["get_ecoindex", "", 2240, 100, 310182.902, "ghg", 2.68, 61],
  ["get_ecoindex", "", 2240, 100, 310182.902, "water", 4.02, 62],
];
{
  const TABLE_OF = { q_dom: "dom", q_requests: "req", q_size: "size" };
  const requests = REFERENCE_TESTS.map(([fn, arg, dom, req, size, field]) => {
    if (fn === "get_quantile") {
      const value = { q_dom: dom, q_requests: req, q_size: size }[field];
      return { op: "quantile", table: TABLE_OF[field], value };
    }
    if (fn === "get_score") return { op: "score", dom, requests: req, size_kb: size };
    if (fn === "get_ecoindex") return { op: "ecoindex", dom, requests: req, size_kb: size };
    return { op: { get_grade: "grade", get_greenhouse_gases_emmission: "ghg", get_water_consumption: "water" }[fn],
             score: arg };
  });
  const answers = runPython(requests);
  REFERENCE_TESTS.forEach((t, n) => {
    const [fn, arg, , , , field, expected, line] = t;
    const a = answers[n];
    const got = fn === "get_ecoindex" ? a[field] : a.value;
    if (got !== expected) fail(`the Python helper does not reproduce ${SOURCE}:${line} (${fn}(${arg}) ${field}): ${got} != ${expected}`);
  });
  // npm agrees on the quantiles (same tables, same expression).
  for (const [fn, , dom, req, size, field, expected] of REFERENCE_TESTS) {
    if (fn !== "get_quantile") continue;
    const got = npmRaw(dom, req, size)[field];
    if (got !== expected) fail(`npm ${field} ${got} != ${expected}`);
  }
}

function csvField(v) {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
{
  const rows = [["function", "argument", "dom", "requests", "size_kb", "field", "expected", "source"]];
  for (const [fn, arg, dom, req, size, field, expected, line] of REFERENCE_TESTS) {
    // A score argument comes with the inputs whose npm raw score is exactly that score.
    const inputs = typeof arg === "number" ? REALISED.get(arg) : [dom, req, size];
    rows.push([fn, arg, ...inputs, field, expected, `${SOURCE}:${line}`]);
  }
  mkdirSync(dirname(resolve(csvFile)), { recursive: true });
  writeFileSync(csvFile, rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n");
}

// ---------------------------------------------------------------------------------------------
// Compute and write the golden lines.
const py = runPython(cases.map((c) => ({ op: "case", dom: c.dom, requests: c.requests, size_kb: c.size_kb })));
const lines = [];
const stats = {
  grade_false: 0,
  grade_differs: 0,
  score_rounding_ties: 0,
  ghg_text_differs: 0,
  water_text_differs: 0,
  tofixed_exact_ties: 0,
};
// An exact toFixed(2) tie: the double is exactly k/1000 with k ending in 5, so a multiple of 1/8.
const fixedTie = (x) => Number.isInteger(x * 8) && Math.abs(x * 1000) % 10 === 5;
cases.forEach((c, n) => {
  const raw = npmRaw(c.dom, c.requests, c.size_kb);
  const fr = py[n];
  if (!Number.isInteger(fr.score)) fail(`Python score ${fr.score}`);
  if (raw.grade === false) ++stats.grade_false;
  if ((raw.grade || "G") !== fr.grade) ++stats.grade_differs;
  if (raw.score - Math.floor(raw.score) === 0.5) ++stats.score_rounding_ties;
  if (Number(raw.ghg) !== fr.ghg) ++stats.ghg_text_differs;
  if (Number(raw.water) !== fr.water) ++stats.water_text_differs;
  const ghgValue = 2 + (2 * (50 - raw.score)) / 100;
  const waterValue = 3 + (3 * (50 - raw.score)) / 100;
  if (fixedTie(ghgValue) || fixedTie(waterValue)) ++stats.tofixed_exact_ties;
  lines.push(JSON.stringify({
    dom: c.dom,
    requests: c.requests,
    size_kb: c.size_kb,
    raw,
    ecoindex_fr: { score: fr.score, grade: fr.grade, ghg: fr.ghg, water: fr.water },
  }));
});
writeFileSync(outFile, lines.join("\n") + "\n");

console.error(`ecoindex ${pkg.version}, ecoindex_reference ${refPkg.version}, node ${process.version}`);
console.error(`wrote ${lines.length} lines to ${outFile}`);
console.error(`groups: ${JSON.stringify(groupCounts)}`);
console.error(`stats: ${JSON.stringify(stats)}`);
console.error(`wrote ${REFERENCE_TESTS.length} reference test values to ${csvFile} (all reproduced by the Python helper)`);
console.error(`realised scores: ${JSON.stringify(Object.fromEntries(REALISED))}; not reachable exactly: ${NOT_EXACT}`);
