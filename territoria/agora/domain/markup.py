"""The small markup of the "understand" pages (pure: no Django).

A body is plain text with a few conventions, turned into safe HTML:

- a blank line separates paragraphs; ``## Title`` and ``### Title`` are headings;
- lines starting with ``- `` form a list;
- ``**bold**``, ``*emphasis*``, ``[text](https://address)`` (http, https and mailto only);
- a line ``[[chart:indicator_code]]`` alone embeds the territory's live chart of that
  indicator (resolved by the app, not here).

Everything typed is escaped first; the produced HTML then goes through nh3 with a short
allow-list, so no script, event handler or style survives, whatever the author writes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

CHART = re.compile(r"^\[\[chart:([a-z0-9_]{1,80})\]\]$")
LINK = re.compile(r"\[([^\]\n]{1,200})\]\(((?:https?://|mailto:)[^\s)]{1,500})\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
EMPHASIS = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
TAGS = {"p", "h2", "h3", "ul", "li", "strong", "em", "a"}
ATTRIBUTES = {"a": {"href"}}


@dataclass(frozen=True)
class Block:
    kind: str  # "html" or "chart"
    value: str  # safe HTML, or the indicator code


def _inline(text: str) -> str:
    text = html.escape(text, quote=True)
    text = LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', text)
    text = BOLD.sub(r"<strong>\1</strong>", text)
    return EMPHASIS.sub(r"<em>\1</em>", text)


def _paragraph(lines: list[str]) -> str:
    if lines[0].startswith("### "):
        return f"<h3>{_inline(lines[0][4:].strip())}</h3>" + (
            _paragraph(lines[1:]) if lines[1:] else "")
    if lines[0].startswith("## "):
        return f"<h2>{_inline(lines[0][3:].strip())}</h2>" + (
            _paragraph(lines[1:]) if lines[1:] else "")
    if all(line.startswith("- ") for line in lines):
        return "<ul>" + "".join(f"<li>{_inline(line[2:].strip())}</li>" for line in lines) + "</ul>"
    return "<p>" + " ".join(_inline(line) for line in lines) + "</p>"


def clean(fragment: str) -> str:
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def render(source: str) -> list[Block]:
    """The body ``source`` as blocks of safe HTML and chart references, in order."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    html_parts: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            html_parts.append(_paragraph(paragraph))
            paragraph.clear()

    def flush_html() -> None:
        flush_paragraph()
        if html_parts:
            blocks.append(Block("html", clean("".join(html_parts))))
            html_parts.clear()

    for raw in (source or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        chart = CHART.match(line)
        if chart:
            flush_html()
            blocks.append(Block("chart", chart.group(1)))
        elif not line:
            flush_paragraph()
        else:
            paragraph.append(line)
    flush_html()
    return blocks


def chart_codes(source: str) -> list[str]:
    return [b.value for b in render(source) if b.kind == "chart"]
