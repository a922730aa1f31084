"""Participant import: Chilean Excel CSVs and XLSX, every bad row reported, all or nothing, cancel, roles."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from dmi_desktop.domain.errors import DmiError, PermissionDenied
from dmi_desktop.domain.messages import set_language
from dmi_desktop.domain.status import Status
from dmi_desktop.services.importer import (
    ImportCancelled,
    ImportRefused,
    RowError,
    apply_import,
    guess_mapping,
    import_labels,
    preview_import,
    read_headers,
)
from dmi_desktop.services.participants import ParticipantQuery
from tests.conftest import STAFF, VIEWER

HEADER = "Nombres;Apellido Paterno;Apellido materno;RUT;Fecha de nacimiento;Sexo;Teléfono;Dirección;Sector"
JOSE = "José Tomás;Ñúñez;Peña;12.345.678-5;15-03-1998;Masculino;+56 9 8765 4321;Fuenteovejuna 1234;Colón Oriente"
MARIA = "María Inés;Gónzalez;;9.876.543-3;1999-12-01;F;;Av. Tomás Moro 55;Rotonda Atenas"
ANA = "Ana;Rojas;Díaz;;;mujer;;;Quinchamalí"


def write_csv(path: Path, lines: list[str], encoding: str = "cp1252") -> Path:
    """Bytes as Excel writes them: CRLF line ends, the given encoding."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def people(session) -> dict[str, object]:
    """Participants in the vault by nombres."""
    return {p.nombres: p for p in session.participants.list(ParticipantQuery())}


def audit_size(session) -> int:
    return session.verify_audit().entries


def test_cp1252_semicolon_csv_keeps_accents_and_cleans_values(session, tmp_path):
    source = write_csv(tmp_path / "listado.csv", [HEADER, JOSE, MARIA, ANA])
    preview = preview_import(session, source)
    assert preview.errors == [] and preview.total == 3 and preview.lines == [2, 3, 4]
    result = apply_import(session, preview)
    assert (result.created, result.skipped) == (3, 0)
    found = people(session)
    jose = found["José Tomás"]
    assert (jose.apellido_paterno, jose.apellido_materno) == ("Ñúñez", "Peña")
    assert jose.rut == "12345678-5" and jose.birth_date == date(1998, 3, 15) and jose.sex == "M"
    assert jose.address == "Fuenteovejuna 1234" and jose.sector == "Colón Oriente"
    assert found["María Inés"].birth_date == date(1999, 12, 1) and found["Ana"].sex == "F"
    assert jose.status is Status.IDENTIFIED


def test_utf8_bom_comma_csv_with_quoted_fields(session, tmp_path):
    lines = [
        "nombres,apellido_paterno,alias,direccion,rut",
        '"Cristóbal","Muñoz","El Chico","Av. Colón 7000, block 3, depto. 12",7.654.321-6',
        '"Sofía ""Sofi""","Araya",,"Pje. Esparta 12",',
    ]
    source = tmp_path / "utf8.csv"
    source.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    assert read_headers(source)[0] == "nombres"  # the BOM is not part of the first header
    preview = preview_import(session, source)
    assert preview.errors == []
    apply_import(session, preview)
    found = people(session)
    assert found["Cristóbal"].address == "Av. Colón 7000, block 3, depto. 12"
    assert found["Cristóbal"].alias == "El Chico" and found["Cristóbal"].rut == "7654321-6"
    assert 'Sofía "Sofi"' in found


