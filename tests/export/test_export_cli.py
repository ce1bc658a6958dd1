"""``appsession export`` and ``appsession audit`` in-process, in English and French."""

from __future__ import annotations

import io
import json
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from appsession.cli.context import CliContext
from appsession.cli.main import run
from appsession.core.clock import FakeClock
from appsession.core.model import DecisionState
from appsession.paths import Paths
from appsession.services.validation import ValidationService
from tests.validation.world import PASSPHRASE, World, add_item, build_world, make_vault


@dataclass
class Setup:
    vault_path: Path
    secret: Path
    paths: Paths
    clock: FakeClock
    world_ids: dict[str, str]

    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        context = CliContext(paths=self.paths, clock=self.clock, stdout=out, stderr=err)
        common = ["--vault", str(self.vault_path), "--passphrase-file", str(self.secret)]
        code = run([*argv, *common], context)
        return code, out.getvalue(), err.getvalue()


def approve_all(world: World, clock: FakeClock, numbers: list[int]) -> None:
    validation = ValidationService(world.vault, clock)
    for number in numbers:
        status = validation.load(world.intervention_id).statuses[number - 1]
        for group in status.required_groups:
            index = [g.id for g in world.groups].index(group)
            current = validation.load(world.intervention_id).statuses[number - 1]
            validation.record(current, group, DecisionState.APPROVED, world.session(index).id)


@pytest.fixture
def setup(tmp_path: Path, paths: Paths, clock: FakeClock) -> Setup:
    path = tmp_path / "vault.db"
    vault = make_vault(path, clock)
    world = build_world(vault)
    add_item(world, "Une analyse approuvée.", groups=(0, 1))
    add_item(world, "Une analyse en attente.", groups=(0,))
    add_item(world, "Une piste du jeudi.", groups=(1,))
    approve_all(world, clock, [1])
    ids = {"intervention": world.intervention_id, "mardi": world.groups[0].id}
    vault.close()
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    return Setup(path, secret, paths, clock, ids)


def test_commissioners_export_writes_an_owner_only_file(setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "restitution.docx"
    code, stdout, stderr = setup.run("export", "--audience", "commissioners", "--out", str(out))
    assert (code, stderr) == (0, "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert f"Wrote {out} for the commissioners: 1 item." in stdout
    assert "outside the vault's protection" in stdout


def test_an_existing_file_is_kept_unless_forced(setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "restitution.docx"
    out.write_bytes(b"old")
    code, _stdout, stderr = setup.run("export", "--audience", "commissioners", "--out", str(out))
    assert code == 2
    assert "already exists (use --force to replace it)" in stderr
    assert out.read_bytes() == b"old"
    code, _stdout, _stderr = setup.run(
        "export", "--audience", "commissioners", "--out", str(out), "--force"
    )
    assert code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_group_export_needs_a_group_when_there_are_several(setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "groupe.docx"
    code, _stdout, stderr = setup.run("export", "--audience", "group", "--out", str(out))
    assert code == 2
    assert "choose one with --group: Groupe du jeudi, Groupe du mardi" in stderr
    code, stdout, _stderr = setup.run(
        "export", "--audience", "group", "--group", "groupe du MARDI", "--out", str(out)
    )
    assert code == 0
    assert "for the group: 2 items." in stdout


def test_a_refused_export_lists_its_reasons_in_french(setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    code, _stdout, _stderr = setup.run(
        "export", "--audience", "commissioners", "--out", str(out), "--lang", "fr"
    )
    assert code == 0
    out.unlink()
    # the approved item is edited by the facilitator: it goes back to pending
    from appsession.core.validation import edit_item
    from appsession.vault import Vault

    vault = Vault.open(setup.vault_path, PASSPHRASE, clock=setup.clock)
    item = vault.draft_items(setup.world_ids["intervention"])
    target = next(i for i in item if i.text == "Une analyse approuvée.")
    vault.save_draft_item(edit_item(target, "Une analyse reformulée."))
    vault.close()
    code, _stdout, stderr = setup.run(
        "export", "--audience", "commissioners", "--out", str(out), "--lang", "fr"
    )
    assert code == 3
    assert stderr.startswith("appsession: l'export vers les commanditaires a été refusé :")
    assert "aucun élément n'est encore approuvé" in stderr
    assert not out.exists()


def test_audit_lists_events_without_content(setup: Setup, tmp_path: Path) -> None:
    setup.run("export", "--audience", "commissioners", "--out", str(tmp_path / "c.docx"))
    code, stdout, _stderr = setup.run("audit")
    assert code == 0
    assert "decision" in stdout
    assert "audience=commissioners" in stdout
    assert "item_ids=[1]" in stdout
    assert "Une analyse" not in stdout
    code, stdout, _stderr = setup.run("audit", "--json")
    events = json.loads(stdout)
    assert {"at", "kind", "details"} == set(events[0])
    assert [e["kind"] for e in events].count("decision") == 2
    [export] = [e for e in events if e["kind"] == "export"]
    assert export["details"]["audience"] == "commissioners"
