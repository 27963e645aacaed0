// together.js: keeps together mode's gentle set timer current without a reload.
// Optional: the page says the same without it, as of when it was loaded.
(function () {
  'use strict';
  var p = document.querySelector('.timer[data-since]');
  if (!p) return;
  var w = duetWords(document.currentScript), t = w.t, tn = w.tn;
  var since = Number(p.dataset.since);
  var serverNow = Number(p.dataset.now);
  var minutes = Number(p.dataset.minutes);
  var loaded = Date.now();
  function sentence() {
    var now = serverNow + Math.floor((Date.now() - loaded) / 1000);
    var m = Math.max(0, Math.floor((now - since) / 60));
    // The sentences the server writes on the page (src/know/together_mode.c).
    if (m < 1) return t('This set has just begun. About %d minutes a set is plenty; there is no hurry.', minutes);
    if (m < minutes) {
      return tn('This set began %lld minute ago. About %d minutes a set is plenty.',
        'This set began %lld minutes ago. About %d minutes a set is plenty.', m, m, minutes);
    }
    return t('This set began %lld minutes ago. Move on whenever it feels right.', m);
  }
  setInterval(function () { p.textContent = sentence(); }, 30000);
})();
