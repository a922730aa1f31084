"""What every area, dialog and widget receives through its constructor (STYLE point 9)."""

from __future__ import annotations

from dataclasses import dataclass

from dmi_desktop.services.session import Session
from dmi_desktop.ui.actions import ActionRegistry
from dmi_desktop.ui.settings import Settings
from dmi_desktop.ui.signals import SignalHub
from dmi_desktop.ui.worker import Worker


@dataclass
class AppContext:
    """The open session plus the shell's shared services.

    Always reach services as ``ctx.session.participants`` at call time: auto-lock rebuilds them in place
    (``session.reopen``), so a cached service object would point at a closed database.
    """

    session: Session
    hub: SignalHub
    worker: Worker
    settings: Settings
    actions: ActionRegistry
