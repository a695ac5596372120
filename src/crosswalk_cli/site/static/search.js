// Search from window.CROSSWALK_SEARCH (search-index.js): every query word must be the start of a word of
// the page. Results are built as DOM nodes (textContent), never as HTML.
"use strict";
(function () {
  function words(text) {
    var flat = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return flat.match(/[\p{L}\p{N}]{2,}/gu) || [];
  }
  function lower(list, w) {  // first index whose word is >= w
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function find(index, query) {
    var found = null;
    words(query).forEach(function (w) {
      var hits = new Set();
      for (var i = lower(index.words, w); i < index.words.length && index.words[i].startsWith(w); i++) {
        index.hits[i].forEach(function (d) { hits.add(d); });
      }
      found = found === null ? hits : new Set([...found].filter(function (d) { return hits.has(d); }));
    });
    var out = found === null ? [] : [...found];
    var q = words(query);
    function inTitle(d) { var t = words(index.docs[d][1]).join(" "); return q.every(function (w) { return t.indexOf(w) >= 0; }) ? 0 : 1; }
    out.sort(function (a, b) { return inTitle(a) - inTitle(b) || a - b; });
    return out;
  }
  function show(index, query) {
    var list = document.getElementById("results"), count = document.getElementById("count");
    list.textContent = "";
    if (!query.trim()) { count.textContent = ""; return; }
    var start = performance.now();
    var found = find(index, query);
    var ms = performance.now() - start;
    count.textContent = found.length + (found.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d" +
      (found.length > 100 ? " (the first 100 shown)" : "") + " in " + ms.toFixed(1) + " ms.";
    found.slice(0, 100).forEach(function (d) {
      var doc = index.docs[d], li = document.createElement("li"), a = document.createElement("a");
      a.href = doc[0]; a.textContent = doc[1];
      var kind = document.createElement("span"); kind.className = "kind"; kind.textContent = " (" + doc[2] + ")";
      var p = document.createElement("p"); p.textContent = doc[3];
      li.append(a, kind, p); list.append(li);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var index = window.CROSSWALK_SEARCH, box = document.getElementById("q");
    if (!index) { document.getElementById("count").textContent = "The search index could not be loaded."; return; }
    var query = new URLSearchParams(location.search).get("q") || "";
    box.value = query;
    show(index, query);
    box.form.addEventListener("submit", function (e) {
      e.preventDefault();
      show(index, box.value);
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(box.value)); } catch (err) { /* file:// may refuse */ }
    });
  });
})();
