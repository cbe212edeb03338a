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
