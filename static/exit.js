// Quick exit: the link works without JavaScript (it goes to /exit, which
// redirects to a neutral page). With JavaScript it also replaces this page in
// the tab's history, so the back button does not lead straight back to this
// page, and pressing Escape twice (within a second and a half) leaves too.
(function () {
  'use strict';
  function leave() { window.location.replace('/exit'); }
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a.quick-exit, a.quick-exit-button') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    window.location.replace(link.href);
  });
  var lastEscape = 0;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    var now = Date.now();
    if (now - lastEscape < 1500) leave();
    lastEscape = now;
  });
})();
