"""``appsession review`` lists, decides and renames like the screen, without the model here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from appsession.anonymise import Verdict
from appsession.core.clock import FakeClock
from appsession.paths import Paths
from appsession.services.analysis import AnalysisService
from appsession.services.pseudonyms import PseudonymLayer
from appsession.vault import Vault
from tests.cli.vault_helpers import Cli
from tests.pseudonyms.world import PASSPHRASE, build_world, make_vault


@pytest.fixture
def vault_file(tmp_path: Path, clock: FakeClock) -> Path:
    vault = make_vault(tmp_path / "vault.db", clock)
    build_world(vault)
    vault.close()
    return tmp_path / "vault.db"


@pytest.fixture
def cli(tmp_path: Path, paths: Paths, clock: FakeClock) -> Cli:
    return Cli(tmp_path, paths, clock)


def review(cli: Cli, vault_file: Path, *argv: str) -> tuple[int, str, str]:
    secret = cli.secret_file(PASSPHRASE)
    common = ("--vault", str(vault_file), "--passphrase-file", str(secret), "--no-model")
    result = cli.run("review", *common, *argv)
    return result.code, result.out, result.err


def ids(listing: str) -> dict[str, str]:
    """Candidate text -> id, from ``--list``."""
    return {
        m.group(2): m.group(1) for m in re.finditer(r"^  (f[0-9a-f]{8})  (.+?)  \(", listing, re.M)
    }


def reopened(vault_file: Path, clock: FakeClock) -> tuple[Vault, str]:
    vault = Vault.open(vault_file, PASSPHRASE, clock=clock)
    return vault, vault.interventions()[0].id


def test_the_list_shows_each_candidate_once_in_context(cli: Cli, vault_file: Path) -> None:
    code, out, _err = review(cli, vault_file, "--list")
    assert code == 0
    found = ids(out)
    assert {"Lestrade", "Vaissier"} <= set(found)
    # Both notes naming her share one time stamp, so either may be the example shown.
    contexts = (
        "⟦Lestrade⟧ vient chaque semaine à l'accueil de Condat.",
        "⟦Lestrade⟧ a aussi été reçue.",
    )
    assert any(context in out for context in contexts), out
    assert "Karima" not in out
    assert "Amandine" not in out
    assert "06 12 34 56 78" not in out
    code, again, _err = review(cli, vault_file, "--list")
    assert ids(again) == found


def test_accept_reject_always_never_by_id(cli: Cli, vault_file: Path, clock: FakeClock) -> None:
    found = ids(review(cli, vault_file, "--list")[1])
    code, out, _err = review(cli, vault_file, "--always", found["Lestrade"])
    assert (code, out.strip()) == (0, "Always masked from now on, in every spelling (3 here).")
    code, out, _err = review(cli, vault_file, "--reject", found["Vaissier"])
    assert code == 0
    left = ids(review(cli, vault_file, "--list")[1])
    assert "Lestrade" not in left
    assert "Vaissier" not in left
    vault, intervention_id = reopened(vault_file, clock)
    with vault:
        verdicts = PseudonymLayer(vault, intervention_id).mapping.verdicts
        assert verdicts == {"lestrade": Verdict.ALWAYS, "vaissier": Verdict.REJECT}


def test_rename_by_the_id_of_a_form_or_of_a_placeholder(
    cli: Cli, vault_file: Path, clock: FakeClock
) -> None:
    found = ids(review(cli, vault_file, "--list")[1])
    code, out, _err = review(cli, vault_file, "--rename", found["Lestrade"], "une usagère âgée")
    assert (code, out.strip()) == (0, "Every note now says: une usagère âgée")
    listing = review(cli, vault_file, "--list")[1]
    [placeholder_id] = re.findall(r"^  (e[0-9a-f]{8})  une usagère âgée", listing, re.M)
    code, out, _err = review(cli, vault_file, "--rename", placeholder_id, "")
    assert code == 0
    assert re.fullmatch(r"Every note now says: \[\w+ \d+\]", out.strip())
    vault, intervention_id = reopened(vault_file, clock)
    with vault:
        texts = [n.text for n in AnalysisService(vault, intervention_id, clock).notes()]
    assert not any("usagère âgée" in text for text in texts)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--accept", "f00000000"), "no undecided form with this id here (see --list)"),
        (("--rename", "e00000000", "x"), "no placeholder with this id (see --list)"),
        (("--list", "--session", "9"), "no session with this number"),
        (("--list", "--group", "Accueil"), "--group goes with --session"),
    ],
)
def test_mistakes_are_one_line_errors(
    cli: Cli, vault_file: Path, argv: tuple[str, ...], message: str
) -> None:
    code, _out, err = review(cli, vault_file, *argv)
    assert code == 2
    assert err.strip() == f"appsession: {message}"


def test_one_session(cli: Cli, vault_file: Path) -> None:
    code, out, _err = review(cli, vault_file, "--list", "--session", "1", "--group", "accueil")
    assert code == 0
    assert "Lestrade" in ids(out)
    assert "Vaissier" not in ids(out)
