// `digits: arabic` on screen: the numbers the theme's CSS and scripts draw are in Arabic-Indic
// digits too (the example site's copy with that setting; print is in print.test.mjs).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, SEED, openPage, setup, waitOpen } from './support.mjs';

const env = setup({ before, after, site: 'HASHIYA_SITE_ARABIC_DIGITS' });
const arabic = (n) => String(n).replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]);
const WESTERN = /[0-9]/;

describe('a site with digits: arabic in Chromium', () => {
  let context;
  before(async () => {
    context = await env.browser.newContext(DESKTOP);
  });
  after(() => context?.close());

  test('note numbers read ١، ٢، ٣ in the text and on their popovers', async () => {
    const page = await openPage(env, context, SEED);
    assert.equal(await page.locator('html').getAttribute('data-digits'), 'arabic');
    const refs = await page.$$eval('.article-body button.note-ref', (els) =>
      els.map((b) => ({ text: b.textContent, label: b.getAttribute('aria-label') })),
    );
    assert.ok(refs.length >= 5, `the seed article has notes (${refs.length})`);
    refs.forEach((r, i) => {
      assert.equal(r.text, arabic(i + 1), `note ${i + 1} reads ${arabic(i + 1)}`);
      assert.equal(r.label, `حاشية ${arabic(i + 1)}`);
    });
    await page.locator('button.note-ref').nth(2).click();
    const pop = page.locator('#note-3');
    await waitOpen(pop);
    assert.equal((await pop.locator(':scope > h3').innerText()).trim(), 'حاشية ٣');
    await page.close();
  });

  test('numbered lists in an article count in Arabic-Indic digits', async () => {
    const page = await openPage(env, context, SEED);
    const style = await page.locator('.article-body').evaluate((body) => {
      const ol = body.appendChild(document.createElement('ol'));
      ol.appendChild(document.createElement('li')).textContent = 'بند';
      return getComputedStyle(ol).listStyleType;
    });
    assert.equal(style, 'arabic-indic');
    await page.close();
  });

  test('search counts its results and dates them in Arabic-Indic digits', async () => {
    const page = await openPage(env, context, '/search/?q=' + encodeURIComponent('روسيا'));
    await page.waitForFunction(() => document.getElementById('search-status')?.textContent.trim());
    const status = (await page.locator('#search-status').textContent()).trim();
    const dates = await page.$$eval('#search-results time', (ts) => ts.map((t) => t.textContent));
    assert.ok(dates.length >= 3, `روسيا finds every article (${status})`);
    assert.equal(status, `${arabic(dates.length)} نتائج`);
    for (const date of dates) {
      assert.ok(!WESTERN.test(date) && /[٠-٩]/.test(date), `${date} is in Arabic-Indic digits`);
    }
    await page.close();
  });
});
