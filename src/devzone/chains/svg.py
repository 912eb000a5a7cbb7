"""Draw a chain as an SVG on the server: one column per position, arrows for supply edges.

No JavaScript and no external library: the page works offline under a strict CSP. Colours are
SVG presentation attributes (not inline CSS), so the CSP's ``style-src 'self'`` allows them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from devzone.chains.choices import POSITION_ORDER, LinkPosition
from devzone.chains.models import Link, LinkEdge
from devzone.core.names import shown_name

NODE_W, NODE_H = 150, 40
COL_GAP, ROW_GAP, MARGIN, HEADER = 90, 18, 20, 30
COLOURS = {
    "gap": ("#fdecea", "#c0392b"),
    "local": ("#e6f4ea", "#1e7e34"),
    "plain": ("#f4f6f8", "#6b7785"),
}


def _layout(links: Iterable[Link]) -> dict[int, tuple[int, int]]:
    """Top-left corner of each link's box: column by position, rows in name order."""
    places: dict[int, tuple[int, int]] = {}
    for column, position in enumerate(POSITION_ORDER):
        members = sorted((link for link in links if link.position == position), key=str)
        for row, link in enumerate(members):
            x = MARGIN + column * (NODE_W + COL_GAP)
            y = MARGIN + HEADER + row * (NODE_H + ROW_GAP)
            places[link.pk] = (x, y)
    return places


def _edge(start: tuple[int, int], end: tuple[int, int]) -> str:
    x1, y1 = start[0] + NODE_W, start[1] + NODE_H // 2
    x2, y2 = end[0], end[1] + NODE_H // 2
    if x2 <= x1:  # same column or backwards: leave from the bottom, enter at the top
        x1, y1 = start[0] + NODE_W // 2, start[1] + NODE_H
        x2, y2 = end[0] + NODE_W // 2, end[1]
    middle = (x1 + x2) // 2
    return (
        f'<path d="M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}" fill="none" '
        f'stroke="#8a96a3" stroke-width="1.5" marker-end="url(#arrow)"/>'
    )


def _node(link: Link, place: tuple[int, int], kind: str, local: int) -> str:
    fill, stroke = COLOURS[kind]
    x, y = place
    label = escape(shown_name(link))
    detail = escape(_("gap") if kind == "gap" else _("%(count)s local") % {"count": local})
    return (
        f'<g class="link link-{kind}"><title>{label}: {detail}</title>'
        f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{2 if kind == "gap" else 1}"/>'
        f'<text x="{x + NODE_W // 2}" y="{y + 17}" text-anchor="middle" font-size="14" '
        f'fill="#1f2933">{label}</text>'
        f'<text x="{x + NODE_W // 2}" y="{y + 33}" text-anchor="middle" font-size="11" '
        f'fill="{stroke}">{detail}</text></g>'
    )


def chain_svg(
    links: list[Link], edges: list[LinkEdge], gap_ids: set[int], local_counts: dict[int, int]
) -> SafeString:
    places = _layout(links)
    rows = max([len([k for k in links if k.position == p]) for p in POSITION_ORDER] or [1])
    width = MARGIN * 2 + len(POSITION_ORDER) * NODE_W + (len(POSITION_ORDER) - 1) * COL_GAP
    height = MARGIN * 2 + HEADER + max(rows, 1) * (NODE_H + ROW_GAP)
    label = escape(_("Chain graph"))  # outside the f-string: makemessages cannot see inside
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain-graph" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{label}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#8a96a3"/></marker></defs>',
    ]
    for column, position in enumerate(POSITION_ORDER):
        x = MARGIN + column * (NODE_W + COL_GAP) + NODE_W // 2
        label = escape(LinkPosition(position).label)
        parts.append(
            f'<text x="{x}" y="{MARGIN + 12}" text-anchor="middle" font-size="12" '
            f'fill="#6b7785">{label}</text>'
        )
    for edge in edges:
        if edge.supplier_id in places and edge.consumer_id in places:
            parts.append(_edge(places[edge.supplier_id], places[edge.consumer_id]))
    for link in links:
        local = local_counts.get(link.pk, 0)
        kind = "gap" if link.pk in gap_ids else ("local" if local else "plain")
        parts.append(_node(link, places[link.pk], kind, local))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text inserted above is escaped
