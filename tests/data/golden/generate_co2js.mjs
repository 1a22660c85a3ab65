#!/usr/bin/env node
// Golden vectors for numresp's data-transfer module (numresp/usage/traffic.hpp), produced by
// calling CO2.js 0.19.0 (@tgwf/co2) the way a user would. This script is ours; it only calls the
// package, it does not contain any of its code.
//
//   node tests/data/golden/generate_co2js.mjs [CO2JS_DIR] [--out FILE]
//
// CO2JS_DIR is the installed package's folder (…/node_modules/@tgwf/co2); it can also come from
// the environment variable CO2JS_DIR and defaults to /tmp/co2js/node_modules/@tgwf/co2
// (`npm install @tgwf/co2@0.19.0` in a folder outside the project). The output defaults to
// co2js-0.19.0.jsonl next to this script. The run is deterministic: the same package gives the
// same file byte for byte.
//
// One JSON object a line:
//   {"model": "swd4"|"swd3"|"onebyte", "fn": "per_byte"|"per_visit"|"segments"|"rating",
//    "bytes": <number> (or "grams" for "rating"), "green": <bool>,
//    "options": {"grid_intensity": {"device", "network", "data_center"} (g/kWh or a country code),
//                "green_hosting_factor", "first_visit_share", "return_visit_share",
//                "data_reload_ratio"}   (only the options given),
//    "expected": <number> | {<numresp segment field>: <number>} | "<rating>"}
//
// How each line is computed with CO2.js:
//   model     new co2({model: "swd", version: 4}) / {model: "swd", version: 3} / {model: "1byte"}
//   per_byte  .perByte(bytes, green), or .perByteTrace(bytes, green, options).co2 when options
//   per_visit .perVisit(bytes, green), or .perVisitTrace(bytes, green, options).co2 when options
//             (the trace functions fill missing visit options with the model's defaults, v4
//             1/0/0 and v3 0.75/0.25/0.02, the same as the plain perVisit)
//   segments  the same per-byte call with {results: "segment"}; keys renamed to numresp's. When
//             v4 returns a bare 0 (under one byte) every field is 0.
//   rating    .SustainableWebDesignV4().ratingScale(grams) (or V3), and the `rating` of
//             {rating: true} perByte/perVisit results, with their `total` as grams.
//
// Only calls CO2.js answers without falling back are written: the script fails on any package
// warning other than the per-visit trace's notices about an omitted visit option, and on the
// "not a valid country" notice of a code whose Ember value is 0 (CAF), which CO2.js then uses as
// 0 despite the message. numresp refuses the cases CO2.js silently falls back on, so they are
// not golden vectors.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const EXPECTED_VERSION = "0.19.0";

// ---------------------------------------------------------------------------------------------
// Arguments and the package.
const args = process.argv.slice(2);
let pkgDir = process.env.CO2JS_DIR || "/tmp/co2js/node_modules/@tgwf/co2";
let outFile = join(dirname(fileURLToPath(import.meta.url)), `co2js-${EXPECTED_VERSION}.jsonl`);
for (let i = 0; i < args.length; ++i) {
  if (args[i] === "--out") outFile = args[++i];
  else if (args[i] === "--help" || args[i] === "-h") {
    console.log("usage: node generate_co2js.mjs [CO2JS_DIR] [--out FILE]");
    process.exit(0);
  } else pkgDir = args[i];
}
pkgDir = resolve(pkgDir);
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (pkg.name !== "@tgwf/co2" || pkg.version !== EXPECTED_VERSION) {
  console.error(`${pkgDir}: found ${pkg.name}@${pkg.version}, need @tgwf/co2@${EXPECTED_VERSION}`);
  process.exit(1);
}
const entry = pkg.exports?.["."]?.import ?? pkg.module;
const { co2, averageIntensity } = await import(pathToFileURL(join(pkgDir, entry)).href);

// ---------------------------------------------------------------------------------------------
// Warnings: collected per call; anything but the allowed notices aborts the run.
let warnings = [];
console.warn = (...w) => warnings.push(w.join(" "));
const omittedVisitOption = /option must be a number\. You passed in a undefined\./;

