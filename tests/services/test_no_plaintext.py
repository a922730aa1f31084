"""No plaintext personal data reaches the disk: db, WAL, shm, key file, backups, lock — open or closed."""

import logging
import unicodedata
from datetime import date

import pytest

from dmi_desktop.services.participants import ParticipantQuery
from dmi_desktop.services.session import Session
from dmi_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSPHRASE
from tests.storage.helpers import every_file_bytes

TODAY = date(2025, 6, 1)
PERSON = {
    "nombres": "Zacarías Eleuterio",
    "apellido_paterno": "Ñuñoa",
    "apellido_materno": "Quispe",
    "alias": "El Zancudo",
    "rut": "7.654.321-6",
    "phone": "+56 9 8765 4321",
    "address": "Pasaje Los Aromos 1234",
    "sector": "Villa Frei Oriente",
}
SECRETS = [
    "Zacarías",
    "Eleuterio",
    "Ñuñoa",
    "Quispe",
    "Zacarías Eleuterio Ñuñoa Quispe",
    "Zancudo",
    "7.654.321-6",
    "7654321-6",
    "76543216",
    "7.654.321",
    "7654321",
    "8765 4321",
    "Los Aromos",
    "Villa Frei",
    "Herminia",
    "Cuyul",
    "pasta base",
    "2300987654",
    "Brigada Antinarcóticos Sur",
    "Quinta Normal",
]


def _variants(text: str) -> set[str]:
    """The text as typed, upper/lower case, and accent-folded (how the FTS index tokenises it)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return {text, text.lower(), text.upper(), folded, folded.lower()}


def _needles(extra: list[bytes]) -> list[tuple[str, bytes]]:
    needles = []
    for secret in SECRETS:
        for variant in _variants(secret):
            for encoding in ("utf-8", "utf-16-le", "latin-1"):
                try:
                    needles.append((f"{variant!r} in {encoding}", variant.encode(encoding)))
                except UnicodeEncodeError:
                    continue
            needles.append((f"{variant!r} NFD", unicodedata.normalize("NFD", variant).encode("utf-8")))
    return needles + [(f"database key ({len(x)} bytes)", x) for x in extra]


def _assert_clean(folder, needles):
    files = every_file_bytes(folder)
    assert files, "nothing to check"
    leaks = [f"{label} found in {name}" for name, data in files.items() for label, needle in needles if needle in data]
    assert not leaks, "\n".join(leaks[:20])
    return files


@pytest.fixture
def filled(tmp_path, caplog):
    """An open session on a vault holding one very recognisable file (and some filler), plus a backup."""
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "vault"
    session, _recovery = Session.create(folder, user="ana", passphrase=PASSPHRASE, device_code="NP1", kdf=TEST_KDF)
    svc = session.participants
    p = svc.create(PERSON)
    svc.add_record("influentials", p.id, {"name": "Herminia Cuyul", "relationship": "abuela"}, today=TODAY)
    svc.add_record("notes", p.id, {"body": "Refiere consumo de pasta base; vive con su abuela."}, today=TODAY)
    svc.add_record(
        "banked_cases",
        p.id,
        {"ruc": "2300987654-3", "investigating_unit": "Brigada Antinarcóticos Sur", "banked_on": "2025-01-10"},
        today=TODAY,
    )
    svc.add_record("checkins", p.id, {"day": "2025-05-02", "notes": "visto en Quinta Normal"}, today=TODAY)
    svc.update(p.id, {"alias": "El Zancudo"})  # unchanged value: no write
    svc.set_status(p.id, "en revisión")
    # Enough filler that some of the file's pages sit in the WAL and others in the db.
    svc.create_many([{"nombres": f"Relleno {i}", "apellido_paterno": "Prueba"} for i in range(300)])
    session.vault.backup_to(folder / "backups" / "copia.dmibackup")
    yield session, folder
    session.close()


def test_no_plaintext_while_the_vault_is_open_wal_and_shm_included(filled, caplog):
    session, folder = filled
    key = session.vault._key
    needles = _needles([key, key.hex().encode(), key.hex().upper().encode()])
    assert session.participants.rows(ParticipantQuery(search="zacarias"))  # data is there
    files = _assert_clean(folder, needles)
    assert {"vault.db", "vault.keys", "vault.db-wal", "vault.db-shm", "backups/copia.dmibackup"} <= set(files)
    assert len(files["vault.db-wal"]) > 4096, "the WAL should hold recent pages while open"
    assert not files["vault.db"].startswith(b"SQLite format 3")
    logged = caplog.text
    assert not [s for s in SECRETS if s in logged], "personal data in the log"
    assert PASSPHRASE not in logged and key.hex() not in logged


def test_no_plaintext_after_closing(filled):
    session, folder = filled
    key = session.vault._key
    session.close()
    files = _assert_clean(folder, _needles([key, key.hex().encode()]))
    assert not files["vault.db"].startswith(b"SQLite format 3")
    assert not files.get("vault.db-wal")  # checkpointed and truncated (or gone) on close


def test_the_needles_would_be_found_if_they_were_there(tmp_path):
    """Guard against a test that cannot fail: the same search finds the data in a plain copy."""
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "x.bin").write_bytes(b"\x00" + "Zacarías Ñuñoa".encode("utf-16-le") + b"\x00zacarias")
    with pytest.raises(AssertionError, match=r"found in x\.bin"):
        _assert_clean(plain, _needles([]))
