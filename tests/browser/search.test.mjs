// The search page: Arabic queries in any spelling find the same articles, with the hit
// marked in a snippet; and the script's normaliser agrees with the Rust one.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { DESKTOP, PHONE, openPage, setup } from './support.mjs';

const env = setup({ before, after });

const SCRIPT = new URL('../../themes/default/search.js', import.meta.url);

/** The script's exports, loaded as the browser would load it, without a document. */
function loadScript() {
  const context = {};
  runInNewContext(readFileSync(SCRIPT, 'utf8'), context, { filename: 'search.js' });
  assert.ok(context.hashiyaSearch, 'search.js exposes hashiyaSearch');
  return context.hashiyaSearch;
}

/** Text without diacritics or tatweel, for checking what a page shows. */
const plain = (s) => s.replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu, '');

describe('search page in Chromium', () => {
  let context;
  before(async () => {
    context = await env.browser.newContext(DESKTOP);
  });
  after(() => context?.close());

  /**
   * Opens /search/, asks `query` (typed, or in ?q= when `viaUrl`), waits for the status
   * line and returns what the page shows.
   */
  async function ask(query, { viaUrl = false } = {}) {
    const errors = [];
    const path = viaUrl ? `/search/?q=${encodeURIComponent(query)}` : '/search/';
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
    const response = await page.goto(env.origin + path);
    assert.equal(response?.status(), 200, `${path} answers 200`);
    const input = page.locator('#search-query');
    if (viaUrl) {
      assert.equal(await input.inputValue(), query, 'the query from ?q= fills the field');
    } else {
      await input.fill(query);
    }
    await page.waitForFunction(
      () => document.getElementById('search-status')?.textContent.trim(),
      null,
      { timeout: 10000 },
    );
    const status = (await page.locator('#search-status').textContent()).trim();
    const results = await page.$$eval('#search-results > li', (items) =>
      items.map((li) => ({
        url: new URL(li.querySelector('a[href]').href).pathname,
        title: li.querySelector('a bdi')?.textContent ?? '',
        date: li.querySelector('time[datetime]')?.getAttribute('datetime') ?? '',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    );
    const q = new URL(page.url()).searchParams.get('q');
    await page.close();
    assert.deepEqual(errors, [], `no errors on ${path}`);
    return { status, results, q };
  }

  test('the page has its form, field, status line and result list', async () => {
    const page = await openPage(env, context, '/search/');
    const form = page.locator('form[role="search"]');
    assert.equal(await form.count(), 1);
    assert.equal(await form.getAttribute('method'), 'get');
    assert.ok(await form.getAttribute('data-index'), 'the form names the index');
    const input = form.locator('input#search-query[type="search"][name="q"]');
    assert.equal(await input.count(), 1);
    assert.equal(await input.getAttribute('dir'), 'auto');
    assert.equal(await page.locator('label[for="search-query"]').count(), 1, 'the field is labelled');
    assert.equal(await page.locator('p#search-status[role="status"]').count(), 1);
    assert.equal(await page.locator('ol#search-results').count(), 1);
    await page.close();
  });

  test('أوكرانيا in four spellings finds the same articles, the hit marked', async () => {
    const queries = ['اوكرانيا', 'أوكرانيا', 'وأوكرانيا', 'أُوكْرَانِيَا'];
    let first;
    for (const [i, query] of queries.entries()) {
      // Typed for the first two, from ?q= for the others.
      const { status, results, q } = await ask(query, { viaUrl: i >= 2 });
      assert.equal(q, query, `?q= follows the query ${query}`);
      assert.ok(results.length > 0, `${query} finds something (status: ${status})`);
      assert.notEqual(status, 'لا نتائج');
      for (const r of results) {
        assert.ok(r.title, `${query}: ${r.url} shows its title`);
        assert.match(r.date, /^\d{4}-\d{2}-\d{2}$/, `${query}: ${r.url} shows its date`);
        assert.ok(r.marks.length > 0, `${query}: ${r.url} has a <mark> in its snippet`);
        const mark = plain(r.marks[0]).replace(/[أإآ]/g, 'ا');
        assert.match(mark, /^[وف]?[بكل]?اوكرانيا$/, `${query}: ${r.url} marks the whole word`);
      }
      const urls = results.map((r) => r.url).sort();
      first ??= urls;
      assert.deepEqual(urls, first, `${query} finds the same articles as ${queries[0]}`);
    }
  });

  test('a query that matches nothing says so', async () => {
    const { status, results } = await ask('زنجفيلستانيات');
    assert.equal(status, 'لا نتائج');
    assert.equal(results.length, 0);
  });

  test('وبوتين finds every article that mentions بوتين', async () => {
    // The articles that mention him, read from their own pages.
    const page = await openPage(env, context, '/');
    const listed = [];
    for (const path of ['/', '/articles/']) {
      await page.goto(env.origin + path);
      listed.push(
        ...(await page.$$eval('main a[href^="/articles/"]:not([href="/articles/"])', (as) =>
          as.map((a) => new URL(a.href).pathname),
        )),
      );
    }
    const articles = [...new Set(listed)];
    assert.ok(articles.length >= 3, 'the home and articles pages list the articles');
    const mentioning = [];
    for (const path of articles) {
      await page.goto(env.origin + path);
      const text = await page.evaluate(
        () =>
          `${document.querySelector('h1').innerText} ${document.querySelector('meta[name="description"]').content} ` +
          document.querySelector('.article-body').innerText,
      );
      const words = plain(text).match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.some((w) => /^[وف]?[بكل]?بوتين$/.test(w))) mentioning.push(path);
    }
    await page.close();
    assert.ok(mentioning.length > 0, 'some article mentions بوتين');

    const { status, results } = await ask('وبوتين');
    assert.deepEqual(results.map((r) => r.url).sort(), mentioning.sort(), `status: ${status}`);
    for (const r of results) {
      assert.ok(r.marks.length > 0, `${r.url} has a <mark>`);
      assert.match(plain(r.marks[0]), /^[وف]?[بكل]?بوتين$/, `${r.url} marks the word`);
    }
    // Articles with the word in their title first, then newest first.
    const inTitle = (r) => (plain(r.title).match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => /^[وف]?[بكل]?بوتين$/.test(w));
    const rank = results.map((r) => `${inTitle(r) ? 1 : 0} ${r.date}`);
    assert.deepEqual(rank, [...rank].sort().reverse(), 'ranked by the title, then newest first');
  });

  test('the index is fetched when the field is first focused, not before', async () => {
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (r) => r.url().endsWith('.json') && fetched.push(r.url()));
    const response = await page.goto(env.origin + '/search/', { waitUntil: 'load' });
    assert.equal(response?.status(), 200, '/search/ answers 200');
    assert.deepEqual(fetched, [], 'nothing fetched on load without ?q=');
    const index = page.waitForResponse((r) => r.url().endsWith('.json'), { timeout: 10000 });
    await page.locator('#search-query').focus();
    assert.equal((await index).status(), 200, 'the index loads on focus');
    await page.close();
  });

  test('without JavaScript the form still sends the query in ?q=', async () => {
    const noJs = await env.browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await openPage(env, noJs, '/search/');
    await page.locator('#search-query').fill('روسيا');
    await Promise.all([page.waitForURL(/[?&]q=/), page.locator('#search-query').press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/search/');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'روسيا');
    await noJs.close();
  });

  test('on a phone the results do not scroll sideways', async () => {
    const phone = await env.browser.newContext(PHONE);
    const page = await openPage(env, phone, `/search/?q=${encodeURIComponent('روسيا')}`);
    await page.waitForFunction(() => document.querySelector('#search-results li'));
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${scroll}px wide on a ${client}px screen`);
    await phone.close();
  });

  test('the status line agrees with the number of results', async () => {
    const { status, results } = await ask('روسيا');
    const expected = ['لا نتائج', 'نتيجة واحدة', 'نتيجتان'][results.length] ?? `${results.length} نتائج`;
    assert.equal(status.replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x660), expected);
  });
});

describe('the normaliser of search.js', () => {
  // Expected outputs worked out from src/arabic/normalize.rs: NFKC only for characters
  // outside ASCII and U+0600–U+06FF; diacritics, tatweel and invisible controls dropped;
  // letter variants folded; Eastern digits made ASCII; whitespace runs made one space
  // (not trimmed); و/ي then hamza above composed, even across a dropped mark.
  const CASES = [
    // Diacritics, tatweel.
    ['أُوكْرَانِيَا', 'اوكرانيا'],
    ['بُوتِينُ', 'بوتين'],
    ['مُحَمَّدٌ', 'محمد'],
    ['ٱلرَّحْمَٰنِ', 'الرحمن'],
    ['كـــوريا', 'كوريا'],
    ['ســَـلام', 'سلام'],
    ['ا\u0653', 'ا'],
    // Hamza forms.
    ['إيران', 'ايران'],
    ['آسيا', 'اسيا'],
    ['قرآن', 'قران'],
    ['الجزا\u064A\u0654ر', 'الجزائر'],
    ['مو\u0648\u0654تمر', 'موؤتمر'],
    ['ا\u0654وكرانيا', 'اوكرانيا'],
    ['ي\u064E\u0654', 'ئ'],
    ['ى\u0654', 'ي'],
    ['ی\u0654', 'ي'],
    ['و \u0654', 'و '],
    ['مسؤول رئيس', 'مسؤول رئيس'],
    // ة/ه, ى/ي, Persian and Urdu letters.
    ['مدرسة', 'مدرسه'],
    ['الصلاة', 'الصلاه'],
    ['على مستشفى', 'علي مستشفي'],
    ['فارسی', 'فارسي'],
    ['کتاب', 'كتاب'],
    ['ہ ە ۀ ے', 'ه ه ه ي'],
    ['ۓ ڪ پ', 'ۓ ڪ پ'],
    ['\u0675', '\u0675'],
    // Digits.
    ['٢٠١٩ و۱۴', '2019 و14'],
    ['٣٫٥', '3٫5'],
    ['x²', 'x2'],
    // Invisible controls.
    ['روسيا\u200C\u200F', 'روسيا'],
    ['a\u200Bb\u200Dc\u2060d', 'abcd'],
    ['\u202Bنص\u202C \u2067abc\u2069', 'نص abc'],
    ['x\u00ADy', 'xy'],
    ['\uFEFFبسم\u061C', 'بسم'],
    // Whitespace.
    ['كيم\u00A0جونغ \n  أون', 'كيم جونغ اون'],
    ['a\tb\r\nc', 'a b c'],
    ['a\u0085b\u2028c\u3000d', 'a b c d'],
    ['  طرفان  ', ' طرفان '],
    ['a \u064E b', 'a b'],
    // Ligatures and presentation forms (NFKC).
    ['\uFEFB', 'لا'],
    ['\uFEFC', 'لا'],
    ['\uFEF9', 'لا'],
    ['\uFDF2 x', 'الله x'],
    ['\uFDFA', 'صلي الله عليه وسلم'],
    ['\uFE91\uFEEE\uFE97\uFEF4\uFEE6', 'بوتين'],
    ['\uFE86', 'ؤ'],
    ['\uFB56', 'پ'],
    ['ﬁ Ｆｕｌｌ', 'fi Full'],
    ['Straße ÉTÉ', 'Straße ÉTÉ'],
  ];

  test(`agrees with the Rust normaliser on ${CASES.length} strings`, () => {
    const { normalize } = loadScript();
    assert.ok(CASES.length >= 30);
    const wrong = CASES.filter(([input, expected]) => normalize(input) !== expected).map(
      ([input, expected]) =>
        `${JSON.stringify(input)}: got ${JSON.stringify(normalize(input))}, want ${JSON.stringify(expected)}`,
    );
    assert.deepEqual(wrong, []);
  });

  test('a word gives its forms without proclitics, as the index does', () => {
    const { keys, normalize } = loadScript();
    const forms = (w) => [...keys(normalize(w))];
    assert.deepEqual(forms('وبالكرملين'), ['وبالكرملين', 'بالكرملين', 'الكرملين']);
    assert.deepEqual(forms('للكرملين'), ['للكرملين', 'الكرملين', 'لكرملين']);
    assert.deepEqual(forms('وللكرملين'), ['وللكرملين', 'للكرملين', 'الكرملين', 'لكرملين']);
    assert.deepEqual(forms('فلروسيا'), ['فلروسيا', 'لروسيا', 'روسيا']);
    assert.deepEqual(forms('وأوكرانيا'), ['واوكرانيا', 'اوكرانيا']);
    assert.deepEqual(forms('أوكرانيا'), ['اوكرانيا']);
    assert.deepEqual(forms('وب'), ['وب']);
    assert.deepEqual(forms('بكين'), ['بكين', 'كين']);
    assert.deepEqual(forms('و'), ['و']);
  });

  test('a query is normalised, lowercased and split into words', () => {
    const { words } = loadScript();
    const split = (q) => JSON.parse(JSON.stringify(words(q)));
    assert.deepEqual(split('  Putin،  وبُوتِين!'), [['putin'], ['وبوتين', 'بوتين', 'وتين']]);
    // ك may be a proclitic, so كيم also gives يم.
    assert.deepEqual(split('و كيم'), [['و'], ['كيم', 'يم']]);
    assert.deepEqual(split('...'), []);
  });
});
