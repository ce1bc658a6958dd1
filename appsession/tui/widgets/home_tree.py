"""The Home tree: interventions → groups → sessions (the next one first, then the past)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from appsession.i18n import _
from appsession.services.roster import (
    GroupLine,
    InterventionLine,
    SessionLine,
    SessionStatus,
)


@dataclass(frozen=True)
class Pick:
    """What a tree line stands for."""

    kind: str
    """"intervention", "group" or "session"."""
    intervention: InterventionLine
    group: GroupLine | None = None
    session: SessionLine | None = None


def status_text(status: SessionStatus) -> str:
    """A session status in words."""
    return {
        SessionStatus.PLANNED: _("planned"),
        SessionStatus.IN_PROGRESS: _("in progress"),
        SessionStatus.DONE: _("done"),
    }[status]


class HomeTree(Tree[Pick]):
    """Every intervention, group and session; Enter opens, the details follow the cursor."""

    DEFAULT_CSS = """
    HomeTree { padding: 0 1; overflow-x: hidden; }
    """

    def __init__(self) -> None:
        super().__init__(_("Interventions"), id="home-tree")
        self.pending: tuple[str, str] | None = None
        """Where the cursor is going once the tree is drawn (kind, id)."""
        self.show_root = False
        self.guide_depth = 3

    def fill(self, lines: list[InterventionLine], keep: tuple[str, str] | None = None) -> None:
        """Rebuild the tree, keeping the cursor on ``keep`` (kind, id) when it still exists.

        Without one, the cursor goes to the first group's next session, or to the first
        group (where the work is): Enter then resumes the session.
        """
        self.clear()
        self.pending = keep
        target: TreeNode[Pick] | None = None
        fallback: TreeNode[Pick] | None = None
        for index, line in enumerate(lines):
            node = self.root.add(self._intervention_label(line), Pick("intervention", line))
            fallback = fallback or node
            target = target or self._match(node, keep)
            for group in line.groups:
                target = self._add_group(node, line, group, keep) or target
            if index == 0 or target is not None:
                node.expand()
                if line.groups and fallback is node:
                    fallback = self._first_work(node)
        self.root.expand()
        chosen = target or fallback
        if chosen is not None:
            self.call_after_refresh(self._move_to, chosen)

    def _move_to(self, node: TreeNode[Pick]) -> None:
        # Reading a line makes the tree number its lines again; before that, a node added
        # since the last render has no line and the cursor would not move.
        self.get_node_at_line(0)
        self.move_cursor(node)
        self.pending = None

    def _add_group(
        self,
        parent: TreeNode[Pick],
        line: InterventionLine,
        group: GroupLine,
        keep: tuple[str, str] | None,
    ) -> TreeNode[Pick] | None:
        node = parent.add(self._group_label(group), Pick("group", line, group))
        target = self._match(node, keep)
        upcoming = group.next_session
        ordered = ([upcoming] if upcoming else []) + list(group.past)
        ordered += [s for s in group.sessions if s not in ordered]
        for session in ordered:
            leaf = node.add_leaf(
                self._session_label(session, session is upcoming),
                Pick("session", line, group, session),
            )
            target = target or self._match(leaf, keep)
        if target is not None or len(line.groups) <= 3:
            node.expand()
        return target

    @staticmethod
    def _first_work(node: TreeNode[Pick]) -> TreeNode[Pick]:
        """The first group's next session if it has one, else the first group."""
        group = node.children[0]
        pick = group.data
        if pick is not None and pick.group is not None and pick.group.next_session:
            return group.children[0]
        return group

    @staticmethod
    def _match(node: TreeNode[Pick], keep: tuple[str, str] | None) -> TreeNode[Pick] | None:
        pick = node.data
        if keep is None or pick is None or pick.kind != keep[0]:
            return None
        ids = {
            "intervention": pick.intervention.intervention.id,
            "group": pick.group.group.id if pick.group else "",
            "session": pick.session.session.id if pick.session else "",
        }
        return node if ids[pick.kind] == keep[1] else None

    @staticmethod
    def _intervention_label(line: InterventionLine) -> Text:
        label = Text()
        label.append(line.intervention.title, style="bold")
        label.append("  " + _("{count} group(s)").format(count=len(line.groups)), style="dim")
        return label

    @staticmethod
    def _group_label(group: GroupLine) -> Text:
        label = Text()
        label.append(group.group.name, style="bold")
        counts = _("{people} participants · {sessions} sessions").format(
            people=len(group.participants), sessions=len(group.sessions)
        )
        label.append("  " + counts, style="dim")
        return label

    @staticmethod
    def _session_label(line: SessionLine, upcoming: bool) -> Text:
        session = line.session
        label = Text()
        if upcoming:
            label.append(_("Next") + " · ", style="bold")
        label.append(_("Session {number}").format(number=session.number))
        label.append(f" · {session.date} · ", style="dim")
        label.append(status_text(line.status), style="italic" if upcoming else "dim")
        return label
