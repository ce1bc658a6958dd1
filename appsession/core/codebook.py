"""The codebook of an intervention: a tree of themes, and how changing it re-tags notes.

Every operation is pure: it takes the current ``Codebook`` and returns a ``CodebookChange``
holding the new theme set, what to write and delete, and how each note's tags follow. The
service writes the themes, then re-tags every note with ``change.retag``, so no note ever keeps
a tag to a theme that no longer exists, and no note loses a code it had unless its theme was
deleted on purpose.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from appsession.core.errors import UserError
from appsession.core.model import Note, Theme
from appsession.i18n import _

PATH_SEPARATOR = " > "
"""Between the names of a theme's ancestors in a path ("Usagers > Agressivité")."""
MAX_NAME_LENGTH = 120

IdFactory = Callable[[], str]


def random_id() -> str:
    """A new theme id, in the vault's format (uuid4 hex)."""
    return uuid.uuid4().hex


def _empty() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, eq=False)
class CodebookChange:
    """The result of a codebook operation.

    ``theme_map``: an old theme id and the ids that replace it on every note (absent: kept).
    ``note_map``: per note, overrides of ``theme_map`` (a split sends chosen notes elsewhere).
    """

    themes: tuple[Theme, ...]
    saved: tuple[Theme, ...] = ()
    deleted: tuple[str, ...] = ()
    theme_map: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)
    note_map: Mapping[str, Mapping[str, tuple[str, ...]]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def retag(self, note_id: str, themes: Iterable[str]) -> tuple[str, ...]:
        """A note's tags after the change: mapped, de-duplicated, only existing themes."""
        valid = {theme.id for theme in self.themes}
        overrides = self.note_map.get(note_id, {})
        result: list[str] = []
        for theme_id in themes:
            replacement = overrides.get(theme_id)
            if replacement is None:
                replacement = self.theme_map.get(theme_id, (theme_id,))
            result.extend(t for t in replacement if t in valid)
        return tuple(dict.fromkeys(result))

    def retagged(self, notes: Iterable[Note]) -> list[Note]:
        """The notes whose tags change, with their new tags (the others need no write)."""
        changed = []
        for note in notes:
            themes = self.retag(note.id, note.themes)
            if themes != note.themes:
                changed.append(replace(note, themes=themes))
        return changed


class Codebook:
    """The themes of one intervention as a tree (damaged links make a theme a root)."""

    def __init__(self, themes: Iterable[Theme]) -> None:
        self._by_id = {theme.id: theme for theme in themes}
        self._children: dict[str, list[Theme]] = {}
        for theme in self._by_id.values():
            self._children.setdefault(self.parent_of(theme.id), []).append(theme)
        for siblings in self._children.values():
            siblings.sort(key=lambda t: (t.name.casefold(), t.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, theme_id: object) -> bool:
        return theme_id in self._by_id

    def get(self, theme_id: str) -> Theme:
        """One theme; a ``UserError`` if it is not in this codebook."""
        theme = self._by_id.get(theme_id)
        if theme is None:
            raise UserError(_("no such theme in this codebook"), exit_code=2)
        return theme

    def parent_of(self, theme_id: str) -> str:
        """The parent id, or "" for a root (also when the link is missing or makes a loop)."""
        seen = {theme_id}
        parent = self._by_id[theme_id].parent_id
        while parent:
            if parent not in self._by_id or parent in seen:
                return ""
            seen.add(parent)
            parent = self._by_id[parent].parent_id
        return self._by_id[theme_id].parent_id

    def children(self, theme_id: str = "") -> list[Theme]:
        """The direct children of a theme (of the root with ""), by name."""
        return list(self._children.get(theme_id, ()))

    def walk(self, theme_id: str = "") -> Iterator[tuple[Theme, int]]:
        """Every theme under ``theme_id`` depth first, with its depth (0 for the top)."""
        stack = [(child, 0) for child in reversed(self.children(theme_id))]
        while stack:
            theme, depth = stack.pop()
            yield theme, depth
            stack.extend((child, depth + 1) for child in reversed(self.children(theme.id)))

    @property
    def themes(self) -> tuple[Theme, ...]:
        """Every theme in tree order."""
        return tuple(theme for theme, _depth in self.walk())

    def ancestors(self, theme_id: str) -> list[str]:
        """Ids from the parent up to the root."""
        found = []
        parent = self.parent_of(theme_id)
        while parent:
            found.append(parent)
            parent = self.parent_of(parent)
        return found

    def descendants(self, theme_id: str) -> set[str]:
        """Ids of every theme below ``theme_id``."""
        return {theme.id for theme, _depth in self.walk(theme_id)}

    def path(self, theme_id: str) -> tuple[str, ...]:
        """The names from the root down to the theme."""
        ids = [theme_id, *self.ancestors(theme_id)]
        return tuple(self._by_id[i].name for i in reversed(ids))

    def label(self, theme_id: str) -> str:
        """The path as one line ("Usagers > Agressivité")."""
        return PATH_SEPARATOR.join(self.path(theme_id))

    def find(self, path: Sequence[str]) -> Theme | None:
        """The theme at a path of names (case-insensitive), if any."""
        parent, found = "", None
        for name in path:
            found = _named(self.children(parent), name)
            if found is None:
                return None
            parent = found.id
        return found


def _named(themes: Iterable[Theme], name: str) -> Theme | None:
    wanted = name.strip().casefold()
    return next((t for t in themes if t.name.strip().casefold() == wanted), None)


def clean_name(name: str) -> str:
    """A theme name on one line; refuses empty, multi-line or over-long names."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError(_("a theme needs a name"), exit_code=2)
    if len(cleaned) > MAX_NAME_LENGTH:
        raise UserError(
            _("a theme name has at most {count} characters").format(count=MAX_NAME_LENGTH),
            exit_code=2,
        )
    if PATH_SEPARATOR.strip() in cleaned:
        raise UserError(
            _("a theme name cannot contain “{mark}”").format(mark=PATH_SEPARATOR.strip()),
            exit_code=2,
        )
    return cleaned


def _check_free(codebook: Codebook, parent_id: str, name: str, ignore: str = "") -> None:
    """Two sibling themes may not share a name (paths must stay unambiguous)."""
    clash = _named((t for t in codebook.children(parent_id) if t.id != ignore), name)
    if clash is not None:
        raise UserError(
            _("a theme named “{name}” already exists here; merge them instead").format(name=name),
            exit_code=2,
        )


def _check_parent(codebook: Codebook, parent_id: str) -> None:
    if parent_id and parent_id not in codebook:
        raise UserError(_("the parent theme is not in this codebook"), exit_code=2)


def _rebuilt(
    codebook: Codebook, saved: Iterable[Theme], deleted: Collection[str]
) -> tuple[Theme, ...]:
    by_id = {t.id: t for t in codebook.themes if t.id not in deleted}
    by_id.update((t.id, t) for t in saved)
    return tuple(Codebook(by_id.values()).themes)


def _change(
    codebook: Codebook,
    saved: Sequence[Theme],
    deleted: Sequence[str] = (),
    theme_map: Mapping[str, tuple[str, ...]] | None = None,
    note_map: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
) -> CodebookChange:
    return CodebookChange(
        themes=_rebuilt(codebook, saved, set(deleted)),
        saved=tuple(saved),
        deleted=tuple(deleted),
        theme_map=MappingProxyType(dict(theme_map or {})),
        note_map=MappingProxyType(dict(note_map or {})),
    )


def add_theme(
    codebook: Codebook,
    intervention_id: str,
    name: str,
    definition: str = "",
    parent_id: str = "",
    *,
    new_id: IdFactory = random_id,
) -> CodebookChange:
    """A new theme at the top or under ``parent_id``."""
    cleaned = clean_name(name)
    _check_parent(codebook, parent_id)
    _check_free(codebook, parent_id, cleaned)
    theme = Theme(new_id(), intervention_id, cleaned, definition.strip(), parent_id)
    return _change(codebook, [theme])


def rename_theme(
    codebook: Codebook, theme_id: str, name: str, definition: str | None = None
) -> CodebookChange:
    """A new name (and definition); tagged notes keep the same theme, nothing to re-tag."""
    theme = codebook.get(theme_id)
    cleaned = clean_name(name)
    _check_free(codebook, codebook.parent_of(theme_id), cleaned, ignore=theme_id)
    text = theme.definition if definition is None else definition.strip()
    return _change(codebook, [replace(theme, name=cleaned, definition=text)])


def move_theme(codebook: Codebook, theme_id: str, parent_id: str) -> CodebookChange:
    """Put a theme (with its sub-themes) under another one, or at the top with ""."""
    theme = codebook.get(theme_id)
    _check_parent(codebook, parent_id)
    if parent_id == theme_id or parent_id in codebook.descendants(theme_id):
        raise UserError(_("a theme cannot go under itself or its own sub-themes"), exit_code=2)
    _check_free(codebook, parent_id, theme.name, ignore=theme_id)
    return _change(codebook, [replace(theme, parent_id=parent_id)])


def _surviving_parent(codebook: Codebook, theme_id: str, removed: Collection[str]) -> str:
    """The nearest ancestor that is not removed ("" for the top)."""
    return next((a for a in codebook.ancestors(theme_id) if a not in removed), "")


def _adopt(
    codebook: Codebook, removed: Collection[str], heir: Callable[[Theme], str]
) -> list[Theme]:
    """Children of removed themes get the parent ``heir(child)``."""
    moved = []
    for theme_id in removed:
        for child in codebook.children(theme_id):
            if child.id not in removed:
                moved.append(replace(child, parent_id=heir(child)))
    return moved


def merge_themes(
    codebook: Codebook, sources: Collection[str], target: str, definition: str | None = None
) -> CodebookChange:
    """Fold ``sources`` into ``target``: their notes and sub-themes go to the target.

    When the target sits below a source, the branch leading to it moves up instead of under
    the target, so that the tree never loops.
    """
    into = codebook.get(target)
    removed = {codebook.get(source).id for source in sources} - {target}
    if not removed:
        raise UserError(_("choose at least one other theme to merge"), exit_code=2)
    above_target = set(codebook.ancestors(target))

    def heir(child: Theme) -> str:
        if child.id in above_target:
            return _surviving_parent(codebook, child.id, removed)
        return target

    new_target = into
    if codebook.parent_of(target) in removed:
        new_target = replace(into, parent_id=_surviving_parent(codebook, target, removed))
    if definition is not None:
        new_target = replace(new_target, definition=definition.strip())
    heirs = [t for t in _adopt(codebook, removed, heir) if t.id != target]
    saved = [new_target, *heirs]
    _check_unique(_rebuilt(codebook, saved, removed))
    theme_map = {source: (target,) for source in removed}
    return _change(codebook, saved, sorted(removed), theme_map)


def delete_theme(codebook: Codebook, theme_id: str) -> CodebookChange:
    """Remove a theme: its notes lose that tag, its sub-themes move up one level."""
    theme = codebook.get(theme_id)
    parent = codebook.parent_of(theme.id)
    saved = _adopt(codebook, {theme_id}, lambda _child: parent)
    _check_unique(_rebuilt(codebook, saved, {theme_id}))
    return _change(codebook, saved, [theme_id], {theme_id: ()})


@dataclass(frozen=True)
class SplitPart:
    """A new theme made by a split."""

    name: str
    definition: str = ""


def split_theme(
    codebook: Codebook,
    theme_id: str,
    parts: Sequence[SplitPart],
    assignment: Mapping[str, Collection[int]],
    *,
    under: bool = False,
    new_id: IdFactory = random_id,
) -> CodebookChange:
    """Split a theme: new themes beside it (or ``under`` it) take the notes assigned to them.

    ``assignment`` maps a note id to the indexes of the parts it goes to; unassigned notes keep
    the original theme, so no note loses its code.
    """
    theme = codebook.get(theme_id)
    if not parts:
        raise UserError(_("a split needs at least one new theme"), exit_code=2)
    parent = theme.id if under else codebook.parent_of(theme.id)
    made = [
        Theme(new_id(), theme.intervention_id, clean_name(p.name), p.definition.strip(), parent)
        for p in parts
    ]
    _check_unique(_rebuilt(codebook, made, ()))
    note_map: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for note_id, indexes in assignment.items():
        if not indexes:
            continue
        if any(not 0 <= i < len(made) for i in indexes):
            raise UserError(_("a note was assigned to a part that does not exist"), exit_code=2)
        note_map[note_id] = {theme.id: tuple(made[i].id for i in sorted(set(indexes)))}
    return _change(codebook, made, note_map=note_map)


def upsert_themes(codebook: Codebook, themes: Sequence[Theme]) -> CodebookChange:
    """Add or update themes as given (an import): names checked, loops and clashes refused."""
    cleaned = [replace(t, name=clean_name(t.name), definition=t.definition.strip()) for t in themes]
    result = Codebook(_rebuilt(codebook, cleaned, ()))
    for theme in result.themes:
        if result.parent_of(theme.id) != theme.parent_id:
            raise UserError(_("a theme's parent is missing or makes a loop"), exit_code=2)
    _check_unique(result.themes)
    return _change(codebook, cleaned)


def _check_unique(themes: Iterable[Theme]) -> None:
    """Refuse a result where two siblings share a name."""
    seen: set[tuple[str, str]] = set()
    book = Codebook(themes)
    for theme in book.themes:
        key = (book.parent_of(theme.id), theme.name.strip().casefold())
        if key in seen:
            raise UserError(
                _("a theme named “{name}” already exists here; merge them instead").format(
                    name=theme.name
                ),
                exit_code=2,
            )
        seen.add(key)


def tag_notes(
    notes: Iterable[Note], add: Collection[str], remove: Collection[str] = ()
) -> list[Note]:
    """Bulk tagging: the notes whose tags change once ``add`` is added and ``remove`` removed."""
    changed = []
    for note in notes:
        kept = [t for t in note.themes if t not in remove]
        themes = tuple(dict.fromkeys([*kept, *add]))
        if themes != note.themes:
            changed.append(replace(note, themes=themes))
    return changed


@dataclass(frozen=True)
class StarterTheme:
    """A theme of the shipped starting codebook, named in each language."""

    key: str
    parent: str
    name: Mapping[str, str]
    definition: Mapping[str, str]
    color: str = ""


def starter_themes(data: Mapping[str, object]) -> list[StarterTheme]:
    """Read the starting codebook's data (parents before children); ``ValueError`` if malformed."""
    rows = data.get("theme")
    if not isinstance(rows, list):
        raise ValueError("the starting codebook has no [[theme]] table")
    found: list[StarterTheme] = []
    keys: set[str] = set()
    for row in rows:
        if not isinstance(row, dict):
            raise ValueError("a [[theme]] entry is not a table")
        theme = StarterTheme(
            key=str(row["key"]),
            parent=str(row.get("parent", "")),
            name={str(k): str(v) for k, v in dict(row["name"]).items()},
            definition={str(k): str(v) for k, v in dict(row.get("definition", {})).items()},
            color=str(row.get("color", "")),
        )
        if theme.key in keys or (theme.parent and theme.parent not in keys):
            raise ValueError(f"theme {theme.key!r}: duplicate key or parent not defined before")
        keys.add(theme.key)
        found.append(theme)
    return found


def seed_codebook(
    codebook: Codebook,
    intervention_id: str,
    starters: Sequence[StarterTheme],
    language: str,
    *,
    new_id: IdFactory = random_id,
) -> tuple[CodebookChange, dict[str, str]]:
    """Add the starting themes that are not there yet (by path); returns their colours by id."""

    def pick(labels: Mapping[str, str]) -> str:
        return labels.get(language) or labels.get("en") or next(iter(labels.values()), "")

    ids: dict[str, str] = {}
    paths: dict[str, tuple[str, ...]] = {}
    made: list[Theme] = []
    colors: dict[str, str] = {}
    for starter in starters:
        path = (*paths.get(starter.parent, ()), clean_name(pick(starter.name)))
        paths[starter.key] = path
        existing = codebook.find(path)
        if existing is not None:
            ids[starter.key] = existing.id
            continue
        theme = Theme(
            new_id(),
            intervention_id,
            path[-1],
            pick(starter.definition),
            ids.get(starter.parent, ""),
        )
        ids[starter.key] = theme.id
        made.append(theme)
        if starter.color:
            colors[theme.id] = starter.color
    return _change(codebook, made), colors
