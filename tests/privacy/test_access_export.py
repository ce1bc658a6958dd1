"""The access export holds all of a participant's data and nothing of anyone else's."""

from __future__ import annotations

import hashlib
import stat
from datetime import date
from pathlib import Path

import docx
import pytest

from appsession.core.model import Participant
from appsession.export.files import docx_texts
from appsession.privacy import access
from appsession.privacy.access_doc import access_document
from appsession.privacy.facts import gather
from appsession.privacy.output import save
from appsession.privacy.texts import load_texts
from tests.privacy.conftest import LEGAL_BASIS, World

TODAY = date(2026, 11, 23)


def write_export(world: World, person: Participant, out: Path, fmt: str) -> str:
    found = access.find_person(world.vault, person.pseudonym)
    record = access.gather(world.vault, found)
    facts = gather(world.vault, found.intervention, TODAY)
    document = access_document(record, facts, load_texts("en"))
    save(world.vault, document, out, fmt=fmt, paper="access", participant=person.id)
    if fmt == "md":
        return out.read_text(encoding="utf-8")
    return "\n".join(docx_texts(out.read_bytes()).values())


def expected_and_forbidden(world: World) -> tuple[list[str], list[str]]:
    """What the export of PA1 must contain, and what it must not."""
    side, me = world.a, world.a.people[1]
    mine = [note.text for note in side.notes_of(me)]
    mentions = [note.text for note in side.notes if "mention" in note.text]
    expected = [
        me.name,
        me.pseudonym,
        LEGAL_BASIS,
        "CANARY-A-situation-kept",
        "CANARY-A-draft-verbatim",
        *mine,
        *mentions,
    ]
    others = [n.text for n in side.notes if n.speaker_id != me.id and n.text not in mentions]
    forbidden = [
        *others,
        *(p.name for p in side.people if p.id != me.id),
        "CANARY-A-situation-chosen",
        "CANARY-A-draft-analysis",
        *(note.text for note in world.b.notes),
        *(p.name for p in world.b.people),
        "Mission B",
    ]
    return expected, forbidden


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_access_export_contains_all_and_only_their_data(
    world: World, tmp_path: Path, fmt: str
) -> None:
    text = write_export(world, world.a.people[1], tmp_path / f"access.{fmt}", fmt)
    expected, forbidden = expected_and_forbidden(world)
    assert [item for item in expected if item not in text] == []
    assert [item for item in forbidden if item in text] == []


def test_access_export_lists_agreements_attendance_and_decisions(world: World) -> None:
    person = access.find_person(world.vault, "pa1")
    record = access.gather(world.vault, person)
    assert record.consent.note_taking is True
    assert [s.number for s in record.attendance] == [1, 2, 3]
    assert [s.title for s, _number in record.situations] == ["CANARY-A-situation-kept"]
    assert len(record.notes) == 6
    assert len(record.mentions) == 3
    assert [c.item.text for c in record.cited] == ["CANARY-A-draft-verbatim"]
    analysis = access.gather(world.vault, access.find_person(world.vault, "PA0")).cited
    assert [(c.item.text, [str(s) for _g, s in c.decisions]) for c in analysis] == [
        ("CANARY-A-draft-analysis", ["approved"])
    ]


def test_the_file_is_private_scrubbed_and_logged(world: World, tmp_path: Path) -> None:
    out = tmp_path / "access.docx"
    write_export(world, world.a.people[1], out, "docx")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    core = docx.Document(str(out)).core_properties
    assert (core.author, core.last_modified_by, core.comments) == ("", "", "")
    assert b"python-docx" not in out.read_bytes()
    [event] = [e for e in world.vault.audit_events() if e.kind == "privacy-paper"]
    assert event.details["participant"] == world.a.people[1].id
    assert event.details["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert world.a.people[1].name not in str(event.details)


def test_an_existing_file_is_never_overwritten_silently(world: World, tmp_path: Path) -> None:
    out = tmp_path / "access.md"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(Exception, match="already exists"):
        write_export(world, world.a.people[1], out, "md")
    assert out.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("P1 a parlé", True),
        ("p1, puis", True),
        ("P10 a parlé", False),
        ("SOPHIE MARTIN était là", True),
        ("Sophie-Martin était là", True),
        ("Sophie était là", False),
        ("Sophie Martineau était là", False),
        ("sans nom", False),
    ],
)
def test_mentions_are_whole_words_of_name_or_pseudonym(text: str, found: bool) -> None:
    from appsession.core.search import fold

    pattern = access.mention_pattern(Participant("x", "g", "Sophie Martin", "P1"))
    assert bool(pattern.search(fold(text))) is found


def test_an_unknown_pseudonym_is_a_clear_error(world: World) -> None:
    with pytest.raises(Exception, match="no participant with this pseudonym"):
        access.find_person(world.vault, "P404")
