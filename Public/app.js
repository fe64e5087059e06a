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

  // The org tree folds: a node's button hides or shows every row below it; a long tree opens two levels deep. On the
  // home page a node's children are not on the page until it is first unfolded (data-load): they are fetched then.
  var tree = document.querySelector('table.tree');
  if (tree) {
    var allRows = function () { return Array.prototype.slice.call(tree.querySelectorAll('tbody tr')); };
    var setFolded = function (path, folded) {
      allRows().forEach(function (row) {
        var p = row.getAttribute('data-path');
        if (p !== path && p.indexOf(path) === 0) row.classList.toggle('folded-away', folded);
      });
      var button = tree.querySelector('button[data-fold="' + path + '"]');
      if (button) { button.textContent = folded ? '▸' : '▾'; button.setAttribute('aria-expanded', String(!folded)); }
    };
    var load = function (button) {
      var url = button.getAttribute('data-load');
      button.removeAttribute('data-load');
      button.disabled = true;
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) {
          button.closest('tr').insertAdjacentHTML('afterend', html);
          button.disabled = false;
          setFolded(button.getAttribute('data-fold'), false);
        })
        .catch(function () {
          button.disabled = false;
          button.setAttribute('data-load', url);
          button.title = '下级加载失败，请重试';
        });
    };
    tree.addEventListener('click', function (e) {
      var button = e.target.closest('button[data-fold]');
      if (!button) return;
      if (button.hasAttribute('data-load')) load(button);
      else setFolded(button.getAttribute('data-fold'), button.getAttribute('aria-expanded') === 'true');
    });
    var rows = allRows();
    if (rows.length > 30 && !tree.querySelector('tr.context')) {
      rows.forEach(function (row) {
        if (row.getAttribute('data-depth') === '1' && row.querySelector('button[data-fold]')) setFolded(row.getAttribute('data-path'), true);
      });
    }
  }

  // A document's 打印 button.
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
