// Glossary and note popovers on a desktop screen, with the mouse and the keyboard;
// then without JavaScript, and in a browser without the popover attribute.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, SEED, isOpen, openPage, settled, setup, squash, waitOpen } from './support.mjs';

const env = setup({ before, after });

const open = (context, path) => openPage(env, context, path);

/** What a popover may name as the entry's kind (`kind_label`). */
const KINDS = ['شخص', 'مكان', 'منظمة', 'وسيلة إعلام', 'حدث', 'مفهوم', 'مصطلح'];

/** The summary an entry's own page gives, to compare with its popover. */
async function entrySummary(context, id) {
  const page = await open(context, `/glossary/${id}/`);
  const text = squash(await page.locator('.entry-summary').innerText());
  await page.close();
  assert.ok(text.length > 0, `/glossary/${id}/ shows a summary`);
  return text;
}

describe('desktop, 1280×800', () => {
  let context;
  before(async () => {
    context = await env.browser.newContext(DESKTOP);
  });
  after(() => context.close());

  test('a click on a term opens its popover with the entry summary; another term replaces it', async () => {
    const putinSummary = await entrySummary(context, 'vladimir-putin');
    const kimSummary = await entrySummary(context, 'kim-jong-un');
    const page = await open(context, SEED);
    const putin = page.locator('#g-vladimir-putin');
    const kim = page.locator('#g-kim-jong-un');
    assert.equal(await putin.isVisible(), false, 'the popover is closed before the click');

    await page.locator('[data-term="vladimir-putin"]').first().click();
    await waitOpen(putin);
    assert.ok(await putin.isVisible(), 'the popover is visible');
    assert.ok(
      squash(await putin.innerText()).includes(putinSummary),
      'the popover shows the entry summary',
    );
    assert.ok(
      squash(await putin.locator(':scope > h3').innerText()).length > 0,
      'the popover has a title',
    );

    await page.locator('[data-term="kim-jong-un"]').first().click();
    await waitOpen(kim);
    await waitOpen(putin, false);
    assert.equal(await putin.isVisible(), false, 'the first popover is hidden');
    assert.ok(squash(await kim.innerText()).includes(kimSummary));
    assert.equal(
      await page.evaluate(() => document.querySelectorAll(':popover-open').length),
      1,
      'exactly one popover is open',
    );
    await page.close();
  });

  test('the popover opens next to its term and inside the window', async () => {
    const page = await open(context, SEED);
    const term = page.locator('[data-term="vladimir-putin"]').first();
    await term.click();
    const pop = page.locator('#g-vladimir-putin');
    await waitOpen(pop);
    await settled(pop);
    const t = await term.boundingBox();
    const p = await pop.boundingBox();
    assert.ok(p.x >= 0 && p.y >= 0 && p.x + p.width <= 1280 && p.y + p.height <= 800,
      `popover ${JSON.stringify(p)} lies inside the window`);
    const gap = Math.max(p.y - (t.y + t.height), t.y - (p.y + p.height));
    assert.ok(gap <= 24, `popover ${JSON.stringify(p)} touches its term ${JSON.stringify(t)}`);
    await page.close();
  });

  test('every term of the article opens its own popover, which links to the entry page', async () => {
    const page = await open(context, SEED);
    const ids = await page.$$eval('[data-term]', (els) => [
      ...new Set(els.map((e) => e.getAttribute('data-term'))),
    ]);
    assert.ok(ids.length >= 20, `the seed article marks many entries (${ids.length})`);
    for (const id of ids) {
      const pop = page.locator(`#g-${id}`);
      await page.locator(`[data-term="${id}"]`).first().click();
      await waitOpen(pop);
      const seen = await pop.evaluate((p) => {
        const title = p.querySelector(':scope > h3');
        // The kind is the popover's last paragraph; before it, the names in other scripts.
        const [kind, ...names] = [...p.querySelectorAll(':scope > p')].reverse();
        const style = (e) => getComputedStyle(e);
        return {
          visible: p.checkVisibility(),
          summary: p.querySelector(':scope > div')?.innerText.trim() ?? '',
          link: p.querySelector(':scope > h3 > a')?.getAttribute('href'),
          title: title?.textContent.trim() ?? '',
          kind: kind?.textContent ?? '',
          kindLook: kind && [style(kind).fontFamily, style(kind).marginBlockEnd, style(kind).fontSize],
          kindMarks: kind && getComputedStyle(kind, '::before').content,
          titleFont: style(title).fontFamily,
          names: names.map((n) => [n === title.nextElementSibling, style(n).fontFamily, style(n).marginBlockEnd]),
        };
      });
      assert.ok(seen.visible, `#g-${id} is visible`);
      assert.ok(seen.summary.length > 0, `#g-${id} shows a summary`);
      assert.equal(seen.link, `/glossary/${id}/`, `#g-${id} links to its entry page`);
      // The kind, known by its place, in the heading's face, small, apart from the summary.
      assert.ok(KINDS.includes(seen.kind), `#g-${id}'s last paragraph is its kind: «${seen.kind}»`);
      assert.deepEqual(seen.kindLook, [seen.titleFont, '8px', '14px'], `#g-${id}'s kind is styled`);
      assert.equal(seen.kindMarks, 'none', `#g-${id}'s kind has no brackets on screen`);
      assert.ok(seen.names.length <= 1, `#g-${id} has one paragraph of names at most`);
      for (const [afterTitle, font, gap] of seen.names) {
        assert.ok(afterTitle, `#g-${id}'s names follow its title`);
        assert.notEqual(font, seen.titleFont, `#g-${id}'s names are in the text's face`);
        assert.equal(gap, '0px', `#g-${id}'s names are not styled as its kind`);
      }
      // To assistive technology, a dialog named as its title reads.
      assert.equal(
        await page.getByRole('dialog', { name: seen.title, exact: true }).getAttribute('id'),
        `g-${id}`,
        `#g-${id} is the dialog «${seen.title}»`,
      );
      await page.keyboard.press('Escape');
      await waitOpen(pop, false);
    }
    await page.close();
  });

  test('the popover close button closes it', async () => {
    const page = await open(context, SEED);
    const term = page.locator('[data-term="kim-jong-un"]').first();
    await term.click();
    const pop = page.locator('#g-kim-jong-un');
    await waitOpen(pop);
    // Pressed, not clicked at its place: the popover follows the page as it scrolls, and a
    // click aimed before a scroll can land beside it on a busy machine.
    const close = pop.locator('.popover-close');
    assert.equal(await close.evaluate((e) => e.tagName), 'BUTTON');
    await close.press('Enter');
    await waitOpen(pop, false);
    assert.equal(await pop.isVisible(), false);
    assert.ok(
      await term.evaluate((e) => e === document.activeElement),
      'the focus is back on the term',
    );
    await page.close();
  });

  test('a click on a note number opens that note', async () => {
    const page = await open(context, SEED);
    const refs = await page.$$eval('button.note-ref', (els) =>
      els.map((e) => ({ n: e.getAttribute('data-n'), target: e.getAttribute('popovertarget') })),
    );
    assert.ok(refs.length >= 5, `the seed article has anchored notes (${refs.length})`);
    for (const { n, target } of refs) {
      assert.equal(target, `note-${n}`, `note ${n}'s button targets #note-${n}`);
      await page.locator(`button.note-ref[data-n="${n}"]`).click();
      const pop = page.locator(`#note-${n}`);
      await waitOpen(pop);
      assert.ok(await pop.isVisible(), `#note-${n} is visible`);
      const body = squash(await pop.locator(':scope > div').innerText());
      assert.ok(body.length > 0, `#note-${n} shows its body`);
      assert.equal(await pop.getAttribute('data-n'), n, `#note-${n} is endnote ${n}`);
      const title = squash(await pop.locator(':scope > h3').innerText());
      assert.ok(title.endsWith(n), `#note-${n} is titled with its number`);
      assert.equal(
        await page.getByRole('dialog', { name: title, exact: true }).getAttribute('id'),
        `note-${n}`,
        `#note-${n} is the dialog «${title}»`,
      );
      await page.keyboard.press('Escape');
      await waitOpen(pop, false);
    }
    await page.close();
  });

  test('keyboard: Tab reaches a term, Enter and Space open it, Esc closes and gives focus back', async () => {
    const page = await open(context, SEED);
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('[data-term]') ?? false);
    }
    assert.ok(reached, 'Tab reaches a term button');
    const focused = await page.evaluateHandle(() => document.activeElement);
    const id = await focused.evaluate((e) => e.getAttribute('data-term'));
    const firstId = await page.locator('.article-body [data-term]').first().getAttribute('data-term');
    assert.equal(id, firstId, 'the first term reached is the first in the text');
    const pop = page.locator(`#g-${id}`);
    const hasFocus = () => focused.evaluate((e) => e === document.activeElement);

    await page.keyboard.press('Enter');
    await waitOpen(pop);
    assert.ok(await pop.isVisible(), 'Enter opens the popover');
    await page.keyboard.press('Escape');
    await waitOpen(pop, false);
    assert.ok(await hasFocus(), 'after Esc the focus is on the same term');

    await page.keyboard.press('Space');
    await waitOpen(pop);
    assert.ok(await pop.isVisible(), 'Space opens the popover');

    // The next Tab goes into the open popover, and Esc brings the focus back.
    await page.keyboard.press('Tab');
    assert.ok(
      await pop.evaluate((p) => p.contains(document.activeElement)),
      'Tab moves from the term into its open popover',
    );
    await page.keyboard.press('Escape');
    await waitOpen(pop, false);
    assert.ok(await hasFocus(), 'after Esc from inside the popover the focus is on the term');
    await page.close();
  });
});

