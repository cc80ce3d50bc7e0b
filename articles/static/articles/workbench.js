/* The editors' workbench in the admin, loaded as a file: the site's CSP allows no inline
   script. Everything here is a convenience; every screen works without it. */
"use strict";
(function () {
  // Who a byline will credit, refreshed as the editor types (the server's byline grammar
  // answers; the HTML it returns is escaped there).
  function watchByline(preview) {
    var input = document.getElementById(preview.dataset.source || "id_byline");
    if (!input) return;
    var timer = null;
    var asked = null;
    function refresh() {
      var byline = input.value;
      if (byline === asked) return;
      asked = byline;
      var url = preview.dataset.previewUrl + "?byline=" + encodeURIComponent(byline);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && input.value === byline) preview.innerHTML = data.html;
        })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    if (preview.dataset.source) refresh();
  }

  // Show the article's own lines of the page text without scrolling by hand.
  function showArticleLines(list) {
    var first = list.querySelector("li.this-article");
    if (first) list.scrollTop = Math.max(0, first.offsetTop - list.offsetTop - 48);
  }

  function start() {
    document.querySelectorAll(".credit-preview[data-preview-url]").forEach(watchByline);
    document.querySelectorAll("ol.source-lines").forEach(showArticleLines);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
