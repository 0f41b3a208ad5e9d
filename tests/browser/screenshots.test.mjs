// Screenshots of the seed article, taken after checking that its Arabic is set in the Arabic
// fonts the theme names. They go to target/screenshots/, so a test run changes no file of the
// repository; HASHIYA_SCREENSHOTS=docs/screenshots (from the repository's root) refreshes the
// README's.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, SEED, settled, setup, waitOpen } from './support.mjs';

const env = setup({ before, after });

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const OUT = resolve(REPO, process.env.HASHIYA_SCREENSHOTS || 'target/screenshots');

// A phone at twice the pixels: sharp enough to read the diacritics, small enough to keep.
const PHONE_SHOT = { ...PHONE, deviceScaleFactor: 2 };

const ARABIC_TEXT = ['Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic'];
const ARABIC_HEADINGS = ['Noto Kufi Arabic', 'Noto Sans Arabic'];

/** The fonts Chromium drew the element's text with, most glyphs first. */
async function fontsOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    assert.ok(nodeId, `${selector} is on the page`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.sort((a, b) => b.glyphCount - a.glyphCount);
  } finally {
    await cdp.detach();
  }
}

/** Opens the seed article in a new context and waits for its fonts. */
async function article(options) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const response = await page.goto(env.origin + SEED, { waitUntil: 'load' });
  assert.equal(response?.status(), 200);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

async function shoot(page, name) {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  assert.ok(statSync(path).size > 10_000, `${name} was written`);
}

test('the article is set in Arabic fonts: body, headings, popovers', async () => {
  const page = await article(DESKTOP);
  for (const [selector, families] of [
    ['.article-body > p', ARABIC_TEXT],
    ['.article-header h1', ARABIC_HEADINGS],
    ['.article-body h2', ARABIC_HEADINGS],
  ]) {
    const fonts = await fontsOf(page, selector);
    assert.ok(
      families.includes(fonts[0]?.familyName),
      `${selector} is drawn in ${families.join(' or ')}, not ${JSON.stringify(fonts)}`,
    );
  }
  await page.locator('[data-term="vladimir-putin"]').first().click();
  await waitOpen(page.locator('#g-vladimir-putin'));
  const fonts = await fontsOf(page, '#g-vladimir-putin > div');
  assert.ok(ARABIC_TEXT.includes(fonts[0]?.familyName), `the popover: ${JSON.stringify(fonts)}`);
  await page.context().close();
});

test('names in other scripts are drawn in a face for their language, not empty boxes', async () => {
  const page = await article(DESKTOP);
  await page.locator('[data-term="kim-jong-un"]').first().click();
  await waitOpen(page.locator('#g-kim-jong-un'));
  const korean = page.locator('#g-kim-jong-un > h3 + p bdi[lang="ko"]');
  assert.equal(await korean.textContent(), '김정은');
  const fonts = await fontsOf(page, '#g-kim-jong-un > h3 + p bdi[lang="ko"]');
  assert.equal(fonts[0]?.familyName, 'Noto Sans CJK KR', JSON.stringify(fonts));
  await page.context().close();
});

for (const [name, options] of [
  ['article-desktop-light.png', { ...DESKTOP, colorScheme: 'light' }],
  ['article-desktop-dark.png', { ...DESKTOP, colorScheme: 'dark' }],
  ['article-phone-light.png', { ...PHONE_SHOT, colorScheme: 'light' }],
  ['article-phone-dark.png', { ...PHONE_SHOT, colorScheme: 'dark' }],
]) {
  test(`screenshot: ${name}`, async () => {
    const page = await article(options);
    await shoot(page, name);
    await page.context().close();
  });
}

test('screenshot: article-popover-desktop.png', async () => {
  const page = await article({ ...DESKTOP, colorScheme: 'light' });
  const term = page.locator('.article-body [data-term="vladimir-putin"]').nth(1);
  await term.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await term.click();
  const pop = page.locator('#g-vladimir-putin');
  await waitOpen(pop);
  await settled(pop);
  await shoot(page, 'article-popover-desktop.png');
  await page.context().close();
});
