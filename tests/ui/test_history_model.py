"""The History tab's lines: status moves with reasons, edits old → new, creations by field, batches by size."""

from __future__ import annotations

from dmi_desktop.domain.models import HistoryEvent
from dmi_desktop.ui.models.history_table_model import describe_changes

HLC = "001796400000000-00000-a1f338e1180d"


def test_an_import_batch_says_where_it_came_from_and_how_many_files_it_named(qapp):
    event = HistoryEvent(HLC, "ana", "participant.import_file", "import", "lote", batch_size=3, batch_file="lista.csv")
    assert describe_changes(event) == "from lista.csv · batch of 3 files"
    alone = HistoryEvent(HLC, "ana", "demo.populate", "demo", "lote", batch_size=1)
    assert describe_changes(alone) == ""


def test_a_creation_lists_the_fields_it_filled_and_an_erased_edit_says_so(qapp):
    created = HistoryEvent(HLC, "ana", "participant.create", "participant", "p1", ("rut", "nombres"))
    assert describe_changes(created) == "First names, RUT"
    erased = HistoryEvent(HLC, "ana", "participant.update", "participant", "p1", ("alias",), erased=True)
    assert describe_changes(erased) == "(details erased)"


def test_a_status_move_shows_both_states_and_the_reason(qapp):
    moved = HistoryEvent(
        HLC,
        "ana",
        "participant.status",
        "participant",
        "p1",
        ("status", "reason"),
        {"status": "identified"},
        {"status": "under_review", "reason": "revisión con Fiscalía"},
    )
    text = describe_changes(moved)
    assert "→" in text and "revisión con Fiscalía" in text


def test_a_rut_in_the_history_is_written_with_dots(qapp):
    from dmi_desktop.ui.models.history_table_model import describe_value

    assert describe_value("participant", "rut", "21097352-4") == "21.097.352-4"
    assert describe_value("checkins", "method", "home_visit") != "home_visit"  # the list's words, not the code
    assert describe_value("checkins", "method", "en la feria") == "en la feria"  # "otro" text as typed
