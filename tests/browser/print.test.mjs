// The article on paper: no popovers, numbered marks in the text, endnotes that match.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, SEED, setup, waitOpen } from './support.mjs';

const env = setup({ before, after });

test('print: popovers hidden, every number in the text has its endnote', async () => {
  const context = await env.browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(env.origin + SEED);

  // A popover left open on screen does not reach the paper.
  await page.locator('[data-term="vladimir-putin"]').first().click();
  await waitOpen(page.locator('#g-vladimir-putin'));
  assert.equal(await page.locator('.endnotes').isVisible(), false, 'no endnotes on screen');

  await page.emulateMedia({ media: 'print' });
  const popovers = page.locator('.popover');
  assert.ok((await popovers.count()) > 0);
  const visible = await popovers.evaluateAll((els) =>
    els.filter((e) => e.checkVisibility()).map((e) => e.id),
  );
  assert.deepEqual(visible, [], 'no popover is visible in print');
  assert.ok(await page.locator('.endnotes').isVisible(), 'the endnotes are printed');
  assert.equal(
    await page.locator('button.note-ref').first().isVisible(),
    false,
    'note buttons are not printed (the mark carries the number)',
  );

  // Every marked mention and anchored note shows [n], and endnote n exists.
  const marks = await page.evaluate(() => {
    // What ::after shows, with any attr() resolved against the element.
    const afterText = (el) => {
      const content = getComputedStyle(el, '::after').content;
      const parts = content.match(/"(?:[^"\\]|\\.)*"|attr\(\s*[\w-]+\s*\)/g) ?? [];
      return parts
        .map((p) =>
          p.startsWith('attr(')
            ? el.getAttribute(p.slice(5, -1).trim()) ?? ''
            : p.slice(1, -1).replace(/\\(.)/g, '$1'),
        )
        .join('');
    };
    const els = document.querySelectorAll('.article-body :is([data-term], mark[data-note])');
    return [...els].map((el) => {
      const n = el.getAttribute('data-n');
      const endnotes = document.querySelectorAll(`.endnotes li[id="endnote-${n}"]`);
      const endnote = endnotes[0];
      return {
        n,
        term: el.getAttribute('data-term'),
        note: el.getAttribute('data-note'),
        after: afterText(el),
        endnotes: endnotes.length,
        printed: endnote?.checkVisibility() ?? false,
        entry: endnote?.querySelector('.endnote-head a')?.getAttribute('href') ?? null,
        body: endnote?.querySelector('.endnote-body')?.textContent.trim() ?? '',
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
      assert.equal(m.entry, `/glossary/${m.term}/`, `endnote ${m.n} explains ${m.term}`);
    } else {
      assert.equal(m.note, m.n, `note ${m.n}: data-note and data-n agree`);
    }
    assert.ok(m.body.length > 0, `endnote ${m.n} has a text`);
  }

  // The endnotes are exactly those numbers, each showing its own number.
  const items = await page.locator('.endnotes ol > li').evaluateAll((lis) =>
    lis.map((li) => ({
      id: li.id,
      value: li.value,
      shown: li.querySelector('.endnote-n')?.textContent.trim(),
    })),
  );
  assert.deepEqual(
    items.map((x) => x.id),
    [...numbers].sort((a, b) => a - b).map((n) => `endnote-${n}`),
    'the endnotes are the numbers in the text, in order',
  );
  for (const x of items) {
    const n = x.id.slice('endnote-'.length);
    assert.equal(String(x.value), n, `${x.id} is numbered ${n}`);
    assert.equal(x.shown, n, `${x.id} shows ${n}`);
  }
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
