/* Sorting and filtering of the esfkb overview tables. Local, dependency-free, no network access. */
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) return x - y;
    return a.localeCompare(b, "nl");
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellKey(r1, index), cellKey(r2, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(form) {
    var table = document.getElementById(form.getAttribute("data-esfkb-filters"));
    if (!table) return;
    var count = document.querySelector('[data-esfkb-count="' + table.id + '"]');
    var selects = form.querySelectorAll("select[data-facet]");
    function apply() {
      var rows = table.tBodies[0].rows, shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var visible = Array.prototype.every.call(selects, function (select) {
          if (!select.value) return true;
          var attr = "data-f-" + select.getAttribute("data-facet").replace(/_/g, "-");
          return (row.getAttribute(attr) || "").split(" ").indexOf(select.value) >= 0;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) count.textContent = shown + " van " + rows.length;
    }
    Array.prototype.forEach.call(selects, function (select) { select.addEventListener("change", apply); });
  }

  function init() {
    document.querySelectorAll("table[data-esfkb-sortable]").forEach(makeSortable);
    document.querySelectorAll("form[data-esfkb-filters]").forEach(makeFilterable);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material's instant navigation replaces the page without a reload
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
