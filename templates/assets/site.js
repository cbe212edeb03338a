/* Brings the current page's entry into view in the sidebar, which scrolls on its own: in a
   large folder it would otherwise sit thousands of pixels below the fold. The page itself does
   not move. Without JavaScript the sidebar starts at its top, as before. */
(function () {
  "use strict";
  var current = document.querySelector('.sidebar [aria-current="page"]');
  var sidebar = current && current.closest(".sidebar");
  if (!sidebar || sidebar.scrollHeight <= sidebar.clientHeight) return;
  var offset = current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top + sidebar.scrollTop;
  if (offset > sidebar.clientHeight * 0.6) sidebar.scrollTop = Math.max(0, offset - sidebar.clientHeight / 3);
})();

/* A copy button on each code block, named in the page's language (data-copy on <main>). Made
   here, not at build time: without script a copy button would do nothing. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !navigator.clipboard) return;
  var label = main.getAttribute("data-copy") || "Copy", done = main.getAttribute("data-copied") || "Copied";
  Array.prototype.forEach.call(document.querySelectorAll(".content pre > code"), function (code) {
    var pre = code.parentNode, wrapper = document.createElement("div"), button = document.createElement("button");
    wrapper.className = "code-block";
    button.type = "button";
    button.className = "copy-code";
    button.textContent = label;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = done;
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    wrapper.appendChild(button);
  });
})();
