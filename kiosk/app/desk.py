"""The clerk's desk as the console's screens see it: on a database in this process (kiosk.desk.ClerkServices:
the embedded demo, `kiosk-clerk --db` on central's machine) or through the central service
(kiosk.central.remote_desk.RemoteDesk: a console configured with an https central). Same methods, two
implementations, as the kiosk's Central port (kiosk.app.in_process / kiosk.central.remote_port).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from kiosk.desk import ClerkServices, KiosksOverview

if TYPE_CHECKING:  # the TLS client and its set-up load only for a console that uses the service (ui/clerk/app.py)
    from kiosk.central.remote_desk import RemoteDesk

Desk: TypeAlias = "ClerkServices | RemoteDesk"

__all__ = ["ClerkServices", "Desk", "KiosksOverview"]
