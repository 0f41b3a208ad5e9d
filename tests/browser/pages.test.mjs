// Every kind of page of the example site loads cleanly, and its links lead somewhere.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, setup } from './support.mjs';

const env = setup({ before, after });

// The browser asks every site for /favicon.ico unless a page names its icon; that is
// checked on its own below, so that the walk reports the other problems.
const isFavicon = (url) => new URL(url).pathname === '/favicon.ico';

/** Loads `path` and returns what went wrong: console errors, script errors, failed requests. */
async function visit(page, path) {
  const problems = [];
  const onConsole = (m) => {
    if (m.type() !== 'error') return;
    const where = m.location()?.url;
    if (where && isFavicon(where)) return;
    problems.push(`console error: ${m.text()}${where ? ` (${where})` : ''}`);
  };
  const onPageError = (e) => problems.push(`script error: ${e.message}`);
  const onFailed = (r) => {
    // The page's icon is fetched after `load`; the next navigation may cancel it. That is no
    // fault of the site (the icon's own test checks that it exists).
    const cancelledIcon = r.failure()?.errorText === 'net::ERR_ABORTED' && new URL(r.url()).pathname.endsWith('/favicon.svg');
    if (!isFavicon(r.url()) && !cancelledIcon) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  };
  const onResponse = (r) => {
    if (r.status() >= 400 && !isFavicon(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  try {
    // `load` waits for the stylesheet and the deferred script to have run.
    const response = await page.goto(env.origin + path, { waitUntil: 'load' });
    if (!response || response.status() !== 200) {
      problems.push(`answers ${response?.status()}`);
    }
    if (!(await page.title()).trim()) problems.push('has no title');
    if (!(await page.locator('main').innerText()).trim()) problems.push('shows an empty main');
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
  return problems;
}

/** Same-site links of the page, as paths (with their fragments). */
function links(page) {
  return page.$$eval('a[href]', (as) =>
    as
      .map((a) => new URL(a.getAttribute('href'), location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => u.pathname + u.hash),
  );
}

let walk;

/** The pages to walk: every kind, found by following the site's own links. */
function pagesToWalk(page) {
  walk ??= findPages(page);
  return walk;
}

async function findPages(page) {
  const from = async (path, css) => {
    await page.goto(env.origin + path);
    return page.$$eval(css, (as) => as.map((a) => new URL(a.href).pathname));
  };
  const articles = await from('/articles/', 'main a[href^="/articles/"]:not([href="/articles/"])');
  const entries = await from('/glossary/', 'main a[href^="/glossary/"]:not([href="/glossary/"])');
  const tags = await from('/tags/', 'main a[href^="/tags/"]:not([href="/tags/"])');
  const unique = (xs) => [...new Set(xs)];
  assert.ok(unique(articles).length >= 3, 'the articles page lists the articles');
  assert.ok(unique(entries).length >= 25, 'the glossary lists its entries');
  assert.ok(unique(tags).length >= 1, 'the tags page lists tags');
  return unique([
    '/',
    '/articles/',
    ...unique(articles),
    '/glossary/',
    ...unique(entries).slice(0, 3),
    '/glossary/vladimir-putin/',
    '/tags/',
    unique(tags)[0],
    '/404.html',
  ]);
}

test('every kind of page loads with no console error and no failed request', async () => {
  const context = await env.browser.newContext(DESKTOP);
  const page = await context.newPage();
  const paths = await pagesToWalk(page);
  const report = [];
  for (const path of paths) {
    for (const problem of await visit(page, path)) report.push(`${decodeURI(path)}: ${problem}`);
  }
  assert.deepEqual(report, [], `problems on ${paths.length} pages:\n${report.join('\n')}`);
  await context.close();
});

test('on a phone no page scrolls sideways', async () => {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const paths = await pagesToWalk(page);
  const wide = [];
  for (const path of paths) {
    await page.goto(env.origin + path);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${decodeURI(path)}: ${scroll}px wide on a ${client}px screen`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

test('on a narrow phone no date breaks across lines', async () => {
  // 320 px: the narrowest phones still sold; dates in cards, bylines and listings meet line ends.
  const context = await env.browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const paths = await pagesToWalk(page);
  const broken = [];
  let dates = 0;
  for (const path of paths) {
    await page.goto(env.origin + path);
    // Each <time>, and the date an entry page's row writes after its link, as its own text.
    const found = await page.evaluate(() => {
      const dates = [...document.querySelectorAll('time')].map((t) => {
        const range = document.createRange();
        range.selectNodeContents(t);
        return range;
      });
      for (const row of document.querySelectorAll('.mention-list > li')) {
        const text = [...row.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.trim());
        if (!text) continue;
        const range = document.createRange();
        range.setStart(text, text.data.length - text.data.trimStart().length);
        range.setEnd(text, text.data.trimEnd().length);
        dates.push(range);
      }
      return dates
        .filter((r) => r.getClientRects().length > 0)
        .map((r) => ({ text: r.toString(), lines: new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size }));
    });
    dates += found.length;
    for (const t of found) if (t.lines > 1) broken.push(`${decodeURI(path)}: «${t.text}» on ${t.lines} lines`);
  }
  assert.ok(dates > 0, 'the pages show dates');
  assert.deepEqual(broken, []);
  await context.close();
});

test('every link on those pages leads to a page, and every #fragment to an element', async () => {
  const context = await env.browser.newContext(DESKTOP);
  const page = await context.newPage();
  const paths = await pagesToWalk(page);
  const targets = new Map(); // link -> the pages that hold it
  for (const path of paths) {
    await page.goto(env.origin + path);
    for (const link of await links(page)) {
      if (!targets.has(link)) targets.set(link, new Set());
      targets.get(link).add(path);
    }
  }
  const ids = new Map();
  const broken = [];
  for (const [link, on] of targets) {
    const [path, fragment] = link.split('#');
    if (!ids.has(path)) {
      const response = await fetch(env.origin + path, { redirect: 'manual' });
      const html = response.status === 200 ? await response.text() : '';
      ids.set(path, {
        status: response.status,
        ids: new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])),
      });
    }
    const target = ids.get(path);
    const where = [...on].map(decodeURI).join(', ');
    if (target.status !== 200) {
      broken.push(`${decodeURI(link)} answers ${target.status} (linked from ${where})`);
    } else if (fragment && !target.ids.has(decodeURIComponent(fragment))) {
      broken.push(`${decodeURI(link)}: no element with that id (linked from ${where})`);
    }
  }
  assert.ok(targets.size > 20, `the pages hold links (${targets.size})`);
  assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
  await context.close();
});

test('the site names its icon, so browsers do not ask for a missing /favicon.ico', async () => {
  const context = await env.browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(env.origin + '/');
  const declared = await page.evaluate(
    () => document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? null,
  );
  const icon = declared === null ? '/favicon.ico' : declared;
  const url = new URL(icon, env.origin + '/');
  const ok = url.protocol === 'data:' || (await fetch(url)).status === 200;
  assert.ok(
    ok,
    declared === null
      ? 'no <link rel="icon"> in the page and no /favicon.ico in the site: every page load ' +
          'makes the browser request /favicon.ico, which fails with 404 (a console error)'
      : `the declared icon ${icon} does not load`,
  );
  await context.close();
});
