"""Contact data in disguise, one entry per family (#17 finding 3), as an author writes it in Markdown.

Shared by validate's tests (file:line of each), the leak scan's (the same text rendered to HTML) and
the build's. Addresses and numbers are fictitious (``*.invalid``, the tests' own numbers).
"""

from __future__ import annotations

EMAIL = "jan.peeters@bakkerij-peeters.invalid"
PHONE = "+32470123456"
NAME = "Jan Peeters"

EMAIL_FAMILIES = {
    "mailto-percent": "[mail](mailto:jan.peeters%40bakkerij-peeters.invalid)",
    "empty-element": "jan.peeters<b></b>@bakkerij-peeters.invalid",
    "element-around-a-part": "<span>jan.peeters</span>@bakkerij-peeters.invalid",
    "soft-hyphen": "jan.pee\u00adters@bakkerij-pee\u00adters.invalid",
    "zero-width": "jan.pee\u200bters@bakkerij\u200d-peeters.invalid",
    "bidi-control": "jan.peeters\u202e@\u202cbakkerij-peeters.invalid",
    "decimal-entity": "jan.peeters&#64;bakkerij-peeters.invalid",
    "named-entities": "jan.peeters&commat;bakkerij-peeters&period;invalid",
    "hex-entity": "jan.peeters&#x40;bakkerij-peeters.invalid",
    "double-encoded": "jan.peeters&amp;#64;bakkerij-peeters.invalid",
    "at-dot-brackets": "jan.peeters [at] bakkerij-peeters [dot] invalid",
    "at-punt-parentheses": "jan.peeters(at)bakkerij-peeters(punt)invalid",
    "apenstaartje-braces": "jan.peeters {apenstaartje} bakkerij-peeters.invalid",
    "spelled-out": "jan.peeters AT bakkerij-peeters punt invalid",
    "full-width": "jan.peeters\uff20bakkerij-peeters\uff0einvalid",
}
PHONE_FAMILIES = {
    "full-width-digits": "bel \uff10\uff14\uff17\uff10 \uff11\uff12 \uff13\uff14 \uff15\uff16",
    "trunk-zero": "bel +32 (0)470 12 34 56",
    "double-zero": "bel 0032 470 12 34 56",
    "dots-and-slashes": "bel 0470/12.34.56",
    "split-by-tags": "bel 0470 <b>12</b> 34 <i>56</i>",
    "soft-hyphens": "bel 0470\u00ad12\u00ad34\u00ad56",
    "entities": "bel &#48;470 12 34 56",
    "no-break-spaces": "bel 0470\u00a012\u00a034\u00a056",
    "tel-link": "[bel](tel:%2B32470123456)",
}
NAME_FAMILIES = {
    "soft-hyphen": "dank aan Jan Pee\u00adters",
    "element-inside": "dank aan Jan <b>Pee</b>ters",
    "no-break-space": "dank aan Jan&nbsp;Peeters",
    "zero-width": "dank aan Jan\u200b Pee\u200dters",
    "upper-case": "dank aan JAN PEETERS",
    "full-width": "dank aan \uff2aan Peeters",
}
"""A name is contact data only by the contacts file: the leak scan finds these where one is configured."""
CLEAN = (
    "KBO 0300.000.214, ondernemingsnummer BE 0400 000 383 en 0400.000.383.",
    "Postcode 2200 Herentals, 9300 Aalst; 1000 Brussel.",
    "Op 12/03/2024, 2024-03-12, 12.03.2024 en 31-12-2025 om 08:00-12:00.",
    "IBAN BE68 5390 0754 7034 of BE68539007547034, BIC GKCCBEBB.",
    "Dit is punt 3 van de agenda; op dat punt (punt twee) stoppen we. Een punt. Zie (punt) 4.",
    "Kijk at home; Jan (at) het werk. The team met at noon. Wat staat er op de lat?",
    "Versie 1.2.3, NACE 52.10 en 81.21, 12,5% en 100%, 3 &lt; 4 &amp; 5.",
    "Het project liep van 2019 tot 2024 (5 jaar) voor 1.234.567 euro; referentie 2024/0012/345.",
    "Mail de functionele mailbox info@werkbrug.example.",
)
