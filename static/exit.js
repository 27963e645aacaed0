// Quick exit: the link works without JavaScript (it goes to /exit, which
// redirects to a neutral page). With JavaScript it also replaces this page in
// the tab's history, so the back button does not lead straight back to duet.
document.addEventListener('click', function (event) {
  var link = event.target.closest ? event.target.closest('a.quick-exit, a.quick-exit-button') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  window.location.replace(link.href);
});
