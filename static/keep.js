// Keeping what duet shows once: Copy, Share (the Web Share API where the
// browser has it) and Download buttons for invite links and recovery codes,
// and the browser's time zone as the default on sign-up. Everything here is an
// extra: without JavaScript the text is on the page to select and the buttons
// stay hidden.
//   <p hidden data-needs-js>…</p>                   shown when this script runs
//   <button data-copy="ID">                         copies the text of #ID
//   <button data-share="ID" data-share-title="…">   shares it (hidden without the API)
//   <button data-download="ID" data-filename="…">   saves it as a small text file
//   <input type="hidden" name="time_zone" data-browser-zone>
(function () {
  'use strict';
  var t = duetWords(document.currentScript).t;

  function textOf(id) {
    var el = document.getElementById(id);
    if (!el) return '';
    return (el.href && el.tagName === 'A' ? el.href : el.textContent).trim();
  }

  function say(button, words) {
    var box = button.parentNode.querySelector('.copied');
    if (box) box.textContent = words;
  }

  // The old way, for browsers without the Clipboard API or outside a secure
  // context (duet is often served over plain http on a home network).
  function copyBySelection(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(button) {
    var text = textOf(button.getAttribute('data-copy'));
    function done(ok) {
      say(button, ok ? t('Copied.') : t('Copying did not work here: select the text and copy it.'));
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
        function () { done(copyBySelection(text)); });
    } else {
      done(copyBySelection(text));
    }
  }

  function share(button) {
    var text = textOf(button.getAttribute('data-share'));
    var data = { title: button.getAttribute('data-share-title') || 'duet' };
    if (/^https?:/.test(text)) data.url = text; else data.text = text;
    navigator.share(data).catch(function () { /* closed without sharing */ });
  }

  function download(button) {
    var text = textOf(button.getAttribute('data-download'));
    var note = button.getAttribute('data-note') || '';
    var blob = new Blob([note + text + '\n'], { type: 'text/plain' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute('data-filename') || 'duet.txt';
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say(button, t('Saved as %s.', link.download));
  }

  function start() {
    var shown = document.querySelectorAll('[data-needs-js]');
    for (var i = 0; i < shown.length; i++) shown[i].hidden = false;
    if (navigator.share) {
      var shares = document.querySelectorAll('[data-share]');
      for (var j = 0; j < shares.length; j++) shares[j].hidden = false;
    }
    var zones = document.querySelectorAll('input[data-browser-zone]');
    var zone = '';
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { zone = ''; }
    for (var k = 0; k < zones.length; k++) if (!zones[k].value) zones[k].value = zone;
  }

  document.addEventListener('click', function (event) {
    var b = event.target.closest ? event.target.closest('button') : null;
    if (!b) return;
    if (b.hasAttribute('data-copy')) copy(b);
    else if (b.hasAttribute('data-share')) share(b);
    else if (b.hasAttribute('data-download')) download(b);
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
