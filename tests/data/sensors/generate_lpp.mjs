// Generates the Cayenne LPP golden vectors (cayenne_lpp_golden.jsonl) and the synthetic
// ChirpStack v4 uplink sample (uplinks_sample.jsonl) of this folder. Provenance: README-lpp.md.
//
//   mkdir -p /tmp/lpp && cd /tmp/lpp && npm install cayenne-lpp@1.0.2
//   node /path/to/numresp/tests/data/sensors/generate_lpp.mjs /path/to/numresp/tests/data/sensors
//
// `cayenne-lpp` is resolved from the working directory. The output is deterministic (fixed seed):
// rerunning it must leave the committed files unchanged.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'noop.js'));
const lpp = require('cayenne-lpp');
const lppVersion = require('cayenne-lpp/package.json').version;
if (lppVersion !== '1.0.2') throw new Error(`cayenne-lpp ${lppVersion} found, 1.0.2 expected`);
const outDir = process.argv[2] ?? '.';

// -- Deterministic random numbers (mulberry32) ----------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250310);
const uniform = (lo, hi) => lo + (hi - lo) * rand();
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const intIn = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// -- The numresp type table (docs/methodology/lorawan), for names and hand vectors --------------
const TYPES = {
  0: { name: 'digital_input', width: 1, count: 1, signed: false, div: [1] },
  1: { name: 'digital_output', width: 1, count: 1, signed: false, div: [1] },
  2: { name: 'analog_input', width: 2, count: 1, signed: true, div: [100] },
  3: { name: 'analog_output', width: 2, count: 1, signed: true, div: [100] },
  100: { name: 'generic_sensor', width: 4, count: 1, signed: false, div: [1] },
  101: { name: 'illuminance', width: 2, count: 1, signed: false, div: [1] },
  102: { name: 'presence', width: 1, count: 1, signed: false, div: [1] },
  103: { name: 'temperature', width: 2, count: 1, signed: true, div: [10] },
  104: { name: 'humidity', width: 1, count: 1, signed: false, div: [2] },
  113: { name: 'accelerometer', width: 2, count: 3, signed: true, div: [1000, 1000, 1000] },
  114: { name: 'magnetometer', width: 2, count: 3, signed: true, div: [1000, 1000, 1000] },
  115: { name: 'barometer', width: 2, count: 1, signed: false, div: [10] },
  116: { name: 'voltage', width: 2, count: 1, signed: false, div: [100] },
  117: { name: 'current', width: 2, count: 1, signed: false, div: [1000] },
  118: { name: 'frequency', width: 4, count: 1, signed: false, div: [1] },
  120: { name: 'percentage', width: 1, count: 1, signed: false, div: [1] },
  121: { name: 'altitude', width: 2, count: 1, signed: true, div: [1] },
  122: { name: 'load', width: 3, count: 1, signed: true, div: [1000] },
  125: { name: 'concentration', width: 2, count: 1, signed: false, div: [1] },
  128: { name: 'power', width: 2, count: 1, signed: false, div: [1] },
  130: { name: 'distance', width: 4, count: 1, signed: false, div: [1000] },
  131: { name: 'energy', width: 4, count: 1, signed: false, div: [1000] },
  132: { name: 'direction', width: 2, count: 1, signed: false, div: [1] },
  133: { name: 'unix_time', width: 4, count: 1, signed: false, div: [1] },
  134: { name: 'gyrometer', width: 2, count: 3, signed: true, div: [100, 100, 100] },
  135: { name: 'colour', width: 1, count: 3, signed: false, div: [1, 1, 1] },
  136: { name: 'gps', width: 3, count: 3, signed: true, div: [10000, 10000, 100] },
  142: { name: 'switch', width: 1, count: 1, signed: false, div: [1] },
};

