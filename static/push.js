// push.js: the Notifications section of the account page. Fills in the
// device's time zone for quiet hours, and turns Web Push on or off for this
// device through the browser's Push API and duet's /api/v1/push routes.
// Without it the settings form still works; only turning a device on needs it.
(function () {
  'use strict';
  var t = duetWords(document.currentScript).t;
  var offset = document.getElementById('utc_offset');
  if (offset) {
    var mins = -new Date().getTimezoneOffset();
    offset.value = String(mins);
    var a = Math.abs(mins);
    var label = document.getElementById('tz-label');
    if (label) label.textContent = 'UTC' + (mins < 0 ? '-' : '+') + String(Math.floor(a / 60)).padStart(2, '0') + ':' + String(a % 60).padStart(2, '0');
  }
  var status = document.getElementById('push-status');
  var on = document.getElementById('push-on');
  var off = document.getElementById('push-off');
  var test = document.getElementById('push-test');
  if (!status || !on) return;
  function say(text) { status.textContent = text; }
  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
    test.hidden = !subscribed;
  }
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !window.isSecureContext) {
    say(t('This browser cannot show notifications from duet at this address. They need a secure (https://) address and a browser that supports them.'));
    return;
  }
  function api(method, path, body) {
    return fetch(path, {
      method: method, credentials: 'same-origin',
      // JSON, with a body or not: duet takes a cookie-authenticated change only
      // with a form token, X-CSRF-Token or this content type (docs/API.md).
      headers: { 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      if (res.status === 204) return null;
      return res.json().then(function (j) {
        if (!res.ok) throw new Error(j && j.error ? j.error.message : t('Something went wrong.'));
        return j;
      });
    });
  }
  function bytes(b64) {
    var s = atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64.length + 3) % 4));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  var reg = navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () { return navigator.serviceWorker.ready; });
  reg.then(function (r) { return r.pushManager.getSubscription(); }).then(function (sub) {
    say(sub ? t('Notifications are on for this device.') : t('Notifications are off for this device.'));
    show(Boolean(sub));
  }).catch(function () { say(t('Notifications could not be checked on this device.')); });

  on.addEventListener('click', function () {
    on.disabled = true;
    Notification.requestPermission().then(function (p) {
      if (p !== 'granted') throw new Error(t("This browser is set to block notifications from duet. You can allow them in the browser's site settings."));
      return Promise.all([reg, api('GET', '/api/v1/push/key')]);
    }).then(function (v) {
      return v[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(v[1].public_key) });
    }).then(function (sub) {
      return api('POST', '/api/v1/push/subscriptions', sub.toJSON());
    }).then(function () {
      say(t('Notifications are on for this device.'));
      show(true);
    }).catch(function (err) {
      say(err.message || t('Notifications could not be turned on.'));
    }).then(function () { on.disabled = false; });
  });

  off.addEventListener('click', function () {
    reg.then(function (r) { return r.pushManager.getSubscription(); }).then(function (sub) {
      return api('GET', '/api/v1/push/subscriptions').then(function (list) {
        var mine = list.subscriptions.filter(function (s) { return sub && s.endpoint === sub.endpoint; });
        return Promise.all(mine.map(function (s) { return api('DELETE', '/api/v1/push/subscriptions/' + s.id); }));
      }).then(function () { return sub && sub.unsubscribe(); });
    }).then(function () {
      say(t('Notifications are off for this device.'));
      show(false);
    }).catch(function (err) { say(err.message); });
  });

  test.addEventListener('click', function () {
    api('POST', '/api/v1/push/test').then(function () {
      say(t('A test notification is on its way.'));
    }).catch(function (err) { say(err.message); });
  });
})();
