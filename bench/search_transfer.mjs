// bench/search_transfer.mjs — what a reader of the search page downloads before the first
// result shows, measured in Chromium, and the largest file of the search index.
//
// Usage (from the repository root, after `npm ci --prefix tests/browser`):
//   node bench/search_transfer.mjs OUTPUT_DIR WORD [WORD…]
//
// OUTPUT_DIR is a built site. For each word the page /search/?q=WORD is opened in a fresh
// browser context (nothing cached); the bytes of every response that finished before the
// first result appeared are summed (CDP's encodedDataLength: what went over the wire, headers
// included, no compression). Prints one JSON object per line.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve } from '../tests/browser/support.mjs';

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error('usage: node bench/search_transfer.mjs OUTPUT_DIR WORD [WORD…]');
  process.exit(2);
}

function largest(root) {
  let best = { path: '', bytes: 0 };
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.size > best.bytes) best = { path: path.slice(root.length), bytes: stat.size };
    }
  };
  walk(root);
  return best;
}

const server = await serve(dir);
const browser = await launch();
try {
  const files = readdirSync(join(dir, 'search'), { recursive: true }).length;
  console.log(JSON.stringify({ search_files: files, largest_search_file: largest(join(dir, 'search')) }));
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const sizes = new Map();
    let counting = true;
    cdp.on('Network.loadingFinished', (e) => counting && sizes.set(e.requestId, e.encodedDataLength));
    const urls = new Map();
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, new URL(e.response.url).pathname));
    const started = Date.now();
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('#search-results > li', { timeout: 60000 });
    counting = false;
    const ms = Date.now() - started;
    const status = (await page.locator('#search-status').textContent()).trim();
    const shown = await page.locator('#search-results > li').count();
    const bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
    const search = [...sizes.entries()]
      .filter(([id]) => (urls.get(id) ?? '').startsWith('/search/') && urls.get(id) !== '/search/')
      .reduce((a, [, b]) => a + b, 0);
    console.log(JSON.stringify({ query, status, shown, bytes, search_bytes: search, requests: sizes.size, ms }));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
