"""Printing: the participant file and the list as PDFs — text with accents, the banked case for coordinators only,
landscape pages with the header row repeated, metadata without personal data, every print audited with its purpose."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import set_language
from dmi_desktop.domain.status import Status
from dmi_desktop.services import printing
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import STAFF, VIEWER


def _text(data: bytes) -> list[str]:
    """Each page's text, whitespace folded (extractors break lines where the PDF moves the pen)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _banked_file(session) -> str:
    svc = session.participants
    pid = svc.create(
        {"nombres": "José Ñandú", "apellido_paterno": "Pérez", "apellido_materno": "Muñoz", "rut": "12.345.678-5"}
    ).id
    for status in (Status.UNDER_REVIEW, Status.ELIGIBLE):
        svc.set_status(pid, status, "revisión con Fiscalía")
    svc.add_record(
        "eligibility_reviews", pid, {"decision": "eligible", "rationale": "sin violencia", "review_date": "2026-01-05"}
    )
    svc.add_record("banked_cases", pid, {"ruc": "2400123456-7", "description": "compras controladas"})
    svc.add_record("referrals", pid, {"kind": "psychological", "provider": "Centro de Salud Familiar"})
    svc.add_record("checkins", pid, {"day": "2026-02-10", "method": "visita"})
    svc.add_record("violations", pid, {"day": "2026-03-01", "description": "venta en la plaza"})
    svc.add_record("influentials", pid, {"name": "Inés Muñoz", "relationship": "madre"})
    return pid


def _last_entry(session):
    return session.vault.audit.chain(session.device_id)[-1]


def test_the_file_prints_every_section_with_accents_on_the_letterhead(session):
    OrganisationService(session).update(organisation="Municipalidad de Ñuñoa", address="Irarrázaval 3550")
    pid = _banked_file(session)
    printed = printing.participant_file(session, pid, "revisión de caso")
    text = " ".join(_text(printed.data))
    for expected in (
        "Municipalidad de Ñuñoa",
        "Ficha de participante",
        "José Ñandú Pérez Muñoz",
        "12.345.678-5",
        "Historial de estados",
        "revisión con Fiscalía",
        "Revisiones de elegibilidad",
        "Derivaciones",
        "Centro de Salud Familiar",
        "Controles",
        "Incumplimientos",
        "venta en la plaza",
        "Influyentes",
        "Inés Muñoz",
        "Confidencial",
        "Página 1 de",
    ):
        assert expected in text, expected
    assert "2400123456-7" in text and "Caso en reserva" in text  # a coordinator sees the banked case


def test_staff_get_the_file_without_the_banked_case(open_session):
    pid = _banked_file(open_session("coordinadora"))
    staff = open_session(STAFF)
    text = " ".join(_text(printing.participant_file(staff, pid, "control mensual").data))
    assert "José Ñandú" in text
    assert "2400123456-7" not in text and "compras controladas" not in text
    assert "Unidad investigadora" not in text and "RUC" not in text  # not even the empty section
    assert _last_entry(staff).after["banked_case"] is False


def test_metadata_names_no_one(session):
    pid = _banked_file(session)
    reader = PdfReader(io.BytesIO(printing.participant_file(session, pid, "revisión").data))
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Ficha de participante" in meta
    case_no = session.participants.get(pid).case_no
    for personal in ("José", "Pérez", "12.345.678", case_no, "coordinadora"):
        assert personal not in meta


def test_every_print_is_audited_with_its_purpose(session, tmp_path):
    pid = _banked_file(session)
    out = printing.write_participant_file(session, pid, tmp_path / "ficha.pdf", "  audiencia en Fiscalía ")
    assert out.stat().st_mode & 0o077 == 0
    entry = _last_entry(session)
    assert entry.action == "participant.print" and entry.user == "coordinadora"
    assert entry.after["purpose"] == "audiencia en Fiscalía"
    assert entry.after["participant"] == pid and entry.after["output"] == "ficha.pdf"


@pytest.mark.parametrize("purpose", ["", "   ", None, "x" * 201, "uno\x00dos"])
def test_a_print_without_a_clear_purpose_is_refused_and_nothing_is_written(session, tmp_path, purpose):
    pid = _banked_file(session)
    before = len(session.vault.audit.chain(session.device_id))
    with pytest.raises(DmiError):
        printing.write_participant_file(session, pid, tmp_path / "ficha.pdf", purpose)
    assert not (tmp_path / "ficha.pdf").exists()
    assert len(session.vault.audit.chain(session.device_id)) == before


def test_the_file_prints_in_english(session):
    pid = _banked_file(session)
    set_language("en")
    try:
        text = " ".join(_text(printing.participant_file(session, pid, "review").data))
    finally:
        set_language("es")
    assert "Participant file" in text and "Status history" in text and "Page 1 of" in text
    assert "Psychological support" in text and "José Ñandú" in text


