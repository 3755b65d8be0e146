/* Language switcher: keep the #anchor and remember the choice for the root page. */
(function () {
  "use strict";
  var KEY = "httpi18n-docs-language";
  function remember(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* private mode */ }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-language]") : null;
    if (!link) { return; }
    remember(link.getAttribute("data-language"));
    if (window.location.hash) {
      event.preventDefault();
      window.location.href = link.href.split("#")[0] + window.location.hash;
    }
  });
})();
