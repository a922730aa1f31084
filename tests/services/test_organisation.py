"""Letterhead settings: stored in the vault, validated, audited, coordinators only."""

from __future__ import annotations

import pytest

from dmi_desktop.domain.errors import PermissionDenied, ValidationError
from dmi_desktop.services.organisation import DEFAULT_PROGRAMME, MAX_LOGO_BYTES, OrganisationService, check_logo
from dmi_desktop.services.vault_info import vault_present, vault_users
from tests.conftest import COORDINATOR, STAFF, VIEWER

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def test_defaults_come_from_the_created_vault(session):
    letterhead = OrganisationService(session).get()
    assert letterhead.organisation == "Municipalidad de Las Condes"
    assert letterhead.programme == DEFAULT_PROGRAMME
    assert letterhead.logo == b""


def test_update_is_stored_and_survives_reopening(open_session):
    session = open_session(COORDINATOR)
    OrganisationService(session).update(
        organisation="  Municipalidad de Puente Alto ",
        programme="Segunda Oportunidad Sur",
        address="Av. Concha y Toro 1820",
        logo=PNG,
    )
    session = open_session(COORDINATOR)
    letterhead = OrganisationService(session).get()
    assert letterhead.organisation == "Municipalidad de Puente Alto"
    assert letterhead.programme == "Segunda Oportunidad Sur"
    assert letterhead.address == "Av. Concha y Toro 1820"
    assert (letterhead.logo, letterhead.logo_type) == (PNG, "png")
    assert session.organisation == "Municipalidad de Puente Alto"


def test_logo_is_kept_unless_replaced_or_removed(session):
    service = OrganisationService(session)
    service.update(organisation="Muni", logo=JPEG)
    service.update(organisation="Muni", address="Calle 1")
    assert service.get().logo_type == "jpeg"
    service.update(organisation="Muni", remove_logo=True)
    assert service.get().logo == b""


def test_update_is_audited_without_the_image(session):
    OrganisationService(session).update(organisation="Muni", logo=PNG)
    entries = session.vault.audit.for_entity("letterhead")
    assert len(entries) == 1
    assert "logo_sha256" in entries[0].after
    assert "PNG" not in entries[0].payload_body
    assert session.verify_audit().ok


@pytest.mark.parametrize("data", [b"GIF89a" + b"\x00" * 10, b"", b"%PDF-1.4"])
def test_logo_must_be_png_or_jpeg(data):
    with pytest.raises(ValidationError):
        check_logo(data)


def test_logo_size_is_limited(session):
    with pytest.raises(ValidationError) as info:
        OrganisationService(session).update(organisation="Muni", logo=PNG + b"\x00" * MAX_LOGO_BYTES)
    assert "logo" in info.value.errors
    assert OrganisationService(session).get().logo == b""  # nothing changed


def test_organisation_name_is_required(session):
    with pytest.raises(ValidationError) as info:
        OrganisationService(session).update(organisation="   ")
    assert set(info.value.errors) == {"organisation"}


@pytest.mark.parametrize("user", [STAFF, VIEWER])
def test_only_coordinators_change_the_letterhead(open_session, user):
    session = open_session(user)
    with pytest.raises(PermissionDenied):
        OrganisationService(session).update(organisation="Otra")
    assert OrganisationService(session).get().organisation == "Municipalidad de Las Condes"


def test_vault_info_reads_users_without_unlocking(vault_dir, tmp_path):
    assert vault_present(vault_dir)
    assert not vault_present(tmp_path / "nowhere")
    assert set(vault_users(vault_dir)) == {COORDINATOR, STAFF, VIEWER}