// A reference decoder from the table (BigInt-free: every field is at most 32 bits).
function referenceDecode(hex) {
  const b = Buffer.from(hex, 'hex');
  const out = [];
  let i = 0;
  while (i < b.length) {
    if (b.length - i < 2) return { error: { offset: i, problem: 'truncated entry' } };
    const channel = b[i];
    const code = b[i + 1];
    const t = TYPES[code];
    if (!t) return { error: { offset: i, problem: 'unknown type' } };
    const size = t.width * t.count;
    if (b.length - i - 2 < size) return { error: { offset: i, problem: 'truncated value' } };
    const values = [];
    for (let k = 0; k < t.count; k++) {
      let raw = 0;
      for (let j = 0; j < t.width; j++) raw = raw * 256 + b[i + 2 + k * t.width + j];
      if (t.signed && raw >= 2 ** (8 * t.width - 1)) raw -= 2 ** (8 * t.width);
      values.push(raw / t.div[k]);
    }
    out.push({ channel, type: code, name: t.name, values });
    i += 2 + size;
  }
  return { values: out };
}

// -- 1. Base types: encoded and decoded by cayenne-lpp 1.0.2 -------------------------------------
const { encoder, decoder, Types, Ranges } = lpp;
const NPM_NAME_TO_CODE = {
  digital_input: Types.DIGITAL_INPUT,
  digital_output: Types.DIGITAL_OUTPUT,
  analog_input: Types.ANALOG_INPUT,
  analog_output: Types.ANALOG_OUTPUT,
  luminosity: Types.LUMINOSITY,
  presence: Types.PRESENCE,
  temperature: Types.TEMPERATURE,
  relative_humidity: Types.RELATIVE_HUMIDITY,
  accelerometer: Types.ACCELEROMETER,
  magnetometer: Types.MAGNETOMETER,
  barometric_pressure: Types.BAROMETRIC_PRESSURE,
  gyrometer: Types.GYROMETER,
  gps: Types.GPS,
};

const round = (v, digits) => Number(v.toFixed(digits));
const axes = (lo, hi, digits) => ({ x: round(uniform(lo, hi), digits), y: round(uniform(lo, hi), digits), z: round(uniform(lo, hi), digits) });
// Generators of realistic inputs for each npm encoder (barometer kept below 3276.7 hPa: npm
// decodes it signed, see the disagreement vectors).
const NPM_ENCODERS = [
  ['encodeDigitalInput', () => intIn(0, 255), [0, 255]],
  ['encodeDigitalOutput', () => intIn(0, 255), [0, 255]],
  ['encodeAnalogInput', () => round(uniform(-327.68, 327.67), pick([0, 1, 2, 3])), Ranges.ANALOG_INPUT],
  ['encodeAnalogOutput', () => round(uniform(-327.68, 327.67), pick([0, 1, 2])), Ranges.ANALOG_OUTPUT],
  ['encodeLuminosity', () => intIn(0, 65535), Ranges.LUMINOSITY],
  ['encodePresence', () => intIn(0, 1), Ranges.PRESENCE],
  ['encodeTemperature', () => round(uniform(-40, 60), pick([0, 1, 2])), Ranges.TEMPERATURE],
  ['encodeRelativeHumidity', () => round(uniform(0, 100), pick([0, 1])), Ranges.RELATIVE_HUMIDITY],
  ['encodeAccelerometer', () => axes(-32.768, 32.767, 3), null],
  ['encodeMagnetometer', () => axes(-32.768, 32.767, 3), null],
  ['encodeBarometricPressure', () => round(uniform(870, 1085), pick([0, 1])), [0, 3276.7]],
  ['encodeGyrometer', () => axes(-327.68, 327.67, 2), null],
  ['encodeGps', () => ({ latitude: round(uniform(-90, 90), 4), longitude: round(uniform(-180, 180), 4), altitude: round(uniform(-100, 3000), 2) }), null],
];

