"""SVG charts generated at build time: no script, no third-party library, every label escaped.

Three primitives cover the site: horizontal bars (grouped or stacked), a centred funnel and a
unit chart (one square per participant). Each chart is an image to assistive technology
(``role="img"``) named by its <title> and described by a <desc> that reads its figures row by row;
the figures are also printed next to the bars, and :func:`figure` adds a table for the exact numbers.
Charts are marked ``data-search-exclude``: their labels would only clutter search results; the
tables are indexed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from esfkb.site.html.labels import format_number
from esfkb.site.html.markup import Html, el, esc

if TYPE_CHECKING:
    from collections.abc import Sequence

FONT = 12
CHAR_W = 6.6
PAD = 8
BAR_W = 320
VALUE_W = 64
MAX_LABEL_W = 230
TEXT = "currentColor"
LIGHT_INK = "#ffffff"
DARK_INK = "#1a1a1a"


@dataclass(frozen=True, slots=True)
class Series:
    """One coloured series of a chart."""

    name: str
    color: str


@dataclass(frozen=True, slots=True)
class Cell:
    """A value and how it reads; ``value`` None draws a dashed stub (suppressed) or nothing (no text)."""

    value: float | None
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled row of cells, one per series."""

    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Unit:
    """One square of a unit chart: a letter inside, a fill colour and a tooltip."""

    letter: str
    color: str
    tooltip: str
    dashed: bool = False


def _text_width(text: str) -> float:
    return len(text) * CHAR_W


def _clip(text: str, width: float) -> str:
    if _text_width(text) <= width + 0.5:
        return text
    limit = max(4, int(width / CHAR_W))
    return text[: limit - 1] + "…"


def _svg(chart_id: str, title: str, width: float, height: float, body: list[str], *, desc: str) -> Html:
    ident = esc(chart_id)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="esfkb-chart" id="{ident}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'role="img" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" font-size="{FONT}" '
            f'data-search-exclude=""><title id="{ident}-title">{esc(title)}</title>'
            f'<desc id="{ident}-desc">{esc(desc)}</desc>')
    return Html(head + "".join(body) + "</svg>")


def _describe(lines: Sequence[str]) -> str:
    """A chart's description: its rows' figures, a sentence per row."""
    return ". ".join(line.rstrip(".") for line in lines) + "." if lines else "Geen gegevens."


def _luminance(color: str) -> float:
    """The relative luminance of a #rrggbb or #rgb colour (WCAG 2.1)."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(fill: str) -> str:
    """The text colour with the higher contrast on ``fill`` (#rrggbb or #rgb): white or near-black."""
    light, dark, on = _luminance(LIGHT_INK), _luminance(DARK_INK), _luminance(fill)
    return LIGHT_INK if (light + 0.05) / (on + 0.05) >= (on + 0.05) / (dark + 0.05) else DARK_INK


def _label(x: float, y: float, text: str, width: float, anchor: str = "start") -> str:
    shown = _clip(text, width)
    tip = f"<title>{esc(text)}</title>" if shown != text else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" fill="{TEXT}" text-anchor="{anchor}" '
            f'dominant-baseline="middle">{esc(shown)}{tip}</text>')


def _rect(x: float, y: float, w: float, h: float, *, color: str, tip: str, dashed: bool = False) -> str:
    style = f'fill="none" stroke="{color}" stroke-width="1.5" stroke-dasharray="3 2"' if dashed else f'fill="{color}"'
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" rx="2" {style}>'
            f"<title>{esc(tip)}</title></rect>")


def _legend(series: Sequence[tuple[str, str, bool]], x0: float, y0: float, width: float) -> tuple[list[str], float]:
    """Legend items (name, colour, dashed) wrapped over lines; returns the parts and the height used."""
    parts: list[str] = []
    x, y = x0, y0
    for name, color, dashed in series:
        item_w = 18 + _text_width(name) + 14
        if x + item_w > x0 + width and x > x0:
            x, y = x0, y + 18
        parts.append(_rect(x, y, 12, 12, color=color, tip=name, dashed=dashed))
        parts.append(_label(x + 17, y + 6.5, name, _text_width(name) + 4))
        x += item_w
    return parts, y + 18 - y0


def bar_chart(chart_id: str, title: str, rows: Sequence[Row], series: Sequence[Series], *,
              stacked: bool = False) -> Html:
    """Horizontal bars, one row per label: grouped (a bar per series) or stacked (one bar, a segment per series)."""
    label_w = min(MAX_LABEL_W, max((_text_width(r.label) for r in rows), default=40) + 12)
    width = PAD + label_w + BAR_W + VALUE_W + PAD
    if stacked:
        totals = [sum(c.value or 0 for c in r.cells) for r in rows]
    else:
        totals = [c.value or 0 for r in rows for c in r.cells]
    scale = BAR_W / max(max(totals, default=0), 1)
    bar_h = 16 if stacked else 12
    row_h = bar_h + 8 if stacked else len(series) * (bar_h + 2) + 8
    body: list[str] = []
    y = PAD
    for row in rows:
        body.append(_label(PAD, y + (row_h - 8) / 2, row.label, label_w - 12))
        x0 = PAD + label_w
        if stacked:
            x = x0
            for cell, s in zip(row.cells, series, strict=True):
                if cell.value:
                    body.append(_rect(x, y, cell.value * scale, bar_h, color=s.color,
                                      tip=f"{row.label}, {s.name}: {cell.text}"))
                    x += cell.value * scale
            total = sum(c.value or 0 for c in row.cells)
            body.append(_label(x + 6, y + bar_h / 2, format_number(total), VALUE_W))
        else:
            for i, (cell, s) in enumerate(zip(row.cells, series, strict=True)):
                by = y + i * (bar_h + 2)
                body.extend(_bar(x0, by, bar_h, cell, scale=scale, color=s.color, tip=f"{row.label}, {s.name}"))
        y += row_h
    if len(series) > 1:
        parts, used = _legend([(s.name, s.color, False) for s in series], PAD, y + 4, width - 2 * PAD)
        body.extend(parts)
        y += used + 4
    lines = [_bar_line(row, series, stacked=stacked) for row in rows]
    return _svg(chart_id, title, width, y + PAD, body, desc=_describe(lines))


