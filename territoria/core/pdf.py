"""Printable documents as PDF, drawn by WeasyPrint from the same templates as the web pages.

WeasyPrint fetches the stylesheets and images a page links to. A document may hold what
users wrote, and a hostile ``<img src="http://intranet/…">`` or ``file:///etc/passwd`` must
not make the server fetch anything: the fetcher here serves our own static files, and the
territories' logos, from disk, and refuses every other URL without touching the network
or the file system.
"""

import logging
import mimetypes
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from PIL import ImageFile
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from territoria.core.domain.colour import palette_for

# Importing WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let the
# logo validator (core/validators.py) accept a truncated image. Put it back: a PDF then skips
# a broken image, and uploads are still decoded completely.
ImageFile.LOAD_TRUNCATED_IMAGES = False

logger = logging.getLogger(__name__)

# Uploaded files a document may show: the territories' logos (``Territory.logo``), nothing else.
MEDIA_PREFIXES = ("logos/",)


class RefusedURL(ValueError):
    """A document asked for a URL that is not one of our static files."""


def render_pdf(template_name: str, context: dict[str, Any], *, base_url: str | None = None
               ) -> bytes:
    """The PDF of ``template_name`` rendered with ``context``.

    The template is rendered with ``for_print`` set (``core/document_base.html`` then
    takes its print frame) and, when the context has a ``territory`` but no ``theme``, with
    the territory's colours. Relative URLs resolve against ``base_url`` (default: the site's
    address, ``SITE_URL``); only our static files and logos are fetched (``StaticFetcher``).
    Call it from a background task: a long document takes seconds.
    """
    return render_document(template_name, context, base_url=base_url).write_pdf()


def render_document(template_name: str, context: dict[str, Any], *,
                    base_url: str | None = None) -> Document:
    """The laid-out pages (WeasyPrint's ``Document``) that ``render_pdf`` writes."""
    context = {"for_print": True, **context}
    territory = context.get("territory")
    if territory is not None and "theme" not in context:
        context["theme"] = palette_for(territory.main_colour)
    html = render_to_string(template_name, context)
    site = base_url or settings.SITE_URL
    return HTML(string=html, base_url=site, url_fetcher=StaticFetcher(site=site)).render()


class StaticFetcher(URLFetcher):
    """Serves ``STATIC_URL`` and logo URLs of ``site`` from disk; refuses everything else."""

    def __init__(self, *, site: str) -> None:
        super().__init__(allowed_protocols=("http", "https"), allow_redirects=False)
        origin = urlsplit(site)
        self._origin = (origin.scheme, origin.netloc)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.local_file(url)
        if path is None:
            logger.warning("PDF: refused to fetch %s", url[:200])
            raise RefusedURL(f"not one of our static files: {url[:200]}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    def local_file(self, url: str) -> Path | None:
        """The file on disk that ``url`` names, if it is a static file or a logo of ours."""
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin or parts.query:
            return None
        path = unquote(parts.path)
        if "\\" in path or "\x00" in path or ".." in path.split("/"):
            return None
        path = posixpath.normpath(path)
        for prefix, find in ((settings.STATIC_URL, find_static),
                             (settings.MEDIA_URL, find_logo)):
            if prefix and path.startswith(urlsplit(prefix).path):
                found = find(path.removeprefix(urlsplit(prefix).path))
                return found if found is not None and found.is_file() else None
        return None


def find_static(name: str) -> Path | None:
    """A static file: from the apps' folders (development, tests), else the collected ones."""
    try:
        found = finders.find(name)
        return Path(found) if found else Path(staticfiles_storage.path(name))
    except (NotImplementedError, ValueError, OSError, SuspiciousFileOperation):
        return None


def find_logo(name: str) -> Path | None:
    if not name.startswith(MEDIA_PREFIXES):
        return None
    try:
        return Path(default_storage.path(name))
    except (NotImplementedError, ValueError, OSError, SuspiciousFileOperation):
        return None
