"""A broad search in the list: counted up to the cap, "more than N results", the first N + 1 rows to scroll."""

from __future__ import annotations

import pytest

from dmi_desktop.storage import repositories
from dmi_desktop.ui.participants import participants_widget
from dmi_desktop.ui.participants.participants_widget import ParticipantsWidget
from tests.ui.list_helpers import settle

pytest_plugins = ["tests.ui.participant_fixtures"]
pytestmark = pytest.mark.usefixtures("boxes")


def test_a_search_past_the_cap_is_counted_no_further(make_ctx, qtbot, monkeypatch):
    monkeypatch.setattr(repositories, "SEARCH_COUNT_CAP", 4)
    monkeypatch.setattr(participants_widget, "SEARCH_COUNT_CAP", 4)
    ctx = make_ctx()
    ctx.session.participants.create_many([{"nombres": f"Ana {i}", "apellido_paterno": "Soto"} for i in range(9)])
    area = ParticipantsWidget(ctx)
    qtbot.addWidget(area)
    area.show()
    settle(ctx)
    assert area.count_label.text() == "9 participants"
    qtbot.keyClicks(area.search, "ana")
    qtbot.waitUntil(lambda: area.model.shown_query.search == "ana", timeout=3000)
    assert area.count_label.text() == "more than 4 results"
    assert area.model.rowCount() == 5  # the first five matches in list order, not all nine
    assert ctx.session.participants.count(area.model.shown_query) == 9  # exports and the CLI still count all
