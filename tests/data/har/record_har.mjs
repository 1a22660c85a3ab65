#!/usr/bin/env node
// Records the real HAR files of numresp's HAR tests: tests/data/har/site/ served on the loopback
// interface by a tiny static server of this script, visited by a headless Chromium driven by
// playwright-core, the HAR written by Playwright's own recorder (recordHar, content omitted).
//
//   npm install --prefix /tmp/pw playwright-core        # never inside the source tree
//   PLAYWRIGHT_CORE=/tmp/pw/node_modules/playwright-core node tests/data/har/record_har.mjs
//   /usr/bin/python3 tests/data/har/expected.py          # then refresh the expected summaries
//
// Options: --out DIR (default: this folder), --port N (default 8765; N + 1 must be closed: the
// broken page probes it for a refused connection), --chromium PATH (default /usr/bin/chromium, or
// $CHROMIUM). Only 127.0.0.1 / localhost are contacted.
//
// It writes:
//   first-visit.har   index.html in a fresh context (empty cache): every request goes to the server,
//                     one of them a 404;
//   reload.har        one context: index.html, the same page reloaded, then page2.html, so the
//                     stylesheet, script and pictures come from Chromium's cache;
//   return-visit.har  index.html in a second browser session on a profile whose disk cache a first
//                     session filled (a returning visitor; only this visit is in the HAR);
//   broken.har        broken.html: a 404 and a connection refused on port + 1;
//   recordings.json   what was recorded with what (browser, playwright-core, DOM element counts).
//
// What Playwright's HAR holds (playwright-core 1.65.1, Chromium 156), unlike a HAR saved from
// Chrome's developer tools: no entry for data: URLs (its Chromium network layer skips them); no
// _fromCache: a cache hit is status 200 with response._transferSize 0 and bodySize = -headersSize;
// no _error and no status 0: a failed request keeps status -1, headersSize / bodySize /
// _transferSize -1, mimeType "x-unknown", and has response._failureText ("net::ERR_..."). Playwright
// pages in headless Chromium do not fetch /favicon.ico.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const outDir = resolve(option('out', here));
const port = Number(option('port', '8765'));
const chromiumPath = option('chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const siteDir = join(here, 'site');

const require = createRequire(import.meta.url);
const playwrightPath = process.env.PLAYWRIGHT_CORE || 'playwright-core';
const { chromium } = require(playwrightPath);
const playwrightVersion = require(join(dirname(require.resolve(playwrightPath)), 'package.json')).version;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------------
// The static server: real-world headers, so that the HAR has something to say.
//   - HTML and JSON: Cache-Control: no-cache + ETag (a reload revalidates them: 304);
//   - CSS, JS, pictures: Cache-Control: max-age=86400 (served from the cache afterwards);
//   - text types carry "; charset=utf-8" (the content-type rule cuts it);
//   - badge.svg is read cross-origin by app.js through an <img>: no CORS needed.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function serve(req, res) {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(siteDir, path === '/' ? 'index.html' : path));
  let body = null;
  if (file.startsWith(siteDir + sep)) {
    try {
      if (statSync(file).isFile()) body = readFileSync(file);
    } catch {
      body = null;
    }
  }
  if (body === null) {
    const text = `<!DOCTYPE html><title>404</title><p>${path} is not here.</p>\n`;
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(text),
                         'Cache-Control': 'no-store' });
    res.end(text);
    return;
  }
  const ext = extname(file);
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  const headers = {
    'Content-Type': TYPES[ext] || 'application/octet-stream',
    'Cache-Control': ext === '.html' || ext === '.json' ? 'no-cache' : 'max-age=86400',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function portIsClosed(p) {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port: p });
    socket.once('connect', () => { socket.destroy(); done(false); });
    socket.once('error', () => done(true));
  });
}

// ---------------------------------------------------------------------------------------------
// Visits.
const base = `http://127.0.0.1:${port}`;

