// The preview: with `hashiya serve` running, saving an article reloads the page open in the
// browser, which then shows the change.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DESKTOP, launch, save, startServe } from './support.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let site;
let origin;
let serving;
let browser;

before(async () => {
  serving = await startServe();
  ({ site, origin } = serving);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  serving?.stop();
});

test('saving an article reloads the open page, which shows the change', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(`${origin}/articles/donbas/`, { waitUntil: 'load' });
  const file = join(site, 'content/articles/donbas.md');
  const word = 'كلمةجديدةللمعاينة';
  const reloaded = page.waitForEvent('load', { timeout: 20_000 });
  save(file, readFileSync(file, 'utf8').replace(/\n*$/, `\n\n${word}\n`));
  await reloaded;
  await page.waitForFunction((w) => document.body.innerText.includes(w), word, { timeout: 20_000 });
  await context.close();
});

/** Text of the overlay whose contrast falls short of WCAG AA, as axe-core finds it. */
async function overlayContrast(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run('#hashiya-error', {
      resultTypes: ['violations'],
      runOnly: ['color-contrast'],
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
  });
}

test('a broken file shows its error over the page until it is fixed, readable in both themes', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(`${origin}/articles/donbas/`, { waitUntil: 'load' });
  const file = join(site, 'content/articles/donbas.md');
  const good = readFileSync(file, 'utf8');
  save(file, good.replace(/^title: .*$/m, 'title: [مكسور'));
  const overlay = page.locator('#hashiya-error');
  await overlay.waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await overlay.innerText(), /content\/articles\/donbas\.md:\d+:\d+: error/);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await overlayContrast(page), [], `the overlay's text in the ${colorScheme} theme`);
  }
  const reloaded = page.waitForEvent('load', { timeout: 20_000 });
  save(file, good);
  await reloaded;
  assert.equal(await page.locator('#hashiya-error').count(), 0);
  await context.close();
});