function checkWarnings(options, what) {
  for (const w of warnings) {
    if (omittedVisitOption.test(w)) continue;
    const m = /^"(.*)" is not a valid country/.exec(w);
    if (m && averageIntensity.data[m[1].toUpperCase()] === 0) continue;  // CAF: used as 0
    throw new Error(`CO2.js warned for ${what} ${JSON.stringify(options)}: ${w}`);
  }
  warnings = [];
}

// ---------------------------------------------------------------------------------------------
// CO2.js instances, one per (model, results) combination.
const MODEL_OPTIONS = {
  swd4: { model: "swd", version: 4 },
  swd3: { model: "swd", version: 3 },
  onebyte: { model: "1byte" },
};
const instances = new Map();
function instance(model, extra = {}) {
  const key = model + JSON.stringify(extra);
  if (!instances.has(key)) instances.set(key, new co2({ ...MODEL_OPTIONS[model], ...extra }));
  return instances.get(key);
}

// numresp option names → CO2.js option names.
function co2jsOptions(options) {
  const o = {};
  if (options.grid_intensity) {
    const gi = {};
    for (const [ours, theirs] of [["device", "device"], ["network", "network"], ["data_center", "dataCenter"]]) {
      const v = options.grid_intensity[ours];
      if (v === undefined) continue;
      gi[theirs] = typeof v === "string" ? { country: v } : v;
    }
    o.gridIntensity = gi;
  }
  if (options.green_hosting_factor !== undefined) o.greenHostingFactor = options.green_hosting_factor;
  if (options.first_visit_share !== undefined) o.firstVisitPercentage = options.first_visit_share;
  if (options.return_visit_share !== undefined) o.returnVisitPercentage = options.return_visit_share;
  if (options.data_reload_ratio !== undefined) o.dataReloadRatio = options.data_reload_ratio;
  return o;
}

// What the trace reports it used must be what we asked for (no silent fallback).
function checkTraceVariables(model, green, options, variables) {
  const gi = options.grid_intensity ?? {};
  const names = { device: "device", network: "network", data_center: "dataCenter" };
  for (const [ours, theirs] of Object.entries(names)) {
    if (gi[ours] === undefined) continue;
    const want = typeof gi[ours] === "string" ? averageIntensity.data[gi[ours].toUpperCase()] : gi[ours];
    const got = variables.gridIntensity[theirs].value;
    if (!Object.is(got, want)) throw new Error(`grid ${ours}: asked ${gi[ours]}, CO2.js used ${got}`);
  }
  if (model === "swd4") {
    const want = green ? 1 : options.green_hosting_factor ?? 0;
    if (variables.greenHostingFactor !== want) throw new Error(`ghf: CO2.js used ${variables.greenHostingFactor}`);
  }
  for (const [ours, theirs] of [
    ["first_visit_share", "firstVisitPercentage"],
    ["return_visit_share", "returnVisitPercentage"],
    ["data_reload_ratio", "dataReloadRatio"],
  ]) {
    if (options[ours] !== undefined && variables[theirs] !== options[ours]) {
      throw new Error(`${ours}: asked ${options[ours]}, CO2.js used ${variables[theirs]}`);
    }
  }
}

const hasOptions = (options) => Object.keys(options).length > 0;

// One CO2.js per-byte or per-visit call; `extra` is {results: "segment"} or {rating: true}.
function call(model, fn, bytes, green, options, extra = {}) {
  const e = instance(model, extra);
  let result;
  if (!hasOptions(options)) {
    result = fn === "per_visit" ? e.perVisit(bytes, green) : e.perByte(bytes, green);
  } else {
    const t = fn === "per_visit" ? e.perVisitTrace(bytes, green, co2jsOptions(options))
                                 : e.perByteTrace(bytes, green, co2jsOptions(options));
    checkTraceVariables(model, green, options, t.variables);
    result = t.co2;
  }
  checkWarnings(options, `${model} ${fn}(${bytes}, ${green})`);
  return result;
}

