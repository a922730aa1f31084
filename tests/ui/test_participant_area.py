"""The participants area: search-as-you-type, filters, actions, opening files, remembered layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dmi_desktop.domain.status import Status
from dmi_desktop.ui.models.participant_table_model import COL_NAME, COL_SECTOR
from dmi_desktop.ui.participants.area import ParticipantsArea
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from tests.conftest import COORDINATOR, PASSPHRASES, STAFF, VIEWER
from tests.ui.list_helpers import column, settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def _area(ctx, qtbot) -> ParticipantsWidget:
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    area.resize(1000, 500)
    area.show()
    settle(ctx)  # the count, the first page and the sectors come from the worker
    return area


def _names(area: ParticipantsWidget) -> set[str]:
    return set(column(area.model, area.ctx, COL_NAME))


def test_search_as_you_type_narrows_the_table(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(20))
    area = _area(ctx, qtbot)
    assert area.model.rowCount() == 25
    assert area.count_label.text() == "25 participants"
    qtbot.keyClicks(area.search, "jose")
    # Prefix search over names and alias, accent-insensitive: both Josés and the surname Josefino.
    qtbot.waitUntil(lambda: area.model.rowCount() == 3, timeout=3000)
    assert _names(area) == {"José Miguel Pérez Soto", "María José González Rojas", "Pedro Josefino Araya"}
    assert area.count_label.text() == "3 participants"
    qtbot.keyClicks(area.search, " mig")
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=3000)
    assert _names(area) == {"José Miguel Pérez Soto"}
    area.search.clear()
    qtbot.waitUntil(lambda: area.model.rowCount() == 25, timeout=3000)


def test_search_finds_a_rut_typed_with_dots(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    qtbot.keyClicks(area.search, "9.876.543")
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=3000)
    assert _names(area) == {"María José González Rojas"}


def test_an_older_search_result_arriving_late_is_dropped(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    resets = []
    area.model.modelReset.connect(lambda: resets.append(area.model.query.search))
    area.search.setText("jose")
    area.run_query()
    area.search.setText("camila")
    area.run_query()
    ctx.worker.wait_idle()
    assert resets == ["camila"]  # the "jose" result came back after a newer request and was never shown
    assert _names(area) == {"Camila Fuentes Vera"}


def test_status_and_sector_filters_combine_with_the_search(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    people = ctx.session.participants.create_many(sample_rows())
    ctx.session.participants.set_status(people[2].id, Status.UNDER_REVIEW, "revisión")
    area = _area(ctx, qtbot)
    assert area.status_filter.itemText(0) == "All statuses"
    area.sector_filter.setCurrentIndex(area.sector_filter.findData("El Golf"))
    ctx.worker.wait_idle()
    assert _names(area) == {"Juan Muñoz Díaz", "Pedro Josefino Araya"}
    area.status_filter.setCurrentIndex(area.status_filter.findData(Status.UNDER_REVIEW.value))
    ctx.worker.wait_idle()
    assert _names(area) == {"Juan Muñoz Díaz"}
    assert {area.model.index(r, COL_SECTOR).data() for r in range(area.model.rowCount())} == {"El Golf"}


def test_clicking_the_name_header_sorts_in_sql(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    first = area.model.index(0, COL_NAME).data()
    area.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert area.model.query.sort == "name" and area.model.query.descending
    names = column(area.model, ctx, COL_NAME)
    assert names[0] != first
    assert names[-1] == first


def test_enter_and_double_click_open_one_window_per_participant(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    area.table.setFocus()
    area.table.setCurrentIndex(area.model.index(0, 0))
    qtbot.keyClick(area.table, Qt.Key.Key_Return)
    assert len(area.open_windows()) == 1
    window = area.open_windows()[0]
    assert window.isVisible()
    pid = area.model.participant_id(0)
    assert window.participant_id == pid
    area._open_index(area.model.index(0, 1))  # what a double-click does
    assert area.open_windows() == [window]  # the same window, brought to the front
    window.close()
    assert area.open_windows() == []


def test_actions_are_registered_with_shortcuts_and_disabled_for_viewers(make_ctx, qtbot):
    ctx = make_ctx(VIEWER)
    area = _area(ctx, qtbot)
    for spec in ParticipantsArea().action_specs(area):
        ctx.actions.register(spec)
    new = ctx.actions.action("participants.new")
    assert new.shortcut().toString() == "Ctrl+N"
    assert ctx.actions.action("participants.search").shortcut().toString() == "Ctrl+F"
    assert not new.isEnabled()
    assert not ctx.actions.action("participants.import").isEnabled()
    assert ctx.actions.action("participants.export").isEnabled()  # reading is allowed
    ctx.actions.action("participants.search").trigger()
    assert area.search.hasFocus() or area.focusWidget() is area.search


def test_viewers_cannot_start_an_import_but_staff_can(make_ctx, qtbot, boxes):
    from dmi_desktop.ui.import_export.import_wizard import start_import

    viewer_area = _area(make_ctx(VIEWER), qtbot)
    assert start_import(viewer_area.ctx, viewer_area) is None
    assert boxes["warning"] == ["Your role is read-only: you cannot import participants."]
    staff_area = _area(make_ctx(STAFF), qtbot)
    wizard = start_import(staff_area.ctx, staff_area)
    assert wizard is not None
    wizard.close()


def test_column_widths_and_sort_are_remembered(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    area.table.horizontalHeader().resizeSection(COL_SECTOR, 222)
    area.table.sortByColumn(COL_SECTOR, Qt.SortOrder.DescendingOrder)
    area.save_state(ctx.settings)
    again = _area(ctx, qtbot)
    again.restore_state(ctx.settings)
    assert again.table.horizontalHeader().sectionSize(COL_SECTOR) == 222
    assert again.model.query.sort == "sector" and again.model.query.descending


def test_typing_while_locked_queries_nothing_and_unlocking_shows_the_search(make_ctx, sample_rows, qtbot, boxes):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    area = _area(ctx, qtbot)
    ctx.hub.locked.emit()
    ctx.session.lock()
    area.search.setText("camila")
    area.run_query()
    ctx.worker.wait_idle()
    assert boxes["warning"] == []  # no error about a closed vault
    ctx.session.reopen(PASSPHRASES[COORDINATOR])
    ctx.hub.unlocked.emit()
    ctx.worker.wait_idle()
    assert _names(area) == {"Camila Fuentes Vera"}
