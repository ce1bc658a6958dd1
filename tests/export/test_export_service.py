"""The export service on a real vault: planted violations are refused, exports are logged."""

from __future__ import annotations

import hashlib
import stat
import tempfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from appsession.anonymise import Label
from appsession.core.clock import FakeClock
from appsession.core.gate import ReasonKind
from appsession.core.model import Consent, DecisionState, DraftItem, ItemKind
from appsession.export import docx_texts
from appsession.services.export import ExportRefused, ExportService
from appsession.services.pseudonyms import PseudonymLayer
from appsession.services.validation import ValidationService
from tests.validation.world import World, add_item


def approve(world: World, clock: FakeClock, item: DraftItem) -> None:
    validation = ValidationService(world.vault, clock)
    for group in validation.load(world.intervention_id).status(item.id).required_groups:
        status = validation.load(world.intervention_id).status(item.id)
        index = [g.id for g in world.groups].index(group)
        validation.record(status, group, DecisionState.APPROVED, world.session(index).id)


def refused(world: World, clock: FakeClock, out: Path) -> ExportRefused:
    with pytest.raises(ExportRefused) as caught:
        ExportService(world.vault, clock).export_commissioners(
            world.intervention_id, out, lang="fr"
        )
    assert not out.exists()
    return caught.value


