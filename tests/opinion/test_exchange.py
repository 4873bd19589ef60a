"""Polis open-data exchange: export, import, round trip, malformed files."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.opinion.conftest import open_conversation, people, vote_in_camps
from territoria.opinion import exchange, services
from territoria.opinion.domain.polis_format import read_moderated_out, read_votes
from territoria.opinion.models import Conversation, Statement, Vote


def _votes_by_text(conversation):
    """Each participant's votes as {statement text: value}, participants in order."""
    by_participant = {}
    for participant, text, value in (Vote.objects.filter(statement__conversation=conversation)
                                     .order_by("participant_id")
                                     .values_list("participant_id", "statement__text", "value")):
        by_participant.setdefault(participant, {})[text] = value
    return sorted(tuple(sorted(v.items())) for v in by_participant.values())


def test_export_then_import_gives_the_same_votes(client, territory, staff):
    conversation = open_conversation(territory, staff)
    users = people(territory, 9)
    vote_in_camps(conversation, users)
    services.vote_cast(conversation=conversation, statement=conversation.statements.first(),
                       value=0, user=users[0])
    services.statement_moderate(actor=staff, statement=conversation.statements.last(),
                                publish=False)
    response = client.get(reverse("opinion:conversation-export",
                                  args=[territory.slug, conversation.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = {name: archive.read(name).decode() for name in archive.namelist()}
    assert set(files) == {"comments.csv", "votes.csv", "participants-votes.csv"}
    assert "@example.org" not in "".join(files.values())
    assert len(read_votes(io.StringIO(files["votes.csv"]))) == 9 * 8
    assert read_moderated_out(io.StringIO(files["comments.csv"])) == {7}
    report = exchange.conversation_import(actor=staff, territory=territory, title="Copy",
                                          comments=files["comments.csv"].encode(),
                                          votes=files["votes.csv"].encode())
    copy = report.conversation
    assert (report.statements, report.participants, report.votes) == (8, 9, 72)
    assert _votes_by_text(copy) == _votes_by_text(conversation)
    assert copy.statements.get(text=conversation.statements.last().text).status == "rejected"


def test_a_malformed_import_is_refused_row_by_row_and_nothing_is_created(territory, staff):
    comments = ("comment-id,moderated,comment-body\n0,1,Trains\n1,1,\nx,1,Buses\n2,7,Bikes\n")
    votes = ("timestamp,comment-id,voter-id,vote\n1,0,1,1\n2,0,1,5\n3,9,1,1\n4,0,,1\n")
    with pytest.raises(ValidationError) as error:
        exchange.conversation_import(actor=staff, territory=territory, title="Bad",
                                     comments=comments, votes=votes)
    messages = error.value.messages
    assert "comments.csv, line 3: the comment is empty" in messages
    assert "comments.csv, line 4: the comment-id is not a number" in messages
    assert "comments.csv, line 5: moderated must be 1, 0 or -1" in messages
    assert "votes.csv, line 3: a vote is 1, -1 or 0, not 5" in messages
    assert "votes.csv, line 4: comment 9 is not in comments.csv" in messages
    assert any(m.startswith("votes.csv, line 5:") for m in messages)
    assert not Conversation.objects.exists() and not Statement.objects.exists()


def test_the_import_page_lists_the_problems(client, territory, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    response = client.post(reverse("opinion:conversation-import", args=[territory.slug]), {
        "title": "Imported",
        "comments": SimpleUploadedFile("comments.csv", b"comment-id,comment-body\n0,Trains\n"),
        "votes": SimpleUploadedFile("votes.csv", b"timestamp,comment-id,voter-id,vote\n"),
    })
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in html and "missing columns: moderated" in html
    assert not Conversation.objects.exists()


def test_an_imported_real_conversation_gets_its_map(territory, staff,
                                                    django_capture_on_commit_callbacks):
    from pathlib import Path

    fixture = Path(__file__).parent / "domain" / "fixtures" / "three-camps-votes.csv"
    votes = fixture.read_text()
    ids = sorted({line.split(",")[2] for line in votes.splitlines()[1:] if line})
    comments = "comment-id,moderated,comment-body\n" + "".join(
        f"{i},1,Statement {i}\n" for i in ids)
    with django_capture_on_commit_callbacks(execute=True):
        report = exchange.conversation_import(actor=staff, territory=territory,
                                              title="Three camps", comments=comments,
                                              votes=votes)
    result = report.conversation.result
    assert result.status == "ok" and len(result.data["groups"]) >= 2
