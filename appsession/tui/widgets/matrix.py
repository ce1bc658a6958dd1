"""The theme × session (or group) matrix as a heat map, with each theme's trend.

Cells read "notes/situations" and are shaded from ``$panel`` to ``$primary`` by their share of
the busiest cell, so every theme (ANSI ones included) keeps its contrast. Selecting a cell asks
the screen to list its notes; the highlighted theme's trend across the cycle shows below.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Sparkline, Static

from appsession.core.matrix import Cell, Matrix
from appsession.i18n import _

BARS = "▁▂▃▄▅▆▇█"
TOTAL_COLUMN = "__total__"
TREND_COLUMN = "__trend__"
INDENT = "\u00a0\u00a0"
"""Non-breaking spaces: the table keeps them, so sub-themes stay indented."""


def trend_text(values: tuple[float, ...]) -> str:
    """A one-line sparkline ("▁▃█▂") scaled to the row's own maximum."""
    highest = max(values, default=0.0)
    if highest <= 0:
        return "·" * len(values)
    return "".join(BARS[min(len(BARS) - 1, round(v / highest * (len(BARS) - 1)))] for v in values)


@dataclass(frozen=True)
class Shades:
    """The two ends of the heat scale, from the current theme."""

    low: Color
    high: Color

    def style(self, count: int, highest: int) -> Style:
        """Background by share of the busiest cell, text in a readable contrast."""
        if count <= 0 or highest <= 0:
            return Style()
        ratio = 0.15 + 0.85 * count / highest
        background = self.low.blend(self.high, ratio)
        return Style(bgcolor=background.rich_color, color=background.get_contrast_text().rich_color)


class MatrixView(Vertical):
    """A heat-map table, a caption, and the highlighted theme's trend."""

    DEFAULT_CSS = """
    MatrixView { height: 1fr; }
    MatrixView DataTable { height: 1fr; }
    MatrixView #matrix-caption { height: auto; color: $text-muted; padding: 0 1; }
    MatrixView Sparkline { height: 3; margin: 0 1; }
    """

    class CellOpened(Message):
        """The facilitator chose a cell: list its notes."""

        def __init__(self, theme_id: str, column_key: str, label: str, cell: Cell) -> None:
            super().__init__()
            self.theme_id = theme_id
            self.column_key = column_key
            self.label = label
            self.cell = cell

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matrix: Matrix | None = None

    def compose(self) -> ComposeResult:
        """Table, caption, sparkline."""
        yield DataTable(id="matrix-table", cursor_type="cell", zebra_stripes=False, fixed_columns=1)
        yield Static("", id="matrix-caption", markup=False)
        yield Sparkline([], id="matrix-trend", summary_function=max)

    def _shades(self) -> Shades:
        variables = self.app.get_css_variables()
        return Shades(
            Color.parse(variables.get("panel", "#333333")),
            Color.parse(variables.get("primary", "#0178d4")),
        )

    def show(self, matrix: Matrix) -> None:
        """Fill the table from a matrix (keeps the cursor where it was when it can)."""
        self.matrix = matrix
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(_("Themes"), key="theme")
        for column in matrix.columns:
            table.add_column(column.label, key=column.key)
        table.add_column(_("Total"), key=TOTAL_COLUMN)
        table.add_column(_("Trend"), key=TREND_COLUMN)
        shades, highest = self._shades(), matrix.highest
        for row in matrix.rows:
            cells = [matrix.cell(row.theme_id, c.key) for c in matrix.columns]
            total = matrix.row_totals.get(row.theme_id, Cell())
            table.add_row(
                Text(INDENT * row.depth + row.label),
                *(self._cell_text(c, shades, highest) for c in cells),
                Text(f"{total.count}/{total.situations}" if total.count else "·"),
                Text(trend_text(matrix.trend(row.theme_id))),
                key=row.theme_id,
            )
        if matrix.rows:
            table.move_cursor(
                row=min(cursor.row, len(matrix.rows) - 1),
                column=max(1, min(cursor.column, len(matrix.columns) + 1)),
            )
        self._describe(None)

    @staticmethod
    def _cell_text(cell: Cell, shades: Shades, highest: int) -> Text:
        if not cell.count:
            return Text("·", justify="center")
        return Text(
            f"{cell.count}/{cell.situations}",
            style=shades.style(cell.count, highest),
            justify="center",
        )

    def _place(self, row: int, column: int) -> tuple[str, str, str] | None:
        """(theme id, column key, readable label) of a table coordinate, if it is a count."""
        matrix = self.matrix
        if matrix is None or not 0 <= row < len(matrix.rows):
            return None
        theme = matrix.rows[row]
        if column == len(matrix.columns) + 1:
            return theme.theme_id, TOTAL_COLUMN, _("{theme}, all").format(theme=theme.label)
        if not 1 <= column <= len(matrix.columns):
            return None
        heading = matrix.columns[column - 1]
        label = _("{theme} × {column}").format(theme=theme.label, column=heading.label)
        return theme.theme_id, heading.key, label

    def cell_at(self, row: int, column: int) -> tuple[str, str, str, Cell] | None:
        """The cell at a table coordinate, with its place."""
        place = self._place(row, column)
        if place is None or self.matrix is None:
            return None
        theme_id, key, label = place
        cell = (
            self.matrix.row_totals.get(theme_id, Cell())
            if key == TOTAL_COLUMN
            else self.matrix.cell(theme_id, key)
        )
        return theme_id, key, label, cell

    def _describe(self, row: int | None) -> None:
        caption = self.query_one("#matrix-caption", Static)
        trend = self.query_one(Sparkline)
        matrix = self.matrix
        if matrix is None or row is None or not 0 <= row < len(matrix.rows):
            caption.update(_("Cells: notes/distinct situations. Enter lists a cell's notes."))
            trend.data = []
            return
        theme = matrix.rows[row]
        counts = matrix.counts(theme.theme_id)
        caption.update(
            _("{theme}: notes per column {counts}; trend = share of each column's notes").format(
                theme=theme.label, counts=" ".join(str(c) for c in counts)
            )
        )
        trend.data = list(matrix.trend(theme.theme_id))

    @on(DataTable.CellHighlighted)
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._describe(event.coordinate.row)

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        found = self.cell_at(event.coordinate.row, event.coordinate.column)
        if found is not None:
            theme_id, key, label, cell = found
            self.post_message(self.CellOpened(theme_id, key, label, cell))
