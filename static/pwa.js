// pwa.js: registers duet's service worker (static/sw.js, served at /sw.js),
// which lets duet be installed as an app and show an offline page. Browsers
// allow it on https:// and on this machine (localhost) only.
//
// Signing out also turns this browser's notifications off: the server deletes
// the subscriptions this session made (docs/SECURITY.md), and here the browser
// drops its own (PushSubscription.unsubscribe), so that the push service
// forgets it too. Best effort: the form is sent when that is done, or after
// at most 800 ms, or at once when there is nothing to drop.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {});
  if (!('PushManager' in window)) return;
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || form.getAttribute('action') !== '/signout' || ev.defaultPrevented) return;
    ev.preventDefault();
    var sent = false;
    function send() {
      if (sent) return;
      sent = true;
      HTMLFormElement.prototype.submit.call(form); // fires no submit event: no loop
    }
    setTimeout(send, 800);
    navigator.serviceWorker.getRegistration('/').then(function (r) {
      return r && r.pushManager.getSubscription();
    }).then(function (sub) {
      return sub && sub.unsubscribe();
    }).catch(function () { /* nothing to drop, or the browser said no: sign out anyway */ })
      .then(send);
  });
})();
