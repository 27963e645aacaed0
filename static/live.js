// live.js: keeps a signed-in page current while the partner acts.
// It listens to /api/v1/events (Server-Sent Events: only "something of this
// kind changed", never what anyone wrote), fetches this same page again
// through the normal route, and puts its new <main> and menu in place,
// keeping whatever the person was typing and where they were. Without it,
// pages work the same and show changes on the next reload.
(function () {
  'use strict';
  if (!window.EventSource || !window.fetch || !window.DOMParser) return;
  var script = document.currentScript;
  var since = script && script.dataset.since;
  var kinds = ['prompt', 'dream', 'difference', 'repair', 'negotiation', 'agreement',
    'checkin', 'together', 'counsellor', 'couple', 'conversation'];
  var timer = null;
  var busy = false;
  var again = false;

  // Fields the person has changed and not sent, by form (its action and hidden
  // fields, so that a note for one question never lands on the next) and name.
  function formKey(form) {
    if (!form) return '';
    var k = form.getAttribute('action') || '';
    form.querySelectorAll('input[type=hidden]').forEach(function (h) {
      if (h.name !== 'csrf') k += '&' + h.name + '=' + h.value;
    });
    return k;
  }
  function fieldKey(el) {
    return formKey(el.form) + '|' + (el.name || el.id) + '|' + (el.type === 'radio' || el.type === 'checkbox' ? el.value : '');
  }
  function unsent(root) {
    var kept = [];
    root.querySelectorAll('input, textarea, select').forEach(function (el) {
      if (el.type === 'hidden' || (!el.name && !el.id)) return;
      var changed;
      if (el.type === 'checkbox' || el.type === 'radio') changed = el.checked !== el.defaultChecked;
      else if (el.tagName === 'SELECT') changed = Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      else changed = el.value !== el.defaultValue;
      if (changed) kept.push({ key: fieldKey(el), value: el.value, checked: el.checked });
    });
    return kept;
  }
  function restore(root, kept) {
    if (!kept.length) return;
    var byKey = {};
    kept.forEach(function (k) { byKey[k.key] = k; });
    root.querySelectorAll('input, textarea, select').forEach(function (el) {
      var k = byKey[fieldKey(el)];
      if (!k) return;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = k.checked;
      else el.value = k.value;
    });
  }

  function swap(doc) {
    var main = document.querySelector('main');
    var fresh = doc.querySelector('main');
    if (!main || !fresh) return false;
    var active = document.activeElement;
    var focusKey = active && main.contains(active) && (active.name || active.id) ? fieldKey(active) : null;
    var selStart = null, selEnd = null;
    try { selStart = active.selectionStart; selEnd = active.selectionEnd; } catch (e) { /* not a text field */ }
    var kept = unsent(main);
    var opened = {}; // <details> the person opened (or closed), by summary text
    main.querySelectorAll('details').forEach(function (d) {
      var sum = d.querySelector('summary');
      if (sum) opened[sum.textContent.trim()] = d.open;
    });
    var x = window.scrollX, y = window.scrollY;
    main.innerHTML = fresh.innerHTML;
    restore(main, kept);
    main.querySelectorAll('details').forEach(function (d) {
      var sum = d.querySelector('summary');
      var key = sum && sum.textContent.trim();
      if (key && Object.prototype.hasOwnProperty.call(opened, key)) d.open = opened[key];
    });
    // Scripts of the page itself (a points counter, a set timer) bind to the
    // elements they find: run them again on the new ones, with their words
    // (data-words: static/words.js).
    main.querySelectorAll('script[src]').forEach(function (old) {
      var s = document.createElement('script');
      Array.prototype.forEach.call(old.attributes, function (a) { s.setAttribute(a.name, a.value); });
      old.replaceWith(s);
    });
    var nav = document.querySelector('header.top nav');
    var freshNav = doc.querySelector('header.top nav');
    if (nav && freshNav) {
      var wasOpen = nav.querySelector('details[open]');
      nav.innerHTML = freshNav.innerHTML;
      var d = nav.querySelector('details');
      if (wasOpen && d) d.open = true;
    }
    if (doc.title) document.title = doc.title;
    if (focusKey) {
      main.querySelectorAll('input, textarea, select, button').forEach(function (el) {
        if ((el.name || el.id) && fieldKey(el) === focusKey) {
          el.focus({ preventScroll: true });
          try { if (selStart !== null) el.setSelectionRange(selStart, selEnd); } catch (e) { /* not a text field */ }
        }
      });
    }
    window.scrollTo(x, y);
    return true;
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (res.redirected && new URL(res.url).pathname !== location.pathname) { location.assign(res.url); return null; }
        if (!res.ok) return null; // gone, or not for now: the page stays as it is
        return res.text();
      })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        if (!swap(doc)) location.reload();
        document.dispatchEvent(new CustomEvent('duet:updated'));
      })
      .catch(function () { /* offline for a moment: the next event tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  // What this page itself just wrote comes back as an event too, marked
  // "mine" (the server marks events on the stream of whoever caused them).
  // The page already shows it, and a script on it (quick rating) may be
  // half-way through the next step, so such an echo is not fetched again; a
  // partner's move in those seconds waits until they are over, never lost.
  var ownWriteAt = 0;
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var method = (init && init.method) || 'GET';
    if (String(method).toUpperCase() !== 'GET') ownWriteAt = Date.now();
    return realFetch.apply(this, arguments);
  };
  document.addEventListener('submit', function () { ownWriteAt = Date.now(); }, true);

  // A page nobody is looking at waits until it is looked at again: what it
  // would show is still news then.
  var waiting = false, deferred = null;
  function soon(mine) {
    var left = 3000 - (Date.now() - ownWriteAt);
    if (left > 0) {
      if (!mine && !deferred) deferred = setTimeout(function () { deferred = null; soon(false); }, left);
      return;
    }
    if (document.visibilityState === 'hidden') { waiting = true; return; }
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { timer = null; refresh(); }, 100);
  }
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'hidden' && waiting) { waiting = false; soon(); }
  });

  var es = new EventSource('/api/v1/events' + (since ? '?since=' + encodeURIComponent(since) : ''));
  // A partner joining in the very second this page was made is already on it
  // (the replay from ?since= counts whole seconds), so that echo is not fetched.
  // A counsellor's page of one couple: news of another couple is not for it.
  var onCouple = /^\/counsellor\/couples\/\d+/.exec(location.pathname);
  function onEvent(ev) {
    if (onCouple) {
      try {
        var url = JSON.parse(ev.data).url || '';
        if (url.indexOf('/counsellor/couples/') === 0 && url.split('/').slice(0, 4).join('/') !== onCouple[0]) return;
      } catch (e) { /* not ours to judge: fetch */ }
    }
    var data = {};
    try { data = JSON.parse(ev.data) || {}; } catch (e) { /* not ours to judge: fetch */ }
    if (ev.type === 'couple' && since) {
      var at = Math.floor(Date.parse(data.at) / 1000);
      if (at <= Number(since)) return;
    }
    soon(data.mine === true);
  }
  kinds.forEach(function (k) { es.addEventListener(k, onEvent); });
  es.addEventListener('reset', function () { soon(false); });
})();
