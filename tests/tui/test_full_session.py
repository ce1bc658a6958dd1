"""A whole session of the seed protocol, driven by keys, then what the vault holds."""

from __future__ import annotations

from textual.pilot import Pilot

from appsession.core.clock import FakeClock
from appsession.core.model import NoteKind, SituationStatus
from appsession.paths import Paths
from appsession.services.roster import RUN_DOCUMENT
from appsession.tui.app import AppSessionApp
from appsession.tui.screens.attendance import AttendanceScreen
from appsession.tui.screens.choice import ChoiceScreen
from appsession.tui.screens.closing import ClosingScreen
from appsession.tui.screens.frame import FrameScreen
from appsession.tui.screens.home import HomeScreen
from appsession.tui.screens.new_session import NewSessionScreen
from appsession.tui.screens.session import SessionScreen
from appsession.tui.screens.unlock import UnlockScreen
from appsession.tui.widgets.note_entry import NoteEntry
from appsession.tui.widgets.phase_clock import PhaseClock
from appsession.vault import Vault
from tests.tui.conftest import PASSPHRASE, Cast, make_start, seed
from tests.tui.pilot import note, settle, type_into


async def test_a_whole_session(paths: Paths, clock: FakeClock, vault: Vault) -> None:
    cast = seed(vault)
    vault.close()
    app = AppSessionApp(make_start(paths, clock, auto_lock_minutes=30))
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(app, pilot)
        await plan_and_attend(app, pilot)
        await frame_and_opening(app, pilot, clock)
        await choose_first_situation(app, pilot, cast)
        await exposé_and_clarification(app, pilot, cast)
        await hypotheses_edit_veto_and_undo(app, pilot, clock)
        await the_rest_of_the_plan(app, pilot, cast)
        await closing(app, pilot, cast)
    assert app.lockdown.vault is not None
    app.lockdown.vault.close()
    after = Vault.open(paths.vault, PASSPHRASE, clock=clock)
    try:
        check_vault(after, cast)
    finally:
        after.close()


async def unlock(app: AppSessionApp, pilot: Pilot[None]) -> None:
    await settle(pilot)
    assert isinstance(app.screen, UnlockScreen)
    await type_into(pilot, "wrong passphrase")
    await pilot.press("enter")
    await settle(pilot, workers=app)
    assert "Tries left: 2" in str(app.screen.query_one("#status").render())
    await type_into(pilot, PASSPHRASE)
    await pilot.press("enter")
    await settle(pilot, workers=app)
    assert isinstance(app.screen, HomeScreen)


async def plan_and_attend(app: AppSessionApp, pilot: Pilot[None]) -> None:
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, NewSessionScreen)
    situations = app.screen.query_one("#situations")
    situations.value = "2"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, AttendanceScreen)
    await pilot.press("a", "ctrl+s")
    await settle(pilot)
    assert "Julie Bernard" in str(app.screen.query_one(".box-title").render())
    await pilot.press("y")
    await settle(pilot)


async def frame_and_opening(app: AppSessionApp, pilot: Pilot[None], clock: FakeClock) -> None:
    assert isinstance(app.screen, FrameScreen)
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    assert screen.live.session.frame_stated_at
    assert screen.live.run.step.phase.id == "opening"
    await note(pilot, "ambiance calme, tout le monde est là", typed=True)
    clock.advance(screen.live.run.timer.duration + 5)
    screen.tick()
    assert screen.query_one(PhaseClock).has_class("-overtime")
    await pilot.press("f2")
    assert screen.query_one(PhaseClock).has_class("-overtime")
    assert not screen.live.run.timer.running
    await pilot.press("f2")
    assert screen.live.run.timer.running


async def choose_first_situation(app: AppSessionApp, pilot: Pilot[None], cast: Cast) -> None:
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, ChoiceScreen)
    await propose(app, pilot, "@P2 Une réunion tendue")
    await propose(app, pilot, "@Sophie Le refus de Mme X")
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    chosen = screen.live.situation_for(1)
    assert chosen is not None
    assert (chosen.title, chosen.presenter_id) == ("Le refus de Mme X", cast.people["P1"].id)


async def propose(app: AppSessionApp, pilot: Pilot[None], line: str) -> None:
    await pilot.press("ctrl+n")
    await type_into(pilot, line)
    await pilot.press("enter")
    await settle(pilot)


async def exposé_and_clarification(app: AppSessionApp, pilot: Pilot[None], cast: Cast) -> None:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    await pilot.press("f3")
    await settle(pilot)
    assert screen.live.run.step.phase.id == "expose"
    await note(pilot, "elle raconte la visite du fils #famille")
    await note(pilot, '"je me suis sentie seule"', typed=True)
    await pilot.press("f3")
    await settle(pilot)
    await type_into(pilot, "?@Élo")
    await pilot.press("tab")
    await note(pilot, " et si ta cheffe avait peur aussi ?")
    assert screen.query_one("#nudge").has_class("-visible")
    await pilot.press("escape")
    assert not screen.query_one("#nudge").has_class("-visible")
    await note(pilot, "@Marc ne veut pas répondre")
    entry = screen.query_one(NoteEntry)
    assert entry.value == "@Marc ne veut pas répondre"
    entry.value = ""


