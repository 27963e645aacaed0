// together.js: keeps together mode's gentle set timer current without a reload.
// Optional: the page says the same without it, as of when it was loaded.
(function () {
  'use strict';
  var p = document.querySelector('.timer[data-since]');
  if (!p) return;
  var since = Number(p.dataset.since);
  var serverNow = Number(p.dataset.now);
  var minutes = Number(p.dataset.minutes);
  var loaded = Date.now();
  function sentence() {
    var now = serverNow + Math.floor((Date.now() - loaded) / 1000);
    var m = Math.max(0, Math.floor((now - since) / 60));
    if (m < 1) return 'This set has just begun. About ' + minutes + ' minutes a set is plenty; there is no hurry.';
    if (m < minutes) return 'This set began ' + m + ' minute' + (m === 1 ? '' : 's') + ' ago. About ' + minutes + ' minutes a set is plenty.';
    return 'This set began ' + m + ' minutes ago. Move on whenever it feels right.';
  }
  setInterval(function () { p.textContent = sentence(); }, 30000);
})();
