// negotiate.js: keeps the "points left to give" counter of an allocation form
// up to date while typing. Optional: without it the page works the same, and
// the server checks the total and explains when it is not 100.
(function () {
  'use strict';
  var form = document.querySelector('form[data-total]');
  var out = document.getElementById('remaining');
  if (!form || !out) return;
  var total = parseInt(form.getAttribute('data-total'), 10);
  var inputs = form.querySelectorAll('input[data-points]');

  function update() {
    var sum = 0;
    for (var i = 0; i < inputs.length; i++) {
      var v = parseInt(inputs[i].value, 10);
      if (v > 0) sum += v;
    }
    var left = total - sum;
    var strong = document.createElement('strong');
    strong.textContent = String(Math.abs(left));
    out.textContent = '';
    if (left >= 0) {
      out.appendChild(document.createTextNode('Points left to give: '));
      out.appendChild(strong);
    } else {
      out.appendChild(document.createTextNode('That is '));
      out.appendChild(strong);
      out.appendChild(document.createTextNode(' too many.'));
    }
    out.classList.toggle('over', left < 0);
  }

  form.addEventListener('input', update);
  update();
})();
