// Popovers on a phone (touch) and near the edges of the screen, on a phone and a desktop.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, SEED, openPage, settled, setup, squash, waitOpen } from './support.mjs';

const env = setup({ before, after });

const open = (context, path) => openPage(env, context, path);

/**
 * Term buttons of the article body at the edges of the text: the one whose box reaches
 * furthest right (the start of a line, in right-to-left text), the one furthest left
 * (the end of a line), and the last one (to be scrolled to the bottom of the screen).
 * Returns their indexes among `.article-body [data-term]`, and the text column's sides.
 */
function edgeTerms(page) {
  return page.$$eval('.article-body [data-term]', (els) => {
    const boxes = els.map((e, i) => ({ i, r: e.getBoundingClientRect() }));
    const right = boxes.reduce((a, b) => (b.r.right > a.r.right ? b : a));
    const left = boxes.reduce((a, b) => (b.r.left < a.r.left ? b : a));
    const body = els[0].closest('.article-body').getBoundingClientRect();
    return { right: right.i, left: left.i, last: els.length - 1, body: { left: body.left, right: body.right } };
  });
}

/** Opens the popover of the index-th term, placed as `where` says, and returns both boxes. */
async function openAt(page, index, where, { tap }) {
  const term = page.locator('.article-body [data-term]').nth(index);
  const id = await term.getAttribute('data-term');
  await term.evaluate((e, block) => e.scrollIntoView({ block, inline: 'nearest' }), where);
  const box = await term.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
  if (tap) await term.tap();
  else await term.click();
  const pop = page.locator(`#g-${id}`);
  await waitOpen(pop);
  await settled(pop);
  const p = await pop.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
  return { id, term: box, pop: p, popover: pop };
}

function assertInside(what, p, width, height) {
  const msg = `${what}: popover ${JSON.stringify(p)} lies inside the ${width}×${height} viewport`;
  assert.ok(p.left >= 0, msg);
  assert.ok(p.top >= 0, msg);
  assert.ok(p.right <= width, msg);
  assert.ok(p.bottom <= height, msg);
}

async function edgeCase(page, { width, height, tap }) {
  const edges = await edgeTerms(page);
  const cases = [
    { name: 'a term at the right edge', index: edges.right, where: 'center',
      check: (t) => assert.ok(t.right >= edges.body.right - 40, `term box ${JSON.stringify(t)} is at the right edge`) },
    { name: 'a term at the left edge', index: edges.left, where: 'center',
      check: (t) => assert.ok(t.left <= edges.body.left + 40, `term box ${JSON.stringify(t)} is at the left edge`) },
    { name: 'a term at the bottom', index: edges.last, where: 'end',
      check: (t) => assert.ok(t.bottom >= height - 60, `term box ${JSON.stringify(t)} is at the bottom`) },
  ];
  for (const c of cases) {
    const { id, term, pop, popover } = await openAt(page, c.index, c.where, { tap });
    c.check(term);
    assertInside(`${c.name} (${id})`, pop, width, height);
    await page.keyboard.press('Escape');
    await waitOpen(popover, false);
  }
}

describe('phone, 390×844, touch', () => {
  let context;
  before(async () => {
    context = await env.browser.newContext(PHONE);
  });
  after(() => context.close());

  test('a tap on a term opens its popover; a tap outside, on the page header, closes it', async () => {
    const page = await open(context, SEED);
    const pop = page.locator('#g-vladimir-putin');
    await page.locator('[data-term="vladimir-putin"]').first().tap();
    await waitOpen(pop);
    assert.ok(await pop.isVisible(), 'the popover is visible');
    assert.ok(squash(await pop.locator(':scope > div').innerText()).length > 0);
    await settled(pop);
    assertInside('the first popover', await pop.evaluate((e) => e.getBoundingClientRect().toJSON()), 390, 844);

    await page.locator('.site-tagline').tap();
    await waitOpen(pop, false);
    assert.equal(await pop.isVisible(), false, 'the popover is closed');
    assert.equal(new URL(page.url()).pathname, SEED, 'the tap outside did not navigate');
    await page.close();
  });

  test('popovers of terms at the right, left and bottom edges stay inside the screen', async () => {
    const page = await open(context, SEED);
    await edgeCase(page, { width: 390, height: 844, tap: true });
    await page.close();
  });

  test('a tap on a note number opens the note inside the screen', async () => {
    const page = await open(context, SEED);
    const ref = page.locator('button.note-ref').last();
    const n = await ref.getAttribute('data-n');
    await ref.tap();
    const pop = page.locator(`#note-${n}`);
    await waitOpen(pop);
    await settled(pop);
    assert.ok(squash(await pop.locator(':scope > div').innerText()).length > 0);
    assertInside(`note ${n}`, await pop.evaluate((e) => e.getBoundingClientRect().toJSON()), 390, 844);
    await page.close();
  });

  test('the article does not scroll sideways', async () => {
    const page = await open(context, SEED);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `page width ${scroll} fits the screen width ${client}`);
    await page.close();
  });
});

describe('desktop, 1280×800, edges', () => {
  test('popovers of terms at the right, left and bottom edges stay inside the window', async () => {
    const context = await env.browser.newContext(DESKTOP);
    const page = await open(context, SEED);
    await edgeCase(page, { width: 1280, height: 800, tap: false });
    await context.close();
  });
});

describe('phone held sideways, 844×390, touch', () => {
  test('the popover of a term in the middle of the screen stays inside the screen', async () => {
    const context = await env.browser.newContext({
      ...PHONE,
      viewport: { width: 844, height: 390 },
    });
    const page = await open(context, SEED);
    const index = await page
      .locator('.article-body [data-term]')
      .evaluateAll((els) => els.findIndex((e) => e.getAttribute('data-term') === 'vladimir-putin'));
    const { id, term, pop } = await openAt(page, index, 'center', { tap: true });
    assert.ok(term.top > 100 && term.bottom < 290, `term box ${JSON.stringify(term)} is mid-screen`);
    assertInside(`a term in the middle (${id})`, pop, 844, 390);
    await context.close();
  });
});
