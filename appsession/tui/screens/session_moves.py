"""What the session screen's keys do to the plan: phases, situations, break, closing."""

from __future__ import annotations

from appsession.core.model import Situation
from appsession.i18n import _
from appsession.services.situations import Closing
from appsession.tui.screens.session_actions import SessionActions


class SessionMoves(SessionActions):
    """Moving through the session plan; ``SessionScreen`` adds layout and timers."""

    def action_pause(self) -> None:
        """Pause or resume the countdown."""
        self.live.run.toggle_pause()
        self.save_run()
        self.tick()

    def action_next_phase(self) -> None:
        """Next phase; at the last one, the closing."""
        if self.live.run.is_last:
            self.action_closing()
        elif self.live.run.next_phase():
            self.after_move()

    def action_previous_phase(self) -> None:
        """Back one phase."""
        if self.live.run.previous_phase():
            self.after_move()

    def action_next_situation(self) -> None:
        """Leave this situation for the next one."""
        if self.live.run.next_situation():
            self.after_move()
        else:
            self.notify(_("There is no other situation in this session."))

    def action_take_break(self) -> None:
        """Start or end a break outside the plan."""
        run = self.live.run
        if run.on_break:
            run.end_break()
        else:
            run.start_break()
        self.save_run()
        self.tick()

    def action_extend(self, minutes: int) -> None:
        """More (or less) time for this phase."""
        self.live.run.timer.extend(minutes * 60)
        self.save_run()
        self.tick()

    def after_move(self) -> None:
        """A new phase: back on the record, save, redraw, and ask for a choice if due."""
        if self.live.off_record_mode:
            self.live.resume_record()
            self.notify(_("New phase: back on the record."))
        self._show_nudges([])
        self.save_run()
        if self.has_class("-editing"):
            self.remove_class("-editing")
            self.entry().focus()
        self.refresh_all()
        self.maybe_choose()

    def frame_then_choice(self) -> None:
        """At the start: the frame (until it was stated), then the choice if it is due."""
        from appsession.tui.screens.frame import FrameScreen

        live = self.live
        if live.session.frame_stated_at or live.run.closed_at or live.run.index > 0:
            self.maybe_choose()
            return

        def stated(done: bool | None) -> None:
            if done:
                live.state_frame()
            self.maybe_choose()

        self.app.push_screen(FrameScreen(live.protocol), stated)

    def maybe_choose(self) -> None:
        """Open the choice of situation when the plan reaches it."""
        number = self.live.run.needs_choice()
        if number:
            self._choose(number)

    def action_choose(self) -> None:
        """Choose (or change) the situation of this part of the session."""
        run = self.live.run
        self._choose(run.situation or run.needs_choice() or 1)

    def _choose(self, number: int) -> None:
        from appsession.tui.screens.choice import ChoiceScreen

        def chosen(situation: Situation | None) -> None:
            self.refresh_all()
            self.entry().focus()

        self.app.push_screen(ChoiceScreen(self.live, number), chosen)

    def action_attendance(self) -> None:
        """Someone arrives late (or leaves): update the attendance."""
        from appsession.tui.screens.attendance import AttendanceScreen

        def updated(_result: None) -> None:
            live = self.live
            vault = self.context.vault
            live.session = vault.session(live.session.id)
            live.participants = {p.id: p for p in vault.participants(live.group.id)}
            live.consents = {pid: vault.consent(pid) for pid in live.participants}
            self.refresh_all()

        screen = AttendanceScreen(self.context, self.live.session.id, during=True)
        self.app.push_screen(screen, updated)

    def action_closing(self) -> None:
        """Who presents next time, the confidentiality reminder, the end."""
        from appsession.tui.screens.closing import ClosingScreen

        def closed(result: Closing | None) -> None:
            if result is None:
                return
            self.notify(
                _("Session closed: {notes} notes, {off} off the record.").format(
                    notes=result.notes, off=result.off_record
                )
            )
            self.dismiss(None)

        self.app.push_screen(ClosingScreen(self.live), closed)

    def action_projector(self) -> None:
        """Projector view: the plan and the clock only; what is typed is masked."""
        projecting = not self.has_class("-projector")
        self.set_class(projecting, "-projector")
        self.entry().password = projecting

    def action_home(self) -> None:
        """Back to Home; the session keeps its place and its clock."""
        self.autosave_now()
        self.dismiss(None)

    def autosave_now(self) -> None:
        """Save the typed text and the run state."""
        self.live.autosave(self.entry().value)
        self.save_run()
