/* hashiya serve — writing notes from the preview. Select a passage of an article: this panel
   shows the YAML of a note anchored to it, as the build would anchor it (ANCHOR_PATH answers),
   with a button that copies it. Click a marked term: its popover gains the entry's id and the
   line of the glossary file that defines it (TERM_PATH answers). Added by `serve` only. */
(function () {
  "use strict";
  var d = document;
  // How much of the text around a selection tells the server which of its passages it is.
  var CONTEXT = 300;
  var BLOCK = "p,li,h1,h2,h3,h4,h5,h6,blockquote,td,th,dt,dd,figcaption,pre,div,section,article,main,body";
  var SAY = {
    ready: "انسخ هذه الأسطر إلى قائمة notes في رأس المقال، واكتب الحاشية مكان نص body.",
    copied: "نُسخت الحاشية؛ الصقها في رأس المقال.",
    copyFailed: "تعذّر النسخ: الأسطر محدَّدة، فانسخها بنفسك.",
    block: "لا يمكن تثبيت حاشية على هذا المقطع: التحديد يتجاوز فقرة إلى أخرى، والحاشية تُثبَّت في فقرة واحدة.",
    term: "لا يمكن تثبيت حاشية على هذا المقطع: التحديد يقطع مصطلحًا معلَّمًا من المسرد؛ حدِّد المصطلح كله أو اتركه كله.",
    note: "لا يمكن تثبيت حاشية على هذا المقطع: يتداخل مع الحاشية N، والحواشي لا تتداخل."
  };

  var panel = d.createElement("section");
  panel.id = "hashiya-notes";
  panel.hidden = true;
  panel.dir = "rtl";
  panel.lang = "ar";
  panel.tabIndex = -1;
  panel.setAttribute("aria-labelledby", "hashiya-notes-title");
  panel.innerHTML =
    '<h2 id="hashiya-notes-title">حاشية على المقطع المحدَّد</h2>' +
    '<p class="hashiya-status" role="status" aria-live="polite"></p>' +
    '<pre class="hashiya-yaml" dir="ltr" tabindex="0" aria-label="YAML" hidden></pre>' +
    '<button type="button" class="hashiya-copy" hidden>نسخ</button>' +
    '<button type="button" class="hashiya-close">إغلاق</button>';
  d.body.appendChild(panel);
  var status = panel.querySelector(".hashiya-status");
  var yaml = panel.querySelector(".hashiya-yaml");
  var copy = panel.querySelector(".hashiya-copy");
  var returnFocus = null, asked = 0, byKeyboard = false, pending = 0;

  var show = function (message, text) {
    panel.hidden = false;
    yaml.hidden = copy.hidden = !text;
    yaml.textContent = text || "";
    // Set once the panel shows, so that screen readers announce it.
    status.textContent = message;
  };
  var hide = function () {
    if (panel.hidden) return;
    var inside = panel.contains(d.activeElement);
    // Let go of the focus before hiding: a hidden button would keep it until the browser's
    // next rendering, and the place it came from (often the body) may not take it back.
    if (inside) d.activeElement.blur();
    panel.hidden = true;
    if (inside && returnFocus && d.contains(returnFocus)) returnFocus.focus();
  };
  var element = function (node) {
    return node.nodeType === 1 ? node : node.parentElement;
  };
  // The text a range shows in the article, without note numbers and popovers.
  var textOf = function (range) {
    var part = range.cloneContents();
    part.querySelectorAll(".note-ref,.endnotes,script,style").forEach(function (n) {
      n.remove();
    });
    return part.textContent;
  };

  var check = function () {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var start = element(range.startContainer), end = element(range.endContainer);
    // The article's text: the default templates' body, else the page's main content.
    var main = d.querySelector(".article-body") || d.querySelector("main") || d.body;
    if (!start || !end || !main.contains(start) || !main.contains(end)) return;
    if (start.closest(".endnotes,#hashiya-notes") || end.closest(".endnotes,#hashiya-notes")) return;
    var mine = ++asked;
    var block = start.closest(BLOCK);
    if (block !== end.closest(BLOCK)) {
      // A triple click selects a paragraph up to the start of the next: that end is its own.
      var spill = d.createRange();
      spill.setStart(block, block.childNodes.length);
      spill.setEnd(range.endContainer, range.endOffset);
      if (block.contains(end) || spill.toString().trim()) return show(SAY.block);
      range = range.cloneRange();
      range.setEnd(block, block.childNodes.length);
      end = block;
    }
    var notes = [].filter.call(main.querySelectorAll("mark[data-note]"), function (m) {
      return range.intersectsNode(m);
    });
    if (notes.length) {
      var number = notes[0].nextElementSibling;
      return show(SAY.note.replace("N", number ? number.textContent : notes[0].getAttribute("data-note")));
    }
    if (start.closest("[data-term]") !== end.closest("[data-term]")) return show(SAY.term);
    var before = d.createRange(), after = d.createRange();
    before.setStart(main, 0);
    before.setEnd(range.startContainer, range.startOffset);
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(main, main.childNodes.length);
    var query = new URLSearchParams({
      page: location.pathname,
      quote: textOf(range),
      before: textOf(before).slice(-CONTEXT),
      after: textOf(after).slice(0, CONTEXT)
    });
    var keyboard = byKeyboard;
    fetch("ANCHOR_PATH?" + query)
      .then(function (r) {
        return r.json().then(function (answer) {
          if (mine !== asked || r.status === 404) return;
          if (!answer.yaml) return show(answer.problem);
          show(SAY.ready, answer.yaml);
          // A selection made with the keyboard is followed there: the copy button takes the
          // focus (Escape gives it back). A mouse's is not interrupted.
          if (keyboard) {
            returnFocus = d.activeElement;
            copy.focus();
          }
        });
      })
      .catch(function () {});
  };

  d.addEventListener("selectionchange", function () {
    clearTimeout(pending);
    pending = setTimeout(check, 250);
  });
  d.addEventListener("pointerdown", function () {
    byKeyboard = false;
  }, true);
  d.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") {
      byKeyboard = true;
      return;
    }
    // Escape closes an open popover first, as it always does.
    if (!d.querySelector(":popover-open")) hide();
  });
  panel.querySelector(".hashiya-close").addEventListener("click", hide);
  copy.addEventListener("click", function () {
    var copied = function () {
      status.textContent = SAY.copied;
    };
    var byHand = function () {
      var all = d.createRange();
      all.selectNodeContents(yaml);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(all);
      try {
        if (d.execCommand("copy")) return copied();
      } catch (e) {}
      status.textContent = SAY.copyFailed;
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(yaml.textContent).then(copied, byHand);
    } else {
      byHand();
    }
  });

  // A marked term still opens its popover; the popover also names where its entry is written.
  d.addEventListener("click", function (e) {
    var term = e.target.closest && e.target.closest("[data-term]");
    var pop = term && d.getElementById(term.getAttribute("popovertarget") || "");
    if (!pop || pop.querySelector(".hashiya-definition")) return;
    var query = new URLSearchParams({ page: location.pathname, id: term.getAttribute("data-term") });
    fetch("TERM_PATH?" + query)
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (found) {
        if (!found || pop.querySelector(".hashiya-definition")) return;
        // A `div`, not a paragraph: the theme knows the entry's kind as its last paragraph.
        var line = d.createElement("div");
        line.className = "hashiya-definition";
        line.dir = "ltr";
        line.lang = "en";
        line.appendChild(d.createElement("code")).textContent = found.id;
        line.appendChild(d.createTextNode(" — "));
        line.appendChild(d.createElement("code")).textContent = found.place;
        pop.appendChild(line);
      })
      .catch(function () {});
  });
})();
