"""The settings a facilitator may change from the palette: idle lock, autosave, veto window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from appsession.i18n import _
from appsession.tui.dialogs.form import Field, FormDialog
from appsession.tui.settings import BOUNDS, TuiSettings, save_settings

if TYPE_CHECKING:
    from appsession.tui.app import AppSessionApp


def settings_fields(settings: TuiSettings) -> list[Field]:
    """One field per number, with its bounds in the label."""
    labels = {
        "auto_lock_minutes": _("Lock after this many idle minutes"),
        "autosave_seconds": _("Save what is being typed every … seconds"),
        "exchange_minutes": _("The veto reaches back … minutes"),
    }
    return [
        Field(
            name,
            f"{label} ({BOUNDS[name][0]:g}–{BOUNDS[name][1]:g})",
            f"{getattr(settings, name):g}",
            required=True,
        )
        for name, label in labels.items()
    ]


def number(text: str) -> float:
    """A number typed with a dot or a comma.

    Raises:
        ValueError: not a number.
    """
    return float(text.strip().replace(",", "."))


def open_settings(app: AppSessionApp) -> None:
    """Show the form; save what was typed, within bounds."""

    def saved(values: dict[str, str] | None) -> None:
        if not values:
            return
        try:
            chosen = TuiSettings(
                auto_lock_minutes=number(values["auto_lock_minutes"]),
                autosave_seconds=number(values["autosave_seconds"]),
                exchange_minutes=number(values["exchange_minutes"]),
                theme=app.settings.theme,
            )
        except ValueError:
            app.notify(_("Settings are numbers; nothing was changed."), severity="error")
            return
        app.settings = chosen.bounded()
        save_settings(app.start.paths, app.settings)
        app.notify(_("Settings saved."))

    app.push_screen(FormDialog(_("Settings"), settings_fields(app.settings)), saved)
