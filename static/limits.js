// Limits said, not cut: fields carry data-max (characters, as the server
// counts them) instead of maxlength, which makes browsers cut pasted text
// without a word. This says how far over the limit a text is while it is
// written; the server refuses it with the same limit and keeps the text.
(function () {
  'use strict';
  var tn = duetWords(document.currentScript).tn;
  var lang = document.documentElement.lang || 'en';
  function count(text) { return Array.from(text).length; }

  function check(field) {
    var max = parseInt(field.getAttribute('data-max'), 10);
    if (!(max > 0)) return;
    var over = count(field.value) - max;
    var note = field._overNote;
    if (over <= 0) {
      if (note) note.textContent = '';
      field.removeAttribute('aria-invalid');
      return;
    }
    if (!note) {
      note = document.createElement('p');
      note.className = 'over';
      note.setAttribute('role', 'status');
      note.id = (field.id || field.name) + '-over';
      field.parentNode.insertBefore(note, field.nextSibling);
      var described = field.getAttribute('aria-describedby');
      field.setAttribute('aria-describedby', (described ? described + ' ' : '') + note.id);
      field._overNote = note;
    }
    field.setAttribute('aria-invalid', 'true');
    note.textContent = tn('This is %d character over the limit of %s. Shorten it a little before saving.',
      'This is %d characters over the limit of %s. Shorten it a little before saving.', over, over,
      max.toLocaleString(lang));
  }

  document.addEventListener('input', function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute('data-max')) check(event.target);
  });
  function start() {
    var fields = document.querySelectorAll('[data-max]');
    for (var i = 0; i < fields.length; i++) if (fields[i].value) check(fields[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
