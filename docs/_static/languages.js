/* Language switcher: keep the #anchor and the ?query (a search stays a search),
   remember the choice for the root page, close the menu on Escape or a click outside. */
(function () {
  "use strict";
  var KEY = "httpi18n-docs-language";
  function remember(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* private mode */ }
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target.closest ? target.closest("nav.language-switcher a[data-language]") : null;
    if (link) {
      remember(link.getAttribute("data-language"));
      var search = window.location.search, hash = window.location.hash;
      if (search || hash) {
        event.preventDefault();
        window.location.href = link.href.split("#")[0].split("?")[0] + search + hash;
      }
      return;
    }
    document.querySelectorAll("nav.language-switcher details[open]").forEach(function (d) {
      if (!d.contains(target)) { d.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("nav.language-switcher details[open]").forEach(function (d) {
      d.removeAttribute("open");
      var summary = d.querySelector("summary");
      if (summary) { summary.focus(); }
    });
  });
})();
