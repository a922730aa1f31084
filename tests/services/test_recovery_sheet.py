"""The recovery-key sheet: a readable PDF with the whole key, written atomically."""

from __future__ import annotations

from datetime import date

import pypdf
import pytest

from dmi_desktop.services.recovery_sheet import key_lines, write_recovery_sheet

KEY = "AHTDA-B35LZ-V7JCE-WCR2A-WPZCD-CR89P-KBL6D-CQSYG"


def _text(path):
    return pypdf.PdfReader(str(path)).pages[0].extract_text()


def test_sheet_holds_the_key_and_the_details(tmp_path):
    target = write_recovery_sheet(
        tmp_path / "clave.pdf",
        KEY,
        organisation="Municipalidad de Las Condes",
        programme="Segunda Oportunidad",
        vault_location="/home/ana/vault",
        user="ana",
        issued=date(2026, 3, 9),
    )
    text = _text(target)
    compact = "".join(text.split())
    assert KEY.replace("-", "") in compact
    assert "Municipalidad de Las Condes" in text
    assert "9 de marzo de 2026" in text
    assert "Clave de recuperación" in text
    assert "Guarde esta hoja" in text


def test_key_is_not_in_the_metadata(tmp_path):
    target = write_recovery_sheet(tmp_path / "clave.pdf", KEY)
    metadata = " ".join(str(v) for v in (pypdf.PdfReader(str(target)).metadata or {}).values())
    assert "AHTDA" not in metadata


def test_replaces_an_existing_file_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "clave.pdf"
    target.write_bytes(b"old")
    write_recovery_sheet(target, KEY)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["clave.pdf"]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    with pytest.raises(OSError):
        write_recovery_sheet(tmp_path / "missing-folder" / "clave.pdf", KEY)
    assert [p for p in tmp_path.iterdir() if p.name != "home"] == []


def test_key_is_printed_in_groups():
    assert key_lines(KEY) == ["AHTDA  B35LZ  V7JCE  WCR2A", "WPZCD  CR89P  KBL6D  CQSYG"]