def test_a_roster_name_in_an_approved_item_is_refused(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    approve(world, clock, add_item(world, "Une analyse sans nom."))
    approve(world, clock, add_item(world, "Karim a proposé une piste.", kind=ItemKind.ACTION))
    error = refused(world, clock, tmp_path / "c.docx")
    [reason] = [r for r in error.reasons if r.kind is ReasonKind.RESIDUAL]
    assert reason.item_number == 2
    assert reason.message == "item 2: the anonymisation scan found 1 PERSON"
    assert {r.item_number for r in error.reasons} == {2}  # the name also raises a warning
    assert "Karim" not in str(error)
    assert str(error).startswith("the export to the commissioners was refused:\n  - item 2")
    [event] = [e for e in world.vault.audit_events() if e.kind == "export-refused"]
    assert event.details["reasons"] == len(error.reasons)


def test_a_name_in_a_section_title_is_refused_too(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    approve(world, clock, add_item(world, "Une analyse.", section="Ce que dit Élodie Ferrand"))
    [reason] = refused(world, clock, tmp_path / "c.docx").reasons
    assert reason.kind is ReasonKind.RESIDUAL
    assert reason.message == "the title of section 1: the anonymisation scan found 1 PERSON"


def test_a_warning_blocks_until_the_facilitator_accepts_it(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    item = add_item(world, "Ce que deux personnes ont vécu.", count=2)
    approve(world, clock, item)
    [reason] = refused(world, clock, tmp_path / "c.docx").reasons
    assert reason.kind is ReasonKind.WARNING
    validation = ValidationService(world.vault, clock)
    view = validation.load(world.intervention_id)
    status = view.status(item.id)
    validation.accept_warning(status, view.unresolved(status)[0])
    outcome = ExportService(world.vault, clock).export_commissioners(
        world.intervention_id, tmp_path / "c.docx", lang="fr"
    )
    assert outcome.accepted == 1


def test_an_item_resting_on_an_off_record_note_is_refused(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    session = world.session(0)
    off = next(n for n in world.notes[session.id] if n.off_record)
    item = add_item(world, "Ce qui a été confié.")
    item = world.vault.save_draft_item(replace(item, evidence=(*item.evidence, off.id)))
    approve(world, clock, item)
    [reason] = refused(world, clock, tmp_path / "c.docx").reasons
    assert reason.kind is ReasonKind.FORBIDDEN_EVIDENCE


def test_an_export_is_logged_without_content(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    kept = add_item(world, "Une analyse validée.")
    add_item(world, "Une analyse en attente.")
    approve(world, clock, kept)
    out = tmp_path / "c.docx"
    outcome = ExportService(world.vault, clock).export_commissioners(
        world.intervention_id, out, lang="fr"
    )
    assert outcome.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    [event] = [e for e in world.vault.audit_events() if e.kind == "export"]
    assert event.details == {
        "audience": "commissioners",
        "intervention": world.intervention_id,
        "items": 1,
        "item_ids": kept.id,
        "sha256": outcome.sha256,
        "accepted": 0,
    }
    assert event.at.startswith("2026-01-15")
    text = docx_texts(out.read_bytes())["word/document.xml"]
    assert "Une analyse validée." in text
    assert "Une analyse en attente." not in text
    assert "Groupe du mardi" in text  # the validation statement names the groups


def test_the_group_document_shows_only_what_concerns_the_group(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    mine = add_item(world, "Du groupe du mardi.", groups=(0,))
    add_item(world, "Du groupe du jeudi seulement.", groups=(1,))
    shared = add_item(world, "Des deux groupes.", groups=(0, 1))
    approve(world, clock, mine)
    out = tmp_path / "groupe.docx"
    service = ExportService(world.vault, clock)
    outcome = service.export_group(world.intervention_id, world.groups[0].id, out, lang="fr")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert outcome.items == 2
    text = docx_texts(out.read_bytes())["word/document.xml"]
    assert "Du groupe du mardi." in text
    assert "Des deux groupes." in text
    assert "Du groupe du jeudi seulement." not in text
    assert "OFFRECORD" not in text
    [event] = [e for e in world.vault.audit_events() if e.kind == "export"]
    assert event.details["audience"] == "group"
    assert event.details["group"] == world.groups[0].id
    assert event.details["item_ids"] == f"{mine.id},{shared.id}"


def test_the_annex_counts_only_what_may_appear(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    """Themes of approved items; off-record notes and non-consenting speakers never counted."""
    first = world.groups[0]
    quiet = world.people[first.id][1]
    world.vault.set_consent(Consent(quiet.id, note_taking=True, restitution=False))
    item = add_item(world, "Une analyse approuvée.", groups=(0, 1))
    approve(world, clock, item)
    service = ExportService(world.vault, clock)
    check = service.check_commissioners(world.intervention_id, "fr")
    wanted = {t for n in item.evidence for t in world.vault.note(n).themes}
    names = {t.id: t.name for t in world.vault.themes(world.intervention_id)}
    expected: dict[str, list[int]] = {names[t]: [0, 0, 0] for t in wanted}
    for notes in world.notes.values():
        for note in notes:
            if note.off_record or note.speaker_id == quiet.id:
                continue
            number = world.vault.session(note.session_id).number
            for theme in set(note.themes) & wanted:
                expected[names[theme]][number - 1] += 1
    assert check.data.matrix.sessions == (1, 2, 3)
    assert {name: list(counts) for name, counts in check.data.matrix.rows} == expected
    out = tmp_path / "c.docx"
    service.export_commissioners(world.intervention_id, out, lang="fr")
    annex = docx.Document(str(out)).tables[-1]
    first_row = check.data.matrix.rows[0]
    assert annex.rows[1].cells[0].text == first_row[0]
    assert annex.rows[1].cells[-1].text == str(sum(first_row[1]))


def test_an_export_writes_no_temporary_file(
    world: World, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built in memory: the temporary folder stays empty, the destination holds one file."""
    approve(world, clock, add_item(world, "Une analyse validée."))
    scratch = tmp_path / "tmp"
    scratch.mkdir(mode=0o700)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("TMPDIR", str(scratch))
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    service = ExportService(world.vault, clock)
    service.export_commissioners(world.intervention_id, out_folder / "c.docx", lang="fr")
    service.export_group(
        world.intervention_id, world.groups[0].id, out_folder / "g.docx", lang="fr"
    )
    service.export_commissioners(
        world.intervention_id, out_folder / "c.docx", lang="fr", overwrite=True
    )
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in out_folder.iterdir()) == ["c.docx", "g.docx"]


def test_a_known_term_in_an_approved_item_is_refused(
    world: World, clock: FakeClock, tmp_path: Path
) -> None:
    layer = PseudonymLayer(world.vault, world.intervention_id)
    layer.add_known_term("Riom-ès-Montagnes", Label.PLACE)
    layer.save()
    approve(world, clock, add_item(world, "À riom es montagnes, l'accueil ferme tôt."))
    error = refused(world, clock, tmp_path / "c.docx")
    residual = [r for r in error.reasons if r.kind is ReasonKind.RESIDUAL]
    assert [r.item_number for r in residual] == [1]
    assert "Riom" not in str(error)
    assert "riom" not in str(error)
