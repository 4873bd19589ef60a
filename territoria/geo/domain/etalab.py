"""From Etalab's ``@etalab/decoupage-administratif`` npm package to Territoria's referential.

The package (MIT code, data under Licence Ouverte 2.0) publishes the Code officiel
géographique of INSEE, the DGCL's list of EPCI à fiscalité propre with their members, the
legal populations and La Poste's postal codes as JSON files in ``data/``. We keep only what
Territoria uses; ``referential_from_etalab`` is the whole transformation:

- ``type`` ``commune-actuelle`` / ``commune-associee`` / ``commune-deleguee`` /
  ``arrondissement-municipal`` becomes ``kind`` current / associated / delegated /
  arrondissement;
- a commune's EPCI comes from the ``membres`` of ``epci.json`` (a commune belongs to at most
  one EPCI à fiscalité propre);
- the parent of an associated or delegated commune is its ``chefLieu``, that of a municipal
  arrondissement its ``commune``;
- an EPCI's population is its ``populationMunicipale``.

``read_etalab_package`` reads the package from its ``.tgz`` (as ``npm pack`` gives it) or
from an extracted directory; it is the only function here that touches files.
"""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from territoria.geo.domain.referential import (
    Commune,
    Department,
    Epci,
    Referential,
    ReferentialError,
    Region,
    Source,
    gettext_noop,
)

PACKAGE_NAME = "@etalab/decoupage-administratif"
LICENCE = "Licence Ouverte 2.0 (data, Etalab after INSEE, DGCL and La Poste); MIT (package)"
DATA_FILES = ("regions", "departements", "epci", "communes")

KINDS = {
    "commune-actuelle": "current",
    "commune-associee": "associated",
    "commune-deleguee": "delegated",
    "arrondissement-municipal": "arrondissement",
}


@dataclass(frozen=True)
class EtalabPackage:
    """The parts of the npm package we read, as parsed JSON."""

    name: str
    version: str
    regions: list[dict[str, Any]]
    departements: list[dict[str, Any]]
    epci: list[dict[str, Any]]
    communes: list[dict[str, Any]]


def read_etalab_package(path: str | Path) -> EtalabPackage:
    """Read ``package.json`` and ``data/*.json`` from a package ``.tgz`` or directory.

    A directory may be the package itself (holding ``package.json``) or the directory
    ``npm pack``'s archive extracts to (holding ``package/``).
    """
    path = Path(path)
    if path.is_dir():
        root = path / "package" if (path / "package" / "package.json").exists() else path

        def read(name: str) -> bytes:
            try:
                return (root / name).read_bytes()
            except FileNotFoundError:
                raise ReferentialError(gettext_noop("The package has no %(file)s."),
                                       file=name) from None

        return _package_from(read)
    if not path.exists():
        raise ReferentialError(gettext_noop("No such file or directory: %(path)s."),
                               path=str(path))
    try:
        archive = tarfile.open(path, mode="r:*")
    except (tarfile.TarError, OSError) as exc:
        raise ReferentialError(
            gettext_noop("%(path)s is not an npm package archive (.tgz): %(error)s."),
            path=str(path), error=str(exc)) from None
    with archive:
        def read(name: str) -> bytes:
            try:
                member = archive.extractfile(f"package/{name}")
            except KeyError:
                member = None
            if member is None:
                raise ReferentialError(gettext_noop("The package has no %(file)s."), file=name)
            try:
                return member.read()
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise ReferentialError(
                    gettext_noop("The package archive is corrupt (%(error)s)."),
                    error=str(exc)) from None

        return _package_from(read)


def _package_from(read) -> EtalabPackage:
    def parse(name: str) -> Any:
        try:
            return json.loads(read(name))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReferentialError(gettext_noop("%(file)s is not valid JSON (%(error)s)."),
                                   file=name, error=str(exc)) from None

    manifest = parse("package.json")
    if not isinstance(manifest, dict) or manifest.get("name") != PACKAGE_NAME:
        raise ReferentialError(gettext_noop("This is not the %(package)s package."),
                               package=PACKAGE_NAME)
    data = {}
    for name in DATA_FILES:
        value = parse(f"data/{name}.json")
        if not isinstance(value, list):
            raise ReferentialError(gettext_noop("data/%(file)s.json should be a JSON list."),
                                   file=name)
        data[name] = value
    return EtalabPackage(name=manifest["name"], version=str(manifest.get("version", "")),
                         **data)


def referential_from_etalab(package: EtalabPackage) -> Referential:
    """Territoria's referential from the Etalab package (see the module docstring)."""
    regions = tuple(
        Region(code=_get(row, "code", "regions", i), name=_get(row, "nom", "regions", i),
               chief_town=row.get("chefLieu"), zone=_get(row, "zone", "regions", i))
        for i, row in enumerate(package.regions))
    departments = tuple(
        Department(code=_get(row, "code", "departements", i),
                   name=_get(row, "nom", "departements", i),
                   region=_get(row, "region", "departements", i),
                   chief_town=row.get("chefLieu"), zone=_get(row, "zone", "departements", i))
        for i, row in enumerate(package.departements))

    epcis = []
    epci_of: dict[str, str] = {}
    for i, row in enumerate(package.epci):
        siren = _get(row, "code", "epci", i)
        epcis.append(Epci(siren=siren, name=_get(row, "nom", "epci", i),
                          kind=_get(row, "type", "epci", i),
                          financing=row.get("modeFinancement"),
                          population=row.get("populationMunicipale")))
        for member in _get(row, "membres", "epci", i):
            code = member.get("code") if isinstance(member, dict) else None
            if code in epci_of:
                raise ReferentialError(
                    gettext_noop("Commune %(code)s is a member of two EPCI: %(first)s and "
                                 "%(second)s."), code=code, first=epci_of[code], second=siren)
            epci_of[code] = siren

    communes = []
    for i, row in enumerate(package.communes):
        etalab_type = _get(row, "type", "communes", i)
        kind = KINDS.get(etalab_type)
        if kind is None:
            raise ReferentialError(
                gettext_noop("communes.json, record %(index)s: unknown type “%(type)s”."),
                index=i, type=etalab_type)
        code = _get(row, "code", "communes", i)
        current = kind == "current"
        communes.append(Commune(
            code=code,
            kind=kind,
            name=_get(row, "nom", "communes", i),
            siren=row.get("siren") if current else None,
            department=_get(row, "departement", "communes", i),
            region=_get(row, "region", "communes", i),
            epci=epci_of.get(code) if current else None,
            parent=None if current else (row.get("chefLieu") or row.get("commune")),
            population=row.get("population"),
            postal_codes=tuple(sorted(set(row.get("codesPostaux") or ()))),
            former_codes=tuple(sorted(set(row.get("anciensCodes") or ()))),
        ))

    current_codes = {c.code for c in communes if c.kind == "current"}
    for code, siren in epci_of.items():
        if code not in current_codes:
            raise ReferentialError(
                gettext_noop("EPCI %(siren)s: member %(code)s is not a current commune."),
                siren=siren, code=code)
    return Referential(source=Source(PACKAGE_NAME, package.version, LICENCE), regions=regions,
                       departments=departments, epcis=tuple(epcis), communes=tuple(communes))


def _get(row: Any, key: str, file: str, index: int) -> Any:
    if not isinstance(row, dict) or key not in row:
        raise ReferentialError(
            gettext_noop("%(file)s.json, record %(index)s: missing “%(key)s”."),
            file=file, index=index, key=key)
    return row[key]
