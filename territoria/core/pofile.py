"""A small reader of gettext catalogs (.po), enough to check that a translation is complete."""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text else ""


def read_po(path: Path) -> list[Entry]:
    """Entries of a .po file, the header (empty msgid) excluded."""
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int | None] | None = None
    started = False

    def flush():
        nonlocal current, started, key
        if started and current.msgid:
            entries.append(current)
        current, started, key = Entry(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            current.obsolete = True
            continue
        if line.startswith("#,"):
            if started and key and key[0] == "msgstr":
                flush()
            current.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith("msgctxt "):
            if started and key and key[0] == "msgstr":
                flush()
            started, key = True, ("msgctxt", None)
            current.msgctxt = _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            key = ("msgid_plural", None)
            current.msgid_plural = _unquote(line[13:])
        elif line.startswith("msgid "):
            if started and key and key[0] == "msgstr":
                flush()
            started, key = True, ("msgid", None)
            current.msgid = _unquote(line[6:])
        elif line.startswith("msgstr["):
            index = int(line[7:line.index("]")])
            key = ("msgstr", index)
            current.msgstr[index] = _unquote(line[line.index("]") + 1:].strip())
        elif line.startswith("msgstr "):
            key = ("msgstr", 0)
            current.msgstr[0] = _unquote(line[7:])
        elif line.startswith('"') and key:
            value = _unquote(line)
            name, index = key
            if name == "msgstr":
                current.msgstr[index] += value
            elif name == "msgid":
                current.msgid += value
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            elif name == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
    flush()
    return [e for e in entries if not e.obsolete]
