// Standards the pages keep: valid HTML (the Nu HTML Checker), no accessibility violation
// (axe-core, in Chromium, light and dark, desktop and phone), and a light article page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { axeViolations, DESKTOP, PHONE, SEED, settled, setup, siteDir, waitOpen } from './support.mjs';

const require = createRequire(import.meta.url);
const env = setup({ before, after });

/** Every .html file under `dir`. */
function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Runs the Nu HTML Checker on `files`; resolves to its messages. */
function vnu(files) {
  const jar = String(require('vnu-jar'));
  const args = ['-jar', jar, '--errors-only', '--format', 'json', ...files];
  return new Promise((resolve, reject) => {
    execFile('java', args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error?.code === 'ENOENT') {
        const hint = 'install it (`apt-get install default-jre-headless`)';
        reject(new Error(`the HTML checker needs Java: ${hint}`));
        return;
      }
      // The report goes to stderr; the exit status is 1 when there are errors.
      const out = stderr.trim() || stdout.trim();
      try {
        resolve(JSON.parse(out).messages);
      } catch {
        reject(new Error(`the HTML checker failed (${error?.message ?? 'no report'}):\n${out}`));
      }
    });
  });
}

test('every page is valid HTML (Nu HTML Checker)', async () => {
  const root = siteDir();
  const files = htmlFiles(root);
  assert.ok(files.length > 50, `the site has its pages (${files.length})`);
  const messages = await vnu(files);
  const errors = messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => {
      const file = m.url ? decodeURI(relative(root, new URL(m.url).pathname)) : '?';
      return `${file}:${m.lastLine ?? '?'}: ${m.message}`;
    });
  assert.deepEqual(errors, [], `${errors.length} HTML errors:\n${errors.join('\n')}`);
});

/** One page of every kind. */
const PAGES = [
  '/',
  SEED,
  '/glossary/kim-jong-un/',
  '/glossary/',
  encodeURI('/tags/كوريا-الشمالية/'),
  '/tags/',
  '/search/',
];

const SCREENS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

describe('accessibility (axe-core)', () => {
  for (const [screen, options] of SCREENS) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${screen}, ${colorScheme}: no violation on any kind of page`, async () => {
        const context = await env.browser.newContext({ ...options, colorScheme });
        const page = await context.newPage();
        const report = [];
        for (const path of PAGES) {
          const response = await page.goto(env.origin + path);
          assert.equal(response?.status(), 200, `${decodeURI(path)} answers 200`);
          report.push(...(await axeViolations(page, decodeURI(path))));
        }
        // The article again, with a glossary popover open, then a note.
        for (const opener of ['.article-body [data-term="vladimir-putin"]', 'button.note-ref']) {
          const button = page.locator(opener).first();
          await page.goto(env.origin + SEED);
          const pop = page.locator(`#${await button.getAttribute('popovertarget')}`);
          await button.click();
          await waitOpen(pop);
          await settled(pop);
          const where = `${SEED} with #${await pop.getAttribute('id')} open`;
          report.push(...(await axeViolations(page, where)));
        }
        const what = `axe violations (${screen}, ${colorScheme})`;
        assert.deepEqual(report, [], `${what}:\n${report.join('\n')}`);
        await context.close();
      });
    }
  }
});

describe('weight', () => {
  test('the article page weighs under 100 KB (HTML, CSS and scripts, fonts aside)', async (t) => {
    const context = await env.browser.newContext(DESKTOP);
    const page = await context.newPage();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(env.origin + SEED, { waitUntil: 'load' });
    const loads = [];
    for (const r of responses) {
      const type = r.request().resourceType();
      if (type === 'font') continue;
      const sizes = await r.request().sizes();
      loads.push({
        what: `${type} ${decodeURI(new URL(r.url()).pathname)}`,
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      });
    }
    const total = loads.reduce((sum, x) => sum + x.bytes, 0);
    const list = loads.map((x) => `  ${x.what}: ${(x.bytes / 1000).toFixed(1)} KB`).join('\n');
    assert.ok(
      loads.some((x) => x.what.startsWith('document')) &&
        loads.some((x) => x.what.startsWith('stylesheet')) &&
        loads.some((x) => x.what.startsWith('script')),
      `the page, its stylesheet and its script are counted:\n${list}`,
    );
    assert.ok(total < 100_000, `${SEED} weighs ${(total / 1000).toFixed(1)} KB:\n${list}`);
    t.diagnostic(`${SEED} weighs ${(total / 1000).toFixed(1)} KB:\n${list}`);
    await context.close();
  });

  test('no script in <head> blocks rendering', async () => {
    const context = await env.browser.newContext(DESKTOP);
    const page = await context.newPage();
    const report = [];
    for (const path of PAGES) {
      await page.goto(env.origin + path);
      const blocking = await page.$$eval('head script', (scripts) =>
        scripts
          .filter((s) => {
            const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
            // Data blocks (JSON-LD) are not run; modules are deferred.
            const classic =
              type === '' || /^(text|application)\/(x-)?(java|ecma)script$/.test(type);
            return classic && !(s.src && (s.defer || s.async));
          })
          .map((s) => s.outerHTML.slice(0, 120)),
      );
      for (const s of blocking) report.push(`${decodeURI(path)}: ${s}`);
    }
    assert.deepEqual(report, [], `render-blocking scripts:\n${report.join('\n')}`);
    await context.close();
  });
});
