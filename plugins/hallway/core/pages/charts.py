"""Small charts drawn at build time as inline SVG: no JavaScript, readable in both colour schemes.

A chart is markup for a template to print as is, so every text in it goes through ``html.escape``.
Bars use ``currentColor``: the stylesheet gives the chart the theme's link colour, which Material
sets for light and dark schemes alike. Each chart says what it shows in its ``<title>`` and
``<desc>``, and lists every count in a visually hidden table beside it for screen readers.
"""

from __future__ import annotations

from html import escape

BAR = 10
GAP = 3
PLOT_HEIGHT = 44
LABEL_HEIGHT = 14


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def chart_summary(counts: list[tuple[int, int]], unit: str = "talk") -> str:
    """One sentence: the span, the total and the busiest year."""
    if not counts:
        return ""
    total = sum(c for _, c in counts)
    peak_year, peak = max(counts, key=lambda yc: (yc[1], yc[0]))
    if len(counts) == 1:
        return f"{_plural(total, unit)}, in {peak_year}."
    return f"{_plural(total, unit)} from {counts[0][0]} to {counts[-1][0]}; most in {peak_year} ({peak})."


def year_chart(counts: list[tuple[int, int]], ident: str, unit: str = "talk") -> str:
    """A bar chart of ``(year, count)`` pairs, with its text alternative; "" when there is nothing."""
    if not counts or not any(c for _, c in counts):
        return ""
    top = max(c for _, c in counts)
    width = len(counts) * (BAR + GAP) - GAP
    height = PLOT_HEIGHT + LABEL_HEIGHT
    ident = escape(ident)
    parts = [
        '<figure class="hw-chart">',
        f'<svg class="hw-chart__svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {max(width, 40)} {height}" width="{max(width, 40)}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(unit.capitalize())}s per year</title>',
        f'<desc id="{ident}-d">{escape(chart_summary(counts, unit))}</desc>',
    ]
    for index, (year, count) in enumerate(counts):
        x = index * (BAR + GAP)
        bar = round(PLOT_HEIGHT * count / top, 1) if count else 1
        zero = "" if count else ' class="hw-chart__zero"'
        parts.append(f'<rect x="{x}" y="{round(PLOT_HEIGHT - bar, 1)}" width="{BAR}" height="{bar}"{zero}>'
                     f'<title>{year}: {escape(_plural(count, unit))}</title></rect>')
    parts.append(f'<text x="0" y="{height - 2}" class="hw-chart__label">{counts[0][0]}</text>')
    if len(counts) > 3:
        parts.append(f'<text x="{width}" y="{height - 2}" text-anchor="end" '
                     f'class="hw-chart__label">{counts[-1][0]}</text>')
    parts.append("</svg>")
    parts.append('<figcaption class="hw-chart__caption" aria-hidden="true">'
                 f'{escape(chart_summary(counts, unit))}</figcaption>')
    parts.append('<table class="hw-visually-hidden"><caption>'
                 f'{escape(unit.capitalize())}s per year</caption>'
                 f'<tr><th scope="col">Year</th><th scope="col">{escape(unit.capitalize())}s</th></tr>')
    parts += [f"<tr><td>{year}</td><td>{count}</td></tr>" for year, count in counts]
    parts.append("</table></figure>")
    return "".join(parts)