def test_xlsx_with_date_cells_and_numbers_typed_by_excel(session, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nombres", "Apellido paterno", "RUT", "DV", "Fecha de nacimiento", "Teléfono", "Sector"])
    sheet.append(["Matías", "Sepúlveda", 12345678, "5", datetime(2001, 7, 4), 56987654321.0, "Estadio"])
    sheet.append(["Javiera", "Contreras", 9876543.0, 3, date(1990, 1, 31), None, "El Golf"])
    sheet.append([None, None, None, None, None, None, None])  # an empty row: skipped silently
    sheet.append(["Tomás", "Valdés", 7654321, "6", "05/11/1995", "", "Apoquindo"])
    source = tmp_path / "planilla.xlsx"
    book.save(source)
    preview = preview_import(session, source)
    assert preview.mapping["DV"] == "rut_dv"
    assert preview.errors == [] and preview.total == 3 and preview.lines == [2, 3, 5]
    apply_import(session, preview)
    found = people(session)
    assert found["Matías"].rut == "12345678-5" and found["Matías"].birth_date == date(2001, 7, 4)
    assert found["Matías"].phone == "+56 9 8765 4321"  # an Excel number becomes the Chilean format
    assert found["Javiera"].rut == "9876543-3" and found["Javiera"].birth_date == date(1990, 1, 31)
    assert found["Tomás"].birth_date == date(1995, 11, 5)


def test_xlsx_rut_typed_as_one_number(session, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Nombre", "Apellido", "RUT"])
    book.active.append(["Pedro", "Lagos", 123456785.0])  # 12.345.678-5 without dots and dash, as a number
    source = tmp_path / "ruts.xlsx"
    book.save(source)
    apply_import(session, preview_import(session, source))
    assert people(session)["Pedro"].rut == "12345678-5"


def bad_file(tmp_path: Path) -> Path:
    future = (date.today() + timedelta(days=30)).strftime("%d-%m-%Y")
    return write_csv(
        tmp_path / "con-errores.csv",
        [
            HEADER,
            JOSE,
            "Ana;Rojas;;12.345.678-9;;;;;",  # line 3: wrong check digit
            "",  # line 4: blank, still counted by Excel
            f"Luis;Soto;;;{future};;;;",  # line 5: born in the future
            ";Vera;;;;;;;",  # line 6: no nombres
            "Pía;Fuentes;;;;Z;12;;",  # line 7: two problems
            MARIA,
        ],
    )


def test_bad_rows_are_reported_by_line_column_and_reason_and_nothing_is_applied(session, tmp_path):
    before = audit_size(session)
    preview = preview_import(session, bad_file(tmp_path))
    assert preview.total == 6 and preview.lines == [2, 8] and preview.bad_lines == [3, 5, 6, 7]
    by_line = {}
    for error in preview.errors:
        by_line.setdefault(error.line, []).append(error)
    assert [(e.column, "dígito verificador" in e.reason) for e in by_line[3]] == [("RUT", True)]
    assert by_line[5][0].column == "Fecha de nacimiento" and "futuro" in by_line[5][0].reason
    assert by_line[6] == [RowError(6, "Nombres", "es obligatorio")]
    assert {e.column for e in by_line[7]} == {"Sexo", "Teléfono"}
    with pytest.raises(ImportRefused) as refused:
        apply_import(session, preview)
    assert str(refused.value) == "no se importó nada: 4 filas con errores"
    assert refused.value.errors == preview.errors
    assert session.participants.count(ParticipantQuery()) == 0
    assert audit_size(session) == before


def test_skip_invalid_imports_only_the_good_rows(session, tmp_path):
    preview = preview_import(session, bad_file(tmp_path))
    result = apply_import(session, preview, skip_invalid=True)
    assert (result.created, result.skipped) == (2, 4)
    assert set(people(session)) == {"José Tomás", "María Inés"}


def test_duplicate_rut_in_the_file_is_an_error_on_the_later_line(session, tmp_path):
    source = write_csv(tmp_path / "dup.csv", [HEADER, JOSE, MARIA, "Otro;Pérez;;12345678-5;;;;;"])
    preview = preview_import(session, source)
    assert len(preview.errors) == 1
    error = preview.errors[0]
    assert (error.line, error.column) == (4, "RUT") and "línea 2" in error.reason
    with pytest.raises(ImportRefused):
        apply_import(session, preview)
    assert session.participants.count(ParticipantQuery()) == 0


def test_rut_already_in_the_vault_is_an_error(session, tmp_path):
    holder = session.participants.create({"nombres": "Existente", "apellido_paterno": "Ya", "rut": "9.876.543-3"})
    preview = preview_import(session, write_csv(tmp_path / "x.csv", [HEADER, JOSE, MARIA]))
    assert [(e.line, e.column) for e in preview.errors] == [(3, "RUT")]
    # The reason names the case that holds the RUT, with the RUT written as people read it.
    assert f"9.876.543-3 ya existe: caso {holder.case_no}" in preview.errors[0].reason


def test_applying_the_same_preview_twice_is_refused_the_second_time(session, tmp_path):
    preview = preview_import(session, write_csv(tmp_path / "x.csv", [HEADER, JOSE, MARIA]))
    apply_import(session, preview)
    with pytest.raises(ImportRefused) as refused:
        apply_import(session, preview)
    assert {e.line for e in refused.value.errors} == {2, 3}
    assert session.participants.count(ParticipantQuery()) == 2


def test_import_is_one_audit_entry_naming_the_file_and_every_person(session, tmp_path):
    before = audit_size(session)
    apply_import(session, preview_import(session, write_csv(tmp_path / "lista.csv", [HEADER, JOSE, MARIA])))
    assert audit_size(session) == before + 1
    jose = people(session)["José Tomás"]
    (entry,) = session.participants.history(jose.id)
    assert entry.action == "participant.import_file"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("foto.csv", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 50, "PNG"),
        ("vacio.csv", b"", "vacío"),
        ("basura.csv", bytes(range(256)) * 4, "binarios"),
        ("falso.xlsx", b"Nombres;Apellido paterno\r\nAna;Rojas\r\n", "XLSX"),
        ("sin-nombres.csv", "Teléfono;Sector\r\n+56 9 1111 2222;El Golf\r\n".encode("cp1252"), "columnas de nombre"),
    ],
)
def test_unreadable_files_give_one_clear_line_and_change_nothing(session, tmp_path, name, content, fragment):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(DmiError) as error:
        preview_import(session, source)
    message = str(error.value)
    assert fragment in message and "\n" not in message
    assert session.participants.count(ParticipantQuery()) == 0


