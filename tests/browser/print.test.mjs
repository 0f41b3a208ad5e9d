// The article on paper: numbered marks in the text, and the popovers printed as the endnotes
// that match them.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, SEED, setup, waitOpen } from './support.mjs';

const env = setup({ before, after });

/** What the element's ::before or ::after shows, with any attr() resolved against it. */
function pseudoText(el, which) {
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

test('print: the popovers are the numbered endnotes that match the numbers in the text', async () => {
  const context = await env.browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(env.origin + SEED);

  // On screen the list is not shown: only the popover that is open.
  const putin = page.locator('#g-vladimir-putin');
  await page.locator('[data-term="vladimir-putin"]').first().click();
  await waitOpen(putin);
  assert.equal(await page.locator('.endnotes-title').isVisible(), false, 'no endnotes on screen');
  assert.deepEqual(
    await page.locator('.endnotes > .popover').evaluateAll((els) =>
      els.filter((e) => e.checkVisibility()).map((e) => e.id),
    ),
    ['g-vladimir-putin'],
    'on screen only the open popover shows',
  );

  // On paper the one left open goes back to its place among the others.
  await page.emulateMedia({ media: 'print' });
  await waitOpen(putin, false);
  assert.ok(await page.locator('.endnotes-title').isVisible(), 'the endnotes are printed');
  assert.equal(
    await page.locator('button.note-ref').first().isVisible(),
    false,
    'note buttons are not printed (the mark carries the number)',
  );

  await page.evaluate(`window.pseudoText = ${pseudoText}`);

  // Every marked mention and anchored note shows [n], and endnote n exists.
  const marks = await page.evaluate(() => {
    const els = document.querySelectorAll('.article-body :is([data-term], mark[data-note])');
    return [...els].map((el) => {
      const n = el.getAttribute('data-n');
      const endnotes = document.querySelectorAll(`.endnotes > .popover[data-n="${n}"]`);
      const endnote = endnotes[0];
      return {
        n,
        term: el.getAttribute('data-term'),
        note: el.getAttribute('data-note'),
        after: window.pseudoText(el, '::after'),
        endnotes: endnotes.length,
        id: endnote?.id ?? null,
        printed: endnote?.checkVisibility() ?? false,
        entry: endnote?.querySelector('a.entry-link')?.getAttribute('href') ?? null,
        body: endnote?.querySelector('.gloss-summary, .note-body')?.textContent.trim() ?? '',
      };
    });
  });
  assert.ok(marks.length > 20, `the seed article has marks (${marks.length})`);
  const numbers = new Set();
  for (const m of marks) {
    const what = m.term ?? `note ${m.note}`;
    assert.match(m.n ?? '', /^[1-9][0-9]*$/, `${what} has a number`);
    numbers.add(Number(m.n));
    assert.equal(m.after, `[${m.n}]`, `${what} shows [${m.n}] in print`);
    assert.equal(m.endnotes, 1, `${what}: endnote ${m.n} exists`);
    assert.ok(m.printed, `endnote ${m.n} is printed`);
    if (m.term) {
      assert.equal(m.id, `g-${m.term}`, `endnote ${m.n} is the popover of ${m.term}`);
      assert.equal(m.entry, `/glossary/${m.term}/`, `endnote ${m.n} explains ${m.term}`);
    } else {
      assert.equal(m.note, m.n, `note ${m.n}: data-note and data-n agree`);
      assert.equal(m.id, `note-${m.n}`, `endnote ${m.n} is the popover of note ${m.n}`);
    }
    assert.ok(m.body.length > 0, `endnote ${m.n} has a text`);
  }

  // The endnotes are exactly those numbers, in order down the page, each showing its number.
  const items = await page.locator('.endnotes > .popover').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        n: el.getAttribute('data-n'),
        shown: window.pseudoText(el, '::before'),
        position: getComputedStyle(el).position,
        top: r.top + scrollY,
        bottom: r.bottom + scrollY,
      };
    }),
  );
  assert.deepEqual(
    items.map((x) => Number(x.n)),
    [...numbers].sort((a, b) => a - b),
    'the endnotes are the numbers in the text, in order',
  );
  const textEnd = await page
    .locator('.article-body')
    .evaluate((e) => e.getBoundingClientRect().bottom + scrollY);
  items.forEach((x, i) => {
    assert.equal(x.shown, x.n, `endnote ${x.n} shows ${x.n}`);
    const inFlow = ['static', 'relative'].includes(x.position);
    assert.ok(inFlow, `endnote ${x.n} is in the flow (${x.position})`);
    const above = i ? items[i - 1].bottom : textEnd;
    assert.ok(x.top >= above - 1, `endnote ${x.n} (at ${x.top}) comes below ${above}`);
  });
  assert.deepEqual(
    [...numbers].sort((a, b) => a - b),
    Array.from({ length: numbers.size }, (_, i) => i + 1),
    'the numbers run from 1 without gaps',
  );

  // Numbers are given by first appearance: where each mark starts in the text.
  const firsts = await page.evaluate(() => {
    const body = document.querySelector('.article-body');
    const first = {};
    for (const el of body.querySelectorAll('[data-term], mark[data-note]')) {
      const range = document.createRange();
      range.setStart(body, 0);
      range.setEnd(el, 0);
      const at = range.toString().length;
      const n = Number(el.getAttribute('data-n'));
      if (!(n in first) || at < first[n]) first[n] = at;
    }
    return first;
  });
  for (let n = 2; n <= numbers.size; n++) {
    assert.ok(
      firsts[n - 1] <= firsts[n],
      `number ${n - 1} first appears (at ${firsts[n - 1]}) before number ${n} (at ${firsts[n]})`,
    );
  }
  await context.close();
});