function npmDecode(buffer) {
  return decoder.decode(buffer).map((entry) => {
    const [key, value] = Object.entries(entry)[0];
    const cut = key.lastIndexOf('_');
    const npmName = key.slice(0, cut);
    const code = NPM_NAME_TO_CODE[npmName];
    if (code === undefined) throw new Error(`unknown npm key ${key}`);
    let values;
    if (typeof value === 'number') values = [value];
    else if ('latitude' in value) values = [value.latitude, value.longitude, value.altitude];
    else values = [value.x, value.y, value.z];
    return { channel: Number(key.slice(cut + 1)), type: code, name: TYPES[code].name, values };
  });
}

const golden = [];
const sameValues = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function addNpmVector(parts, inputs, note) {
  const buffer = Buffer.concat(parts);
  const hex = buffer.toString('hex');
  const values = npmDecode(buffer);
  const reference = referenceDecode(hex);
  if (!sameValues(reference.values, values)) throw new Error(`npm and the table disagree on ${hex}`);
  const row = { source: 'cayenne-lpp@1.0.2', hex, inputs, values };
  if (note) row.note = note;
  golden.push(row);
}

const channel = () => intIn(0, 255);
// Every encoder: its range ends, then random values.
for (const [fn, gen, range] of NPM_ENCODERS) {
  if (range) {
    for (const v of range) addNpmVector([encoder[fn](channel(), v)], [[fn, v]]);
  }
  for (let k = 0; k < 10; k++) {
    const v = gen();
    addNpmVector([encoder[fn](channel(), v)], [[fn, v]]);
  }
}
// Frames of several entries, as devices send them.
for (let k = 0; k < 40; k++) {
  const n = intIn(2, 6);
  const parts = [];
  const inputs = [];
  for (let j = 0; j < n; j++) {
    const [fn, gen] = pick(NPM_ENCODERS);
    const v = gen();
    const ch = channel();
    parts.push(encoder[fn](ch, v));
    inputs.push([fn, v]);
  }
  addNpmVector(parts, inputs);
}
// The specification's examples and the truncating encoder (research/sensors.md §3.1, §3.3).
addNpmVector([encoder.encodeTemperature(3, 27.2), encoder.encodeTemperature(5, 25.5)], [['encodeTemperature', 27.2], ['encodeTemperature', 25.5]], 'specification example');
addNpmVector([encoder.encodeAccelerometer(6, { x: 1.234, y: -1.234, z: 0 })], [['encodeAccelerometer', { x: 1.234, y: -1.234, z: 0 }]], 'specification example');
addNpmVector([encoder.encodeGps(1, { latitude: 42.3519, longitude: -87.9094, altitude: 10 })], [['encodeGps', { latitude: 42.3519, longitude: -87.9094, altitude: 10 }]], 'specification example');
addNpmVector([encoder.encodeAnalogInput(1, 0.29)], [['encodeAnalogInput', 0.29]], 'encoders truncate: 0.29 * 100 = 28.999999999999996 is written 28, so 0.29 reads back 0.28');

// -- 2. Extended types: hand-written from the table (ElectronicCats/CayenneLPP) ------------------
const HAND = 'hand (docs/methodology/lorawan table)';
function addHand(hex, values, note) {
  const reference = referenceDecode(hex);
  if (!sameValues(reference.values, values)) throw new Error(`hand vector ${hex}: ${JSON.stringify(reference)} != ${JSON.stringify(values)}`);
  const row = { source: HAND, hex, values };
  if (note) row.note = note;
  golden.push(row);
}
const v1 = (channel, type, value) => ({ channel, type, name: TYPES[type].name, values: [value] });
const v3 = (channel, type, values) => ({ channel, type, name: TYPES[type].name, values });

