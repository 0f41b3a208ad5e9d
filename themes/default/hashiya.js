/* hashiya — the article's popovers. Each gets a close button, and gives the focus back to the
   mention that opened it; none stays open for printing (on paper they are the endnotes).
   Without popover support they are shown as endnotes: terms link to their entry pages and
   note numbers to their notes. */
(function () {
  "use strict";
  var d = document, list = d.querySelector(".endnotes");
  var pops = d.querySelectorAll(".endnote-list > li > [popover]");
  var say = function (key, text) {
    return (list && list.getAttribute("data-" + key)) || text;
  };

  if (!HTMLElement.prototype.hasOwnProperty("popover")) {
    d.documentElement.classList.add("no-popover");
    // A button becomes a link to `href`, with the same attributes and content.
    var link = function (b, href) {
      var a = d.createElement("a");
      for (var i = 0; i < b.attributes.length; i++) {
        var at = b.attributes[i];
        if (!/^(type|popovertarget|popovertargetaction)$/.test(at.name)) a.setAttribute(at.name, at.value);
      }
      a.setAttribute("href", href);
      while (b.firstChild) a.appendChild(b.firstChild);
      b.parentNode.replaceChild(a, b);
    };
    d.querySelectorAll("button.term").forEach(function (b) {
      var pop = d.getElementById(b.getAttribute("popovertarget"));
      var entry = pop && pop.querySelector("h3 a");
      if (entry) link(b, entry.getAttribute("href"));
    });
    // A note's number follows its passage's mark: its note leads back there.
    d.querySelectorAll("button.note-ref").forEach(function (b) {
      var pop = d.getElementById(b.getAttribute("popovertarget"));
      var mark = b.previousElementSibling;
      if (pop && mark && mark.id) {
        var back = pop.appendChild(d.createElement("p")).appendChild(d.createElement("a"));
        back.parentNode.className = "backref";
        back.href = "#" + mark.id;
        back.textContent = say("back", "العودة إلى النص");
      }
      link(b, "#" + b.getAttribute("popovertarget"));
    });
    pops.forEach(function (p) {
      ["popover", "role", "aria-label"].forEach(function (a) {
        p.removeAttribute(a);
      });
    });
    return;
  }

  var invoker = null;
  d.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[popovertarget]");
    if (b && !b.closest("[popover]")) invoker = b;
  }, true);

  pops.forEach(function (p) {
    var close = p.insertBefore(d.createElement("button"), p.firstChild);
    close.type = "button";
    close.className = "popover-close";
    close.setAttribute("popovertarget", p.id);
    close.setAttribute("popovertargetaction", "hide");
    close.setAttribute("aria-label", say("close", "إغلاق"));
    close.textContent = "×";
    p.addEventListener("toggle", function (e) {
      if (e.newState !== "closed" || !invoker || invoker.getAttribute("popovertarget") !== p.id) return;
      var active = d.activeElement;
      if (!active || active === d.body || p.contains(active)) invoker.focus();
    });
  });

  var closeAll = function () {
    d.querySelectorAll(":popover-open").forEach(function (p) {
      p.hidePopover();
    });
  };
  var print = window.matchMedia("print");
  window.addEventListener("beforeprint", closeAll);
  if (print.addEventListener) print.addEventListener("change", function (e) {
    if (e.matches) closeAll();
  });
})();
