"""Messages in Spanish (the default) for every test here, whatever an earlier test switched to."""

import pytest

from dmi_desktop.domain import messages


@pytest.fixture(autouse=True)
def _spanish_messages():
    messages.set_language("es")
    yield
    messages.set_language("es")