addHand('0164000004d2', [v1(1, 100, 1234)]);
addHand('0264ffffffff', [v1(2, 100, 4294967295)], 'unsigned 32-bit: decoder.js (bitwise) reads -1');
addHand('037401f4', [v1(3, 116, 5)]);
addHand('0374015e', [v1(3, 116, 3.5)]);
addHand('0474ffff', [v1(4, 116, 655.35)], 'voltage unsigned (table, decoder.js, ChirpStack); ElectronicCats C++ since PR #61 reads -0.01; pycayennelpp refuses it');
addHand('05750064', [v1(5, 117, 0.1)]);
addHand('05758000', [v1(5, 117, 32.768)], 'current unsigned; ElectronicCats C++ since PR #61 reads -32.768');
addHand('06760000c350', [v1(6, 118, 50000)]);
addHand('0676359a8a40', [v1(6, 118, 899320384)]);
addHand('077832', [v1(7, 120, 50)]);
addHand('077864', [v1(7, 120, 100)]);
addHand('0778ff', [v1(7, 120, 255)], 'percentage above 100 is decoded as is (a decoder does not validate ranges)');
addHand('08790064', [v1(8, 121, 100)]);
addHand('0879ff9c', [v1(8, 121, -100)]);
addHand('087a0186a0', [v1(8, 122, 100)], 'load: pycayennelpp only');
addHand('087afe7960', [v1(8, 122, -100)], 'load: pycayennelpp only');
addHand('097d01a4', [v1(9, 125, 420)]);
addHand('097dffff', [v1(9, 125, 65535)]);
addHand('0a800960', [v1(10, 128, 2400)]);
addHand('0b82000004d2', [v1(11, 130, 1.234)]);
addHand('0b8200989680', [v1(11, 130, 10000)]);
addHand('0c8300bc614e', [v1(12, 131, 12345.678)]);
addHand('0c8380000001', [v1(12, 131, 2147483.649)], 'energy unsigned 32-bit: decoder.js (bitwise) reads -2147483.647');
addHand('0d840168', [v1(13, 132, 360)], 'direction is 2 bytes (an older ElectronicCats decoder.js read 1 byte)');
addHand('0d84005a', [v1(13, 132, 90)]);
addHand('0e8567ce9c80', [v1(14, 133, 1741593728)]);
addHand('0e85ffffffff', [v1(14, 133, 4294967295)], 'unix time unsigned 32-bit (2106-02-07)');
addHand('0f87ff8000', [v3(15, 135, [255, 128, 0])]);
addHand('108e01', [v1(16, 142, 1)]);
addHand('108e00', [v1(16, 142, 0)]);
addHand('02730fa0', [v1(2, 115, 400)]);
addHand('02739c40', [v1(2, 115, 4000)], 'barometer unsigned (specification); cayenne-lpp 1.0.2 decodes it signed: -2553.6');
addHand('0188800000' + '7fffff' + 'ffffff', [v3(1, 136, [-838.8608, 838.8607, -0.01])], 'GPS fields are signed 24-bit');
addHand('0367011003670111', [v1(3, 103, 27.2), v1(3, 103, 27.3)], 'a repeated (channel, type) keeps both entries; ChirpStack keeps the last');
addHand('', [], 'an empty payload has no values');
addHand('01640000000a027401f4037500c8048300000bb8058000640682000003e8077d0190087867098e01', [
  v1(1, 100, 10), v1(2, 116, 5), v1(3, 117, 0.2), v1(4, 131, 3), v1(5, 128, 100), v1(6, 130, 1), v1(7, 125, 400),
  v1(8, 120, 103), v1(9, 142, 1),
]);

// -- 3. Errors: the byte offset of the bad entry -------------------------------------------------
function addError(hex, offset, problem, note) {
  const reference = referenceDecode(hex);
  if (!reference.error || reference.error.offset !== offset || reference.error.problem !== problem) {
    throw new Error(`error vector ${hex}: ${JSON.stringify(reference)}`);
  }
  const row = { source: HAND, hex, error: { offset, problem } };
  if (note) row.note = note;
  golden.push(row);
}
addError('03', 0, 'truncated entry');
addError('0367011005', 4, 'truncated entry', 'a dangling channel byte: cayenne-lpp 1.0.2 and ChirpStack ignore it');
addError('0367', 0, 'truncated value');
addError('036701', 0, 'truncated value');
addError('03670110056700', 4, 'truncated value');
addError('0264000000', 0, 'truncated value');
addError('0188067659f2960a00', 0, 'truncated value');
addError('016300', 0, 'unknown type');
addError('03670110058f0190', 4, 'unknown type', 'types 143 and 144 were concentration and colour in ElectronicCats/CayenneLPP for one day (2020-03-12); now 125 and 135');
addError('01f00a', 0, 'unknown type', 'polyline (240) is variable length and not supported');
addError('0367011005ff00', 4, 'unknown type');

