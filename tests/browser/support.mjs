// Shared by the browser tests: the built site served over HTTP, and Chromium.
//
// The site comes from HASHIYA_SITE (a built `public/` directory); tests/it/browser.rs
// builds the example site and sets it. To run these tests by hand:
//   cargo run -- build && HASHIYA_SITE=public node --test tests/browser/*.test.mjs

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

/** The seed article of the example site. */
export const SEED = '/articles/russia-north-korea/';

/**
 * Saves a file as an editor that saves safely does: written whole to a hidden temporary file
 * beside it, then renamed over it, so that a `hashiya serve` watching the site never sees it
 * empty or half written (a truncating write can show it empty for as long as the test is
 * paused, longer than the watcher's quiet window on a busy machine).
 */
export function save(file, text) {
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * Runs `hashiya serve` (the binary HASHIYA_BIN) on a copy of the example site
 * (HASHIYA_EXAMPLE) at a free port, so that a test may change the copy. Resolves, once the
 * server listens, to { site, origin, stop }.
 */
export async function startServe() {
  const binary = process.env.HASHIYA_BIN;
  const example = process.env.HASHIYA_EXAMPLE;
  assert.ok(binary && example, 'HASHIYA_BIN and HASHIYA_EXAMPLE are set by tests/it/browser.rs');
  const site = mkdtempSync(join(tmpdir(), 'hashiya-serve-'));
  cpSync(join(example, 'site.yaml'), join(site, 'site.yaml'));
  cpSync(join(example, 'content'), join(site, 'content'), { recursive: true });
  const server = spawn(binary, ['serve', '--port', '0', '--root', site], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout });
  const origin = await new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const found = line.match(/ at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) resolve(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`hashiya serve exited with ${code}`)));
  });
  return {
    site,
    origin,
    stop: () => {
      server.kill('SIGINT');
      rmSync(site, { recursive: true, force: true });
    },
  };
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * The built site's directory, from HASHIYA_SITE; `variable` names another build (the example
 * site with `digits: arabic` is HASHIYA_SITE_ARABIC_DIGITS).
 */
export function siteDir(variable = 'HASHIYA_SITE') {
  const dir = process.env[variable];
  if (!dir) {
    throw new Error(
      `${variable} is not set: run these tests with \`cargo test --test it browser\`, ` +
        `or build the site and set ${variable} to its output directory`,
    );
  }
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`HASHIYA_SITE=${dir} holds no built site (no index.html)`);
  }
  return root;
}

/**
 * Serves `root` on 127.0.0.1 at a free port, as a static host would: a directory URL
 * serves its index.html, a directory without the trailing slash redirects to it, a
 * missing file answers 404 with the site's 404.html. Returns { origin, close }.
 */
export async function serve(root = siteDir()) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url, 'http://localhost');
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      let file = resolve(root, '.' + path);
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: url.pathname + '/' + url.search }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      let status = 200;
      if (!existsSync(file) || !statSync(file).isFile()) {
        status = 404;
        file = join(root, '404.html');
      }
      const body = existsSync(file) ? await readFile(file) : Buffer.from('not found');
      res.writeHead(status, {
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(e));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `no Chromium at ${path}: install it (\`apt-get install chromium\`) or set CHROMIUM_PATH`,
    );
  }
  return path;
}

export function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts the server and the browser once for a test file; `hooks.before/after` are
 * node:test's; `site` names the build served, as siteDir() does. Returns an object whose
 * fields are filled in before the tests run.
 */
export function setup({ before, after, site }) {
  const env = { origin: '', browser: null };
  let server;
  before(async () => {
    server = await serve(siteDir(site));
    env.origin = server.origin;
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await server?.close();
  });
  return env;
}

/** A new page of `context` at `path` of the site, checked to answer 200. */
export async function openPage(env, context, path) {
  const page = await context.newPage();
  const response = await page.goto(env.origin + path);
  assert.equal(response?.status(), 200, `${path} answers 200`);
  return page;
}

/** Whether the element is an open popover. */
export function isOpen(locator) {
  return locator.evaluate((el) => el.matches(':popover-open'));
}

/** Waits (up to 5 s) until the popover's open state is `open`, or fails saying which. */
export async function waitOpen(locator, open = true) {
  const handle = await locator.elementHandle({ timeout: 5000 });
  try {
    await locator
      .page()
      .waitForFunction(([el, want]) => el.matches(':popover-open') === want, [handle, open], {
        timeout: 5000,
      });
  } catch (e) {
    const id = await handle.evaluate((el) => el.id).catch(() => '?');
    throw new assert.AssertionError({
      message: `popover #${id} did not ${open ? 'open' : 'close'} (${e.message.split('\n')[0]})`,
    });
  } finally {
    await handle.dispose();
  }
}

/** Waits until the element's animations (the popover's opening) have finished. */
export function settled(locator) {
  return locator.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => {}))),
  );
}

/**
 * What the element's ::before or ::after shows, with any attr() resolved against it; run in
 * the page (pass it to page.evaluate as a string).
 */
export function pseudoText(el, which) {
  const content = getComputedStyle(el, which).content;
  const parts = content.match(/"(?:[^"\\]|\\.)*"|attr\(\s*[\w-]+\s*\)/g) ?? [];
  return parts
    .map((p) =>
      p.startsWith('attr(')
        ? el.getAttribute(p.slice(5, -1).trim()) ?? ''
        : p.slice(1, -1).replace(/\\(.)/g, '$1'),
    )
    .join('');
}

/** Text with whitespace runs collapsed, for comparisons. */
export function squash(text) {
  return text.replace(/\s+/g, ' ').trim();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The axe violations of the page, or of the element `within` selects, one line per rule with
 * the elements concerned; `where` names the page in them.
 */
export async function axeViolations(page, where, within = null) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: axeSource });
  }
  const violations = await page.evaluate(async (within) => {
    const result = await window.axe.run(within ?? document, {
      resultTypes: ['violations'],
      // Every rule axe runs by default, and the size of touch targets (WCAG 2.2 AA).
      rules: { 'target-size': { enabled: true } },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, within);
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.replace(/\n/g, ' ')}`).join('\n'),
  );
}
