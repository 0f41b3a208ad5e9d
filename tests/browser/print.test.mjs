// The article on paper: the notes numbered 1, 2, 3 as in the text, [n] after each note's
// passage, then the glossary's entries, unnumbered and in the order of their first mention; in
// the site's digits, on the example site and on its copy with `digits: arabic`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, SEED, pseudoText, serve, setup, siteDir, waitOpen } from './support.mjs';

const env = setup({ before, after });
let arabic;
before(async () => {
  arabic = await serve(siteDir('HASHIYA_SITE_ARABIC_DIGITS'));
});
after(() => arabic?.close());

const DIGITS = {
  western: { digits: '0123456789', listStyle: 'decimal' },
  arabic: { digits: '٠١٢٣٤٥٦٧٨٩', listStyle: 'arabic-indic' },
};

for (const [name, { digits, listStyle }] of Object.entries(DIGITS)) {
  const write = (n) => String(n).replace(/[0-9]/g, (d) => digits[d]);

  test(`print (${name} digits): notes numbered 1, 2, 3 as in the text, then the glossary's entries`, async () => {
    const context = await env.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto((name == 'arabic' ? arabic.origin : env.origin) + SEED);

    // On screen the lists are not shown: only the popover that is open.
    const putin = page.locator('#g-vladimir-putin');
    await page.locator('[data-term="vladimir-putin"]').first().click();
    await waitOpen(putin);
    assert.equal(await page.locator('.endnotes > h2').first().isVisible(), false, 'no endnotes on screen');
    assert.deepEqual(
      await page.locator('.endnote-list > li > div').evaluateAll((els) =>
        els.filter((e) => e.checkVisibility()).map((e) => e.id),
      ),
      ['g-vladimir-putin'],
      'on screen only the open popover shows',
    );

    // On paper the one left open goes back to its place among the others (and nothing is
    // hovered).
    await page.mouse.move(0, 0);
    await page.emulateMedia({ media: 'print' });
    await waitOpen(putin, false);
    await page.evaluate(`window.pseudoText = ${pseudoText}`);
    assert.deepEqual(
      await page.locator('.endnotes > h2').evaluateAll((els) =>
        els.map((e) => [e.textContent.trim(), e.checkVisibility()]),
      ),
      [
        ['الحواشي', true],
        ['في المسرد', true],
      ],
      'both lists are printed, each under its heading',
    );

    // Each note's passage is followed by [n], n = 1, 2, 3 down the text, in the site's digits.
    const refs = await page.evaluate(() =>
      [...document.querySelectorAll('.article-body .note-ref')].map((b) => ({
        n: b.getAttribute('data-n'),
        target: b.getAttribute('popovertarget'),
        mark: b.previousElementSibling?.id,
        printed: b.checkVisibility(),
        shown: window.pseudoText(b, '::before') + b.textContent + window.pseudoText(b, '::after'),
      })),
    );
    assert.ok(refs.length >= 5, `the seed article has notes (${refs.length})`);
    refs.forEach((r, i) => {
      const n = i + 1;
      assert.equal(r.n, String(n), `the ${n}th note of the text is note ${n}`);
      assert.equal(r.target, `note-${n}`, `note ${n} opens #note-${n}`);
      assert.equal(r.mark, `note-ref-${n}`, `note ${n} follows its passage`);
      assert.ok(r.printed, `note ${n}'s number is printed`);
      assert.equal(r.shown, `[${write(n)}]`, `note ${n} shows [${write(n)}]`);
    });

    // The list of notes: one item per note, in that order, numbered by the list itself.
    const list = await page.locator('.endnotes ol.notes').evaluate((ol) => ({
      numbered: !ol.hasAttribute('start') && ![...ol.children].some((li) => li.hasAttribute('value')),
      style: getComputedStyle(ol).listStyleType,
      textEnd: document.querySelector('.article-body').getBoundingClientRect().bottom + scrollY,
      items: [...ol.children].map((li) => {
        const p = li.querySelector(':scope > div');
        const r = li.getBoundingClientRect();
        return {
          id: p?.id,
          display: getComputedStyle(li).display,
          printed: p?.checkVisibility() ?? false,
          body: p?.querySelector(':scope > div')?.textContent.trim() ?? '',
          top: r.top + scrollY,
          bottom: r.bottom + scrollY,
        };
      }),
    }));
    assert.ok(list.numbered, 'the list counts from 1, item by item');
    assert.equal(list.style, listStyle, `the notes are numbered in ${listStyle}`);
    assert.deepEqual(
      list.items.map((x) => x.id),
      refs.map((_, i) => `note-${i + 1}`),
      'item n of the list is note n',
    );
    list.items.forEach((x, i) => {
      assert.equal(x.display, 'list-item', `${x.id} carries its number`);
      assert.ok(x.printed && x.body.length > 0, `${x.id} is printed with its text`);
      const above = i ? list.items[i - 1].bottom : list.textEnd;
      assert.ok(x.top >= above - 1, `${x.id} (at ${x.top}) comes below ${above}`);
    });

    // Terms carry no number; the glossary's list names each once, in the order of first mention.
    const terms = await page.evaluate(() =>
      [...document.querySelectorAll('.article-body [data-term]')].map((el) => ({
        id: el.getAttribute('data-term'),
        n: el.getAttribute('data-n'),
        shown: window.pseudoText(el, '::before') + window.pseudoText(el, '::after'),
        underline: getComputedStyle(el).textDecorationStyle,
      })),
    );
    assert.ok(terms.length > 20, `the seed article has terms (${terms.length})`);
    for (const t of terms) {
      assert.equal(t.n, null, `${t.id} has no number`);
      assert.equal(t.shown, '', `${t.id} shows no number in print`);
      assert.equal(t.underline, 'dotted', `${t.id} is marked as one of the glossary's`);
    }
    const glosses = await page.locator('.endnotes ul.terms > li').evaluateAll((lis) =>
      lis.map((li) => {
        const p = li.querySelector(':scope > div');
        // The name, then the names in other scripts and the kind, the last paragraph, in brackets.
        const shown = (e) => window.pseudoText(e, '::before') + e.textContent + window.pseudoText(e, '::after');
        const [kind, ...names] = [...(p?.querySelectorAll(':scope > p') ?? [])].reverse();
        return {
          id: p?.id,
          style: getComputedStyle(li).listStyleType,
          printed: p?.checkVisibility() ?? false,
          entry: p?.querySelector(':scope > h3 > a')?.getAttribute('href') ?? null,
          top: li.getBoundingClientRect().top + scrollY,
          kind: kind && [shown(kind), getComputedStyle(kind).display],
          names: names.map((n) => [shown(n).startsWith('('), getComputedStyle(n).display]),
        };
      }),
    );
    const firsts = [...new Set(terms.map((t) => t.id))];
    assert.deepEqual(
      glosses.map((g) => g.id),
      firsts.map((id) => `g-${id}`),
      'the entries in the order of their first mention',
    );
    for (const g of glosses) {
      assert.equal(g.style, 'none', `${g.id} is not numbered`);
      assert.ok(g.printed, `${g.id} is printed`);
      assert.equal(g.entry, `/glossary/${g.id.slice(2)}/`, `${g.id} names its entry`);
      assert.match(g.kind?.[0] ?? '', /^\([^()]+\)$/, `${g.id} gives its kind in brackets`);
      assert.equal(g.kind[1], 'inline', `${g.id}'s kind follows its name on its line`);
      assert.deepEqual(g.names, g.names.map(() => [false, 'inline']), `${g.id}'s names are not bracketed`);
    }
    assert.ok(glosses[0].top > list.items.at(-1).bottom - 1, 'the notes come first');
    await context.close();
  });
}
