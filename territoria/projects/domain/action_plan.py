"""Reading an existing action plan from a spreadsheet: which column says what (guessed from
the headers, French or English, as Territoires en Transitions and most local authorities
write them), and each row as a project draft with the problems found, by the row number the
user sees in the spreadsheet. Pure: no database; the lookups of the territory's communes,
members, ambitions and projects are given."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation


def gettext_noop(message: str) -> str:
    """Marks a message for translation (makemessages finds it); translated where shown."""
    return message

FIELDS = ("title", "summary", "objectives", "stage", "carrier", "lead", "communes",
          "ambition", "budget", "start", "end")
REQUIRED = ("title",)

SYNONYMS = {
    "title": ["titre", "intitule", "nom", "nom de l'action", "action", "projet", "title",
              "name", "project", "intitule de l'action", "nom du projet"],
    "summary": ["description", "resume", "summary", "descriptif", "presentation"],
    "objectives": ["objectifs", "objectif", "objectives", "resultats attendus"],
    "stage": ["statut", "etat", "avancement", "etape", "status", "stage", "state"],
    "carrier": ["structure pilote", "porteur", "structure porteuse", "maitre d'ouvrage",
                "carrier", "organisation", "organisme", "partenaire pilote"],
    "lead": ["pilote", "personne pilote", "responsable", "chef de projet", "referent",
             "lead", "email du pilote", "e-mail", "courriel"],
    "communes": ["communes", "commune", "localisation", "lieu", "communes concernees",
                 "code insee", "location"],
    "ambition": ["ambition", "ambitions", "objectif strategique", "orientation", "axe"],
    "budget": ["budget", "budget previsionnel", "montant", "cout", "cout estime", "budget (€)",
               "budget total"],
    "start": ["date de debut", "debut", "date debut", "start", "start date",
              "date de lancement"],
    "end": ["date de fin", "fin", "date fin", "echeance", "end", "end date",
            "date de fin previsionnelle"],
}

STAGES = {
    "idee": "idea", "idea": "idea", "a venir": "idea", "non commence": "idea",
    "pas commence": "idea", "a lancer": "idea",
    "cadrage": "framing", "en cadrage": "framing", "framing": "framing", "en etude": "framing",
    "planifie": "planned", "planned": "planned", "programme": "planned",
    "en cours": "running", "running": "running", "en pause": "running", "demarre": "running",
    "termine": "closed", "realise": "closed", "closed": "closed", "acheve": "closed",
    "abandonne": "abandoned", "abandoned": "abandoned",
}

MESSAGES = {
    "no_title_column": gettext_noop("Choose the column that holds the projects' titles."),
    "empty_title": gettext_noop("The title is empty."),
    "long_title": gettext_noop("The title is longer than 200 characters."),
    "repeated_title": gettext_noop("“%(title)s” is already on an earlier row."),
    "existing_title": gettext_noop("The territory already has a project “%(title)s”: this "
                                   "row is skipped."),
    "unknown_stage": gettext_noop("Unknown status “%(value)s”: the project starts as an "
                                  "idea."),
    "unknown_lead": gettext_noop("“%(value)s” is not the e-mail of a member of the "
                                 "territory: no lead is named."),
    "unknown_commune": gettext_noop("“%(value)s” is not a commune of the territory."),
    "unknown_ambition": gettext_noop("No adopted ambition is called “%(value)s”."),
    "bad_amount": gettext_noop("“%(value)s” is not an amount in euros."),
    "bad_date": gettext_noop("“%(value)s” is not a date (dd/mm/yyyy)."),
    "ends_before": gettext_noop("The project ends (%(end)s) before it starts (%(start)s)."),
}

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EXCEL_EPOCH = date(1899, 12, 30)


def plain(text: str) -> str:
    """Lower case, no accents, single spaces: how headers and labels are compared."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'").strip().lower())


def guess_mapping(header: Sequence[str]) -> dict[str, int | None]:
    """Our field → the index of the column that most likely holds it (or None)."""
    names = [plain(name) for name in header]
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for name in FIELDS:
        choice = None
        for synonym in SYNONYMS[name]:
            for index, column in enumerate(names):
                if index not in taken and column == synonym:
                    choice = index
                    break
            if choice is not None:
                break
        mapping[name] = choice
        if choice is not None:
            taken.add(choice)
    return mapping


def parse_stage(text: str) -> str | None:
    return STAGES.get(plain(text).rstrip("."))


