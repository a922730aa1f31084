"""The lazy participants table model: Qt's model checks, pages on demand, SQL sorting, targeted refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dmi_desktop.domain.status import Status
from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.ui.models.participant_table_model import (
    COL_NAME,
    COL_RUT,
    COL_STATUS,
    MAX_CACHED_PAGES,
    PAGE_SIZE,
    PLACEHOLDER,
    ParticipantIdRole,
    ParticipantTableModel,
    StatusRole,
)
from tests.ui.list_helpers import column, settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")  # no real modal box may ever block a test


def _model(ctx):
    model = ParticipantTableModel(ctx)
    model.refresh()
    settle(ctx)  # the count (and the first page) are read on the worker
    return model


def test_model_passes_qt_model_tester_with_500_participants(make_ctx, sample_rows, qtmodeltester):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(495))
    model = _model(ctx)
    assert model.rowCount() == 500
    assert model.columnCount() == 7
    qtmodeltester.check(model)  # rows still on their way answer with placeholders
    settle(ctx)
    qtmodeltester.check(model)


def test_rows_load_lazily_in_pages_and_the_cache_stays_bounded(make_ctx, sample_rows):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows(595))
    model = _model(ctx)
    assert model.cached_pages() == [0]  # the count came with the rows in sight, nothing more
    assert model.index(450, COL_NAME).data() == PLACEHOLDER  # its page is asked of the worker
    settle(ctx)
    assert model.cached_pages() == [0, 450 // PAGE_SIZE]
    assert model.index(450, COL_NAME).data().startswith("Persona")
    for row in range(0, 600, PAGE_SIZE):
        model.index(row, COL_NAME).data()
    settle(ctx)
    assert sorted(model.cached_pages()) == [0, 1, 2] and len(model.cached_pages()) <= MAX_CACHED_PAGES
    model.index(450, COL_NAME).data()  # read from memory: no worker involved
    assert model.cached_pages()[-1] == 2  # least recently used first


def test_cells_show_formatted_rut_status_label_and_roles(make_ctx, sample_rows):
    ctx = make_ctx()
    [jose, *_rest] = ctx.session.participants.create_many(sample_rows())
    model = _model(ctx)
    row = model.row_of(jose.id)
    assert model.index(row, COL_RUT).data() == "12.345.678-5"
    assert model.index(row, COL_STATUS).data() == "identificado"
    assert model.index(row, 0).data(ParticipantIdRole) == jose.id
    assert model.index(row, 0).data(StatusRole) == Status.IDENTIFIED.value


def test_sorting_by_name_is_done_in_sql_and_changes_the_order(make_ctx, sample_rows):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    model = _model(ctx)
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    ascending = column(model, ctx, COL_NAME)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    descending = column(model, ctx, COL_NAME)
    assert model.query.sort == "name" and model.query.descending
    assert descending == list(reversed(ascending))
    # Chilean lists read surname first: Fuentes, González, Josefino, Muñoz, Pérez.
    assert ascending[0].startswith("Camila Fuentes") and ascending[-1].startswith("José Miguel Pérez")


def test_an_edit_refreshes_only_the_cached_page_that_holds_the_participant(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    people = ctx.session.participants.create_many(sample_rows())
    model = _model(ctx)
    target = people[2]
    row = model.row_of(target.id)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged, timeout=2000):
        ctx.session.participants.update(target.id, {"alias": "El Flaco"})
    assert model.index(row, 2).data() == "El Flaco"
    assert resets == []  # same order and count: no reset, the selection survives


def test_a_status_change_that_leaves_the_filter_recounts(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    people = ctx.session.participants.create_many(sample_rows())
    model = ParticipantTableModel(ctx)
    model.set_query(ParticipantQuery(status=(Status.IDENTIFIED,)))
    settle(ctx)
    assert model.rowCount() == 5
    with qtbot.waitSignal(model.modelReset, timeout=2000):
        ctx.session.participants.set_status(people[0].id, Status.UNDER_REVIEW, "revisión")
    assert model.rowCount() == 4


def test_a_creation_resets_the_model_and_the_new_row_appears(make_ctx, sample_rows, qtbot):
    ctx = make_ctx()
    model = _model(ctx)
    assert model.rowCount() == 0
    with qtbot.waitSignal(model.modelReset, timeout=2000):
        created = ctx.session.participants.create({"nombres": "Ana", "apellido_paterno": "Reyes"})
    assert model.rowCount() == 1
    assert model.index(0, 0).data(ParticipantIdRole) == created.id  # read with the new count


def test_locking_forgets_cached_rows(make_ctx, sample_rows):
    ctx = make_ctx()
    ctx.session.participants.create_many(sample_rows())
    model = _model(ctx)
    assert model.index(0, COL_NAME).data() != PLACEHOLDER
    ctx.hub.locked.emit()
    assert model.cached_pages() == []
