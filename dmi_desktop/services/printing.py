"""Printing from the participant area: the file and the filtered list as PDFs, each print audited with its purpose.

PDFs are made in memory (the preview never writes personal data to a temporary file); a file is written only
where the user chose, atomically and owner-only. The purpose goes into the audit: it is part of the processing
record (DESIGN §10), like the exports'.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.messages import message, tr
from dmi_desktop.domain.validation import clean_text
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.output_paths import atomic_output, check_output_path
from dmi_desktop.services.participants import ParticipantQuery

if TYPE_CHECKING:
    from dmi_desktop.services.session import Session

PURPOSE_LIMIT = 200
PAPER_META = "paper_size"  # the vault's default paper (carta unless set)
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class PrintedFile:
    """A participant file rendered for printing: its bytes and the case it belongs to (for the dialog's title)."""

    data: bytes
    participant_id: str
    case_no: str


def clean_purpose(purpose: str | None) -> str:
    """The purpose trimmed; DmiError when it is empty, too long or holds control characters."""
    try:
        text = clean_text(purpose or "").strip()
    except ValueError:
        raise DmiError(message("print_purpose_control")) from None
    if not text:
        raise DmiError(message("print_purpose_required"))
    if len(text) > PURPOSE_LIMIT:
        raise DmiError(message("print_purpose_too_long", limit=PURPOSE_LIMIT))
    return text


def default_paper(session: Session) -> str:
    """The vault's paper size (carta unless a coordinator chose A4 or Oficio)."""
    return session.vault.meta(PAPER_META) or "carta"


def participant_file(
    session: Session, key: str, purpose: str, *, paper: str | None = None, destination: str = "preview"
) -> PrintedFile:
    """The participant's whole file as PDF bytes; the banked case only for coordinators. Audited with ``purpose``."""
    from dmi_desktop.services.pdf.letterhead import PageSpec
    from dmi_desktop.services.pdf.page import paper_size
    from dmi_desktop.services.pdf.participant_file import file_title, participant_file_pdf

    reason = clean_purpose(purpose)
    paper = paper or default_paper(session)
    paper_size(paper)  # an unknown paper is refused before anything is read or recorded
    service = session.participants
    person = service.get(key)
    file = service.file(person.id)  # the service leaves the banked case out for roles that may not see it
    spec = PageSpec(OrganisationService(session).get(), file_title(), paper)
    data = participant_file_pdf(file, spec)
    details = {"participant": person.id, "case_no": person.case_no, "banked_case": file.banked_case is not None}
    with session.vault.atomic():
        _audit(session, "participant.print", reason, destination, details)
    return PrintedFile(data, person.id, person.case_no)


def write_participant_file(session: Session, key: str, out: Path | str, purpose: str, paper: str | None = None) -> Path:
    """Write the participant's file as a PDF at ``out`` (atomically, owner-only); audited with the file name."""
    clean_purpose(purpose)
    target = _target(session, out)
    printed = participant_file(session, key, purpose, paper=paper, destination=target.name)
    with atomic_output(target) as fh:
        fh.write(printed.data)
    return target


def participant_list(
    session: Session,
    purpose: str,
    query: ParticipantQuery | None = None,
    *,
    paper: str | None = None,
    destination: str = "preview",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> bytes:
    """The filtered list as PDF bytes (landscape, streamed from the vault a page at a time); audited."""
    buffer = io.BytesIO()
    _list_into(session, buffer, purpose, query, paper, destination, progress, cancelled)
    return buffer.getvalue()


def write_participant_list(
    session: Session,
    out: Path | str,
    purpose: str,
    query: ParticipantQuery | None = None,
    *,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write the filtered list as a PDF at ``out``; the number of participants listed. Audited with ``purpose``."""
    clean_purpose(purpose)
    target = _target(session, out)
    with atomic_output(target) as fh:
        return _list_into(session, fh, purpose, query, paper, target.name, progress, cancelled)


def record_output(session: Session, kind: str, purpose: str, destination: str) -> None:
    """Record that a previewed PDF left the app (sent to a printer, saved to a file): the processing record."""
    with session.vault.atomic():
        _audit(session, f"{kind}.output", clean_purpose(purpose), destination, {})


def save_pdf(session: Session, data: bytes, out: Path | str, kind: str, purpose: str) -> Path:
    """Save previewed PDF bytes where the user chose (never over the vault's files), audited."""
    target = _target(session, out)
    with atomic_output(target) as fh:
        fh.write(data)
    record_output(session, kind, purpose, target.name)
    return target


def _list_into(
    session: Session,
    fh: Any,
    purpose: str,
    query: ParticipantQuery | None,
    paper: str | None,
    destination: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> int:
    from dmi_desktop.services.pdf.participant_list import draw_list, list_spec

    reason = clean_purpose(purpose)
    q = query or ParticipantQuery()
    spec = list_spec(OrganisationService(session).get(), paper or default_paper(session))
    total = session.participants.count(q)
    pages = session.participants.stream(q, 500)  # one page of participants in memory at a time
    count = draw_list(fh, spec, pages, total, _filters_text(session, q), progress, cancelled)
    filters = {"search": bool(q.search.strip()), "status": [s.value for s in q.status], "sector": q.sector}
    with session.vault.atomic():
        _audit(session, "participant.print_list", reason, destination, {"count": count, "filters": filters})
    return count


def _filters_text(session: Session, q: ParticipantQuery) -> str:
    from dmi_desktop.domain.status import label

    parts = []
    if q.status:
        parts.append(tr("estado: ", "status: ") + ", ".join(label(s) for s in q.status))
    if q.sector:
        parts.append(f"sector: {q.sector}")  # the same word in both languages
    if q.search.strip():
        parts.append(tr("búsqueda: ", "search: ") + q.search.strip())
    return "; ".join(parts) or tr("todos los participantes", "all participants")


def _target(session: Session, out: Path | str) -> Path:
    target = check_output_path(out, session.folder)
    if not target.parent.is_dir():
        raise DmiError(tr(f"la carpeta {target.parent} no existe", f"the folder {target.parent} does not exist"))
    if target.is_dir():
        raise DmiError(tr(f"{target} es una carpeta; indique un nombre de archivo", f"{target} is a folder"))
    return target


def _audit(session: Session, action: str, purpose: str, destination: str, details: dict[str, Any]) -> None:
    # In the caller's vault.atomic(), not session.write(): viewers may print too, and that is recorded.
    after = {"purpose": purpose, "output": destination, **details}
    session.audit(action, "export", str(uuid.uuid4()), None, after)
