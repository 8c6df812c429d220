"""The library page: a search box, facet checkboxes with counts, and a list the browser fills with results.

The page is rendered here with every facet value and its count over the whole edition, so a reader
sees what the library holds before typing. The search runs in the browser against the edition's
chunked index (a local script, no CDN): it loads only the chunks a query needs, updates the counts
to the current results and lists them. Without script the page says so and points to the overviews.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from esfkb.matching.textfit import STOP_WORDS
from esfkb.site import routes
from esfkb.site.html.markup import Html, el, esc
from esfkb.site.search.records import FILTER_LABELS, filter_counts

if TYPE_CHECKING:
    from esfkb.site.context import SiteContext

INTRO = ("Zoek in alle businessmodellen, draaiboeken, proeftuinen en organisaties. Typ een paar woorden "
         "(bijvoorbeeld *schoonmaak maatwerkbedrijf*) en verfijn met de filters; je hoeft de woorden niet "
         "exact te schrijven: *samenwerkingen* vindt ook *samenwerking*.")
PLACEHOLDER_TEXT = "Bijvoorbeeld: schoonmaak in Limburg"
IDLE_TEXT = "Typ een zoekterm of kies een filter."
INDEX_SCRIPT = "pagefind.js"


def _checkbox(name: str, value: str) -> Html:
    return Html(f'<input type="checkbox" name="{esc(name)}" value="{esc(value)}" data-filter="{esc(name)}">')


def _facet(name: str, label: str, values: list[tuple[str, int]]) -> Html:
    options = [
        el("li", el("label", _checkbox(name, value), " ", el("span", value, class_="esfkb-library__value"), " ",
                    el("span", str(count), class_="esfkb-library__count", data_total=count)))
        for value, count in values
    ]
    return el("fieldset", el("legend", label), el("ul", *options), class_="esfkb-library__facet",
              data_filter=name, data_label=label)


def library(ctx: SiteContext, here: str) -> Html:
    """The library's search form, facets and (empty) result list, as seen from the page at ``here``."""
    counts = filter_counts(ctx)
    script = ctx.href(f"{routes.SEARCH_INDEX}/{INDEX_SCRIPT}", here)
    search_input = Html(
        f'<input type="search" id="esfkb-library-q" name="q" placeholder="{esc(PLACEHOLDER_TEXT)}" '
        'autocomplete="off" spellcheck="false" data-esfkb-query>')
    form = el("form", el("label", "Zoek in de bibliotheek", for_="esfkb-library-q"), search_input,
              el("button", "Zoeken", type="submit", class_="md-button md-button--primary"),
              class_="esfkb-library__form", role="search", data_esfkb_form=True)
    facets = [_facet(name, label, counts[name]) for name, label in FILTER_LABELS.items() if counts.get(name)]
    aside = el("aside", el("h2", "Filters", class_="esfkb-library__heading"), *facets,
               el("button", "Filters wissen", type="button", class_="md-button", data_esfkb_clear=True),
               class_="esfkb-library__facets", aria_label="Filters")
    results = el("section",
                 el("p", IDLE_TEXT, class_="esfkb-library__status", role="status", aria_live="polite",
                    data_esfkb_status=True),
                 el("ol", class_="esfkb-library__results", data_esfkb_results=True),
                 el("button", "Meer resultaten", type="button", class_="md-button", data_esfkb_more=True,
                    hidden=True),
                 class_="esfkb-library__output", aria_label="Resultaten")
    fallback = el("noscript", el("p", "Zoeken in de bibliotheek werkt met JavaScript. Zonder JavaScript vind je "
                                      "alle documenten via de overzichten in het menu.", class_="esfkb-empty"))
    return el("div", form, fallback, el("div", aside, results, class_="esfkb-library__body"),
              class_="esfkb-library", data_esfkb_library=True, data_index=script,
              data_stopwords=" ".join(sorted(STOP_WORDS)))
