"""``analysis matrix``, ``draft list`` and ``codebook export/import/starter`` commands."""

from __future__ import annotations

import csv
import io
import json
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from appsession.cli.context import CliContext
from appsession.cli.main import run
from appsession.core.clock import FakeClock
from appsession.core.model import ItemKind
from appsession.paths import Paths
from appsession.services.analysis import AnalysisService
from appsession.services.draft import DraftService
from appsession.vault import Vault
from tests.analysis.conftest import PASSPHRASE, new_vault


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Setup:
    tmp: Path
    vault: Path
    secret: Path
    clock: FakeClock
    intervention_id: str

    def run(self, *argv: str, vault: bool = True) -> Result:
        out, err = io.StringIO(), io.StringIO()
        extra = ["--vault", str(self.vault), "--passphrase-file", str(self.secret)] if vault else []
        paths = Paths(data_dir=self.tmp / "data", config_dir=self.tmp / "config")
        context = CliContext(paths=paths, clock=self.clock, stdout=out, stderr=err)
        code = run([*argv, *extra], context)
        return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def setup(tmp_path: Path, clock: FakeClock) -> Setup:
    from appsession.demo.build import build_demo
    from appsession.demo.plan import DemoSize

    path = tmp_path / "v.db"
    vault = new_vault(path, clock)
    summary = build_demo(vault, DemoSize(sessions=4, notes_per_session=25, seed=2))
    analysis = AnalysisService(vault, summary.intervention_id, clock)
    draft = DraftService(analysis)
    notes = [n for n in analysis.notes() if n.speaker and n.usable][:5]
    draft.create_item("Constats", ItemKind.ANALYSIS, [n.id for n in notes], "Un constat partagé.")
    vault.close()
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    return Setup(tmp_path, path, secret, clock, summary.intervention_id)


def test_matrix_prints_a_table_and_csv(setup: Setup) -> None:
    table = setup.run("analysis", "matrix")
    assert table.code == 0, table.err
    assert table.out.splitlines()[0].split()[:2] == ["theme", "S1"]
    result = setup.run("analysis", "matrix", "--by", "group", "--csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][0] == "theme"
    assert rows[0][-2:] == ["total notes", "total situations"]
    assert len(rows[0]) == 1 + 2 * 2 + 2
    total = sum(int(r[-2]) for r in rows[1:])
    assert total > 0


def test_matrix_in_french(setup: Setup) -> None:
    result = setup.run("analysis", "matrix", "--csv", "--lang", "fr")
    assert result.out.startswith("thème,")


def test_draft_list_json_has_the_documented_keys(setup: Setup) -> None:
    result = setup.run("draft", "list", "--intervention", setup.intervention_id, "--json")
    assert result.code == 0, result.err
    (item,) = json.loads(result.out)
    assert set(item) == {
        "id",
        "section",
        "kind",
        "text",
        "revision",
        "groups",
        "participants",
        "warnings",
        "state",
    }
    assert item["state"] == "pending"
    assert item["section"] == "Constats"
    assert item["participants"] >= 1
    text = setup.run("draft", "list")
    assert "Un constat partagé." in text.out


def test_codebook_export_import_round_trip(setup: Setup) -> None:
    for fmt in ("qdc", "csv"):
        out = setup.tmp / f"codebook.{fmt}"
        result = setup.run("codebook", "export", "--format", fmt, "--out", str(out))
        assert result.code == 0, result.err
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        again = setup.run("codebook", "export", "--format", fmt, "--out", str(out))
        assert again.code == 2
        assert "already exists" in again.err
        imported = setup.run("codebook", "import", str(out))
        assert imported.code == 0, imported.err
        assert "0 added, 0 updated" in imported.out


def test_codebook_starter_and_bad_input(setup: Setup) -> None:
    assert "added" in setup.run("codebook", "starter", "--lang", "en").out
    vault = Vault.open(setup.vault, PASSPHRASE, clock=setup.clock)
    names = {t.name for t in vault.themes(setup.intervention_id)}
    vault.close()
    assert {"Failing partners", "Absent management", "Training"} <= names
    bad = setup.tmp / "bad.qdc"
    bad.write_text("<nope", encoding="utf-8")
    result = setup.run("codebook", "import", str(bad))
    assert result.code == 2
    assert result.err.startswith("appsession: ")
    assert "Traceback" not in result.err
    missing = setup.run("codebook", "import", str(setup.tmp / "absent.csv"))
    assert missing.code == 2


def test_a_group_command_alone_is_a_clear_error(setup: Setup) -> None:
    result = setup.run("draft", vault=False)
    assert result.code == 2
    assert "command" in result.err
