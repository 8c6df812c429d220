/* The library page: full-text and faceted search with the site's own Pagefind index.
 *
 * Local and dependency-free: pagefind.js is imported from this site (relative to the page, so any base
 * URL works), and Pagefind fetches only the index chunks a query needs. Facet values and their totals
 * are rendered with the page. The facets' own chunks (some 130 KB at 10,000 documents) are loaded the
 * first time a reader ticks a facet: from then on every search updates the counts to its results; a
 * query typed before that shows no counts rather than stale ones. Results come ten at a time, and the
 * query stays in the address (?q=...&provincie=...), which the header form uses. Dutch stop words
 * ("hoe", "een", "met": listed by the page, from the core) are left out of the query unless it has
 * nothing else: they are on nearly every page, so they rank nothing, and their index chunks are the
 * largest of all (a question in plain Dutch would otherwise fetch half a megabyte at 10,000 documents).
 * Every text from the index is written with textContent: content never becomes markup here.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 200;

  function text(tag, value, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matched words: keep the marks, nothing else. */
  function excerptNode(excerpt) {
    var paragraph = document.createElement("p");
    paragraph.className = "esfkb-library__summary";
    var parsed = new DOMParser().parseFromString("<body>" + excerpt + "</body>", "text/html");
    Array.prototype.forEach.call(parsed.body.childNodes, function (node) {
      if (node.nodeName === "MARK") paragraph.appendChild(text("mark", node.textContent));
      else paragraph.appendChild(document.createTextNode(node.textContent));
    });
    return paragraph;
  }

  function init() {
    var root = document.querySelector("[data-esfkb-library]");
    if (!root || root.getAttribute("data-esfkb-ready")) return;
    root.setAttribute("data-esfkb-ready", "1");

    var form = root.querySelector("[data-esfkb-form]");
    var input = root.querySelector("[data-esfkb-query]");
    var status = root.querySelector("[data-esfkb-status]");
    var list = root.querySelector("[data-esfkb-results]");
    var more = root.querySelector("[data-esfkb-more]");
    var clear = root.querySelector("[data-esfkb-clear]");
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-filter]"));
    var labels = {};
    var order = [];
    root.querySelectorAll("fieldset[data-filter]").forEach(function (fieldset) {
      labels[fieldset.getAttribute("data-filter")] = fieldset.getAttribute("data-label");
      order.push(fieldset.getAttribute("data-filter"));
    });
    var idleText = status.textContent;
    var stopWords = new Set((root.getAttribute("data-stopwords") || "").split(" "));
    var indexUrl = new URL(root.getAttribute("data-index"), document.baseURI).href;
    var siteRoot = new URL("../", indexUrl).href;  /* the index lives in the site's pagefind/ folder */
    var loading = null;
    var facetsLoading = null;
    var facetsLoaded = false;
    var generation = 0;
    var current = [];
    var shown = 0;
    var timer = null;

    function pagefind() {
      if (!loading) {
        loading = import(indexUrl).then(function (module) {
          return module.options({ excerptLength: 24 }).then(function () { return module; });
        });
      }
      return loading;
    }

    /* The index with every filter chunk loaded, so that each search returns counts for every facet. */
    function pagefindWithFacets() {
      if (!facetsLoading) {
        facetsLoading = pagefind().then(function (module) {
          return module.filters().then(function () {
            facetsLoaded = true;
            return module;
          });
        });
      }
      return facetsLoading;
    }

    function selected() {
      var filters = {};
      boxes.forEach(function (box) {
        if (!box.checked) return;
        var name = box.getAttribute("data-filter");
        (filters[name] = filters[name] || []).push(box.value);
      });
      return filters;
    }

    function countOf(box) {
      return box.closest("label").querySelector(".esfkb-library__count");
    }

    /* counts: Pagefind's per-value counts for the results; "total": the page's totals; null: unknown. */
    function setCounts(counts) {
      boxes.forEach(function (box) {
        var count = countOf(box);
        var value = counts === "total" ? parseInt(count.getAttribute("data-total"), 10)
          : counts ? ((counts[box.getAttribute("data-filter")] || {})[box.value] || 0) : null;
        var empty = value === 0 && !box.checked;
        count.textContent = value === null ? "" : String(value);
        box.disabled = empty;
        box.closest("li").classList.toggle("esfkb-library__option--empty", empty);
      });
    }

    function remember(term, filters) {
      var params = new URLSearchParams();
      if (term) params.set("q", term);
      order.forEach(function (name) {
        (filters[name] || []).forEach(function (value) { params.append(name, value); });
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    /* A result's page: the record's "url" meta, site-absolute; the indexed file is only a numbered record. */
    function pageUrl(data) {
      return data.meta.url ? new URL(data.meta.url.replace(/^\/+/, ""), siteRoot).href : data.url;
    }

    function resultItem(data) {
      var item = document.createElement("li");
      item.className = "esfkb-library__result";
      var heading = document.createElement("h3");
      var anchor = text("a", data.meta.title || data.meta.url);
      anchor.href = pageUrl(data);
      heading.appendChild(anchor);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(text("span", data.meta.soort || "", "esfkb-library__kind"));
      item.appendChild(heading);
      if (data.meta.samenvatting) item.appendChild(text("p", data.meta.samenvatting, "esfkb-library__summary"));
      else if (data.excerpt) item.appendChild(excerptNode(data.excerpt));
      var facets = document.createElement("dl");
      facets.className = "esfkb-library__values";
      order.forEach(function (name) {
        var values = (data.filters || {})[name];
        if (name === "soort" || !values || !values.length) return;
        facets.appendChild(text("dt", labels[name]));
        facets.appendChild(text("dd", values.join(", ")));
      });
      if (facets.childNodes.length) item.appendChild(facets);
      return item;
    }

    function showMore(mine) {
      var batch = current.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        if (mine !== generation) return;
        pages.forEach(function (data) { list.appendChild(resultItem(data)); });
        more.hidden = shown >= current.length;
      });
    }

    /* The words of a query that can tell pages apart: without stop words, unless that leaves none. */
    function searchable(term) {
      var words = term.split(/\s+/).filter(function (word) {
        return word && !stopWords.has(word.toLowerCase().replace(/[^a-z\u00e0-\u00ff]/g, ""));
      });
      return words.length ? words.join(" ") : term;
    }

    function search() {
      var term = input.value.trim();
      var filters = selected();
      var mine = ++generation;
      remember(term, filters);
      if (!term && !Object.keys(filters).length) {
        current = [];
        list.replaceChildren();
        more.hidden = true;
        status.textContent = idleText;
        setCounts("total");
        return Promise.resolve();
      }
      status.textContent = "Zoeken…";
      var withCounts = facetsLoaded || Object.keys(filters).length > 0;
      return (withCounts ? pagefindWithFacets() : pagefind()).then(function (index) {
        return index.search(term ? searchable(term) : null, { filters: filters });
      }).then(function (found) {
        if (mine !== generation) return;
        current = found.results;
        shown = 0;
        list.replaceChildren();
        setCounts(withCounts ? found.filters : null);
        var n = current.length;
        var what = n === 1 ? "1 resultaat" : n + " resultaten";
        status.textContent = n ? what + (term ? " voor ‘" + term + "’" : "") : "Geen resultaten" +
          (term ? " voor ‘" + term + "’" : "") + ". Probeer andere woorden of minder filters.";
        return showMore(mine);
      }).catch(function (error) {
        if (mine !== generation) return;
        status.textContent = "De zoekindex kon niet geladen worden.";
        if (window.console) console.error(error);
      });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(search, DEBOUNCE_MS);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search();
    });
    input.addEventListener("input", later);
    boxes.forEach(function (box) { box.addEventListener("change", search); });
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      search();
    });
    /* The button hides once every result is listed: focus moves to the first new result, never to the page. */
    more.addEventListener("click", function () {
      var first = shown;
      showMore(generation).then(function () {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    boxes.forEach(function (box) {
      box.checked = params.getAll(box.getAttribute("data-filter")).indexOf(box.value) >= 0;
    });
    if (input.value || boxes.some(function (box) { return box.checked; })) search();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material's instant navigation replaces the page without a reload
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