writeFileSync(join(outDir, 'cayenne_lpp_golden.jsonl'), golden.map((r) => JSON.stringify(r)).join('\n') + '\n');

// -- 4. The synthetic uplink sample (ChirpStack v4 `up` events) ---------------------------------
// A city network on 2025-03-10 from 08:00 UTC: five devices, three gateways, copies of frames
// from several gateways, late arrivals, a frame-counter reset, a replay and broken lines.
const GATEWAYS = ['a840411f00000001', 'a840411f00000002', 'a840411f00000003'];
const T0 = Date.UTC(2025, 2, 10, 8, 0, 0);
const MIN = 60 * 1000;

function encodeEntries(entries) {
  const bytes = [];
  for (const [ch, code, ...vals] of entries) {
    const t = TYPES[code];
    bytes.push(ch, code);
    vals.forEach((v, k) => {
      let raw = Math.round(v * t.div[k]);
      if (raw < 0) raw += 2 ** (8 * t.width);
      for (let j = t.width - 1; j >= 0; j--) bytes.push(Math.floor(raw / 2 ** (8 * j)) % 256);
    });
  }
  return Buffer.from(bytes);
}

const hex4 = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
const uuid = () => `${hex4()}${hex4()}-${hex4()}-4${hex4().slice(1)}-a${hex4().slice(1)}-${hex4()}${hex4()}${hex4()}`;
const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');

function event(device, fCnt, timeMs, payload, gateways, opts = {}) {
  const e = {
    deduplicationId: uuid(),
    time: iso(timeMs),
    deviceInfo: {
      tenantId: '52f14cd4-c6f1-4fbd-8f87-4025e1d49242',
      tenantName: 'synthetic (numresp test data)',
      applicationId: 'c7a4c6b1-5e2c-4f53-9d7e-0a8f1d2b3c4d',
      applicationName: 'city-sensors',
      deviceProfileId: 'b1e0f1c2-7a3d-4e5f-8a9b-0c1d2e3f4a5b',
      deviceProfileName: device.profile,
      deviceName: device.name,
      devEui: device.eui,
      deviceClassEnabled: 'CLASS_A',
      tags: { district: device.district },
    },
    devAddr: device.devAddr,
    adr: true,
    dr: 5,
    fCnt,
    fPort: device.port,
    confirmed: false,
    data: payload.toString('base64'),
    rxInfo: gateways.map((g, k) => ({
      gatewayId: GATEWAYS[g],
      uplinkId: intIn(1, 65535),
      nsTime: iso(timeMs + 3 + 7 * k),
      rssi: intIn(-120, -60),
      snr: round(uniform(-12, 10), 1),
      channel: intIn(0, 7),
      location: {},
      context: Buffer.from([intIn(0, 255), intIn(0, 255), intIn(0, 255), intIn(0, 255)]).toString('base64'),
      metadata: { region_common_name: 'EU868', region_config_id: 'eu868' },
      crcStatus: 'CRC_OK',
    })),
    txInfo: { frequency: 868100000, modulation: { lora: { bandwidth: 125000, spreadingFactor: 7, codeRate: 'CR_4_5' } } },
  };
  if (opts.noTime) delete e.time;
  if (opts.gwTimeOnly) {
    delete e.time;
    e.rxInfo.forEach((r, k) => {
      delete r.nsTime;
      r.gwTime = iso(timeMs + 1 + k);
    });
  }
  return e;
}

