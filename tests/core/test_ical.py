from datetime import UTC, datetime, timedelta, timezone

from territoria.core.domain.ical import CalendarEvent, calendar, escape_text, fold

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_a_calendar_has_crlf_lines_of_at_most_75_octets():
    event = CalendarEvent(uid="event-1@example.org",
                          starts_at=datetime(2026, 3, 12, 18, 30, tzinfo=timezone(timedelta(hours=1))),
                          ends_at=datetime(2026, 3, 12, 20, 0, tzinfo=timezone(timedelta(hours=1))),
                          summary="Atelier « centre-bourg » ; vélo, marché", description="é" * 100,
                          location="Salle des fêtes, Crest")
    text = calendar([event], name="Centre-bourg", now=NOW)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines
    assert "DTSTART:20260312T173000Z" in lines and "DTEND:20260312T190000Z" in lines
    assert "SUMMARY:Atelier « centre-bourg » \\; vélo\\, marché" in lines
    assert "DESCRIPTION:" + "é" * 100 in lines  # folding never splits a character
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_text_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_short_lines_are_not_folded():
    assert fold("SUMMARY:short") == "SUMMARY:short"
