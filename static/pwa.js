// pwa.js: registers duet's service worker (static/sw.js, served at /sw.js),
// which lets duet be installed as an app and show an offline page. Browsers
// allow it on https:// and on this machine (localhost) only.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {});
})();
