// Writing notes from the preview: in `hashiya serve`, selecting a passage of an article shows
// the YAML of a note anchored to it, which, pasted into the article, anchors the note there;
// a selection that cannot be anchored says why; a marked term names its glossary line.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, DESKTOP, launch, save, SEED, startServe, waitOpen } from './support.mjs';

let serving;
let browser;

before(async () => {
  serving = await startServe();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  serving?.stop();
});

async function open() {
  const context = await browser.newContext(DESKTOP);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serving.origin });
  const page = await context.newPage();
  await page.goto(serving.origin + SEED, { waitUntil: 'load' });
  return { context, page };
}

/**
 * Selects, as a reader's mouse would, the text from `from` to `to` (each: the paragraph that
 * holds `text`, the `nth` time `word` is written in it, and which end of the word).
 */
function select(page, from, to) {
  return page.evaluate(
    ([from, to]) => {
      const place = ({ text, word, nth = 0, end = false }) => {
        const paragraph = [...document.querySelectorAll('.article-body p')].find((p) =>
          p.textContent.includes(text),
        );
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          let at = node.data.indexOf(word);
          while (at >= 0) {
            if (seen++ === nth) return [node, end ? at + word.length : at];
            at = node.data.indexOf(word, at + 1);
          }
        }
        throw new Error(`no «${word}» in the paragraph of «${text}»`);
      };
      const range = document.createRange();
      range.setStart(...place(from));
      range.setEnd(...place({ ...to, end: true }));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    },
    [from, to],
  );
}

const panel = (page) => page.locator('#hashiya-notes');

/** The panel's message once it shows `expected` (a regular expression). */
async function panelSays(page, expected) {
  const status = panel(page).locator('[role=status]');
  await status.filter({ hasText: expected }).waitFor({ timeout: 10_000 });
  return status.innerText();
}

test('a selection across paragraphs or marks is refused, saying why', async () => {
  const { context, page } = await open();
  // From one paragraph into the next.
  await select(
    page,
    { text: 'وقال جونغ أون آنذاك', word: 'هدية' },
    { text: 'أهدى بوتين إلى جونغ أون', word: 'مجموعة' },
  );
  assert.match(await panelSays(page, /فقرة/), /لا يمكن تثبيت حاشية/);
  assert.equal(await panel(page).locator('pre').isVisible(), false);
  assert.equal(await panel(page).locator('button', { hasText: 'نسخ' }).isVisible(), false);
  // From inside the marked «بوتين» to the words after it.
  await select(
    page,
    { text: 'أهدى بوتين إلى جونغ أون', word: 'تين' },
    { text: 'أهدى بوتين إلى جونغ أون', word: 'إلى' },
  );
  await panelSays(page, /يقطع مصطلحًا/);
  // Over a passage that already has a note.
  await select(
    page,
    { text: 'أهدى بوتين إلى جونغ أون', word: 'ووعد' },
    { text: 'أهدى بوتين إلى جونغ أون', word: 'الشمالية' },
  );
  await panelSays(page, /يتداخل مع الحاشية/);
  // Escape closes the panel.
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden' });
  await context.close();
});

test('clicking a marked term still opens it, and it names the line of its entry', async () => {
  const { context, page } = await open();
  const glossary = readFileSync(join(serving.site, 'content/glossary.yaml'), 'utf8');
  const line = glossary.split('\n').indexOf('- id: kim-jong-un') + 1;
  const term = page.locator('.article-body [data-term="kim-jong-un"]').first();
  // With the keyboard: the term is a button.
  await term.focus();
  await page.keyboard.press('Enter');
  const popover = page.locator('#g-kim-jong-un');
  await waitOpen(popover);
  const definition = popover.locator('.hashiya-definition');
  await definition.waitFor({ timeout: 10_000 });
  assert.equal(await definition.innerText(), `kim-jong-un — content/glossary.yaml:${line}`);
  // The line is no paragraph: the theme still finds the kind as the popover's last one.
  const kind = popover.locator(':scope > p:last-of-type');
  assert.equal(await kind.innerText(), 'شخص');
  assert.equal(
    await kind.evaluate((p) => getComputedStyle(p).fontFamily),
    await popover.locator(':scope > h3').evaluate((h) => getComputedStyle(h).fontFamily),
    'the kind keeps its look',
  );
  await context.close();
});

test('a selected passage gives a note that, pasted, is anchored where it was selected', async () => {
  const { context, page } = await open();
  // «الموقع الإيطالي» is written seven times; this is the one before «أن العلاقات الروسية».
  const paragraph = 'أن العلاقات الروسية الكورية الشمالية ظلت';
  await select(
    page,
    { text: paragraph, word: 'الموقع' },
    { text: paragraph, word: 'الإيطالي' },
  );
  await panelSays(page, /انسخ هذه الأسطر/);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await axeViolations(page, colorScheme, '#hashiya-notes'), []);
  }
  const yaml = await panel(page).locator('pre').innerText();
  assert.match(yaml, /^ {2}- quote: "الموقع الإيطالي"\n/);
  assert.match(yaml, /\n {4}(prefix|suffix): "/, 'the quote alone is ambiguous');
  assert.doesNotMatch(yaml, /occurrence/);

  await panel(page).locator('button', { hasText: 'نسخ' }).click();
  await panelSays(page, /نُسخت/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, yaml);

  // Pasted as the first note of the article: the preview reloads with it anchored there.
  const file = join(serving.site, 'content/articles/russia-north-korea.md');
  const reloaded = page.waitForEvent('load', { timeout: 20_000 });
  save(file, readFileSync(file, 'utf8').replace('\nnotes:\n', `\nnotes:\n${copied}`));
  await reloaded;
  const anchored = await page.evaluate((paragraph) => {
    const marks = [...document.querySelectorAll('.article-body mark[data-note]')];
    const mark = marks.find((m) => m.textContent === 'الموقع الإيطالي');
    return mark ? mark.closest('p').textContent.includes(paragraph) : null;
  }, paragraph);
  assert.equal(anchored, true, 'the note marks «الموقع الإيطالي» in the paragraph selected');
  await context.close();
});

test('a paragraph selected by a triple click is one passage', async () => {
  const { context, page } = await open();
  const paragraph = page.locator('.article-body p', { hasText: 'إلا أن الزعيمين تعهدا' });
  await paragraph.click({ clickCount: 3 });
  await panelSays(page, /انسخ هذه الأسطر/);
  assert.match(
    await panel(page).locator('pre').innerText(),
    /^ {2}- quote: "إلا أن الزعيمين تعهدا في تلك المناسبة بتعزيز العلاقات بين بلديهما\."\n/,
  );
  await context.close();
});

test('a selection made with the keyboard leads to the copy button, and Escape back', async () => {
  const { context, page } = await open();
  await select(
    page,
    { text: 'وأشاد بالخبرة الواسعة', word: 'بالخبرة' },
    { text: 'وأشاد بالخبرة الواسعة', word: 'بالخبرة' },
  );
  // Shift+ArrowLeft grows the selection by a letter: now the keyboard made it.
  await page.keyboard.press('Shift+ArrowLeft');
  const copy = panel(page).locator('button', { hasText: 'نسخ' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('hashiya-copy'), null, {
    timeout: 10_000,
  });
  assert.match(await panel(page).locator('pre').innerText(), /quote: "بالخبرة/);
  await page.keyboard.press('Enter');
  await panelSays(page, /نُسخت/);
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden' });
  // Escape gave the focus back: the hidden copy button no longer holds it.
  assert.equal(await copy.evaluate((b) => document.activeElement === b), false);
  await context.close();
});
