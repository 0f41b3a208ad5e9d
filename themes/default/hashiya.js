/* hashiya — glossary popovers: a fallback for browsers without the popover
   attribute, and focus returned to the mention after closing. */
(function () {
  "use strict";
  var d = document;

  if (!HTMLElement.prototype.hasOwnProperty("popover")) {
    d.documentElement.classList.add("no-popover");

    // Glossary mentions become links to their entry pages.
    d.querySelectorAll("button.term").forEach(function (b) {
      var pop = d.getElementById("g-" + b.getAttribute("data-term"));
      var link = pop && pop.querySelector("a.entry-link");
      if (!link) return;
      var a = d.createElement("a");
      for (var i = 0; i < b.attributes.length; i++) {
        var at = b.attributes[i];
        if (!/^(type|popovertarget|popovertargetaction)$/.test(at.name)) a.setAttribute(at.name, at.value);
      }
      a.setAttribute("href", link.getAttribute("href"));
      while (b.firstChild) a.appendChild(b.firstChild);
      b.parentNode.replaceChild(a, b);
    });

    // Note numbers jump to the matching endnote.
    d.querySelectorAll("button.note-ref").forEach(function (b) {
      b.addEventListener("click", function () {
        var id = "end" + b.getAttribute("popovertarget");
        if (d.getElementById(id)) location.hash = id;
      });
    });
    return;
  }

  // Remember which mention opened a popover, to give it focus back on close.
  var invoker = null;
  d.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[popovertarget]");
    if (b && !b.closest(".popover")) invoker = b;
  }, true);

  d.querySelectorAll(".popover").forEach(function (p) {
    p.addEventListener("toggle", function (e) {
      if (e.newState !== "closed" || !invoker) return;
      if (invoker.getAttribute("popovertarget") !== p.id) return;
      var active = d.activeElement;
      if (!active || active === d.body || p.contains(active)) invoker.focus();
    });
  });
})();
