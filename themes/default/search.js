/* hashiya — search, with the normalisation of src/arabic/normalize.rs ported. */
((g) => {
  "use strict";
  // A letter or digit, as Rust's char::is_alphanumeric.
  const W = "[\\p{Alpha}\\p{N}]", PRE = RegExp(W + "*$", "u"), END = RegExp(W + "$", "u"),
    START = RegExp("^" + W, "u");
  const FROM = "آأإٱىیےةہەۀک", TO = "اااايييههههك";
  const GONE = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\u2060\u00AD\uFEFF]/;

  // o[i]: where in `s` normalised unit i comes from.
  function norm(s) {
    let t = "", o = [], space = false, last = "", i = 0;
    const keep = (c, at) => {
      t += c;
      for (const _ of c.split("")) o.push(at);
    };
    const push = (c, at) => {
      if (c == "\u0654" && (last == "و" || last == "ي")) {
        last = last == "و" ? "ؤ" : "ئ";
        t = t.slice(0, -1) + last;
      } else if (GONE.test(c)) {
        // dropped
      } else if (/\s|\x85/.test(c)) {
        if (!space) keep(" ", at);
        space = true;
        last = "";
      } else {
        const f = FROM.indexOf(c);
        keep(f >= 0 ? TO[f] : /[٠-٩۰-۹]/.test(c) ? String(c.charCodeAt(0) % 16) : c, at);
        space = false;
        last = c;
      }
    };
    for (const c of s) {
      // NFKC per character, outside ASCII and the Arabic block.
      if (c > "\x7f" && (c < "\u0600" || c > "\u06ff")) for (const x of c.normalize("NFKC")) push(x, i);
      else push(c, i);
      i += c.length;
    }
    return { t, o, n: s.length };
  }

  // The original range of normalised a..b, with marks dropped after it.
  function back({ t, o, n }, a, b) {
    let j = b;
    if (b < t.length && b > a && o[b] == o[b - 1]) while (j < t.length && o[j] == o[b]) j++;
    return [o[a], j < t.length ? o[j] : n];
  }

  // A word and its forms without و/ف, then ب/ك/ل (لل… also as ال…), each without a leading
  // ال when two letters are left: as search_keys in src/pipeline/search.rs.
  function keys(w) {
    if ([...w].length < 2) return [w];
    const out = [];
    const push = (k) => {
      if (/^ال/.test(k) && [...k].length > 3) k = k.slice(2);
      if ([...k].length > 1 && !out.includes(k)) out.push(k);
    };
    push(w);
    for (const s of [w, /^[وف]/.test(w) && w.slice(1)]) {
      if (s === false) continue;
      push(s);
      if (/^لل/.test(s)) push("ا" + s.slice(1));
      if (/^[بكل]/.test(s)) push(s.slice(1));
    }
    return out;
  }

  const words = (s) => (norm(s).t.toLowerCase().match(RegExp(W + "+", "gu")) || []).map(keys);

  g.hashiyaSearch = { normalize: (s) => norm(s).t, keys, words };

  const d = g.document, form = d && d.querySelector("form[data-index]");
  if (!form) return;
  const $ = (id) => d.getElementById(id);
  const input = $("search-query"), status = $("search-status"), list = $("search-results");
  // The site's digits, as base.html writes them on <html>: ٠ (U+0660) or 0 is the first.
  const zero = d.documentElement.getAttribute("data-digits") == "arabic" ? 0x660 : 0x30;
  // The index's files are beside index.json: each is fetched once, when a query needs it.
  const url = form.getAttribute("data-index"), dir = url.slice(0, url.lastIndexOf("/") + 1);
  const files = new Map();
  const PAGE = 10;
  let timer, shown;

  const num = (n) => String(n).replace(/\d/g, (x) => String.fromCharCode(zero + +x));
  const count = (n, r = n % 100) => n == 0 ? "لا توجد نتائج" : n == 1 ? "نتيجة واحدة" : n == 2 ? "نتيجتان" :
    num(n) + (r >= 3 && r <= 10 ? " نتائج" : r >= 11 ? " نتيجةً" : " نتيجة");
  // Files named .gz are gzipped; a host that sends them with Content-Encoding: gzip has
  // inflated them already, which their first bytes tell (gzip's are 1f 8b).
  const inflate = async (r) => {
    const bytes = new Uint8Array(await r.arrayBuffer());
    if (bytes[0] != 0x1f || bytes[1] != 0x8b) return new Response(bytes).json();
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
  };
  const get = (path) => files.get(path) || files.set(path, fetch(dir + path).then((r) => {
    if (!r.ok) throw Error(r.status);
    return path.endsWith(".gz") ? inflate(r) : r.json();
  }).catch((e) => {
    files.delete(path);
    throw e;
  })).get(path);
  const load = () => get("index.json");
  const el = (tag, parent, text) => {
    const e = parent.appendChild(d.createElement(tag));
    if (text != null) e.textContent = text;
    return e;
  };
  // Keys are sorted by code point, as Rust sorts strings.
  const cmp = (a, b) => {
    const x = [...a], y = [...b];
    for (let i = 0; i < x.length && i < y.length; i++) {
      const c = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (c) return c;
    }
    return x.length - y.length;
  };
  // A key's postings: [articles, articles with it in the title, entries], each ascending.
  async function postings(ix, k) {
    let lo = 0, hi = ix.chunks.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(ix.chunks[mid], k) <= 0) at = mid, lo = mid + 1;
      else hi = mid - 1;
    }
    const chunk = at < 0 ? {} : await get("t/" + at + ".json.gz");
    return (Object.hasOwn(chunk, k) ? chunk[k] : [[], [], []]).map((gaps) => {
      let n = 0;
      return gaps.map((gap) => (n += gap));
    });
  }
  const entry = (ix, n) => get("g/" + Math.floor(n / ix.entries_per_chunk) + ".json")
    .then((chunk) => chunk[n % ix.entries_per_chunk]);

  // The first written word holding a key after its proclitics, in `text`'s offsets.
  function hit(text, ks) {
    const m = norm(text), lower = m.t.toLowerCase(), t = lower.length == m.t.length ? lower : m.t;
    let best;
    for (const k of ks) {
      // ل + الكرملين is written للكرملين.
      for (const [n, fused] of [[k, 0], [/^ال/.test(k) && k.slice(1), 1]]) {
        for (let at = n ? t.indexOf(n) : -1; at >= 0; at = t.indexOf(n, at + 1)) {
          // Before the key: proclitics, and the article the key was indexed without.
          const pre = PRE.exec(t.slice(Math.max(0, at - 5), at))[0], a = at - pre.length;
          if (/^[وف]?(?:[بكل]?(?:ال)?|لل)$/.test(pre) && (!fused || /ل$/.test(pre)) &&
            !END.test(t.slice(Math.max(0, a - 2), a)) &&
            !START.test(t.slice(at + n.length, at + n.length + 2))) {
            if (!best || a < best[0]) best = [a, at + n.length];
            break;
          }
        }
      }
    }
    return best && back(m, ...best);
  }

  function snippet(p, text, [ks, names]) {
    const [h0, h1] = hit(text, ks) || hit(text, names) || [0, 0], add = (s) => p.append(s.replace(/\s+/g, " "));
    let a = Math.max(0, h0 - 60), b = Math.min(text.length, h1 + 140);
    const i = text.slice(a, h0).search(/\s/), j = text.slice(h1, b).search(/\s\S*$/);
    if (a && i >= 0) a += i + 1;
    if (b < text.length && j >= 0) b = h1 + j;
    add((a ? "… " : "") + text.slice(a, h0));
    if (h1 > h0) el("mark", p, text.slice(h0, h1));
    add(text.slice(h1, b) + (b < text.length ? " …" : ""));
  }

  async function search() {
    const q = input.value, u = new URL(location.href), ws = words(q);
    clearTimeout(timer);
    q.trim() ? u.searchParams.set("q", q) : u.searchParams.delete("q");
    history.replaceState(history.state, "", u);
    entryList().textContent = "";
    if (!ws.length) {
      list.textContent = status.textContent = q.trim() ? count(0) : "";
      return;
    }
    try {
      const ix = await load();
      // For each word, what any of its keys finds.
      const found = await Promise.all(ws.map(async (ks) => {
        const sets = [new Set(), new Set(), new Set()];
        for (const p of await Promise.all(ks.map((k) => postings(ix, k)))) {
          p.forEach((ns, i) => ns.forEach((n) => sets[i].add(n)));
        }
        return sets;
      }));
      if (input.value != q) return;
      const every = (i) => [...found[0][i]].filter((n) => found.every((sets) => sets[i].has(n)));
      // Articles are numbered newest first: more of the words in the title, then newest.
      const hits = every(0).map((n) => ({ n, title: found.filter((s) => s[1].has(n)).length }))
        .sort((x, y) => y.title - x.title || x.n - y.n);
      const entries = await Promise.all(every(2).sort((x, y) => x - y).map((n) => entry(ix, n)));
      if (input.value != q) return;
      // Marked in snippets: the query's words; in an article found through an entry's other
      // name (Putin → بوتين), that entry's names.
      const long = (ks) => [...new Set(ks.flat())].filter((k) => k.length > 1);
      const marked = [long(ws), long(entries.flatMap((e) => e.forms.flatMap(words)))];
      showEntries(entries);
      list.textContent = "";
      shown = { hits, marked, q, next: 0 };
      await more();
      // Last: a status line means the results it counts are on the page.
      if (shown.q == q) status.textContent = count(hits.length);
    } catch {
      status.textContent = "تعذّر تحميل فهرس البحث.";
    }
  }

  // The list of entries found, above the articles; made when a template has none.
  function entryList() {
    let ul = $("search-entries");
    if (!ul) {
      ul = d.createElement("ul");
      ul.id = "search-entries";
      ul.className = "search-results search-entries";
      ul.setAttribute("aria-label", "في المسرد");
      list.before(ul);
    }
    return ul;
  }

  function showEntries(entries) {
    const ul = entryList();
    for (const e of entries) {
      const li = el("li", ul), a = el("a", el("h2", li));
      el("bdi", a, e.term);
      a.href = e.url;
      el("p", li, e.kind_label).className = "kind";
      const p = el("p", li, e.summary);
      p.className = "excerpt";
      p.dir = "auto";
    }
  }

  // The next PAGE results: their files fetched together, shown in order.
  async function more() {
    const run = shown, from = run.next, page = run.hits.slice(from, from + PAGE);
    run.next += page.length;
    d.querySelector(".search-more")?.remove();
    const docs = await Promise.all(page.map(({ n }) => get("a/" + n + ".json.gz")));
    if (shown !== run) return;
    for (const doc of docs) {
      const li = el("li", list), a = el("a", el("h2", li)), date = el("p", li), p = el("p", li);
      el("bdi", a, doc.title);
      a.href = doc.url;
      el("time", date, doc.date_text).dateTime = doc.date;
      date.className = "date";
      p.className = "excerpt";
      p.dir = "auto";
      snippet(p, doc.text || "", run.marked);
    }
    if (run.next < run.hits.length) {
      const button = d.createElement("button");
      button.type = "button";
      button.className = "search-more";
      button.textContent = "نتائج أخرى";
      button.addEventListener("click", () => more().catch(() => {
        status.textContent = "تعذّر تحميل فهرس البحث.";
      }));
      list.after(button);
    }
  }

  input.addEventListener("focus", () => load().catch(() => {}));
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    search();
  });
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search();
  }
})(globalThis);