// Wait until app.js has read stats.json and the network is quiet (the badge, the probe).
async function settle(page) {
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  await page.waitForLoadState('networkidle');
}

// EcoIndex's DOM size: every element, minus those inside an inline <svg>.
function domCount(page) {
  return page.evaluate(() => document.getElementsByTagName('*').length - document.querySelectorAll('svg *').length);
}

function harOptions(name) {
  return { recordHar: { path: join(outDir, name), content: 'omit', mode: 'full' } };
}

async function main() {
  if (!(await portIsClosed(port + 1))) throw new Error(`port ${port + 1} is open: the refused probe needs it closed`);
  const server = createServer(serve);
  await new Promise((done, fail) => { server.once('error', fail); server.listen(port, '127.0.0.1', done); });
  const profiles = [];
  const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'numresp-har-profile-')); profiles.push(d); return d; };
  const recordings = {
    generator: 'tests/data/har/record_har.mjs',
    playwright_core: playwrightVersion,
    chromium_args: CHROMIUM_ARGS,
    server: base,
    dom_elements: {},
    files: {},
  };

  try {
    // A first visit: a fresh profile, an empty cache.
    {
      const context = await chromium.launchPersistentContext(fresh(), {
        executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, ...harOptions('first-visit.har'),
      });
      recordings.browser = context.browser()?.version() ?? null;
      const page = context.pages()[0] || (await context.newPage());
      await page.goto(`${base}/index.html`);
      await settle(page);
      recordings.dom_elements['index.html'] = await domCount(page);
      await context.close();
      recordings.files['first-visit.har'] = 'index.html, first visit, empty cache';
    }

    // One session: visit, reload, second page.
    {
      const context = await chromium.launchPersistentContext(fresh(), {
        executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, ...harOptions('reload.har'),
      });
      recordings.browser ??= context.browser()?.version() ?? null;
      const page = context.pages()[0] || (await context.newPage());
      await page.goto(`${base}/index.html`);
      await settle(page);
      await page.reload();
      await settle(page);
      await page.goto(`${base}/page2.html`);
      await settle(page);
      recordings.dom_elements['page2.html'] = await domCount(page);
      await context.close();
      recordings.files['reload.har'] = 'index.html, the same page reloaded, then page2.html, in one session';
    }

    // A returning visitor: a first session fills the profile's disk cache (no HAR), a second
    // session on the same profile is recorded.
    {
      const profile = fresh();
      const warm = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true,
      });
      const page = warm.pages()[0] || (await warm.newPage());
      await page.goto(`${base}/index.html`);
      await settle(page);
      await warm.close();
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, ...harOptions('return-visit.har'),
      });
      const again = context.pages()[0] || (await context.newPage());
      await again.goto(`${base}/index.html`);
      await settle(again);
      await context.close();
      recordings.files['return-visit.har'] = 'index.html in a second session on a profile with a warm disk cache';
    }

    // The broken page: a 404 and a refused connection.
    {
      const context = await chromium.launchPersistentContext(fresh(), {
        executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, ...harOptions('broken.har'),
      });
      const page = context.pages()[0] || (await context.newPage());
      await page.goto(`${base}/broken.html`);
      await settle(page);
      recordings.dom_elements['broken.html'] = await domCount(page);
      await context.close();
      recordings.files['broken.har'] = `broken.html: images/missing.png (404), 127.0.0.1:${port + 1} (refused)`;
    }
  } finally {
    server.close();
    for (const d of profiles) rmSync(d, { recursive: true, force: true });
  }

  writeFileSync(join(outDir, 'recordings.json'), JSON.stringify(recordings, null, 2) + '\n');
  for (const name of Object.keys(recordings.files)) {
    const har = JSON.parse(readFileSync(join(outDir, name), 'utf8'));
    console.log(`${name}: ${har.log.entries.length} entries, ${statSync(join(outDir, name)).size} bytes`);
  }
  console.log(`DOM elements: ${JSON.stringify(recordings.dom_elements)}; browser ${recordings.browser}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
