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

  // A word and its forms without و/ف, then ب/ك/ل (لل… also as ال…), as in the index.
  function keys(w) {
    const out = [w];
    const push = (k) => [...k].length > 1 && !out.includes(k) && out.push(k);
    for (const s of [w, /^[وف]/.test(w) && w.slice(1)]) {
      if (s === false) continue;
      if (s != w) push(s);
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
  const zero = (form.getAttribute("data-digits") || "0").charCodeAt(0);
  let index, timer;

  const num = (n) => String(n).replace(/\d/g, (x) => String.fromCharCode(zero + +x));
  const count = (n, r = n % 100) => n == 0 ? "لا نتائج" : n == 1 ? "نتيجة واحدة" : n == 2 ? "نتيجتان" :
    num(n) + (r >= 3 && r <= 10 ? " نتائج" : r >= 11 ? " نتيجةً" : " نتيجة");
  const load = () => index || (index = fetch(form.getAttribute("data-index")).then((r) => {
    if (!r.ok) throw Error(r.status);
    return r.json();
  }));
  const el = (tag, parent, text) => {
    const e = parent.appendChild(d.createElement(tag));
    if (text != null) e.textContent = text;
    return e;
  };

  // The first written word holding a key after its proclitics, in `text`'s offsets.
  function hit(text, ks) {
    const m = norm(text), lower = m.t.toLowerCase(), t = lower.length == m.t.length ? lower : m.t;
    let best;
    for (const k of ks) {
      // ل + الكرملين is written للكرملين.
      for (const [n, fused] of [[k, 0], [/^ال/.test(k) && k.slice(1), 1]]) {
        for (let at = n ? t.indexOf(n) : -1; at >= 0; at = t.indexOf(n, at + 1)) {
          const pre = PRE.exec(t.slice(Math.max(0, at - 3), at))[0], a = at - pre.length;
          if (/^[وف]?[بكل]?$/.test(pre) && (!fused || /ل$/.test(pre)) &&
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

  function snippet(p, text, ks) {
    const [h0, h1] = hit(text, ks) || [0, 0], add = (s) => p.append(s.replace(/\s+/g, " "));
    let a = Math.max(0, h0 - 60), b = Math.min(text.length, h1 + 140);
    const i = text.slice(a, h0).search(/\s/), j = text.slice(h1, b).search(/\s\S*$/);
    if (a && i >= 0) a += i + 1;
    if (b < text.length && j >= 0) b = h1 + j;
    add((a ? "… " : "") + text.slice(a, h0));
    if (h1 > h0) el("mark", p, text.slice(h0, h1));
    add(text.slice(h1, b) + (b < text.length ? " …" : ""));
  }

  function search() {
    const q = input.value, u = new URL(location.href), ws = words(q);
    clearTimeout(timer);
    q.trim() ? u.searchParams.set("q", q) : u.searchParams.delete("q");
    history.replaceState(history.state, "", u);
    if (!ws.length) {
      list.textContent = status.textContent = q.trim() ? count(0) : "";
      return;
    }
    load().then((ix) => {
      if (input.value != q) return;
      const found = ix.docs.map((doc, i) => {
        const title = new Set(words(doc.title).flat());
        return { doc, i, n: 0, title: ws.filter((ks) => ks.some((k) => title.has(k))).length };
      });
      for (const ks of ws) {
        const seen = new Set();
        for (const k of ks) for (const i of Object.hasOwn(ix.terms, k) ? ix.terms[k] : []) {
          if (found[i] && !seen.has(i)) seen.add(i), found[i].n++;
        }
      }
      const hits = found.filter((h) => h.n == ws.length).sort((x, y) => y.title - x.title ||
        (y.doc.date > x.doc.date) - (y.doc.date < x.doc.date) || x.i - y.i);
      const marked = ws.flat().filter((k) => k.length > 1);
      list.textContent = "";
      for (const { doc } of hits.slice(0, 50)) {
        const li = el("li", list), a = el("a", el("h2", li)), date = el("p", li), p = el("p", li);
        el("bdi", a, doc.title);
        a.href = doc.url;
        el("time", date, doc.date_text).dateTime = doc.date;
        date.className = "date";
        p.className = "excerpt";
        p.dir = "auto";
        snippet(p, doc.text || "", marked);
      }
      status.textContent = count(hits.length) + (hits.length > 50 ? "، تظهر أول " + num(50) : "");
    }, () => {
      index = null;
      status.textContent = "تعذّر تحميل فهرس البحث.";
    });
  }

  input.addEventListener("focus", () => load().catch(() => (index = null)));
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
