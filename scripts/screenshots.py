"""Screenshots of the main screens, taken offscreen on a throw-away demo vault, saved to docs/screenshots/.

Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out DIR] [--lang es|en] [--participants N]

Everything happens in a temporary DMI_HOME and settings folder, so the user's vaults and settings are never
touched. The demo vault is built exactly as ``main.py --demo`` builds it (services.demo), then the real shell
is driven through unlock, the participants list, a participant file, dialogs, import, lock and first run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402 - after the platform is chosen
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

MAIN_SIZE = QSize(1280, 800)
IMPORT_CSV = (
    "Nombres;Apellido paterno;Apellido materno;RUT;Fecha de nacimiento;Sector;Observaciones\n"
    "Camila;Fuentes;Vera;12.345.678-5;14-03-1999;Colón Oriente;derivada por Fiscalía\n"
    "Rosa;Mella;Ortiz;11.111.111-2;02-07-2001;El Golf;\n"
    "Javier;Tapia;;9.876.543-3;30-13-1995;Apoquindo;\n"
    ";Soto;Rojas;;;Apoquindo;sin nombre\n"
    "Diego;Araya;Pino;;21-11-2007;Colón Oriente;menor de edad\n"
)


def _reasons() -> dict:
    """A plausible reason for the first state the status dialog offers (the picture should make sense)."""
    from dmi_desktop.domain.status import Status

    return {
        Status.CASE_ACTIVATED: "Nueva detención por venta en el sector; se activa el caso en reserva.",
        Status.ATTENDED: "Asistió a la reunión de llamado con su madre.",
        Status.ENROLLED: "Firmó el acuerdo del programa.",
    }


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Process events until ``condition`` holds (offscreen: nothing else drives the event loop)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.005)


def settle(ms: int = 150) -> None:
    """Let layouts, debounce timers and worker callbacks finish."""
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


class Camera:
    """Saves ``QWidget.grab()`` of a window as a numbered PNG."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def shoot(self, widget: QWidget, name: str, size: QSize | None = None) -> None:
        """Show ``widget`` (at ``size``) and save its picture as ``name``.png."""
        if size is not None:
            widget.resize(size)
        widget.show()
        settle()
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        self.saved.append(path)


