// words.js: the words a page script shows, in the page's language. The page
// hands them over on the script's own tag (data-words, written by the server
// in the reader's language: src/web/words.h); a script takes them once with
//   var w = duetWords(document.currentScript);
// and writes w.t(msgid, ...) and w.tn(one, many, n, ...), each msgid a single
// literal in English so that make po finds it. A word the page did not hand
// over is shown in English. Numbers and names go in through %d and %s, or
// %1$d, %2$s, … where a translation puts them in another order; %lld and %zu
// read as %d, so that a script may write a sentence the server writes too.
(function () {
  'use strict';
  function fill(text, args) {
    var next = 0;
    return text.replace(/%(?:(\d+)\$)?(?:ll|l|z)?([dius%])/g, function (all, pos, kind) {
      if (kind === '%') return '%';
      var v = args[pos ? Number(pos) - 1 : next++];
      return String(v === undefined ? '' : v);
    });
  }
  window.duetWords = function (script) {
    var words = {};
    try { words = JSON.parse((script && script.getAttribute('data-words')) || '{}'); } catch (e) { words = {}; }
    return {
      t: function (id) {
        var s = Object.prototype.hasOwnProperty.call(words, id) ? words[id] : id;
        return fill(s, Array.prototype.slice.call(arguments, 1));
      },
      // The form for n (the page hands over [for 1, for other counts]),
      // filled with the arguments after n, as hn() does on the server.
      tn: function (one, many, n) {
        var forms = Object.prototype.hasOwnProperty.call(words, one) ? words[one] : [one, many];
        return fill(forms[n === 1 ? 0 : 1], Array.prototype.slice.call(arguments, 3));
      },
    };
  };
})();
