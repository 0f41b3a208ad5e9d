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
    const entries = await page.$$eval('#search-entries > li a[href]', (as) =>
      as.map((a) => new URL(a.href).pathname),
    );
    const q = new URL(page.url()).searchParams.get('q');
    await page.close();
    assert.deepEqual(errors, [], `no errors on ${path}`);
    return { status, results, entries, q };
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
      assert.notEqual(status, 'لا توجد نتائج');
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
    assert.equal(status, 'لا توجد نتائج');
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

  test('the article ال matters on neither side: كرملين and الكرملين find the same', async () => {
    for (const [bare, withArticle] of [['كرملين', 'الكرملين'], ['عقوبات', 'العقوبات']]) {
      const a = await ask(bare), b = await ask(withArticle);
      assert.ok(a.results.length > 0, `${bare} finds something (status: ${a.status})`);
      assert.deepEqual(a.results.map((r) => r.url), b.results.map((r) => r.url), `${bare} and ${withArticle}`);
      for (const r of a.results) {
        const mark = plain(r.marks[0] ?? '');
        assert.ok(mark.endsWith(bare), `${bare}: ${r.url} marks ${mark}`);
      }
    }
  });

  test('an entry\'s other names find the entry first, then the articles that mention it', async () => {
    // The articles that mark each entry, read from their pages.
    const page = await context.newPage();
    const marking = {};
    for (const path of ['/articles/donbas/', '/articles/russia-north-korea/', '/articles/vladivostok-summit-2019/']) {
      await page.goto(env.origin + path);
      for (const id of await page.$$eval('[data-term]', (els) => els.map((e) => e.dataset.term))) {
        (marking[id] ??= new Set()).add(path);
      }
    }
    await page.close();
    for (const [query, id] of [['Putin', 'vladimir-putin'], ['Путин', 'vladimir-putin'], ['بيونغيانغ', 'pyongyang']]) {
      const { results, entries, status } = await ask(query);
      assert.equal(entries[0], `/glossary/${id}/`, `${query}: the entry comes first (status: ${status})`);
      assert.deepEqual(results.map((r) => r.url).sort(), [...marking[id]].sort(), `${query}: the articles that mention ${id}`);
    }
  });

  test('the index is fetched when the field is first focused, not before', async () => {
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (r) => /\.json(\.gz)?$/.test(r.url()) && fetched.push(r.url()));
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
    const expected = ['لا توجد نتائج', 'نتيجة واحدة', 'نتيجتان'][results.length] ?? `${results.length} نتائج`;
    assert.equal(status.replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x660), expected);
  });
});

describe('the normaliser of search.js', () => {
  // The table is written by the Rust side (tests/it/browser.rs) from src/arabic/normalize.rs
  // and src/pipeline/search.rs: the hard cases of normalisation, queries, and every line of
  // the example site's articles, each with its normal form and its words' search keys.
  const table = () => JSON.parse(readFileSync(process.env.HASHIYA_SEARCH_TABLE, 'utf8'));

  test('agrees with the Rust normaliser and search keys on every row of its table', () => {
    const { normalize, words } = loadScript();
    const rows = table();
    assert.ok(rows.length >= 100, `${rows.length} rows`);
    const wrong = [];
    for (const { input, normalized, keys } of rows) {
      const got = { normalized: normalize(input), keys: JSON.parse(JSON.stringify(words(input))) };
      if (got.normalized !== normalized || JSON.stringify(got.keys) !== JSON.stringify(keys)) {
        wrong.push(`${JSON.stringify(input)}: got ${JSON.stringify(got)}, want ${JSON.stringify({ normalized, keys })}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
