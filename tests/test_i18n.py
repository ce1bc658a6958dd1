"""Every user-facing string has its French translation, and the compiled catalogs are fresh."""

from __future__ import annotations

import gettext
import io

import pytest

from appsession import i18n
from tests.i18n_tools import code_messages, mo_bytes, po_files, read_catalog


def french_ids() -> dict[str, str]:
    found: dict[str, str] = {}
    for po in po_files():
        for message in read_catalog(po):
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                forms = message.string if isinstance(message.string, tuple | list) else ()
                found[message.id[0]] = str(forms[0]) if forms and all(forms) else ""
            else:
                found[message.id] = str(message.string)
    return found


def test_every_message_in_the_code_has_a_french_translation() -> None:
    translated = {key for key, value in french_ids().items() if value.strip()}
    missing = sorted(code_messages() - translated)
    assert not missing, f"untranslated: {missing}"


@pytest.mark.parametrize("po", po_files(), ids=lambda path: path.stem)
def test_compiled_catalog_matches_its_source(po: object) -> None:
    from pathlib import Path

    assert isinstance(po, Path)
    compiled = gettext.GNUTranslations(io.BytesIO(mo_bytes(read_catalog(po))))
    shipped = gettext.GNUTranslations(io.BytesIO(po.with_suffix(".mo").read_bytes()))
    assert compiled._catalog == shipped._catalog, f"{po.name} changed: run `make i18n`"  # type: ignore[attr-defined]


def test_translations_keep_their_placeholders() -> None:
    import re

    for source, french in french_ids().items():
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", french)), (
            source
        )


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["--lang", "fr"], {"LANG": "en_US.UTF-8"}, "fr"),
        (["--lang=en"], {"LANG": "fr_FR.UTF-8"}, "en"),
        ([], {"LC_ALL": "fr_CA.UTF-8"}, "fr"),
        ([], {"LANG": "de_DE.UTF-8"}, "en"),
        ([], {}, "en"),
    ],
)
def test_language_detection(argv: list[str], environ: dict[str, str], expected: str) -> None:
    assert i18n.detect_language(argv, environ) == expected


def test_set_language_switches_messages() -> None:
    i18n.set_language("fr")
    assert i18n._("missing key") == "clé manquante"
    i18n.set_language("en")
    assert i18n._("missing key") == "missing key"
