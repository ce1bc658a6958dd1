"""Run by the crash tests in a subprocess that the parent kills with SIGKILL.

``python child.py saves VAULT SESSION`` saves notes forever, printing each id once durable.
``python child.py passwd VAULT OLD NEW`` changes the passphrase, printing "done".
``python child.py withdraw VAULT PARTICIPANT`` withdraws, printing "done".
"""

from __future__ import annotations

import sys
from pathlib import Path

from appsession.core.clock import SystemClock
from appsession.core.model import Note
from appsession.vault import Vault

PASSPHRASE = "correct horse battery staple"


def main(mode: str, path: str, *args: str) -> None:
    clock = SystemClock()
    if mode == "passwd":
        Vault.change_passphrase_of(Path(path), args[0], args[1], clock=clock)
    else:
        vault = Vault.open(Path(path), PASSPHRASE, clock=clock)
        print("open", flush=True)
        if mode == "saves":
            index = 0
            while True:
                note = vault.save_note(Note("", args[0], f"rapid save {index}"))
                print(note.id, flush=True)
                index += 1
        vault.withdraw(args[0])
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
