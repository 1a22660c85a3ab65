#!/usr/bin/env node
// CO2.js 0.19.0's perByte over N byte counts, SWD v4 (CO2.js's default model) and v3: the npm
// reference side of benchmarks/traffic_vs_co2js.py, which runs this script and compares.
//
//   node benchmarks/traffic_co2js_node.mjs [--co2js DIR] [--n 10000000] [--runs 5]
//        [--sample-stride 97] [--sample-out DIR]
//
// DIR is the installed package (…/node_modules/@tgwf/co2; env CO2JS_DIR, default
// /tmp/co2js/node_modules/@tgwf/co2). The inputs are the same as the Python side's, made by the
// same generator (below): a 32-bit LCG, x ← (1664525·x + 1013904223) mod 2³², seed 20261129;
// value i is m·2^(e−10) with m = bits 3..26 and e = bits 27..31 of the i-th next state, so
// every input is exact in both languages (0 and 2⁻¹⁰ … 2⁴⁵ bytes, log-uniform-ish exponents).
// Each model gets one warm-up pass, then `runs` timed passes of
//   for (i) out[i] = emissions.perByte(bytes[i]);
// and the median is reported. Prints one JSON object. With --sample-out, writes the results at
// indices 0, stride, 2·stride, … of the last pass as little-endian float64 to
// DIR/co2js-swd4.f64 and DIR/co2js-swd3.f64, for a bit-for-bit comparison.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const opts = {
  co2js: process.env.CO2JS_DIR || "/tmp/co2js/node_modules/@tgwf/co2",
  n: 10_000_000,
  runs: 5,
  sampleStride: 97,
  sampleOut: null,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  if (a === "--co2js") opts.co2js = argv[++i];
  else if (a === "--n") opts.n = Number(argv[++i]);
  else if (a === "--runs") opts.runs = Number(argv[++i]);
  else if (a === "--sample-stride") opts.sampleStride = Number(argv[++i]);
  else if (a === "--sample-out") opts.sampleOut = argv[++i];
  else {
    console.error(`unknown argument ${a}; see the comment at the top of this script`);
    process.exit(2);
  }
}

const pkgDir = resolve(opts.co2js);
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (pkg.name !== "@tgwf/co2" || pkg.version !== "0.19.0") {
  console.error(`${pkgDir}: found ${pkg.name}@${pkg.version}, need @tgwf/co2@0.19.0`);
  process.exit(1);
}
const { co2 } = await import(pathToFileURL(join(pkgDir, pkg.exports?.["."]?.import ?? pkg.module)).href);

// The shared deterministic inputs (traffic_vs_co2js.py's `inputs` makes the same array).
function inputs(n, seed = 20261129) {
  const pow2 = new Float64Array(32);  // 2^(e-10), exact
  pow2[0] = 1 / 1024;
  for (let e = 1; e < 32; ++e) pow2[e] = pow2[e - 1] * 2;
  const out = new Float64Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; ++i) {
    x = (Math.imul(1664525, x) + 1013904223) >>> 0;
    out[i] = ((x >>> 3) & 0xffffff) * pow2[x >>> 27];
  }
  return out;
}

// XOR of the 32-bit halves of all values: a cheap fingerprint both sides compute.
function xor32(a) {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  let h = 0;
  for (let i = 0; i < u.length; ++i) h ^= u[i];
  return h >>> 0;
}

function median(xs) {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const bytes = inputs(opts.n);
const out = new Float64Array(opts.n);
const result = {
  co2js_version: pkg.version,
  node_version: process.version,
  n: opts.n,
  runs: opts.runs,
  input_xor32: xor32(bytes),
  input_head: Array.from(bytes.subarray(0, 3)),
  models: {},
};

for (const [name, modelOptions] of [["swd4", { model: "swd", version: 4 }], ["swd3", { model: "swd", version: 3 }]]) {
  const emissions = new co2(modelOptions);
  const pass = () => {
    const t0 = performance.now();
    for (let i = 0; i < bytes.length; ++i) out[i] = emissions.perByte(bytes[i]);
    return (performance.now() - t0) / 1000;
  };
  pass();  // warm-up (JIT)
  const times = [];
  for (let r = 0; r < opts.runs; ++r) times.push(pass());
  const entry = {
    median_s: median(times),
    times_s: times,
    ns_per_value: (median(times) / opts.n) * 1e9,
    output_xor32: xor32(out),
  };
  if (opts.sampleOut) {
    const sample = new Float64Array(Math.ceil(opts.n / opts.sampleStride));
    for (let i = 0, j = 0; i < opts.n; i += opts.sampleStride, ++j) sample[j] = out[i];
    entry.sample_file = join(resolve(opts.sampleOut), `co2js-${name}.f64`);
    writeFileSync(entry.sample_file, Buffer.from(sample.buffer));
    entry.sample_stride = opts.sampleStride;
  }
  result.models[name] = entry;
}
console.log(JSON.stringify(result, null, 2));
