/**
 * The portfolio's optional sort script: it turns each column header into a button that sorts
 * the rows (ascending, then descending; unmeasured values always last) and sets aria-sort.
 * Progressive only: the table is complete and in a sensible order without it, and Jenkins'
 * default CSP (which blocks inline scripts) just leaves the headers as plain text. The page's
 * own CSP allows this script by its hash and nothing else. Written without `<` and `&` so
 * the page stays XML-parsable without a CDATA section.
 */
export const SORT_SCRIPT = `(function () {
  var table = document.getElementById('portfolio-table');
  if (!table) return;
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var body = table.tBodies[0];
  function key(row, i) {
    var c = row.cells[i];
    return c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim();
  }
  function sortBy(th, i) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    var numeric = th.getAttribute('data-type') === 'number';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var a = key(x, i), b = key(y, i);
      if (a === '') return b === '' ? 0 : 1;
      if (b === '') return -1;
      var d = numeric ? Number(a) - Number(b) : a.localeCompare(b);
      return asc ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
  }
  heads.forEach(function (th, i) {
    var button = document.createElement('button');
    button.type = 'button';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () { sortBy(th, i); });
  });
  var hint = document.createElement('span');
  hint.className = 'hint';
  hint.textContent = ' (select a column heading to sort)';
  table.caption.appendChild(hint);
})();`;