def parse_amount(text: str) -> Decimal | None:
    """An amount in euros written the French or the English way: "12 500,50 €", "12500.5"."""
    cleaned = (text or "").replace("€", "").replace("EUR", "").replace("\u00a0", "")
    cleaned = cleaned.replace("\u202f", "").replace(" ", "").strip()
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 12.500,50
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(text)
    return amount.quantize(Decimal("0.01"))


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy, yyyy-mm-dd (a spreadsheet's date cell) or an Excel day number."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{4,5}", text):
        return EXCEL_EPOCH + timedelta(days=int(text))
    raise ValueError(text)


@dataclass
class Problem:
    row: int  # the spreadsheet's row number
    field: str
    message: str  # an English msgid; ``params`` fill it once translated
    params: dict = field(default_factory=dict)
    blocking: bool = True


@dataclass
class ProjectDraft:
    row: int
    title: str
    summary: str = ""
    objectives: str = ""
    stage: str = "idea"
    carrier: str = ""
    lead: object | None = None  # what ``lookup_member`` returned
    communes: list = field(default_factory=list)
    ambitions: list = field(default_factory=list)
    budget: Decimal | None = None
    start: date | None = None
    end: date | None = None


@dataclass
class PlanReading:
    drafts: list[ProjectDraft]
    problems: list[Problem]
    unexpected_columns: list[str]

    def rows_with_errors(self) -> set[int]:
        return {p.row for p in self.problems if p.blocking}

    def valid_drafts(self) -> list[ProjectDraft]:
        bad = self.rows_with_errors()
        return [draft for draft in self.drafts if draft.row not in bad]


@dataclass
class Lookups:
    commune: Callable[[str], object | None]  # a name or INSEE code → a commune of the perimeter
    member: Callable[[str], object | None]  # an e-mail → a member of the territory
    ambition: Callable[[str], object | None]  # a title → an adopted ambition
    existing_titles: set[str]  # plain() titles of the territory's projects


def read_plan(header: Sequence[str], rows: Sequence[tuple[int, Sequence[str]]],
              mapping: Mapping[str, int | None], lookups: Lookups) -> PlanReading:
    """Every row as a project draft, with what is wrong (blocking) or doubtful (warning)."""
    problems: list[Problem] = []
    if mapping.get("title") is None:
        problems.append(Problem(0, "title", MESSAGES["no_title_column"]))
        return PlanReading([], problems, [])
    used = {index for index in mapping.values() if index is not None}
    unexpected = [name for index, name in enumerate(header) if index not in used and name]
    drafts, seen = [], set()

    def cell(cells, name) -> str:
        index = mapping.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def problem(row, name, key, blocking=True, **params):
        problems.append(Problem(row, name, MESSAGES[key], params, blocking))

    for number, cells in rows:
        title = cell(cells, "title")
        if not title:
            problem(number, "title", "empty_title")
            continue
        if len(title) > 200:
            problem(number, "title", "long_title")
        key = plain(title)
        if key in seen:
            problem(number, "title", "repeated_title", title=title)
        elif key in lookups.existing_titles:
            problem(number, "title", "existing_title", title=title)
        seen.add(key)
        draft = ProjectDraft(row=number, title=title[:200], summary=cell(cells, "summary"),
                             objectives=cell(cells, "objectives"),
                             carrier=cell(cells, "carrier"))
        stage_text = cell(cells, "stage")
        if stage_text:
            stage = parse_stage(stage_text)
            if stage is None:
                problem(number, "stage", "unknown_stage", blocking=False, value=stage_text)
            else:
                draft.stage = stage
        lead = cell(cells, "lead")
        if lead:
            member = lookups.member(lead) if EMAIL.match(lead) else None
            if member is None:
                problem(number, "lead", "unknown_lead", blocking=False, value=lead)
            draft.lead = member
        for part in filter(None, (p.strip() for p in re.split(r"[;,/]",
                                                              cell(cells, "communes")))):
            commune = lookups.commune(part)
            if commune is None:
                problem(number, "communes", "unknown_commune", blocking=False, value=part)
            elif commune not in draft.communes:
                draft.communes.append(commune)
        ambition_text = cell(cells, "ambition")
        if ambition_text:
            ambition = lookups.ambition(ambition_text)
            if ambition is None:
                problem(number, "ambition", "unknown_ambition", blocking=False,
                        value=ambition_text)
            else:
                draft.ambitions.append(ambition)
        for name, parse in (("budget", parse_amount), ("start", parse_date),
                            ("end", parse_date)):
            text = cell(cells, name)
            try:
                setattr(draft, name, parse(text))
            except ValueError:
                problem(number, name, "bad_amount" if name == "budget" else "bad_date",
                        value=text)
        if draft.start and draft.end and draft.end < draft.start:
            problem(number, "end", "ends_before", end=draft.end.isoformat(),
                    start=draft.start.isoformat())
        drafts.append(draft)
    return PlanReading(drafts, problems, unexpected)