def test_cancel_mid_import_leaves_the_vault_unchanged(session, tmp_path):
    rows = [f"Persona{i};Apellido{i};;;;;;;Colón Oriente" for i in range(50)]
    preview = preview_import(session, write_csv(tmp_path / "grande.csv", [HEADER, *rows]))
    before = audit_size(session)
    seen = []
    with pytest.raises(ImportCancelled):
        apply_import(
            session, preview, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: len(seen) >= 20
        )
    assert seen[-1] == (20, 50)
    assert session.participants.count(ParticipantQuery()) == 0
    assert audit_size(session) == before


def test_progress_reaches_the_total(session, tmp_path):
    preview = preview_import(session, write_csv(tmp_path / "x.csv", [HEADER, JOSE, MARIA, ANA]))
    seen = []
    apply_import(session, preview, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_viewers_cannot_import(open_session, tmp_path):
    source = write_csv(tmp_path / "x.csv", [HEADER, JOSE])
    coordinator_preview = preview_import(open_session(), source)
    viewer = open_session(VIEWER)
    with pytest.raises(PermissionDenied):
        preview_import(viewer, source)
    with pytest.raises(PermissionDenied):
        apply_import(viewer, coordinator_preview)
    assert viewer.participants.count(ParticipantQuery()) == 0


def test_staff_import_like_coordinators(open_session, tmp_path):
    staff = open_session(STAFF)
    result = apply_import(staff, preview_import(staff, write_csv(tmp_path / "x.csv", [HEADER, JOSE])))
    assert result.created == 1
    assert staff.participants.count(ParticipantQuery()) == 1


def test_guess_mapping_understands_usual_spellings():
    headers = ["N°", "NOMBRES", "Ap. Paterno", "Segundo apellido", "R.U.T.", "Fec. Nac.", "Género", "Celular"]
    headers += ["Domicilio", "Barrio", "Apodo", "Estado", "Observaciones"]
    assert guess_mapping(headers) == {
        "NOMBRES": "nombres",
        "Ap. Paterno": "apellido_paterno",
        "Segundo apellido": "apellido_materno",
        "R.U.T.": "rut",
        "Fec. Nac.": "birth_date",
        "Género": "sex",
        "Celular": "phone",
        "Domicilio": "address",
        "Barrio": "sector",
        "Apodo": "alias",
        "Estado": "status",
    }
    assert set(guess_mapping(headers).values()) <= set(import_labels())


def test_a_mapping_chosen_by_the_user_wins(session, tmp_path):
    source = write_csv(tmp_path / "raro.csv", ["Col A;Col B;Col C", "Carla;Ibáñez;Los Dominicos"])
    with pytest.raises(DmiError, match="columnas de nombre"):
        preview_import(session, source)
    mapping = {"Col A": "nombres", "Col B": "apellido_paterno", "Col C": "sector"}
    apply_import(session, preview_import(session, source, mapping))
    assert people(session)["Carla"].sector == "Los Dominicos"
    with pytest.raises(DmiError, match="mismo campo"):
        preview_import(session, source, {"Col A": "nombres", "Col B": "nombres"})


def test_status_column_starts_an_ongoing_programme_and_bad_status_is_a_row_error(session, tmp_path):
    source = write_csv(
        tmp_path / "estados.csv",
        ["Nombres;Apellido paterno;Estado", "Raúl;Mena;en seguimiento", "Iván;Parra;monitoring", "Eva;Lira;volando"],
    )
    preview = preview_import(session, source)
    assert [(e.line, e.column) for e in preview.errors] == [(4, "Estado")]
    apply_import(session, preview, skip_invalid=True)
    assert {p.status for p in people(session).values()} == {Status.MONITORING}


def test_excel_sep_hint_line_is_honoured(session, tmp_path):
    source = write_csv(tmp_path / "sep.csv", ["sep=,", "Nombres,Apellido paterno", "Rocío,Salinas", "Bad,"])
    preview = preview_import(session, source)
    assert preview.headers == ["Nombres", "Apellido paterno"]
    assert [(e.line, e.column) for e in preview.errors] == [(3, "Apellido paterno")]  # Excel hides the hint line


def test_messages_follow_the_language_setting(session, tmp_path):
    source = tmp_path / "foto.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    set_language("en")
    try:
        with pytest.raises(DmiError, match="is not CSV or XLSX: it is a PNG image"):
            preview_import(session, source)
    finally:
        set_language("es")
