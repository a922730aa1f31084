"""The shared fixtures open the template vault as each role."""

from dmi_desktop.domain.roles import Role
from tests.conftest import COORDINATOR, STAFF, VIEWER


def test_each_user_opens_with_their_own_role(open_session):
    assert open_session(COORDINATOR).role is Role.COORDINATOR
    assert open_session(STAFF).role is Role.STAFF
    assert open_session(VIEWER).role is Role.VIEWER