const DEVICES = {
  air: { eui: '0004a30b001c0530', name: 'air-quality-01', profile: 'air-quality', district: 'centre', devAddr: '260b1a01', port: 1 },
  bin: { eui: '0004a30b001c0531', name: 'bin-fill-07', profile: 'bin-level', district: 'north', devAddr: '260b1a02', port: 2 },
  energy: { eui: '70b3d57ed0051a2b', name: 'energy-meter-03', profile: 'energy-meter', district: 'town-hall', devAddr: '260b1a03', port: 3 },
  light: { eui: '70B3D57ED0051A2C', name: 'light-12', profile: 'street-light', district: 'centre', devAddr: '260b1a04', port: 1 },
  tracker: { eui: '70b3d57ed0051a2d', name: 'tracker-bike-02', profile: 'gps-tracker', district: 'mobile', devAddr: '260b1a05', port: 4 },
};

// Each item: { arrival (ms), line (text) }; copies arrive a few hundred ms apart, a few events late.
const items = [];
const expected = { received: 0, accepted: 0, duplicates: 0, rejected: 0, readings: 0, counter_reuses: 0 };
function emit(e, arrival, kind, readings = 0) {
  items.push({ arrival, line: JSON.stringify(e) });
  expected.received += 1;
  expected[kind] += 1;
  if (kind === 'accepted') expected.readings += readings;
}
// A frame heard by `gateways`: one event per gateway (separate network-server instances or
// subscriptions), the first accepted and the others duplicates.
function frame(device, fCnt, timeMs, entries, gateways, opts = {}) {
  const payload = encodeEntries(entries);
  gateways.forEach((g, k) => {
    const e = event(device, fCnt, timeMs + 40 * k, payload, [g], opts);
    const late = opts.late && k === 0 ? 25 * MIN : 0;
    emit(e, timeMs + 400 + 150 * k + late, k === 0 ? 'accepted' : 'duplicates', entries.length);
  });
  return payload;
}

// Air quality every 10 min, heard by gateways 1 and 2 (sometimes only 1).
for (let k = 0; k < 12; k++) {
  const t = T0 + k * 10 * MIN + intIn(0, 20) * 1000;
  const entries = [
    [1, 103, round(8.5 + 0.35 * k + uniform(-0.2, 0.2), 1)],
    [2, 104, round(uniform(60, 80) * 2, 0) / 2],
    [3, 115, round(uniform(1012, 1016), 1)],
    [4, 125, intIn(410, 780)],
  ];
  frame(DEVICES.air, 100 + k, t, entries, k % 4 === 3 ? [0] : [0, 1], { late: k === 5 || k === 7 });
}
// Bin fill every 15 min, heard by gateways 2 and 3, sometimes all three.
for (let k = 0; k < 8; k++) {
  const t = T0 + 2 * MIN + k * 15 * MIN;
  const fill = Math.min(100, 35 + 6 * k);
  const entries = [
    [1, 130, round(1.2 * (1 - fill / 100) + 0.05, 3)],
    [2, 120, fill],
    [5, 116, round(3.62 - 0.01 * k, 2)],
  ];
  frame(DEVICES.bin, 20 + k, t, entries, k % 3 === 0 ? [1, 2, 0] : [1, 2]);
}
// Energy meter every 15 min, gateway 1 only; one event is replayed 40 minutes later (MQTT).
let replay = null;
for (let k = 0; k < 8; k++) {
  const t = T0 + 5 * MIN + k * 15 * MIN;
  const entries = [
    [1, 131, round(12345.678 + 1.25 * k + uniform(0, 0.2), 3)],
    [2, 128, intIn(3800, 5200)],
  ];
  const payload = encodeEntries(entries);
  const e = event(DEVICES.energy, 5000 + k, t, payload, [0]);
  emit(e, t + 500, 'accepted', entries.length);
  if (k === 2) replay = { e, arrival: t + 40 * MIN };
}
emit(replay.e, replay.arrival, 'duplicates');
// Street light: f_cnt 0..2, a rejoin at 08:25, f_cnt 0..3 again (the counter was reset).
const dark = [[1, 101, 0], [2, 102, 0]];
frame(DEVICES.light, 0, T0 + 1 * MIN, [[1, 101, 12], [2, 102, 1]], [0, 2]);
frame(DEVICES.light, 1, T0 + 11 * MIN, dark, [0, 2]);
frame(DEVICES.light, 2, T0 + 21 * MIN, [[1, 101, 35], [2, 102, 1]], [0]);
frame(DEVICES.light, 0, T0 + 31 * MIN, [[1, 101, 40], [2, 102, 1]], [0, 2]);
frame(DEVICES.light, 1, T0 + 41 * MIN, dark, [2]); // same payload as the first f_cnt 1, 30 min later: a new frame
frame(DEVICES.light, 2, T0 + 51 * MIN, [[1, 101, 80], [2, 102, 0]], [0]);
frame(DEVICES.light, 3, T0 + 61 * MIN, [[1, 101, 120], [2, 102, 1]], [0, 2]);
expected.counter_reuses += 3;
// GPS tracker every 10 min; one event without `time` (nsTime used), one with gateway times only.
for (let k = 0; k < 6; k++) {
  const t = T0 + 3 * MIN + k * 10 * MIN;
  const entries = [
    [1, 136, round(48.8566 + 0.0012 * k, 4), round(2.3522 + 0.0021 * k, 4), round(35 + 0.5 * k, 2)],
    [2, 113, round(uniform(-0.05, 0.05), 3), round(uniform(-0.05, 0.05), 3), round(0.98 + uniform(0, 0.04), 3)],
  ];
  frame(DEVICES.tracker, 300 + k, t, entries, [k % 2], { noTime: k === 2, gwTimeOnly: k === 4 });
}

