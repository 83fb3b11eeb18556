// Filters of the review page: by stage, by rule, and a search; the choice lives in the
// address's #fragment ("#rule=strip_promos:paywall&q=bridge") so a view can be shared.
(function () {
  "use strict";
  var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
  var stage = document.getElementById("f-stage");
  var rule = document.getElementById("f-rule");
  var query = document.getElementById("f-q");
  var count = document.getElementById("f-count");
  var removals = all("del.rm");
  var rules = all("article.rule");
  var files = all("article.file");
  var rows = all("tr.file-row");

  function matches(el, st, ru) {
    return (!st || el.dataset.stage === st) && (!ru || el.dataset.rule === ru);
  }

  function apply() {
    var st = stage.value, ru = rule.value, q = query.value.trim().toLowerCase();
    var shown = 0;
    // (Each element is touched only when its state changes: a page of 200 files holds
    // tens of thousands of removals, and a write costs a style pass.)
    function show(el, visible) { if (el.hidden === visible) { el.hidden = !visible; } }
    var filtered = st !== "" || ru !== "";
    removals.forEach(function (del) {
      var ok = !filtered || matches(del, st, ru);
      show(del, ok);
      if (ok && del.classList.contains("in-file")) { shown += 1; }
    });
    function has(el) { return q === "" || el.textContent.toLowerCase().indexOf(q) >= 0; }
    rules.forEach(function (article) {
      show(article, matches(article, st, ru) && has(article));
    });
    files.forEach(function (article) {
      var any = !filtered || article.querySelector("del.rm.in-file:not([hidden])") !== null;
      show(article, any && has(article));
    });
    rows.forEach(function (row) { show(row, has(row)); });
    count.value = shown + " removal(s) shown in the files below";
    var parts = [];
    if (st) { parts.push("stage=" + encodeURIComponent(st)); }
    if (ru) { parts.push("rule=" + encodeURIComponent(ru)); }
    if (q) { parts.push("q=" + encodeURIComponent(q)); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (!parts.length && anchor) { hash = "#" + anchor.id; }
    if (hash !== location.hash && history.replaceState) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  var anchor = null;  // an element the address points to ("#file-12"), kept in view

  function fromHash() {
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length === 1 && part) { anchor = document.getElementById(decodeURIComponent(part)); }
      var value = decodeURIComponent(pair[1] || "");
      if (pair[0] === "stage") { stage.value = value; }
      if (pair[0] === "rule") { rule.value = value; }
      if (pair[0] === "q") { query.value = value; }
    });
  }

  // "n" and "p" move the focus to the next or previous removal shown in a file.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target === query || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key !== "n" && event.key !== "p") { return; }
    var visible = removals.filter(function (del) {
      return del.classList.contains("in-file") && !del.hidden && del.offsetParent !== null;
    });
    if (!visible.length) { return; }
    var at = visible.indexOf(document.activeElement);
    var next = event.key === "n" ? at + 1 : (at < 0 ? visible.length - 1 : at - 1);
    visible[(next + visible.length) % visible.length].focus();
    event.preventDefault();
  });

  [stage, rule].forEach(function (el) { el.addEventListener("change", apply); });
  query.addEventListener("input", apply);
  fromHash();
  apply();
  if (anchor) { anchor.scrollIntoView(); }
  document.body.dataset.ready = "true";
}());
