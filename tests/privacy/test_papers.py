"""The papers state the intervention's real settings and the vault's real security settings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest

from appsession.core.clock import FakeClock
from appsession.core.retention import RetentionRule
from appsession.export.files import docx_texts
from appsession.privacy import papers, settings
from appsession.privacy.document import Choice, Document, to_markdown
from appsession.privacy.facts import gather
from appsession.privacy.output import render
from appsession.privacy.texts import load_texts
from appsession.vault import KdfAlgorithm, KdfParams
from tests.privacy.conftest import LEGAL_BASIS, World, make_world

TODAY = date(2026, 11, 23)
ALL = papers.PAPERS


def paper(world: World, kind: str, language: str = "en") -> Document:
    facts = gather(world.vault, world.a.intervention, TODAY)
    return papers.build_paper(kind, facts, load_texts(language), None)


def text_of(world: World, kind: str, language: str = "en") -> str:
    return " ".join(to_markdown(paper(world, kind, language)).split())


@pytest.fixture
def tuned(tmp_path: Path, clock: FakeClock) -> World:
    """A vault made with t = 4, a 2-minute idle lock and a recovery key."""
    made = make_world(
        tmp_path / "tuned" / "vault.db",
        clock,
        kdf=KdfParams(KdfAlgorithm.ARGON2ID, 65536, 4, 4),
        auto_lock_seconds=120,
        recovery_key=True,
    )
    yield made  # type: ignore[misc]
    made.vault.close()


@pytest.mark.parametrize("kind", ["register", "dpia"])
def test_measures_are_read_from_the_vault(world: World, tuned: World, kind: str) -> None:
    floor = text_of(world, kind)
    assert "Argon2id (64 MiB of memory, 3 passes, 4 lanes" in floor
    assert "No recovery key" in floor
    assert "Automatic lock after 5 min idle" in floor
    assert "WAL journal" in floor
    assert "synchronous = FULL" in floor
    assert "secure_delete = ON" in floor
    assert "temp_store = MEMORY" in floor
    assert "AES-256-GCM" in floor
    other = text_of(tuned, kind)
    assert "Argon2id (64 MiB of memory, 4 passes, 4 lanes" in other
    assert "Automatic lock after 2 min idle" in other
    assert "A recovery key exists" in other


def test_the_erased_key_count_follows_the_ledger(world: World) -> None:
    assert "keys erased so far: 0," in text_of(world, "register")
    world.vault.withdraw(world.a.people[2].id)
    erased = len(world.vault.erasure_ledger())
    assert erased > 1
    assert f"keys erased so far: {erased}," in text_of(world, "register")


def test_retention_periods_come_from_the_rules(world: World) -> None:
    default = text_of(world, "register")
    assert (
        "3 months after the end of the cycle (30 November 2025), that is until 28 February 2026"
        in default
    )
    assert "12 months after the end of the contract (30 November 2025)" in default
    assert "60 months after each event" in default
    settings.save_rule(
        world.vault,
        RetentionRule(
            world.a.intervention.id,
            raw_months=4,
            synthesis_months=24,
            contract_end=date(2026, 6, 30),
        ),
    )
    settings.save_audit_rule(world.vault, settings.AuditRule(72))
    changed = text_of(world, "notice")
    assert (
        "4 months after the end of the cycle (30 November 2025), that is until 30 March 2026"
        in changed
    )
    assert (
        "24 months after the end of the contract (30 June 2026), that is until 30 June 2028"
        in changed
    )
    assert "72 months after each event" in changed


def test_the_consent_form_asks_exactly_the_three_flags_the_app_records(world: World) -> None:
    document = paper(world, "consent-form")
    questions = [block.text for block in document.blocks if isinstance(block, Choice)]
    assert len(questions) == 3
    assert "noted" in questions[0]
    assert "quoted" in questions[1]
    assert "Ville A" in questions[2]
    text = " ".join(to_markdown(document).split())
    assert f"recorded separately: {LEGAL_BASIS}" in text
    assert "as simply as you gave it" in text


def test_the_controller_settings_appear_where_set(world: World) -> None:
    assert "[to complete]" in text_of(world, "notice")
    settings.save_controller(
        world.vault, settings.Controller("Anne Roussel EI", "anne@example.org", "")
    )
    settings.save_privacy(
        world.vault,
        world.a.intervention.id,
        settings.InterventionPrivacy(
            role=settings.Role.PROCESSOR,
            legal_basis="Contrat (art. 6.1.b)",
            health_basis="consentement explicite (art. 9.2.a)",
        ),
    )
    notice = text_of(world, "notice")
    assert "Anne Roussel EI" in notice
    assert "Write to anne@example.org" in notice
    assert "Contrat (art. 6.1.b)" in notice
    assert "Health data: consentement explicite (art. 9.2.a)" in notice
    assert "processor on behalf of the commissioner (Ville A)" in notice
    assert LEGAL_BASIS not in notice


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ALL)
def test_every_placeholder_is_filled_and_no_participant_is_named(
    world: World, kind: str, language: str
) -> None:
    document = paper(world, kind, language)
    for fmt in ("md", "docx"):
        data = render(document, fmt, world.clock.now())
        text = data.decode("utf-8") if fmt == "md" else "\n".join(docx_texts(data).values())
        assert not re.search(r"\{\w+\}", text), (kind, fmt)
        for person in world.a.people:
            assert person.name not in text
        assert not [note.text for note in world.a.notes if note.text in text]


def test_french_papers_use_french_typography(world: World) -> None:
    text = to_markdown(paper(world, "notice", "fr"))
    assert "Qui est responsable" in text
    assert "\u00a0:" in text
    assert " :" not in text.replace("\u00a0:", "")


def test_docx_papers_are_scrubbed(world: World) -> None:
    data = render(paper(world, "dpia"), "docx", world.clock.now())
    path = Path(world.path.parent / "dpia.docx")
    path.write_bytes(data)
    core = docx.Document(str(path)).core_properties
    assert (core.author, core.last_modified_by, core.comments) == ("", "", "")
    assert core.title.startswith("Data protection impact assessment")
    assert b"python-docx" not in data


def test_a_processor_gets_the_processor_register(world: World) -> None:
    assert paper(world, "register").title.startswith("Record of processing activities")
    settings.save_privacy(
        world.vault,
        world.a.intervention.id,
        settings.InterventionPrivacy(role=settings.Role.PROCESSOR),
    )
    assert paper(world, "register").title.startswith("Record of categories of processing")
    assert "(sous-traitant)" in paper(world, "register", "fr").title