describe('no JavaScript', () => {
  test('a click on a term still opens its popover, and Esc closes it', async () => {
    const context = await env.browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await open(context, SEED);
    const pop = page.locator('#g-vladimir-putin');
    await page.locator('[data-term="vladimir-putin"]').first().click();
    await waitOpen(pop);
    assert.ok(await pop.isVisible(), 'the popover is visible');
    assert.ok(squash(await pop.locator(':scope > div').innerText()).length > 0);
    await page.keyboard.press('Escape');
    await waitOpen(pop, false);
    assert.ok(!(await isOpen(pop)));
    await page.locator('button.note-ref').first().click();
    const n = await page.locator('button.note-ref').first().getAttribute('data-n');
    await waitOpen(page.locator(`#note-${n}`));
    await context.close();
  });
});

describe('a browser without popovers', () => {
  test('terms become links to their entry pages, note numbers lead to the endnotes and back', async () => {
    const context = await env.browser.newContext(DESKTOP);
    // What an older browser looks like to the theme's script.
    await context.addInitScript(() => {
      delete HTMLElement.prototype.popover;
    });
    const page = await open(context, SEED);
    await page.waitForFunction(() => document.documentElement.classList.contains('no-popover'));
    assert.equal(await page.locator('button.term').count(), 0, 'no term is left a button');
    const links = await page.$$eval('.article-body [data-term]', (els) =>
      els.map((e) => ({
        tag: e.localName,
        id: e.getAttribute('data-term'),
        href: e.getAttribute('href'),
        cls: e.className,
      })),
    );
    assert.ok(links.length > 20);
    for (const l of links) {
      assert.equal(l.tag, 'a', `${l.id} is a link`);
      assert.equal(l.href, `/glossary/${l.id}/`, `${l.id} links to its entry page`);
      assert.equal(l.cls, 'term', `${l.id} keeps its class`);
    }
    assert.ok(
      await page.locator('.endnotes > h2').first().isVisible(),
      'the endnotes are shown under the text',
    );
    const popovers = await page.locator('.endnote-list > li > div').evaluateAll((els) =>
      els.map((e) => ({
        id: e.id,
        shown: e.checkVisibility(),
        popover: e.hasAttribute('popover'),
        position: getComputedStyle(e).position,
      })),
    );
    assert.ok(popovers.length > 20);
    for (const p of popovers) {
      assert.ok(p.shown && !p.popover, `#${p.id} is shown as an endnote, not a popover`);
      assert.ok(['static', 'relative'].includes(p.position), `#${p.id} is in the flow`);
    }
    assert.equal(await page.locator('button.note-ref').count(), 0, 'no note number is left a button');

    const ref = page.locator('a.note-ref').first();
    const n = await ref.getAttribute('data-n');
    assert.equal(await ref.getAttribute('href'), `#note-${n}`);
    await ref.click();
    await page.waitForURL((url) => url.hash === `#note-${n}`);
    const endnote = page.locator(`#note-${n}`);
    assert.ok(await endnote.isVisible(), `endnote ${n} is shown`);
    assert.ok(
      await endnote.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight;
      }),
      `endnote ${n} is scrolled into view`,
    );
    assert.ok(squash(await endnote.locator(':scope > div').innerText()).length > 0);
    // And back to the passage.
    await endnote.locator('.backref a').click();
    await page.waitForURL((url) => url.hash === `#note-ref-${n}`);

    await page.locator('.article-body a[data-term="vladimir-putin"]').first().click();
    await page.waitForURL((url) => url.pathname === '/glossary/vladimir-putin/');
    await context.close();
  });
});
