#!/usr/bin/env node
// npm ecoindex 2.0.1 over N pages: the npm reference side of benchmarks/ecoindex_vs_npm.py, which
// runs this script and compares.
//
//   node benchmarks/ecoindex_node.mjs [--ecoindex DIR] [--n 10000000] [--runs 5]
//        [--sample-stride 97] [--sample-out DIR]
//
// DIR is the installed package (…/node_modules/ecoindex; env ECOINDEX_DIR, default
// /tmp/ecoindex/node_modules/ecoindex: `npm install --prefix /tmp/ecoindex ecoindex@2.0.1`).
// The inputs are the same as the Python side's, made by the same generator (below): a 32-bit
// LCG, x ← (1664525·x + 1013904223) mod 2³², seed 20261129, three states per page:
//   dom      = (x₁ >>> 15) >>> (x₁ & 15)          an integer 0 … 131,071, log-spread
//   requests = (x₂ >>> 22) >>> (x₂ & 7)           an integer 0 … 1,023
//   size_kb  = ((x₃ >>> 5) >>> (x₃ & 15)) / 1000  integer bytes / 1000: 0 … 134,217.727 kB
// so every input is exact and identical in both languages.
// Each run is one pass of
//   s = computeEcoIndex(dom[i], requests[i], size_kb[i]);  score[i] = s;
//   grade[i] = code of getEcoIndexGrade(s)  (0..6 for "A".."G", 7 for false);
//   ghg[i] = computeGreenhouseGasesEmissionfromEcoIndex(s);  water[i] = computeWaterConsumption…(s)
// writing into typed arrays allocated before the timer starts (GHG and water are the package's
// toFixed(2) strings, converted to numbers by the Float64Array store). One warm-up pass, then
// `runs` timed passes; the median is reported. Prints one JSON object. With --sample-out, writes
// the score, GHG and water values at indices 0, stride, 2·stride, … of the last pass as
// little-endian float64 (npm-score.f64, npm-ghg.f64, npm-water.f64) and the grade codes as bytes
// (npm-grade.u8), for a value-by-value comparison.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const opts = {
  ecoindex: process.env.ECOINDEX_DIR || "/tmp/ecoindex/node_modules/ecoindex",
  n: 10_000_000,
  runs: 5,
  sampleStride: 97,
  sampleOut: null,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  if (a === "--ecoindex") opts.ecoindex = argv[++i];
  else if (a === "--n") opts.n = Number(argv[++i]);
  else if (a === "--runs") opts.runs = Number(argv[++i]);
  else if (a === "--sample-stride") opts.sampleStride = Number(argv[++i]);
  else if (a === "--sample-out") opts.sampleOut = argv[++i];
  else {
    console.error(`unknown argument ${a}; see the comment at the top of this script`);
    process.exit(2);
  }
}

const pkgDir = resolve(opts.ecoindex);
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (pkg.name !== "ecoindex" || pkg.version !== "2.0.1") {
  console.error(`${pkgDir}: found ${pkg.name}@${pkg.version}, need ecoindex@2.0.1`);
  process.exit(1);
}
const {
  computeEcoIndex,
  getEcoIndexGrade,
  computeGreenhouseGasesEmissionfromEcoIndex,
  computeWaterConsumptionfromEcoIndex,
} = await import(pathToFileURL(join(pkgDir, pkg.exports?.["."]?.import ?? "dist/index.js")).href);

// The shared deterministic inputs (ecoindex_vs_npm.py's `inputs` makes the same arrays).
function inputs(n, seed = 20261129) {
  const dom = new Float64Array(n);
  const requests = new Float64Array(n);
  const sizeKb = new Float64Array(n);
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(1664525, x) + 1013904223) >>> 0);
  for (let i = 0; i < n; ++i) {
    const a = next();
    dom[i] = (a >>> 15) >>> (a & 15);
    const b = next();
    requests[i] = (b >>> 22) >>> (b & 7);
    const c = next();
    sizeKb[i] = ((c >>> 5) >>> (c & 15)) / 1000;
  }
  return { dom, requests, sizeKb };
}

// XOR of the 32-bit halves of all values: a cheap fingerprint both sides compute.
function xor32(a) {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
  let h = 0;
  for (let i = 0; i < u.length; ++i) h ^= u[i];
  return h >>> 0;
}

function median(xs) {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const { dom, requests, sizeKb } = inputs(opts.n);
const score = new Float64Array(opts.n);
const grade = new Uint8Array(opts.n);
const ghg = new Float64Array(opts.n);
const water = new Float64Array(opts.n);

const pass = () => {
  const t0 = performance.now();
  for (let i = 0; i < opts.n; ++i) {
    const s = computeEcoIndex(dom[i], requests[i], sizeKb[i]);
    score[i] = s;
    const g = getEcoIndexGrade(s);
    grade[i] = g === false ? 7 : g.charCodeAt(0) - 65;
    ghg[i] = computeGreenhouseGasesEmissionfromEcoIndex(s);
    water[i] = computeWaterConsumptionfromEcoIndex(s);
  }
  return (performance.now() - t0) / 1000;
};
pass();  // warm-up (JIT)
const times = [];
for (let r = 0; r < opts.runs; ++r) times.push(pass());

const result = {
  ecoindex_version: pkg.version,
  node_version: process.version,
  n: opts.n,
  runs: opts.runs,
  input_xor32: [xor32(dom), xor32(requests), xor32(sizeKb)],
  input_head: [dom[0], requests[0], sizeKb[0], dom[1], requests[1], sizeKb[1]],
  median_s: median(times),
  times_s: times,
  ns_per_page: (median(times) / opts.n) * 1e9,
  score_xor32: xor32(score),
  grade_false: grade.reduce((k, g) => k + (g === 7 ? 1 : 0), 0),
};
if (opts.sampleOut) {
  const m = Math.ceil(opts.n / opts.sampleStride);
  const samples = { score: new Float64Array(m), ghg: new Float64Array(m), water: new Float64Array(m),
                    grade: new Uint8Array(m) };
  for (let i = 0, j = 0; i < opts.n; i += opts.sampleStride, ++j) {
    samples.score[j] = score[i];
    samples.ghg[j] = ghg[i];
    samples.water[j] = water[i];
    samples.grade[j] = grade[i];
  }
  const dir = resolve(opts.sampleOut);
  result.sample_files = {};
  for (const [name, arr] of Object.entries(samples)) {
    const file = join(dir, `npm-${name}.${name === "grade" ? "u8" : "f64"}`);
    writeFileSync(file, Buffer.from(arr.buffer));
    result.sample_files[name] = file;
  }
  result.sample_stride = opts.sampleStride;
}
console.log(JSON.stringify(result, null, 2));
