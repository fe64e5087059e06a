// Progressive enhancement only: every page and form works without this file.
(function () {
  'use strict';

  // A refused form: bring the list of problems into view and give it the focus, so nothing is refused out of sight.
  var problems = document.getElementById('problems');
  if (problems) {
    problems.scrollIntoView({ block: 'start' });
    problems.focus({ preventScroll: true });
  }

  // On a phone a list reads as cards: each cell carries its column's heading (styles.css shows it).
  Array.prototype.forEach.call(document.querySelectorAll('table.list'), function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll('tbody tr'), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', heads[i]);
      });
    });
    table.classList.add('as-cards');
  });

  // A document's 打印 button.
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
