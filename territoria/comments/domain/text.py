"""A comment's text, from what a person types to the HTML a page shows.

People type plain text with a light syntax (a blank line starts a paragraph; lines that
begin with "- " or "1. " make a list; ``*emphasis*``, ``**strong**``; web addresses and
``[text](https://…)`` become links). Whatever they type is escaped first, so HTML typed
into a comment shows as typed and never runs; the result is then cleaned by nh3 (the Rust
``ammonia`` sanitiser) against a short list of tags, which also adds
``rel="nofollow ugc noopener"`` to every link. ``sanitise`` alone is what a rich-text
editor's HTML would go through.
"""

import html
import re

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
MAX_LENGTH = 5000

_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^\s()<>\"]{1,500})\)")
_URL = re.compile(r"(?<![\"'=/\w])(https?://[^\s<>\"']{1,500}[^\s<>\"'.,;:!?)])")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def sanitise(fragment: str) -> str:
    """Keep paragraphs, emphasis, lists and links (http, https, mailto); strip the rest,
    with the content of ``script`` and ``style`` elements."""
    return nh3.clean(fragment, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=set(URL_SCHEMES), link_rel=LINK_REL,
                     clean_content_tags={"script", "style"}, strip_comments=True)


def _inline(text: str) -> str:
    """One line, already escaped: links, then strong and emphasis outside the links."""
    pieces: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        pieces.append(_autolink(text[position:match.start()]))
        pieces.append(f'<a href="{match.group(2)}">{_emphasis(match.group(1))}</a>')
        position = match.end()
    pieces.append(_autolink(text[position:]))
    return "".join(pieces)


def _autolink(text: str) -> str:
    parts = _URL.split(text)
    # split with one group: even indexes are text, odd ones the addresses.
    return "".join(_emphasis(part) if i % 2 == 0 else f'<a href="{part}">{part}</a>'
                   for i, part in enumerate(parts))


def _emphasis(text: str) -> str:
    return _EM.sub(r"<em>\1</em>", _STRONG.sub(r"<strong>\1</strong>", text))


def to_html(source: str) -> str:
    """The HTML of a comment typed as ``source`` (see the module's docstring)."""
    escaped = html.escape(source.replace("\r\n", "\n").replace("\r", "\n"), quote=False)
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", escaped.strip()):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.match(line).group(1))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif all(_NUMBER.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_NUMBER.match(line).group(1))}</li>" for line in lines)
            blocks.append(f"<ol>{items}</ol>")
        else:
            blocks.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return sanitise("".join(blocks))


def to_plain(source: str, *, limit: int = 200) -> str:
    """A one-line excerpt of the text as typed (for the moderation queue and the log)."""
    text = " ".join(source.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