// Broken lines, each rejected with the field named in the comment.
const T1 = T0 + 45 * MIN;
const broken = (mutate, arrival) => {
  const e = event(DEVICES.air, 900, T1, encodeEntries([[1, 103, 10.0]]), [0]);
  mutate(e);
  items.push({ arrival, line: JSON.stringify(e) });
  expected.received += 1;
  expected.rejected += 1;
};
const rawLine = (line, arrival) => {
  items.push({ arrival, line });
  expected.received += 1;
  expected.rejected += 1;
};
rawLine('{"deduplicationId":"5a0b1c2d-0000-4000-a000-000000000001","time":"2025-03-10T08:47:12.000+00:00","deviceInfo":{"devEui":"0004a30b001c05', T1 + 2 * MIN); // json (cut)
rawLine('mqtt: connection lost, reconnecting', T1 + 3 * MIN); // json
broken((e) => delete e.deviceInfo.devEui, T1 + 4 * MIN); // deviceInfo.devEui
broken((e) => { e.deviceInfo.devEui = '0004a30b001c05z0'; }, T1 + 5 * MIN); // deviceInfo.devEui
broken((e) => { e.data = 'A2cA*w=='; }, T1 + 6 * MIN); // data (base64)
broken((e) => { e.data = Buffer.from('036701', 'hex').toString('base64'); }, T1 + 7 * MIN); // data (LPP truncated)
broken((e) => { e.data = Buffer.from('016300fa', 'hex').toString('base64'); e.fCnt = 901; }, T1 + 8 * MIN); // data (LPP type 99)
broken((e) => { e.fCnt = -1; }, T1 + 9 * MIN); // fCnt
broken((e) => { e.fPort = 0; e.data = ''; e.fCnt = 902; }, T1 + 10 * MIN); // fPort (MAC commands)
broken((e) => { delete e.time; e.rxInfo.forEach((r) => delete r.nsTime); e.fCnt = 903; }, T1 + 11 * MIN); // time
items.push({ arrival: T1 + 12 * MIN, line: '' }); // a blank line: not counted

items.sort((a, b) => a.arrival - b.arrival);
writeFileSync(join(outDir, 'uplinks_sample.jsonl'), items.map((i) => i.line).join('\n') + '\n');

console.log(`cayenne_lpp_golden.jsonl: ${golden.length} vectors`);
console.log(`uplinks_sample.jsonl: ${items.length} lines, expected ${JSON.stringify(expected)}`);
