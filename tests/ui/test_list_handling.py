"""The participants list as a desktop list: context menus, columns per user, keyboard, empty results, views."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox

from dmi_desktop.domain.status import Status, label
from dmi_desktop.ui.models.participant_table_model import COL_ALIAS, COL_CASE_NO, COL_NAME, COL_RUT, COL_SECTOR
from dmi_desktop.ui.participants import list_menus
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from tests.conftest import COORDINATOR, STAFF, VIEWER
from tests.ui.list_helpers import column, settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def _area(ctx, qtbot) -> ParticipantsWidget:
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    area.resize(1100, 500)
    area.show()
    settle(ctx)
    column(area.model, ctx, COL_NAME)  # every page here
    return area


def _action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no action {text!r} in {[a.text() for a in menu.actions()]}")


def _row_of(area: ParticipantsWidget, name: str) -> int:
    return column(area.model, area.ctx, COL_NAME).index(name)


def _close_menus(area: ParticipantsWidget) -> None:
    if area.row_menu is not None and shiboken6.isValid(area.row_menu):
        area.row_menu.close()


# -- 1. the row's context menu ----------------------------------------------------------------------


def test_row_menu_copies_the_case_number_and_the_formatted_rut_of_the_row_under_the_cursor(
    make_ctx, sample_rows, qtbot
):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    row = _row_of(area, "María José González Rojas")
    index = area.model.index(row, COL_NAME)
    pos = area.table.visualRect(index).center()
    QApplication.sendEvent(
        area.table.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, area.table.mapToGlobal(pos))
    )
    menu = area.row_menu
    assert menu is not None and menu.isVisible()
    assert area.table.currentIndex().row() == row  # the row clicked becomes the current one
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Open file", "Change status…", "Copy case number", "Copy RUT"]
    _action(menu, "Copy RUT").trigger()
    assert QGuiApplication.clipboard().text() == "9.876.543-3"  # stored as 98765433, copied as users write it
    _action(menu, "Copy case number").trigger()
    assert QGuiApplication.clipboard().text() == area.model.index(row, COL_CASE_NO).data()
    _action(menu, "Open file").trigger()
    pid = area.model.participant_id(row)
    assert list(area.windows) == [pid]
    area.windows[pid].close()
    _close_menus(area)


def test_row_menu_from_the_keyboard_acts_on_the_current_row(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    row = _row_of(area, "Juan Muñoz Díaz")
    area.table.setFocus()
    area.table.setCurrentIndex(area.model.index(row, COL_NAME))
    qtbot.keyClick(area.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert area.row_menu is not None and area.row_menu.isVisible()
    assert not _action(area.row_menu, "Copy RUT").isEnabled()  # Juan has no RUT
    _action(area.row_menu, "Copy case number").trigger()
    assert QGuiApplication.clipboard().text() == area.model.index(row, COL_CASE_NO).data()
    _close_menus(area)
    area.table.setCurrentIndex(area.model.index(0, COL_NAME))
    QApplication.sendEvent(area.table, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(1, 1), QPoint(1, 1)))
    _action(area.row_menu, "Copy case number").trigger()
    assert QGuiApplication.clipboard().text() == area.model.index(0, COL_CASE_NO).data()
    _close_menus(area)


def test_row_menu_changes_the_status_with_the_usual_dialog(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    row = _row_of(area, "Camila Fuentes Vera")
    menu = area.show_row_menu(area.model.index(row, COL_NAME), QPoint(5, 5))
    _action(menu, "Change status…").trigger()
    dialog = area.status_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.target.currentIndex() == -1  # nothing preselected
    dialog.target.setCurrentIndex(dialog.target.findData(Status.UNDER_REVIEW.value))
    dialog.reason.insertPlainText("revisión con Fiscalía")  # QTest types ASCII only
    dialog.ok_button.click()
    settle(ctx)
    pid = area.model.participant_id(row)
    assert ctx.session.participants.get(pid).status is Status.UNDER_REVIEW
    qtbot.waitUntil(lambda: area.model.index(row, 5).data() == label(Status.UNDER_REVIEW), timeout=3000)
    _close_menus(area)


def test_viewers_get_no_status_change_in_the_row_menu(make_ctx, sample_rows, qtbot):
    make_ctx().session.participants.create_many(sample_rows())
    ctx = make_ctx(VIEWER)
    area = _area(ctx, qtbot)
    menu = area.show_row_menu(area.model.index(0, COL_NAME), QPoint(5, 5))
    assert not _action(menu, "Change status…").isEnabled()
    assert _action(menu, "Open file").isEnabled()
    _close_menus(area)


# -- 2. the header's menu: columns per user --------------------------------------------------------------


def test_header_menu_hides_moves_and_resets_columns_remembered_per_user(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    header = area.table.horizontalHeader()
    assert header.sectionsMovable()  # headers can be dragged
    menu = list_menus.header_menu(area, COL_SECTOR)
    assert not _action(menu, "Name").isEnabled()  # the name always shows
    _action(menu, "Alias").setChecked(False)
    assert header.isSectionHidden(COL_ALIAS)
    _action(menu, "Move “Sector” left").trigger()
    assert header.visualIndex(COL_SECTOR) == header.visualIndex(COL_RUT) - 1
    menu.deleteLater()
    again = _area(ctx, qtbot)  # the same user, later: remembered without any explicit save
    again.restore_state(ctx.settings)
    again_header = again.table.horizontalHeader()
    assert again_header.isSectionHidden(COL_ALIAS)
    assert again_header.visualIndex(COL_SECTOR) < again_header.visualIndex(COL_RUT)
    staff = _area(make_ctx(STAFF), qtbot)  # another user of the same computer keeps the default
    staff.restore_state(staff.ctx.settings)
    assert not staff.table.horizontalHeader().isSectionHidden(COL_ALIAS)
    assert staff.table.horizontalHeader().visualIndex(COL_SECTOR) == COL_SECTOR
    reset = list_menus.header_menu(again, -1)
    query_before = again.model.query
    _action(reset, "Reset columns").trigger()
    assert not again_header.isSectionHidden(COL_ALIAS)
    assert [again_header.logicalIndex(v) for v in range(again_header.count())] == list(range(7))
    assert again.model.query == query_before  # resetting columns does not re-sort the list


def test_the_users_name_is_not_written_into_the_settings(make_ctx, sample_rows, qtbot, tmp_path):
    ctx = make_ctx()
    area = _area(ctx, qtbot)
    area.columns.set_shown(COL_ALIAS, False)
    ctx.settings.sync()
    written = "".join(p.read_text(errors="replace") for p in (tmp_path / "config").rglob("*") if p.is_file())
    assert "participants." in written and COORDINATOR not in written


# -- 3. keyboard -------------------------------------------------------------------------------------------


def test_escape_clears_the_search_down_enters_the_list_and_enter_opens(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    area.search.setFocus()
    qtbot.keyClicks(area.search, "camila")
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=3000)
    qtbot.keyClick(area.search, Qt.Key.Key_Escape)
    assert area.search.text() == ""
    qtbot.waitUntil(lambda: area.model.rowCount() == 5, timeout=3000)
    qtbot.keyClicks(area.search, "juan")
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=3000)
    qtbot.keyClick(area.search, Qt.Key.Key_Down)
    assert area.table.hasFocus() or QApplication.focusWidget() is area.table
    assert area.table.currentIndex().row() == 0
    assert area.table.selectionModel().isRowSelected(0)
    qtbot.keyClick(area.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(area.windows) == 1, timeout=3000)
    window = next(iter(area.windows.values()))
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)
    assert window.file.participant.full_name == "Juan Muñoz Díaz"
    window.close()


def test_tab_goes_from_the_search_along_the_filters_into_the_list(make_ctx, qtbot):
    area = _area(make_ctx(), qtbot)
    chain, widget = [], area.search
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(area):
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain == [area.status_filter, area.sector_filter, area.views, area.table]


# -- 4. an empty result says why ------------------------------------------------------------------------------


def test_an_empty_result_names_the_filters_and_offers_to_clear_them(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    assert not area.empty.isVisible()
    area.status_filter.setCurrentIndex(area.status_filter.findData(Status.ELIGIBLE.value))
    qtbot.waitUntil(lambda: area.model.rowCount() == 0, timeout=3000)
    area.sector_filter.setCurrentIndex(area.sector_filter.findData("El Golf"))
    area.search.setText("juan")
    area.run_query()
    settle(ctx)
    assert area.empty.isVisible()
    text = area.empty.message.text()
    assert text == f"No participant matches “juan” with status {label(Status.ELIGIBLE)} in sector El Golf."
    assert area.empty.clear_button.isVisible()
    qtbot.mouseClick(area.empty.clear_button, Qt.MouseButton.LeftButton)
    assert (
        area.search.text() == "" and area.status_filter.currentData() == "" and area.sector_filter.currentData() == ""
    )
    qtbot.waitUntil(lambda: area.model.rowCount() == 5, timeout=3000)
    assert not area.empty.isVisible()


def test_an_empty_vault_says_so_without_a_clear_button(make_ctx, qtbot):
    area = _area(make_ctx(), qtbot)
    assert area.empty.isVisible()
    assert "no participants in this vault yet" in area.empty.message.text()
    assert not area.empty.clear_button.isVisible()


# -- 5. created while a filter hides them -----------------------------------------------------------------------


def _create_through_the_dialog(area: ParticipantsWidget, qtbot) -> None:
    dialog = area.new_participant()
    assert dialog is not None
    for name, text in (("nombres", "Valentina"), ("apellido_paterno", "Carrasco")):
        dialog.form.editors[name].setFocus()
        qtbot.keyClicks(dialog.form.editors[name], text)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_participant_created_while_the_filter_hides_them_opens_and_the_status_bar_says_why(
    make_ctx, sample_rows, qtbot
):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    notices: list[str] = []
    area.notice.connect(notices.append)
    area.search.setText("camila")
    area.run_query()
    settle(ctx)
    _create_through_the_dialog(area, qtbot)
    qtbot.waitUntil(lambda: len(area.windows) == 1, timeout=5000)
    window = next(iter(area.windows.values()))
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)
    assert window.file.participant.full_name == "Valentina Carrasco"
    qtbot.waitUntil(lambda: bool(notices), timeout=3000)
    case_no = window.file.participant.case_no
    assert notices == [f"Case {case_no} was created, but the current filters hide it from the list."]
    assert area.model.rowCount() == 1  # the filter stays as the user set it
    window.close()


def test_a_participant_created_in_view_opens_without_a_remark(make_ctx, qtbot):
    ctx = make_ctx()
    area = _area(ctx, qtbot)
    notices: list[str] = []
    area.notice.connect(notices.append)
    _create_through_the_dialog(area, qtbot)
    qtbot.waitUntil(lambda: len(area.windows) == 1, timeout=5000)
    settle(ctx)
    assert notices == []
    next(iter(area.windows.values())).close()


# -- 6. saved views ------------------------------------------------------------------------------------------------


def _answer_name(monkeypatch, *names: str) -> list[str]:
    asked: list[str] = []
    answers = list(names)

    def get_text(_parent, _title, label_text, *_a, **_k):
        asked.append(label_text)
        return answers.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def _menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator() and a.text()]


def test_save_apply_rename_and_delete_a_view(make_ctx, sample_rows, qtbot, monkeypatch, boxes):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    area.sector_filter.setCurrentIndex(area.sector_filter.findData("El Golf"))
    area.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    settle(ctx)
    _answer_name(monkeypatch, "Golf al revés", "Golf")
    area.views.save_view()
    settle(ctx)
    assert [v.name for v in ctx.session.saved_views.list()] == ["Golf al revés"]
    area.clear_filters()
    settle(ctx)
    assert area.model.rowCount() == 5
    area.views.rebuild()
    assert "Golf al revés" in _menu_texts(area.views.views_menu)
    _action(area.views.views_menu, "Golf al revés").trigger()
    settle(ctx)
    assert area.sector_filter.currentData() == "El Golf"
    assert area.model.query.sector == "El Golf" and area.model.query.descending
    assert column(area.model, ctx, COL_NAME) == ["Juan Muñoz Díaz", "Pedro Josefino Araya"]  # surnames, Z to A
    assert area.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    area.views.rename_view(area.views.saved[0])
    settle(ctx)
    assert [v.name for v in area.views.saved] == ["Golf"]
    boxes["answers"].append(QMessageBox.StandardButton.No)
    area.views.delete_view(area.views.saved[0])
    settle(ctx)
    assert [v.name for v in ctx.session.saved_views.list()] == ["Golf"]  # asked first; "No" keeps it
    boxes["answers"].append(QMessageBox.StandardButton.Yes)
    area.views.delete_view(area.views.saved[0])
    settle(ctx)
    assert ctx.session.saved_views.list() == [] and area.views.saved == []
    assert len(boxes["question"]) == 2


def test_saving_under_a_taken_name_asks_before_replacing(make_ctx, sample_rows, qtbot, monkeypatch, boxes):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    _answer_name(monkeypatch, "mi vista", "Mi Vista", "mi vista")
    area.views.save_view()
    settle(ctx)
    area.search.setText("juan")
    area.run_query()
    boxes["answers"].append(QMessageBox.StandardButton.No)
    area.views.save_view()
    settle(ctx)
    assert ctx.session.saved_views.list()[0].query.search == ""
    boxes["answers"].append(QMessageBox.StandardButton.Yes)
    area.views.save_view()
    settle(ctx)
    assert [(v.name, v.query.search) for v in ctx.session.saved_views.list()] == [("mi vista", "juan")]


def test_a_refused_view_name_is_told_in_one_line(make_ctx, qtbot, monkeypatch, boxes):
    area = _area(make_ctx(), qtbot)
    _answer_name(monkeypatch, "   ")
    area.views.save_view()
    settle(area.ctx)
    assert boxes["warning"] == ["The view needs a name"] or boxes["warning"] == ["La vista necesita un nombre"]


def test_the_main_windows_status_bar_shows_the_remark(make_ctx, sample_rows, qtbot):
    from PySide6.QtWidgets import QMainWindow

    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    window = QMainWindow()
    qtbot.addWidget(window)
    area = ParticipantsWidget(ctx)
    window.setCentralWidget(area)
    window.show()
    area.sector_filter.addItem("Apoquindo", "Apoquindo")
    area.sector_filter.setCurrentIndex(area.sector_filter.findData("Apoquindo"))
    settle(ctx)
    _create_through_the_dialog(area, qtbot)
    qtbot.waitUntil(lambda: "current filters hide it" in window.statusBar().currentMessage(), timeout=5000)
    for file_window in list(area.windows.values()):
        file_window.close()


def test_built_in_views_my_cases_and_overdue_check_ins(make_ctx, sample_rows, qtbot):
    staff_ctx = make_ctx(STAFF)
    for row in sample_rows()[:2]:
        staff_ctx.session.participants.create(row)  # handled by the staff member who created them
    ctx = make_ctx()
    for row in sample_rows()[2:]:
        ctx.session.participants.create(row)  # handled by the coordinator
    area = _area(ctx, qtbot)
    assert area.model.rowCount() == 5
    area.views.rebuild()
    texts = _menu_texts(area.views.views_menu)
    assert "mis casos" in texts and "controles atrasados" in texts
    _action(area.views.views_menu, "mis casos").trigger()
    settle(ctx)
    assert set(column(area.model, ctx, COL_NAME)) == {"Juan Muñoz Díaz", "Camila Fuentes Vera", "Pedro Josefino Araya"}
    _action(area.views.views_menu, "controles atrasados").trigger()
    settle(ctx)
    assert area.model.query.checkin_overdue and area.model.query.caseworker == ""
    assert area.model.rowCount() == 0  # nobody is in monitoring
    assert area.empty.isVisible() and area.empty.clear_button.isVisible()
    area.empty.clear_button.click()
    settle(ctx)
    assert area.model.rowCount() == 5 and not area.model.query.checkin_overdue
