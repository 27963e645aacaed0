// Quick rating of difference items, over the plain form (which works on its
// own): each rating is saved as it is made (PUT /api/v1/differences/items/
// {id}/rating), one item is shown at a time (tap a rating, or swipe on a
// phone), "Skip" counts as done, and "Show all items" brings the whole list
// back. The form's own button still saves everything and goes on to the next
// category.
(function () {
  'use strict';
  var form = document.querySelector('form.quick-rate');
  if (!form || !window.fetch) return;
  var items = Array.prototype.slice.call(form.querySelectorAll('fieldset.rate'));
  if (!items.length) return;
  var t = duetWords(document.currentScript).t;
  var doneLine = document.getElementById('rate-done');
  var status = document.createElement('p');
  status.className = 'rate-status';
  status.setAttribute('role', 'status');
  var nav = document.createElement('p');
  nav.className = 'rate-nav';
  function part(tag, cls, attr, value, text) {
    var el = document.createElement(tag);
    if (tag === 'button') el.type = 'button';
    el.className = cls;
    if (attr) el.setAttribute(attr, value);
    el.textContent = text;
    nav.appendChild(el);
    nav.appendChild(document.createTextNode(' '));
    return el;
  }
  var back = part('button', 'secondary', 'data-go', '-1', t('Back'));
  var count = part('span', 'rate-count', null, null, '');
  var next = part('button', 'secondary', 'data-go', '1', t('Next'));
  var all = part('button', 'link', 'data-all', '', t('Show all items'));
  form.insertBefore(status, items[0]);
  form.insertBefore(nav, items[0]);
  var oneAtATime = true;
  var current = 0;

  function idOf(set) { return set.id.replace(/^item-/, ''); }
  function isDone(set) { return !!set.querySelector('input[type=radio]:checked'); }
  function doneCount() { return items.filter(isDone).length; }

  function showDone() {
    if (doneLine) {
      doneLine.textContent = t('You have done %zu of %zu here (a skip counts).', doneCount(), items.length);
    }
  }

  function show(k) {
    current = Math.max(0, Math.min(items.length - 1, k));
    items.forEach(function (set, i) { set.hidden = oneAtATime && i !== current; });
    count.textContent = oneAtATime ? t('Item %d of %d', current + 1, items.length) : '';
    back.hidden = !oneAtATime;
    next.hidden = !oneAtATime;
    all.textContent = oneAtATime ? t('Show all items') : t('One at a time');
  }

  function body(set) {
    var picked = set.querySelector('input[type=radio]:checked');
    var guess = set.querySelector('select');
    var mark = set.querySelector('input[type=checkbox]');
    return JSON.stringify({
      rating: picked && picked.value !== 'skip' ? Number(picked.value) : null,
      important: !!(mark && mark.checked),
      guess: guess && guess.value !== '' ? Number(guess.value) : null,
    });
  }

  function save(set) {
    var legend = set.querySelector('legend').textContent;
    set.classList.add('unsaved');
    status.textContent = t('Saving…');
    return fetch('/api/v1/differences/items/' + encodeURIComponent(idOf(set)) + '/rating', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: body(set),
    }).then(function (res) {
      if (!res.ok) {
        return res.json().then(function (j) { throw new Error(j.error.message); },
          function () { throw new Error(t('duet did not answer as expected.')); });
      }
      set.classList.remove('unsaved');
      status.textContent = t('Saved: %s.', legend);
      showDone();
      return true;
    }).catch(function (e) {
      status.textContent = t('Not saved yet: %s. %s The button at the end saves everything.', legend, e.message || '');
      return false;
    });
  }

  form.addEventListener('change', function (event) {
    var set = event.target.closest('fieldset.rate');
    if (!set) return;
    var rated = event.target.type === 'radio';
    save(set).then(function (ok) {
      if (ok && rated && oneAtATime && items.indexOf(set) === current) {
        if (current + 1 < items.length) show(current + 1);
        else finish();
      }
    });
  });

  function finish() {
    oneAtATime = false;
    items.forEach(function (set) { set.hidden = true; });
    nav.hidden = true;
    status.textContent = t('All done here: %d of %d. Every rating is saved; the button below goes on to the next category.',
      doneCount(), items.length);
    var button = form.querySelector('button[type=submit]');
    if (button) button.focus();
  }

  nav.addEventListener('click', function (event) {
    var b = event.target.closest('button');
    if (!b) return;
    if (b.hasAttribute('data-all')) {
      oneAtATime = !oneAtATime;
      show(current);
    } else {
      show(current + Number(b.getAttribute('data-go')));
    }
  });

  // Swipe left for the next item, right for the one before.
  var startX = null, startY = null;
  form.addEventListener('touchstart', function (e) {
    if (!oneAtATime || e.touches.length !== 1) return;
    startX = e.touches[0].clientX;
    startY = e.touches[0].clientY;
  }, { passive: true });
  form.addEventListener('touchend', function (e) {
    if (startX === null) return;
    var dx = e.changedTouches[0].clientX - startX, dy = e.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
  }, { passive: true });

  // Start at the first item not yet done.
  var first = items.findIndex(function (set) { return !isDone(set); });
  show(first < 0 ? 0 : first);
})();
