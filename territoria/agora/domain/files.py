"""What an uploaded file really is, read from its first bytes, never from its name (pure).

Only images (PNG, JPEG, GIF, WebP) and PDF documents are accepted as attachments; an
executable renamed ``.pdf`` is recognised as what it is and refused.
"""

from dataclasses import dataclass

ACCEPTED = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}


@dataclass(frozen=True)
class Sniffed:
    content_type: str | None  # None: not a kind this module recognises
    description: str  # what the bytes are, in English, for messages ("a Windows executable")


def sniff(head: bytes) -> Sniffed:
    """The type of a file from its first bytes (at least 16 are enough)."""
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", "PDF")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", "PNG")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", "JPEG")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Sniffed("image/gif", "GIF")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image/webp", "WebP")
    if head.startswith(b"MZ"):
        return Sniffed(None, "executable")
    if head.startswith(b"\x7fELF"):
        return Sniffed(None, "executable")
    if head.startswith(b"PK\x03\x04"):
        return Sniffed(None, "archive")
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<svg", b"<?xml")):
        return Sniffed(None, "markup")
    return Sniffed(None, "unknown")
