"""``participant print`` and ``export participants --format pdf`` end to end: PDFs written, refusals in one line."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from tests.cli.conftest import Cli


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages))


def test_participant_print_writes_the_file(cli: Cli, tmp_path: Path) -> None:
    person = cli.add_participant("María José", "Peñaloza")
    out = tmp_path / "ficha.pdf"
    cli.ok("participant", "print", person["case_no"], "--out", str(out), "--purpose", "revisión mensual")
    text = _text(out)
    assert "María José Peñaloza" in text and "Ficha de participante" in text


def test_participant_print_refusals_are_one_line(cli: Cli, tmp_path: Path) -> None:
    person = cli.add_participant("María", "Peñaloza")
    out = tmp_path / "ficha.pdf"
    cli("participant", "print", person["id"], "--out", str(out)).assert_refused("propósito")
    cli("participant", "print", "LC1-2026-99999", "--out", str(out), "--purpose", "x").assert_refused("LC1-2026-99999")
    english = cli("--lang", "en", "participant", "print", person["id"], "--out", str(out), "--purpose", " ")
    english.assert_refused("purpose")
    assert not out.exists()


def test_export_participants_as_pdf(cli: Cli, tmp_path: Path) -> None:
    cli.add_participant("Íñigo", "Núñez", "--sector", "Estadio")
    cli.add_participant("Rosa", "Tapia", "--sector", "Colón Oriente")
    out = tmp_path / "listado.pdf"
    cli("export", "participants", "--format", "pdf", "--out", str(out)).assert_refused("propósito")
    assert not out.exists()
    done = cli.ok(
        "export", "participants", "--format", "pdf", "--out", str(out), "--sector", "Estadio", "--purpose", "visita"
    )
    assert "1 participantes" in done.stdout
    text = _text(out)
    assert "Íñigo Núñez" in text and "Rosa" not in text and "Listado de participantes" in text
