/* Sends the reader to their browser's language when the site has it; ?choose shows the chooser.
   A file of its own rather than inline: the pages' Content-Security-Policy runs no inline
   script. The site's locales come from the script element's data-locales attribute. */
(function () {
  "use strict";

  /* Languages written in more than one script, and the script each region writes: a reader of
     Traditional Chinese (Taiwan, Hong Kong, Macao) cannot be sent to Simplified, nor the reverse. */
  var scripts = {
    zh: { "": "hans", cn: "hans", sg: "hans", my: "hans", tw: "hant", hk: "hant", mo: "hant" },
    sr: { "": "cyrl", rs: "cyrl", ba: "cyrl", me: "latn" },
    uz: { "": "latn", af: "arab" },
    pa: { "": "guru", pk: "arab" },
  };

  /* A tag taken apart: language, script (explicit, else the one its region writes), region. */
  function parse(tag) {
    var parts = String(tag).toLowerCase().replace(/_/g, "-").split("-"), language = parts[0], script = "", region = "";
    for (var i = 1; i < parts.length; i++) {
      if (parts[i].length === 4 && !script) script = parts[i];
      else if ((parts[i].length === 2 || /^\d{3}$/.test(parts[i])) && !region) region = parts[i];
    }
    var table = scripts[language];
    if (!script && table) script = table[region] || table[""];
    return { language: language, script: script, region: region, tag: parts.join("-") };
  }

  /* The site locale for a reader whose browser asks for `wanted` (most preferred first), or
     undefined. Each wanted language in turn: the same tag, else the same language, script and
     region, else the same language and script. A script is never crossed. */
  function choose(wanted, locales) {
    var offered = locales.filter(Boolean).map(function (l) { return { locale: l, tag: parse(l) }; });
    for (var i = 0; i < wanted.length; i++) {
      var w = parse(wanted[i]);
      if (!w.language) continue;
      var best = null, bestRank = 0;
      offered.forEach(function (o) {
        var t = o.tag, rank = 0;
        if (t.language !== w.language || t.script !== w.script) return;
        if (t.tag === w.tag) rank = 3;
        else if (t.region === w.region) rank = 2;
        else rank = 1;
        if (rank > bestRank) { best = o.locale; bestRank = rank; }
      });
      if (best) return best;
    }
    return undefined;
  }

  if (typeof module !== "undefined" && typeof document === "undefined") {
    module.exports = { choose: choose };
    return;
  }

  var script = document.currentScript;
  if (!script || location.search.indexOf("choose") >= 0) return;
  var found = choose(navigator.languages || [navigator.language || ""], (script.getAttribute("data-locales") || "").split(","));
  if (found) location.replace(found + "/index.html");
})();
