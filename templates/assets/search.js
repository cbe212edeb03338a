/* Concord site search: reads ?q=, loads this locale's search-index.json and lists matches.
   Terms are made exactly as Concord's SearchTokenizer makes them: accents folded for
   alphabetic scripts, character bigrams for Chinese, Japanese and Korean. */
(function () {
  "use strict";

  function isCJK(c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
      (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0xFF66 && c <= 0xFF9F) ||
      (c >= 0x20000 && c <= 0x2FA1F);
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }

  var wordChar = /[\p{L}\p{N}\p{Mn}\p{Mc}]/u;
  var numberChar = /\p{N}/u;

  function terms(text) {
    var out = [], word = "", run = [];
    function flushWord() {
      var length = Array.from(word).length;
      if (length >= 2 || (length === 1 && numberChar.test(word))) out.push(word);
      word = "";
    }
    function flushRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    for (var ch of fold(text)) {
      var code = ch.codePointAt(0);
      if (code < 0x80) {
        if ((code >= 0x61 && code <= 0x7A) || (code >= 0x30 && code <= 0x39)) { if (run.length) flushRun(); word += ch; }
        else { flushWord(); flushRun(); }
      } else if (isCJK(code)) {
        if (word) flushWord();
        run.push(ch);
      } else if (wordChar.test(ch)) {
        if (run.length) flushRun();
        word += ch;
      } else { flushWord(); flushRun(); }
    }
    flushWord(); flushRun();
    return out;
  }

  /* How many results a search lists; the page says when there were more. */
  var limit = 50;

  /* How well a title answers the query: 0 when its words are the query's (`Get-Process` for
     "get-process"), 1 when every query word is a word of it (the last may be unfinished),
     2 otherwise. */
  function titleTier(title, wanted) {
    var words = terms(title);
    if (words.join(" ") === wanted.join(" ")) return 0;
    var all = wanted.every(function (term, position) {
      return words.some(function (word) {
        return word === term || (position === wanted.length - 1 && word.lastIndexOf(term, 0) === 0);
      });
    });
    return all ? 1 : 2;
  }

  /* Matches of `query` in `index`, best first, at most `limit`: exact title matches, then titles
     holding every word, then the rest by where the words are (title, headings, text). Ties go
     by title as the reader's language sorts it (case and accents aside), then by URL, so the
     order never depends on letter case or on the index's order. Returns { results, total }. */
  function search(index, query, lang) {
    var wanted = terms(query);
    if (!wanted.length) return { results: [], total: 0 };
    var keys = null, scores = {};
    wanted.forEach(function (term, position) {
      var docs = index.terms[term] || [];
      // The last word may be unfinished: let it match as a prefix.
      if (position === wanted.length - 1 && term.length >= 2) {
        keys = keys || Object.keys(index.terms);
        var seen = {};
        docs.forEach(function (d) { seen[d] = true; });
        keys.forEach(function (key) {
          if (key !== term && key.lastIndexOf(term, 0) === 0) index.terms[key].forEach(function (d) { seen[d] = true; });
        });
        docs = Object.keys(seen).map(Number);
      }
      docs.forEach(function (d) { scores[d] = (scores[d] || 0) + 1; });
    });
    var results = Object.keys(scores).map(Number).map(function (d) {
      var doc = index.docs[d], title = fold(doc.t), heads = fold(doc.h.join(" ")), bonus = 0;
      wanted.forEach(function (term) { if (title.indexOf(term) >= 0) bonus += 3; else if (heads.indexOf(term) >= 0) bonus += 1; });
      return { doc: doc, all: scores[d] === wanted.length, tier: titleTier(doc.t, wanted), score: scores[d] * 10 + bonus };
    });
    var complete = results.filter(function (r) { return r.all; });
    if (complete.length) results = complete;
    var collator = new Intl.Collator(lang || undefined, { sensitivity: "base", numeric: true });
    results.sort(function (a, b) {
      return a.tier - b.tier || b.score - a.score || collator.compare(a.doc.t, b.doc.t) ||
        (a.doc.t < b.doc.t ? -1 : a.doc.t > b.doc.t ? 1 : 0) || (a.doc.u < b.doc.u ? -1 : a.doc.u > b.doc.u ? 1 : 0);
    });
    return { results: results.slice(0, limit), total: results.length };
  }

  /* The index's URLs are relative to the search page. One a browser would read as absolute is
     followed only when it is http(s): an article named javascript:….md must not become a live
     link, whatever the index says. Returns null for a URL not to follow. */
  function resultHref(url) {
    var text = String(url), absolute;
    try { absolute = new URL(text); } catch (e) { return text; }
    return absolute.protocol === "http:" || absolute.protocol === "https:" ? text : null;
  }

  function render(container, query, found) {
    var results = found.results;
    container.textContent = "";
    var summary = document.createElement("p");
    summary.className = "summary";
    var template = results.length ? container.getAttribute("data-results-for") : container.getAttribute("data-no-results");
    summary.textContent = template.replace("{query}", query);
    container.appendChild(summary);
    var list = document.createElement("ol");
    results.forEach(function (result) {
      var href = resultHref(result.doc.u);
      if (href === null) return;
      var item = document.createElement("li"), link = document.createElement("a"), excerpt = document.createElement("p");
      link.href = href;
      link.textContent = result.doc.t;
      excerpt.textContent = result.doc.x;
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    container.appendChild(list);
    if (found.total > results.length) {
      var more = document.createElement("p");
      more.className = "more-results";
      more.textContent = container.getAttribute("data-more");
      container.appendChild(more);
    }
  }

  if (typeof module !== "undefined" && typeof document === "undefined") {
    module.exports = { terms: terms, search: search, resultHref: resultHref, limit: limit };
    return;
  }

  var container = document.getElementById("search-results");
  if (!container) return;
  var query = new URLSearchParams(location.search).get("q") || "";
  var input = document.getElementById("search-query");
  if (input) input.value = query;
  if (!query.trim()) return;
  fetch("search-index.json").then(function (response) { return response.json(); }).then(function (index) {
    render(container, query, search(index, query, document.documentElement.lang));
  });
})();
