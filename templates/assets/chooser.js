/* Sends the reader to their browser's language when the site has it; ?choose shows the chooser.
   A file of its own rather than inline: the pages' Content-Security-Policy runs no inline
   script. The site's locales come from the script element's data-locales attribute. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || location.search.indexOf("choose") >= 0) return;
  var locales = (script.getAttribute("data-locales") || "").split(","),
    wanted = navigator.languages || [navigator.language || ""];
  function pick(match) {
    for (var i = 0; i < wanted.length; i++) for (var j = 0; j < locales.length; j++)
      if (locales[j] && match(String(wanted[i]).toLowerCase(), locales[j].toLowerCase())) return locales[j];
  }
  var found = pick(function (w, l) { return w === l; }) ||
    pick(function (w, l) { return w.split("-")[0] === l.split("-")[0]; });
  if (found) location.replace(found + "/index.html");
})();