// CO2.js segment names → numresp's (numresp::usage::traffic::segments).
const V4_SEGMENTS = {
  dataCenterOperationalCO2e: "data_center_operational",
  networkOperationalCO2e: "network_operational",
  consumerDeviceOperationalCO2e: "device_operational",
  dataCenterEmbodiedCO2e: "data_center_embodied",
  networkEmbodiedCO2e: "network_embodied",
  consumerDeviceEmbodiedCO2e: "device_embodied",
  totalEmbodiedCO2e: "total_embodied",
  totalOperationalCO2e: "total_operational",
  dataCenterCO2e: "data_center",
  networkCO2e: "network",
  consumerDeviceCO2e: "device",
  total: "total",
};
const V3_SEGMENTS = {
  consumerDeviceCO2: "device",
  networkCO2: "network",
  productionCO2: "production",
  dataCenterCO2: "data_center",
  total: "total",
};

function mapSegments(model, result) {
  const names = model === "swd4" ? V4_SEGMENTS : V3_SEGMENTS;
  const out = {};
  if (result === 0) {  // v4 under one byte: a bare 0 even in segment mode
    if (model !== "swd4") throw new Error("bare 0 from v3 segments");
    for (const ours of Object.values(names)) out[ours] = 0;
    return out;
  }
  const keys = Object.keys(result);
  if (keys.length !== Object.keys(names).length) throw new Error(`segment keys ${keys}`);
  for (const [theirs, ours] of Object.entries(names)) {
    if (typeof result[theirs] !== "number") throw new Error(`segment ${theirs} missing in ${keys}`);
    out[ours] = result[theirs];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The lines, without duplicates, in the order they are made.
const lines = [];
const seen = new Set();
function emit(model, fn, x, green, options, expected) {
  const line = { model, fn, [fn === "rating" ? "grams" : "bytes"]: x, green, options };
  const key = JSON.stringify(line);
  if (seen.has(key)) return;
  seen.add(key);
  line.expected = expected;
  lines.push(JSON.stringify(line));
}

function addCase(model, fn, bytes, green, options = {}) {
  if (fn === "segments") {
    const result = call(model, "per_byte", bytes, green, options, { results: "segment" });
    emit(model, fn, bytes, green, options, mapSegments(model, result));
    return;
  }
  const expected = call(model, fn, bytes, green, options);
  if (typeof expected !== "number") throw new Error(`${model} ${fn}: got ${JSON.stringify(expected)}`);
  emit(model, fn, bytes, green, options, expected);
}

// Rating of grams with the model's own scale, as the co2 class exposes it.
const scales = {
  swd4: new co2(MODEL_OPTIONS.swd4).SustainableWebDesignV4(),
  swd3: new co2(MODEL_OPTIONS.swd3).SustainableWebDesignV3(),
};
function addRating(model, grams) {
  const r = scales[model].ratingScale(grams);
  checkWarnings({}, `${model} rating(${grams})`);
  emit(model, "rating", grams, false, {}, r);
}
// Rating through {rating: true}: grams = the call's total, expected = its rating.
function addRatingOf(model, fn, bytes, green, options = {}) {
  const res = call(model, fn, bytes, green, options, { rating: true });
  if (typeof res !== "object") return;  // v4 under one byte returns a bare 0, with no rating
  if (scales[model].ratingScale(res.total) !== res.rating) throw new Error("rating mismatch");
  emit(model, "rating", res.total, false, {}, res.rating);
}

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
    pick: (list) => list[Math.floor(uniform() * list.length)],
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage.
const BYTES = [0, 0.5, 0.999, 1, 1.5, 1000, 500000, 1e6, 2e6, 2257715.2, 1e9, 5e9, 1e12, 1e15, 1e18, 1e300];
const SOME_BYTES = [0.5, 1, 1e6, 2257715.2, 1e9, 1e300];
const GREEN = [false, true];
const SWD = ["swd4", "swd3"];

// 1. Every model and call, default options, grey and green.
for (const bytes of BYTES) {
  for (const green of GREEN) {
    addCase("onebyte", "per_byte", bytes, green);
    for (const model of SWD) for (const fn of ["per_byte", "per_visit", "segments"]) addCase(model, fn, bytes, green);
  }
}

// 2. Green-hosting factors (v4).
for (const ghf of [0, 0.25, 0.5, 1]) {
  for (const bytes of BYTES) {
    for (const green of GREEN) {
      for (const fn of ["per_byte", "per_visit", "segments"]) {
        addCase("swd4", fn, bytes, green, { green_hosting_factor: ghf });
      }
    }
  }
}

// 3. Grid intensities: numbers, country codes, mixed per segment.
const GRIDS = [
  { device: 0, network: 0, data_center: 0 },
  { device: 300, network: 200, data_center: 100 },
  { device: 100, network: 200, data_center: 300 },
  { device: 44.18, network: 44.18, data_center: 44.18 },
  { device: "FRA", network: "FRA", data_center: "FRA" },
  { device: "DEU", network: "DEU", data_center: "DEU" },
  { device: "USA", network: "USA", data_center: "USA" },
  { device: "WORLD", network: "WORLD", data_center: "WORLD" },
  { device: "EU", network: "EU", data_center: "EU" },
  { device: "FRA", network: "DEU", data_center: "USA" },
  { device: "WORLD", network: "EU", data_center: "FRA" },
  { device: 44.18, network: "EU", data_center: 0 },
  { device: "USA", network: 100, data_center: "FRA" },
  { device: "fra", network: "Deu", data_center: "usa" },
  { device: "CAF", network: "CAF", data_center: "CAF" },  // Ember value 0
  { data_center: "FRA" },  // partial: the other segments keep the model's global intensity
  { device: 0 },
  { device: "EU", network: 100 },
];
for (const grid of GRIDS) {
  for (const bytes of SOME_BYTES) {
    for (const green of GREEN) {
      for (const model of SWD) {
        for (const fn of ["per_byte", "per_visit", "segments"]) {
          addCase(model, fn, bytes, green, { grid_intensity: grid });
        }
      }
    }
  }
}
// Grids with a green-hosting factor (v4).
for (const grid of GRIDS.slice(0, 6)) {
  for (const ghf of [0.25, 1]) {
    for (const bytes of [1000, 2257715.2, 1e9]) {
      for (const fn of ["per_byte", "per_visit", "segments"]) {
        addCase("swd4", fn, bytes, false, { grid_intensity: grid, green_hosting_factor: ghf });
      }
    }
  }
}

// 4. Visit shares.
const VISITS = [
  {},
  { first_visit_share: 0.75, return_visit_share: 0.25, data_reload_ratio: 0.02 },
  { first_visit_share: 0, return_visit_share: 0, data_reload_ratio: 0 },
  { first_visit_share: 1, return_visit_share: 1, data_reload_ratio: 1 },
  { first_visit_share: 0.5, return_visit_share: 0.5, data_reload_ratio: 0.2 },
];
for (const visit of VISITS) {
  for (const bytes of BYTES) {
    for (const green of GREEN) for (const model of SWD) addCase(model, "per_visit", bytes, green, visit);
  }
  for (const bytes of [2e6, 1e9]) {
    addCase("swd4", "per_visit", bytes, false, { ...visit, green_hosting_factor: 0.5 });
    for (const model of SWD) addCase(model, "per_visit", bytes, false, { ...visit, grid_intensity: GRIDS[9] });
  }
}

// 5. Ratings: every threshold, the doubles either side, 0, tiny and huge.
const THRESHOLDS = {
  swd4: [0.04, 0.079, 0.145, 0.209, 0.278, 0.359],
  swd3: [0.095, 0.186, 0.341, 0.493, 0.656, 0.846],
};
const LETTERS = ["A+", "A", "B", "C", "D", "E", "F"];
for (const model of SWD) {
  THRESHOLDS[model].forEach((t, i) => {  // check they are the package's thresholds
    if (scales[model].ratingScale(t) !== LETTERS[i] || scales[model].ratingScale(nextUp(t)) !== LETTERS[i + 1]) {
      throw new Error(`${model}: ${t} is not the ${LETTERS[i]} threshold of CO2.js`);
    }
  });
  for (const t of THRESHOLDS[model]) for (const g of [nextDown(t), t, nextUp(t)]) addRating(model, g);
  for (const g of [0, Number.MIN_VALUE, 1e-9, 0.01, 0.1, 0.5, 1, 3, 1e6, 1e300, Number.MAX_VALUE]) addRating(model, g);
  for (const bytes of [1e5, 2e5, 3e5, 5e5, 7.5e5, 1e6, 1.5e6, 2e6, 2257715.2, 3e6]) {
    for (const green of GREEN) {
      addRatingOf(model, "per_byte", bytes, green);
      addRatingOf(model, "per_visit", bytes, green);
    }
  }
}

// 6. Pseudo-random cases.
const rng = makeRng(20261129);
const COUNTRIES = Object.keys(averageIntensity.data).sort();
const randomShare = () => {
  switch (rng.below(5)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return rng.below(101) / 100;
    default: return rng.uniform();
  }
};
const randomIntensity = () => {
  switch (rng.below(6)) {
    case 0: return 0;
    case 1: return rng.below(100001) / 100;  // 0.00 .. 1000.00
    case 2: return rng.below(1001);
    case 3: return rng.uniform() * 1000;
    default: return rng.pick(COUNTRIES);
  }
};
const RANDOM_CASES = 3000;
for (let made = 0; made < RANDOM_CASES;) {
  const before = lines.length;
  const model = rng.pick(["swd4", "swd4", "swd4", "swd3", "swd3", "onebyte"]);
  let bytes = 10 ** (-3 + 16 * rng.uniform());  // log-uniform in [1e-3, 1e13]
  if (bytes >= 1 && rng.chance(0.5)) bytes = Math.round(bytes);
  const green = rng.chance(0.5);
  if (model === "onebyte") {
    addCase(model, "per_byte", bytes, green);
  } else {
    const fn = rng.pick(["per_byte", "per_byte", "per_visit", "per_visit", "segments", "rating"]);
    const options = {};
    if (rng.chance(0.5)) {
      options.grid_intensity = {};
      for (const segment of ["device", "network", "data_center"]) {
        if (rng.chance(0.85)) options.grid_intensity[segment] = randomIntensity();
      }
    }
    if (model === "swd4" && rng.chance(0.5)) options.green_hosting_factor = randomShare();
    if (fn === "per_visit" || fn === "rating") {
      if (rng.chance(0.7)) options.first_visit_share = randomShare();
      if (rng.chance(0.7)) options.return_visit_share = randomShare();
      if (rng.chance(0.7)) options.data_reload_ratio = randomShare();
    }
    if (fn === "rating") {
      if (rng.chance(0.5)) {
        const t = rng.pick(THRESHOLDS[model]);
        addRating(model, rng.pick([nextDown(t), t, nextUp(t)]));
      } else if (rng.chance(0.5)) {
        addRating(model, 10 ** (-4 + 6 * rng.uniform()));  // log-uniform grams in [1e-4, 100]
      } else {
        addRatingOf(model, "per_visit", 10 ** (4 + 3.5 * rng.uniform()), green, options);
      }
    } else {
      addCase(model, fn, bytes, green, options);
    }
  }
  if (lines.length > before) ++made;
}

// ---------------------------------------------------------------------------------------------
writeFileSync(outFile, lines.join("\n") + "\n");
const counts = {};
for (const l of lines) {
  const { model, fn } = JSON.parse(l);
  counts[`${model} ${fn}`] = (counts[`${model} ${fn}`] ?? 0) + 1;
}
console.log(`wrote ${lines.length} lines to ${outFile} (CO2.js ${pkg.version} from ${pkgDir})`);
for (const k of Object.keys(counts).sort()) console.log(`  ${k}: ${counts[k]}`);