def test_long_dates_are_spanish(session):
    from dmi_desktop.services.pdf.page import long_date

    assert long_date(date(2026, 12, 3), "es") == "3 de diciembre de 2026"
    assert long_date(date(2026, 12, 3), "en") == "December 3, 2026"


def _people(session, n: int) -> None:
    svc = session.participants
    with svc.batch("importar participantes", file="prueba.csv"):
        svc.create_many(
            [{"nombres": f"Íñigo {i:03d}", "apellido_paterno": "Núñez", "sector": "Colón Oriente"} for i in range(n)]
        )


def test_the_list_is_landscape_with_the_header_on_every_page_and_numbered_pages(session, tmp_path):
    _people(session, 130)
    out = tmp_path / "listado.pdf"
    count = printing.write_participant_list(session, out, "reunión de equipo")
    assert count == 130
    reader = PdfReader(out)
    pages = _text(out.read_bytes())
    assert len(pages) >= 4
    for n, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
        assert "N° de caso" in text and "Último control" in text  # the header row on each page
        assert f"Página {n} de {len(pages)}" in text
        assert "Confidencial" in text
    listed = " ".join(pages)
    assert all(f"Íñigo {i:03d} Núñez" in listed for i in range(130))
    entry = _last_entry(session)
    assert entry.action == "participant.print_list"
    assert entry.after["purpose"] == "reunión de equipo" and entry.after["count"] == 130
    assert "Íñigo" not in str(PdfReader(out).metadata)


def test_the_list_prints_only_the_filtered_participants(session):
    _people(session, 3)
    svc = session.participants
    other = svc.create({"nombres": "Ramón", "apellido_paterno": "Díaz", "sector": "Estadio"})
    data = printing.participant_list(session, "visita", ParticipantQuery(sector="Estadio"))
    text = " ".join(_text(data))
    assert "Ramón Díaz" in text and "Íñigo" not in text and "1 participantes" in text
    assert other.case_no in text


def test_viewers_may_print_and_it_is_recorded(open_session):
    pid = _banked_file(open_session("coordinadora"))
    viewer = open_session(VIEWER)
    printing.participant_file(viewer, pid, "consulta de la Fiscalía")
    assert _last_entry(viewer).user == VIEWER


def test_paper_sizes_and_an_unknown_one_refused(session):
    pid = _banked_file(session)
    oficio = PdfReader(io.BytesIO(printing.participant_file(session, pid, "archivo", paper="oficio").data)).pages[0]
    assert round(float(oficio.mediabox.height) / 72 * 25.4) == 330  # Chilean Oficio, 21.6 × 33 cm
    carta = PdfReader(io.BytesIO(printing.participant_file(session, pid, "archivo").data)).pages[0]
    assert round(float(carta.mediabox.height)) == 792  # Carta by default
    before = len(session.vault.audit.chain(session.device_id))
    with pytest.raises(DmiError, match="papel"):
        printing.participant_file(session, pid, "archivo", paper="A5")
    assert len(session.vault.audit.chain(session.device_id)) == before


def test_the_attendance_sheet_shares_the_letterhead_and_footer(session, tmp_path):
    from dmi_desktop.services.meeting_exports import write_sheet

    OrganisationService(session).update(organisation="Municipalidad de Ñuñoa", programme="Segunda Oportunidad")
    session.venues.add({"name": "Sede"})
    meeting = session.meetings.add(
        {"kind": "call-in", "title": "Reunión de notificación", "starts_at": "2027-03-10 10:00"}, venue="Sede"
    ).meeting
    path = write_sheet(session, tmp_path / "asistencia.pdf", meeting.ref)
    text = " ".join(_text(path.read_bytes()))
    assert "Municipalidad de Ñuñoa" in text and "Segunda Oportunidad" in text
    assert "Confidencial" in text and "Página 1 de 1" in text
    assert str(PdfReader(path).metadata["/Title"]) == "Registro de asistencia"  # not the meeting's title


def _images(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def test_the_letterhead_logo_is_drawn_and_a_damaged_one_does_not_stop_the_print(session):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 80, 160)).save(buffer, "PNG")
    pid = _banked_file(session)
    OrganisationService(session).update(organisation="Municipalidad de Ñuñoa", logo=buffer.getvalue())
    assert _images(printing.participant_file(session, pid, "archivo").data) >= 1
    OrganisationService(session).update(organisation="Municipalidad de Ñuñoa", logo=b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    data = printing.participant_file(session, pid, "archivo").data
    assert _images(data) == 0 and "Municipalidad de Ñuñoa" in _text(data)[0]