async def hypotheses_edit_veto_and_undo(
    app: AppSessionApp, pilot: Pilot[None], clock: FakeClock
) -> None:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    await pilot.press("f3")
    await settle(pilot)
    assert screen.live.run.step.phase.id == "hypotheses"
    await note(pilot, "@P4 #autorité elle n'ose pas contredire la cheffe")
    await note(pilot, "! histoire personnelle de la cadre", typed=True)
    await pilot.press("f7", "up", "enter")
    await settle(pilot)
    text = app.screen.query_one("#text")
    text.value = "elle n'ose pas contredire sa cheffe"
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("escape")
    clock.advance(10 * 60)
    await note(pilot, "le groupe s'emballe sur la hiérarchie")
    await pilot.press("f8")
    await settle(pilot)
    assert screen.live.off_record_mode
    await note(pilot, "elle demande d'arrêter ce sujet")
    await pilot.press("f8")
    assert not screen.live.off_record_mode
    await note(pilot, "retour au cadre")
    await pilot.press("f7", "delete")
    await settle(pilot)
    assert "retour au cadre" not in [n.text for n in screen.live.notes]
    await pilot.press("escape", "ctrl+z")
    await settle(pilot)
    assert "retour au cadre" in [n.text for n in screen.live.notes]


REST_OF_THE_PLAN = (
    ("return", '"je vais en parler à ma cheffe"'),
    ("break", "pause café, on reprend à 11 h"),
    ("expose", "elle décrit la réunion du lundi"),
    ("clarification", "?@P1 qui animait la réunion"),
    ("hypotheses", "@P4 #autorité peut-être une question de place"),
    ("return", "elle retient l'idée de la place"),
    ("closing", "! P3 est resté silencieux toute la séance"),
)
"""The phases after the first hypotheses, each with a note (each mark used somewhere)."""


async def the_rest_of_the_plan(app: AppSessionApp, pilot: Pilot[None], cast: Cast) -> None:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    for phase_id, line in REST_OF_THE_PLAN:
        await pilot.press("f3")
        await settle(pilot)
        if isinstance(app.screen, ChoiceScreen):
            await pilot.press("enter")
            await settle(pilot)
            second = screen.live.situation()
            assert second is not None
            assert second.presenter_id == cast.people["P2"].id
        assert screen.live.run.step.phase.id == phase_id
        await note(pilot, line)
    assert screen.live.run.is_last
    assert len(screen.live.run.log) == len(screen.live.run.plan.steps)


async def closing(app: AppSessionApp, pilot: Pilot[None], cast: Cast) -> None:
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, ClosingScreen)
    chooser = app.screen.query_one("#next-presenter")
    chooser.value = cast.people["P4"].id
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)


def check_vault(vault: Vault, cast: Cast) -> None:
    session = vault.sessions(cast.group.id)[0]
    people = {p.pseudonym: p.id for p in vault.participants(cast.group.id)}
    assert session.frame_stated_at
    assert set(session.attendance) == set(people.values())
    assert vault.consent(people["P4"]).note_taking is True
    notes = vault.notes(session.id)
    by_text = {n.text: n for n in notes}
    assert "ne veut pas répondre" not in " ".join(by_text)
    assert all(n.speaker_id != people["P3"] for n in notes)
    assert by_text["ambiance calme, tout le monde est là"].phase_id == "opening"
    assert by_text["ambiance calme, tout le monde est là"].situation_id == ""
    told = by_text["elle raconte la visite du fils"]
    assert (told.speaker_id, told.kind, told.phase_id) == (
        people["P1"],
        NoteKind.PARAPHRASE,
        "expose",
    )
    assert by_text["je me suis sentie seule"].kind is NoteKind.VERBATIM
    question = by_text["et si ta cheffe avait peur aussi ?"]
    assert (question.kind, question.speaker_id) == (NoteKind.QUESTION, people["P2"])
    edited = by_text["elle n'ose pas contredire sa cheffe"]
    assert (edited.kind, edited.speaker_id, edited.revision) == (
        NoteKind.HYPOTHESIS,
        people["P4"],
        2,
    )
    themes = {t.id: t.name for t in vault.themes(cast.intervention.id)}
    assert [themes[t] for t in edited.themes] == ["autorité"]
    assert not edited.off_record
    assert by_text["histoire personnelle de la cadre"].off_record
    assert by_text["le groupe s'emballe sur la hiérarchie"].off_record
    assert by_text["elle demande d'arrêter ce sujet"].off_record
    assert not by_text["retour au cadre"].off_record
    first, second = (
        by_text[t].situation_id
        for t in ("je me suis sentie seule", "elle décrit la réunion du lundi")
    )
    statuses = {s.id: s.status for s in vault.situations(cast.group.id)}
    assert statuses[first] is SituationStatus.DONE
    assert statuses[second] is SituationStatus.DONE
    run = vault.document(RUN_DOCUMENT, session.id)
    assert run is not None
    assert run["closed_at"]
    assert vault.document("next-presenter", cast.group.id) == {"participant_id": people["P4"]}
    kinds = [event.kind for event in vault.audit_events()]
    assert {"frame-stated", "veto", "session-closed", "consent-recorded"} <= set(kinds)
    assert vault.pending_text(session.id) == ""
    phases = {n.phase_id for n in notes}
    assert phases >= {"opening", "expose", "clarification", "hypotheses", "return", "break"}
    assert "closing" in phases
    assert by_text["P3 est resté silencieux toute la séance"].off_record
    assert by_text["P3 est resté silencieux toute la séance"].situation_id == ""
    assert by_text["je vais en parler à ma cheffe"].kind is NoteKind.VERBATIM