def _bar_line(row: Row, series: Sequence[Series], *, stacked: bool) -> str:
    """What a row of bars reads: its total and parts (stacked), or each series' figure."""
    parts = [f"{s.name} {c.text}" if len(series) > 1 else c.text
             for c, s in zip(row.cells, series, strict=True) if c.text and (c.value or not stacked)]
    if stacked:
        total = format_number(sum(c.value or 0 for c in row.cells))
        return f"{row.label}: {total}" + (f" ({', '.join(parts)})" if parts else "")
    return f"{row.label}: {', '.join(parts) or 'geen gegevens'}"


def _bar(x0: float, y: float, h: float, cell: Cell, *, scale: float, color: str, tip: str) -> list[str]:
    if cell.value is None:
        if not cell.text:
            return []
        return [_rect(x0, y, 12, h, color=color, tip=f"{tip}: {cell.text}", dashed=True),
                _label(x0 + 18, y + h / 2, cell.text, VALUE_W)]
    w = cell.value * scale
    return [_rect(x0, y, w, h, color=color, tip=f"{tip}: {cell.text}"),
            _label(x0 + w + 6, y + h / 2, cell.text, VALUE_W)]


def funnel_chart(chart_id: str, title: str, stages: Sequence[Row], color: str) -> Html:
    """A centred funnel: one bar per stage, widths relative to the largest shown value."""
    label_w = min(MAX_LABEL_W + 60, max((_text_width(s.label) for s in stages), default=40) + 12)
    width = PAD + label_w + BAR_W + VALUE_W + PAD
    values = [s.cells[0].value for s in stages if s.cells and s.cells[0].value is not None]
    scale = BAR_W / max(max(values, default=0), 1)
    row_h, bar_h = 30, 22
    body: list[str] = []
    y = PAD
    centre = PAD + label_w + BAR_W / 2
    for stage in stages:
        cell = stage.cells[0]
        mid = y + bar_h / 2
        body.append(_label(PAD, mid, stage.label, label_w - 12))
        if cell.value is not None:
            w = max(cell.value * scale, 2)
            body.append(_rect(centre - w / 2, y, w, bar_h, color=color, tip=f"{stage.label}: {cell.text}"))
        elif cell.text:
            body.append(_rect(centre - 8, y, 16, bar_h, color=color, tip=f"{stage.label}: {cell.text}", dashed=True))
        body.append(_label(PAD + label_w + BAR_W + 8, mid, cell.text or "niet gemeten", VALUE_W))
        y += row_h
    lines = [f"{s.label}: {s.cells[0].text or 'niet gemeten'}" for s in stages]
    return _svg(chart_id, title, width, y + PAD, body, desc=_describe(lines))


def unit_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Unit]]],
               legend: Sequence[tuple[str, str, bool]], note: str = "") -> Html:
    """One square per unit in labelled rows, with a count per row and a legend."""
    label_w = min(MAX_LABEL_W, max((_text_width(label) for label, _ in rows), default=40) + 12)
    size, gap = 20, 4
    most = max((len(units) for _, units in rows), default=0)
    width = max(PAD + label_w + most * (size + gap) + VALUE_W + PAD, 520)
    body: list[str] = []
    y = PAD
    for label, units in rows:
        body.append(_label(PAD, y + size / 2, label, label_w - 12))
        x = PAD + label_w
        for unit in units:
            body.append(_rect(x, y, size, size, color=unit.color, tip=unit.tooltip, dashed=unit.dashed))
            body.append(f'<text x="{x + size / 2:.1f}" y="{y + size / 2 + 0.5:.1f}" text-anchor="middle" '
                        f'dominant-baseline="middle" fill="{TEXT if unit.dashed else _ink(unit.color)}" '
                        f'font-weight="bold" aria-hidden="true">{esc(unit.letter)}</text>')
            x += size + gap
        body.append(_label(x + 4, y + size / 2, str(len(units)), VALUE_W))
        y += size + 8
    parts, used = _legend(legend, PAD, y + 4, width - 2 * PAD)
    body.extend(parts)
    y += used + 4
    if note:
        body.append(_label(PAD, y + 8, note, width - 2 * PAD))
        y += 18
    lines = [f"{label} ({len(units)}): {'; '.join(u.tooltip for u in units)}" if units else f"{label}: 0"
             for label, units in rows]
    return _svg(chart_id, title, width, y + PAD, body, desc=_describe([*lines, note] if note else lines))


def figure(chart: Html, caption: str, table: Html | None = None) -> Html:
    """A chart with its caption and, folded, the exact figures."""
    details = el("details", el("summary", "Cijfers"), table) if table else Html("")
    return el("figure", chart, el("figcaption", caption), details, class_="esfkb-figure")
