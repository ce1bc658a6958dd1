"""Compile the French catalogs and check that every string in the code is translated.

``python tests/i18n_tools.py`` (``make i18n``) rewrites each ``.mo`` from its ``.po``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "appsession"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def po_files(language: str = "fr") -> list[Path]:
    """Every catalog of a language."""
    return sorted((LOCALE / language / "LC_MESSAGES").glob("*.po"))


def read_catalog(path: Path) -> Catalog:
    """Parse one ``.po`` file."""
    with path.open("rb") as handle:
        return read_po(handle)


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled form of a catalog."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def code_messages() -> set[str]:
    """Every msgid used in the package's Python code (singular forms)."""
    found: set[str] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def compile_all() -> None:
    """Write each ``.mo`` next to its ``.po``."""
    for po in po_files():
        po.with_suffix(".mo").write_bytes(mo_bytes(read_catalog(po)))
        print(f"compiled {po.relative_to(ROOT)}")


if __name__ == "__main__":
    compile_all()
    sys.exit(0)