def _quiet_message_boxes() -> None:
    """Answer modal boxes at once (nothing is left waiting offscreen); they are not part of the pictures."""

    def answer(*_args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.No

    for name in ("warning", "critical", "information", "question"):
        setattr(QMessageBox, name, staticmethod(answer))


def _fullest_file(service, ids: list[str]) -> str:
    """The participant whose file has the most kinds of records (a banked case, referrals, check-ins…)."""

    def kinds(pid: str) -> tuple[int, int]:
        f = service.file(pid)
        parts = (f.banked_case, f.reviews, f.influentials, f.referrals, f.checkins, f.violations, f.notes)
        return sum(map(bool, parts)), len(f.checkins) + len(f.referrals)

    return max(ids, key=kinds)


def shoot_first_run(camera: Camera, translations, settings, tmp: Path) -> None:
    """First-run wizard: welcome/language, first user with strength feedback, the recovery key."""
    from dmi_desktop.storage.keyslots import TEST_KDF
    from dmi_desktop.ui.startup import Shell

    shell = Shell(settings, translations, create_options={"kdf": TEST_KDF})
    wizard = shell.show_wizard(tmp / "primera-boveda")
    camera.shoot(wizard, "02-first-run-language")
    wizard.next()
    form = wizard.organisation_page.form
    form.organisation.setText("Municipalidad de Las Condes")
    form.address.setPlainText("Av. Apoquindo 3400, Las Condes, Santiago")
    camera.shoot(wizard, "03-first-run-organisation")
    wizard.next()
    wizard.next()
    page = wizard.user_page
    page.name.setText("Ana Rojas")
    page.passphrase.setText("caballo batería grapa")
    page.repeat.setText("caballo batería grapa")
    camera.shoot(wizard, "04-first-run-user")
    page.passphrase.setText("caballo batería grapa correcta 42")
    page.repeat.setText("caballo batería grapa correcta 42")
    wizard.next()
    wait_until(lambda: wizard.recovery_page.created is not None)
    camera.shoot(wizard, "05-first-run-recovery-key")
    wizard.recovery_page.confirm.setChecked(True)
    created = wizard.recovery_page.created
    wizard.hide()
    created.session.close()
    shell.worker.shutdown()


def shoot_working_day(camera: Camera, shell, folder: Path, passphrase: str, tmp: Path) -> None:
    """Unlock, list, search, a participant file, dialogs, import, lock."""
    from dmi_desktop.domain.roles import Role
    from dmi_desktop.services.follow_up import FollowUpService
    from dmi_desktop.ui.import_export.import_wizard import start_import
    from dmi_desktop.ui.participants.status_dialog import StatusChangeDialog
    from dmi_desktop.ui.settings_dialog import SettingsDialog
    from dmi_desktop.ui.users_dialog import UsersDialog

    unlock = shell.show_unlock(folder, demo_passphrase=passphrase)
    camera.shoot(unlock, "01-unlock-demo")
    unlock.passphrase.setText(passphrase)
    unlock.unlock_button.click()
    wait_until(lambda: shell.window is not None and shell.window.isVisible())
    window = shell.window
    shoot_home(camera, shell, window)
    window.show_area("participants")  # the window opens on Inicio
    area = window.area_widgets["participants"]
    wait_until(lambda: area.model.rowCount() > 0)
    area.table.selectRow(2)
    camera.shoot(window, "06-participants-list", MAIN_SIZE)

    area.search.setText("gonz")
    area.search.setFocus()
    wait_until(lambda: area.model.query.search == "gonz")
    area.table.selectRow(0)
    camera.shoot(window, "07-search-as-you-type", MAIN_SIZE)
    area.search.clear()
    wait_until(lambda: area.model.query.search == "")

    service = shell.ctx.session.participants
    ids = [row.id for row in service.list(area.model.query)]
    file_window = area.open_file(_fullest_file(service, ids))
    wait_until(lambda: not file_window.loading())  # the file is read on the worker
    file_size = QSize(1140, 720)
    for widget, name in (
        (file_window.identity, "08-file-identity"),
        (file_window.banked, "09-file-banked-case"),
        (file_window.referrals, "10-file-referrals"),
        (file_window.checkins, "11-file-check-ins"),
        (file_window.history, "12-file-history"),
    ):
        if widget is None:
            continue
        file_window.tabs.setCurrentWidget(widget)
        if widget is file_window.history:
            widget.view.selectRow(0)  # the full entry shows under the list
        camera.shoot(file_window, name, file_size)

    p = file_window.file.participant
    status = StatusChangeDialog(p.status, p.full_name, file_window)
    status.reason.setPlainText(_reasons().get(status.offered()[0], "Acordado en la reunión de coordinación."))
    camera.shoot(status, "13-status-change")
    status.reject()
    file_window.hide()

    source = tmp / "listado-municipal.csv"
    source.write_text(IMPORT_CSV, encoding="utf-8")
    wizard = start_import(shell.ctx, area)
    wizard.file_page.path.setText(str(source))
    wizard.next()
    wait_until(lambda: wizard.currentPage() is wizard.mapping_page)
    camera.shoot(wizard, "14-import-mapping", QSize(860, 620))
    wizard.next()
    wait_until(lambda: wizard.preview_page.preview is not None)
    camera.shoot(wizard, "15-import-preview-errors", QSize(960, 640))
    wizard.hide()

    for name, role in (
        ("Felipe Soto", Role.STAFF),
        ("Daniela Vergara", Role.STAFF),
        ("Fiscalía (consulta)", Role.VIEWER),
    ):
        shell.ctx.session.users.add(name, role, "colega de la demostración 2026")  # the throw-away vault only
    camera.shoot(UsersDialog(shell.ctx, window), "16-users")
    follow_up = FollowUpService(shell.ctx.session).settings()
    camera.shoot(SettingsDialog(shell.settings, window, follow_up=follow_up, can_edit_follow_up=True), "17-settings")
    shoot_key_dialogs(camera, shell, window)
    shoot_list_handling(camera, shell, window)
    shoot_printing(camera, shell, window, file_window.participant_id)
    shoot_meetings(camera, shell, window)
    shoot_entry_and_export(camera, shell, window, tmp)

    shell.lock.lock()
    wait_until(lambda: shell.lock.dialog is not None and shell.lock.dialog.isVisible())
    camera.shoot(shell.lock.dialog, "18-auto-locked")


def shoot_key_dialogs(camera: Camera, shell, window: QWidget) -> None:
    """A compromised passphrase (re-keys the vault) and a new recovery key shown once; nothing is changed."""
    from dmi_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
    from dmi_desktop.ui.recovery_key_dialog import RecoveryKeyDialog

    session = shell.ctx.session
    change = ChangePassphraseDialog(
        shell.ctx.worker,
        user=session.user,
        verify=lambda _current: True,
        change=lambda _new: None,
        change_compromised=lambda _new: None,
        parent=window,
    )
    change.compromised.setChecked(True)
    camera.shoot(change, "19-passphrase-compromised")
    change.reject()
    # A key in the recovery key's format that opens nothing: the screenshot never shows the vault's own.
    sample = "-".join(["7K2QD", "M4XPA", "9RWTE", "HC3NV", "B6FJL", "Z8YUS", "Q2GKM", "P5DXR"])
    recovery = RecoveryKeyDialog(sample, session.vault.meta("organisation") or "", window)
    camera.shoot(recovery, "20-new-recovery-key")
    recovery.reject()


def shoot_home(camera: Camera, shell, window: QWidget) -> None:
    """Inicio on the demo vault (with a coming call-in) at 1366×768 and 1920×1080, and an empty vault's first steps."""
    from datetime import date, timedelta

    from dmi_desktop.domain.status import Status
    from dmi_desktop.services.participants import ParticipantQuery
    from dmi_desktop.ui.home.home_widget import REFRESH_DEBOUNCE_MS, HomeSnapshot

    session = shell.ctx.session
    eligible = [r.id for r in session.participants.rows(ParticipantQuery(status=(Status.ELIGIBLE,)), 0, 4)]
    start = (date.today() + timedelta(days=9)).strftime("%Y-%m-%d 11:00")
    title = "Reunión de notificación Colón Oriente"
    meeting = session.meetings.add({"kind": "call-in", "title": title, "starts_at": start}, override_reason="demo")
    if eligible:  # the throw-away demo vault only
        session.invitations.invite(meeting.meeting.ref, eligible, override_reason="demo")
    home = window.area_widgets["home"]
    window.show_area("home")
    settle(REFRESH_DEBOUNCE_MS + 300)  # the refresh the invitations above asked for (debounced) has run
    wait_until(lambda: not shell.worker.busy and home.snapshot is not None and home.snapshot.total > 0)
    camera.shoot(window, "21-home-1366", QSize(1366, 768))
    camera.shoot(window, "22-home-1920", QSize(1920, 1080))
    home.show_snapshot(HomeSnapshot(0, []))  # what an empty vault shows
    camera.shoot(window, "23-home-first-steps", QSize(1366, 768))
    home.refresh()
    wait_until(lambda: not shell.worker.busy)
    home.line_buttons["home.follow_up"][0].click()  # check-ins overdue: the list, filtered, says so
    wait_until(lambda: not shell.worker.busy)
    camera.shoot(window, "24-home-line-opens-the-list", QSize(1366, 768))
    window.area_widgets["participants"].clear_follow_up()
    wait_until(lambda: not shell.worker.busy)
    window.resize(MAIN_SIZE)


def shoot_list_handling(camera: Camera, shell, window: QWidget, size: QSize = MAIN_SIZE) -> None:
    """The list's row and header menus, the views menu, an empty result, and the new-participant dialog."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QMenu

    from dmi_desktop.ui.participants import list_menus

    area = window.area_widgets["participants"]
    window.resize(size)
    window.show()
    wait_until(lambda: area.model.rowCount() > 0 and area.model.participant_id(3) != "")

    def with_menu(menu: QMenu, at: QPoint, name: str) -> None:
        # A popup is a window of its own: paint it over the main window where it opened.
        menu.popup(window.mapToGlobal(at))
        settle()
        picture = window.grab()
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
        painter.end()
        path = camera.out / f"{name}.png"
        if not picture.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        camera.saved.append(path)
        menu.close()

    index = area.model.index(3, 1)
    at = area.table.viewport().mapTo(window, area.table.visualRect(index).center())
    area.table.setCurrentIndex(index)
    with_menu(list_menus.row_menu(area, area.model.row_at(3)), at, "40-list-row-menu")
    header = area.table.horizontalHeader()
    section = header.sectionViewportPosition(4) + 20
    with_menu(list_menus.header_menu(area, 4), header.mapTo(window, QPoint(section, 10)), "41-list-header-menu")
    area.views.rebuild()
    with_menu(area.views.views_menu, area.views.mapTo(window, QPoint(0, area.views.height())), "42-list-views-menu")
    area.search.setText("zzzz")
    wait_until(lambda: area.model.rowCount() == 0 and area.empty.isVisible())
    camera.shoot(window, "43-list-empty-result", size)
    area.clear_filters()
    dialog = area.new_participant()
    if dialog is not None:
        camera.shoot(dialog, "44-new-participant")
        dialog.form.editors["rut"].setText("12.345.678-9")
        dialog.form.show_all_errors()
        camera.shoot(dialog, "45-new-participant-errors")
        dialog.form.load(None)
        dialog.reject()


def shoot_printing(camera: Camera, shell, window: QWidget, participant_id: str) -> None:
    """The print purpose dialog, then the in-memory preview of a participant file and of the list."""
    from PySide6.QtCore import QCoreApplication

    from dmi_desktop.services import printing
    from dmi_desktop.ui.printing.print_actions import show_preview
    from dmi_desktop.ui.printing.purpose_dialog import PrintPurposeDialog, PrintRequest

    what = QCoreApplication.translate("Printing", "this participant's file")
    purpose = PrintPurposeDialog(what, "carta", window)
    purpose.purpose.setText("Revisión del caso con la Fiscalía")
    camera.shoot(purpose, "25-print-purpose")
    purpose.reject()
    request = PrintRequest("Revisión del caso con la Fiscalía", "carta")
    printed = printing.participant_file(shell.ctx.session, participant_id, request.purpose)
    preview = show_preview(shell.ctx, window, printed.data, "Ficha", "ficha.pdf", "participant.print", request)
    camera.shoot(preview, "26-print-preview-file", QSize(1000, 740))
    preview.close()
    data = printing.participant_list(shell.ctx.session, "Reunión de equipo")
    preview = show_preview(shell.ctx, window, data, "Listado", "listado.pdf", "participant.print_list", request)
    camera.shoot(preview, "27-print-preview-list", QSize(1000, 740))
    preview.close()


def shoot_entry_and_export(camera: Camera, shell, window: QWidget, tmp: Path) -> None:
    """A review asking for its rationale, a check-in's method list, the save dialog and the export warning."""
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from dmi_desktop.services.participants import ParticipantQuery
    from dmi_desktop.ui.file_dialogs import file_dialog
    from dmi_desktop.ui.import_export.export_action import file_filters
    from dmi_desktop.ui.import_export.export_warning import ExportWarningDialog
    from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
    from dmi_desktop.ui.participants.review_dialog import ReviewDialog

    pid = shell.ctx.session.participants.rows(ParticipantQuery(), 0, 1)[0].id
    review = ReviewDialog(shell.ctx, pid, parent=window)
    decision = review.form.editors["decision"]
    decision.setCurrentIndex(decision.findData("not_eligible"))
    camera.shoot(review, "quality-review-needs-rationale")
    review.form.load(None)
    review.reject()
    area = window.area_widgets["participants"]
    assert isinstance(area, ParticipantsWidget)
    file = area.open_file(pid)
    settle(400)
    checkin = file.checkins.make_dialog(None, False)
    method = checkin.form.editors["method"]
    method.combo.setCurrentIndex(method.combo.findData("other"))
    method.other.setText("en la feria del sector")
    camera.shoot(checkin, "quality-checkin-method-other")
    checkin.form.load(None)
    checkin.reject()
    file.close()
    documents = tmp / "Documentos"
    (documents / "respaldos").mkdir(parents=True, exist_ok=True)
    for name in ("listado-enero.csv", "listado-febrero.xlsx", "derivaciones.pdf"):
        (documents / name).write_bytes(b"x" * 2048)
    title = QApplication.translate("Export", "Export participants")
    dialog = file_dialog(window, title, documents, ";;".join(file_filters()), save=True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.selectFile(QApplication.translate("Export", "participants.csv"))
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    wait_until(lambda: view.model().rowCount(view.rootIndex()) >= 2)  # the CSV filter shows the folder and one file
    camera.shoot(dialog, "quality-save-dialog", QSize(900, 520))
    dialog.reject()
    warning = ExportWarningDialog("listado-marzo.xlsx", window)
    camera.shoot(warning, "quality-export-warning")
    warning.reject()


def main(argv: list[str]) -> int:
    """Build the demo vault in a temporary home and take the pictures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("es", "en"), default="es")
    parser.add_argument("--participants", type=int, default=300, help="size of the demo vault (default 300)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dmi-screenshots-") as name:
        tmp = Path(name)
        # Before anything reads them: the demo vault, settings and logs live only in the temp folder.
        os.environ["DMI_HOME"] = str(tmp / "home")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        return take(options, tmp)


def take(options: argparse.Namespace, tmp: Path) -> int:
    """Drive the application as run_gui sets it up and save every picture."""
    from dmi_desktop import APP_NAME
    from dmi_desktop.services import paths
    from dmi_desktop.services.demo import ensure_demo_vault
    from dmi_desktop.ui.actions import load_icon
    from dmi_desktop.ui.settings import ORGANISATION, Settings
    from dmi_desktop.ui.startup import Shell
    from dmi_desktop.ui.translation import Translations

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setWindowIcon(load_icon("app"))
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)
    _quiet_message_boxes()
    settings = Settings()
    settings.language = options.lang
    translations = Translations(app)
    translations.apply(settings.language)
    camera = Camera(options.out)

    folder = ensure_demo_vault(participants=options.participants)
    shoot_first_run(camera, translations, settings, tmp)
    shell = Shell(settings, translations)
    shell.demo = True  # as main.py --demo: the demo vault is not remembered as the last one
    try:
        shoot_working_day(camera, shell, folder, paths.DEMO_PASSPHRASE, tmp)
    finally:
        shell.shutdown()
    for path in camera.saved:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KB")
    return 0


def shoot_meetings(camera: Camera, shell, window: QWidget) -> None:
    """The meetings area (month and week), a meeting page with attendance marked, and the clash dialog."""
    from datetime import date, datetime, timedelta
    from datetime import time as clock

    from dmi_desktop.domain.meetings import INVITABLE, MeetingKind
    from dmi_desktop.services.participants import ParticipantQuery
    from dmi_desktop.ui.meetings.calendar_view import WEEK
    from dmi_desktop.ui.meetings.meeting_dialog import MeetingDialog

    session = shell.ctx.session
    sede = session.venues.add({"name": "Sede vecinal Colón Oriente", "address": "Colón 7100", "capacity": 60})
    centro = session.venues.add({"name": "Centro comunitario El Golf", "address": "Av. El Golf 50", "capacity": 25})
    session.contacts.add({"name": "Cap. Rodrigo Fuentes", "organisation": "carabineros", "role": "Comisaría 17"})
    session.contacts.add({"name": "Paula Ibáñez", "organisation": "fiscalia", "role": "Fiscal adjunta"})
    monday = date.today() - timedelta(days=date.today().weekday())
    plan = [  # (day offset from this Monday, hour, kind, title, venue)
        (-14, 10, "case-review", "Revisión de casos con Fiscalía", sede),
        (-11, 16, "home-visit", "Visita familia Rojas", None),
        (-7, 11, "follow-up", "Seguimiento grupo 1", centro),
        (-4, 9, "home-visit", "Visita familia Pérez", None),
        (1, 10, "home-visit", "Visita familia Muñoz", None),
        (2, 11, "case-review", "Revisión de casos con Fiscalía", sede),
        (3, 15, "follow-up", "Seguimiento grupo 2", centro),
        (8, 10, "home-visit", "Visita familia Soto", None),
        (10, 12, "follow-up", "Seguimiento individual", centro),
        (15, 10, "case-review", "Revisión de casos con Fiscalía", sede),
        (17, 17, "follow-up", "Seguimiento grupo 3", centro),
    ]
    for offset, hour, kind, title, venue in plan:
        start = datetime.combine(monday + timedelta(days=offset), clock(hour))
        fields = {"kind": kind, "title": title, "starts_at": f"{start:%Y-%m-%d %H:%M}", "duration": 60}
        session.meetings.add(fields, venue=venue.id if venue else "", override_reason="demostración")
    dropped = session.meetings.add(
        {"kind": "follow-up", "title": "Seguimiento suspendido", "starts_at": f"{monday + timedelta(days=4)} 12:00"},
        override_reason="demostración",
    ).meeting
    session.meetings.cancel(dropped.id, "Sede sin luz")
    call_in = session.meetings.add(
        {
            "kind": "call-in",
            "title": "Reunión de notificación Colón Oriente",
            "starts_at": f"{monday + timedelta(days=2)} 18:00",
            "duration": 90,
            "agenda": "Mensaje de la comunidad; oferta de servicios; consecuencias.",
        },
        venue=sede.id,
        override_reason="la comunidad pidió un horario después del trabajo",
    ).meeting
    query = ParticipantQuery(status=tuple(INVITABLE[MeetingKind.CALL_IN]), sort="name")
    invited = [row.id for row in session.participants.rows(query, 0, 8)]
    session.invitations.invite(call_in.id, invited, with_influentials=True)
    for pid, outcome in zip(invited[:4], ("attended", "attended", "no-show", "excused"), strict=False):
        session.invitations.attend(call_in.id, pid, outcome)
    if len(invited) > 5:
        session.invitations.mark_invitation(call_in.id, invited[5], "delivered", delivered_by="Felipe Soto")

    window.show_area("meetings")
    area = window.area_widgets["meetings"]
    area.reload()
    area.calendar.set_day(monday + timedelta(days=2))
    wait_until(lambda: not shell.ctx.worker.busy)
    camera.shoot(window, "30-meetings-month", MAIN_SIZE)
    area.set_mode(WEEK)
    wait_until(lambda: not shell.ctx.worker.busy)
    camera.shoot(window, "31-meetings-week", MAIN_SIZE)
    area.set_mode("month")
    page = area.open_meeting(call_in.id)
    wait_until(lambda: page.detail is not None and not shell.ctx.worker.busy)
    page.table.move_to(4)
    camera.shoot(page, "32-meeting-page-attendance", QSize(1240, 680))
    page.close()
    dialog = MeetingDialog(shell.ctx, [sede, centro], window, day=monday + timedelta(days=2))
    dialog.title.setText("Segunda reunión de notificación")
    dialog.time.setTime(dialog.time.time().fromString("18:30", "HH:mm"))
    dialog.venue.setCurrentIndex(dialog.venue.findData(sede.id))
    dialog.save()
    wait_until(lambda: dialog.clash_dialog is not None)
    dialog.clash_dialog.reason.setPlainText("Dos salas disponibles en la sede")
    camera.shoot(dialog.clash_dialog, "33-meeting-clashes")
    dialog.clash_dialog.reject()
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
