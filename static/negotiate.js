// negotiate.js: keeps the "points left to give" counter of an allocation form
// up to date while typing. Optional: without it the page works the same, and
// the server checks the total and explains when it is not 100.
(function () {
  'use strict';
  var form = document.querySelector('form[data-total]');
  var out = document.getElementById('remaining');
  if (!form || !out) return;
  var t = duetWords(document.currentScript).t;
  var total = parseInt(form.getAttribute('data-total'), 10);
  var inputs = form.querySelectorAll('input[data-points]');

  function update() {
    var sum = 0;
    for (var i = 0; i < inputs.length; i++) {
      var v = parseInt(inputs[i].value, 10);
      if (v > 0) sum += v;
    }
    var left = total - sum;
    // The server's own sentences, with the number in <strong>: the words
    // around it become text, never markup.
    var words = left >= 0 ? t('Points left to give: <strong>%lld</strong>', '\u0001')
      : t('That is <strong>%lld</strong> too many.', '\u0001');
    out.textContent = '';
    words.split('<strong>\u0001</strong>').forEach(function (text, i) {
      if (i) {
        var strong = document.createElement('strong');
        strong.textContent = String(Math.abs(left));
        out.appendChild(strong);
      }
      out.appendChild(document.createTextNode(text));
    });
    out.classList.toggle('over', left < 0);
  }

  form.addEventListener('input', update);
  update();
})();
