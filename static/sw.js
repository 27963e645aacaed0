// sw.js: duet's service worker, served at /sw.js so that its scope is the
// whole site. It keeps only the shell (stylesheet, scripts, icons, the
// offline page) in the browser's cache storage, never a page or an API
// answer: what partners write must not sit on the device. Everything else goes
// to the network as if there were no service worker; a page that cannot load
// shows the offline page instead, in the language of the last page that did
// (the server writes /offline in the reader's language and says which in
// Content-Language).
'use strict';
var SHELL = 'duet-shell-3';
var FILES = [
  '/offline', '/manifest.webmanifest', '/favicon.ico',
  '/static/style.css', '/static/exit.js', '/static/pwa.js', '/static/together.js',
  '/static/negotiate.js', '/static/push.js', '/static/icon.svg', '/static/icon-192.png', '/static/icon-512.png',
];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(FILES); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (FILES.indexOf(url.pathname) >= 0 && !url.search) {
    // The shell: the network first (so it is never stale), the kept copy offline.
    event.respondWith(fetch(req).then(function (res) {
      if (res.ok) {
        var copy = res.clone();
        caches.open(SHELL).then(function (c) { return c.put(url.pathname, copy); });
      }
      return res;
    }).catch(function () { return caches.match(url.pathname); }));
    return;
  }
  if (req.mode === 'navigate') {
    // A page: only ever from the network, never kept.
    event.respondWith(fetch(req).then(function (res) {
      var lang = res.headers.get('Content-Language');
      if (res.ok && lang) event.waitUntil(offlineIn(lang));
      return res;
    }, function () { return caches.match('/offline'); }));
  }
  // Anything else (API answers, page fragments): untouched, network only.
});

// Keeps the offline page in lang: fetched again when the kept one is in
// another (the person chose another language, or signed in as someone else).
function offlineIn(lang) {
  return caches.open(SHELL).then(function (c) {
    return c.match('/offline').then(function (kept) {
      if (kept && kept.headers.get('Content-Language') === lang) return undefined;
      return c.add('/offline');
    });
  }).catch(function () { /* offline again, or storage full: the old copy stays */ });
}

// A push message from duet carries only {title, body, url}: see src/push/.
self.addEventListener('push', function (event) {
  var m = {};
  try { m = event.data ? event.data.json() : {}; } catch (e) { m = {}; }
  event.waitUntil(self.registration.showNotification(m.title || 'duet', {
    body: m.body || '', // duet always sends one, in the person's language
    icon: '/static/icon-192.png',
    tag: 'duet',
    data: { url: typeof m.url === 'string' && m.url.charAt(0) === '/' ? m.url : '/' },
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = event.notification.data && event.notification.data.url || '/';
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if (new URL(list[i].url).origin === self.location.origin && 'focus' in list[i]) {
        list[i].navigate(target);
        return list[i].focus();
      }
    }
    return self.clients.openWindow(target);
  }));
});
