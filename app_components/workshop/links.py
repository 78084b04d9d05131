"""The room's two links (participants', instructor's) and the participants' QR code."""

from __future__ import annotations

import socket
from urllib.parse import urlencode

import segno
import solara

PATH = "/workshop"


def base_url() -> str:
    """This server as the browser reached it: http://host:port."""
    headers = solara.lab.headers.value or {}
    host = (headers.get("host") or ["127.0.0.1"])[0]
    return f"http://{host}"


def network_base(base: str) -> str | None:
    """When the instructor opened the page on this machine only (127.0.0.1, localhost), the
    address the room's phones can reach, if this machine has one."""
    host, _, port = base.removeprefix("http://").partition(":")
    if host not in ("127.0.0.1", "localhost"):
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # sends nothing: only picks the interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else f"http://{address}:{port or 80}"


def room_path(code: str, **query: str) -> str:
    return f"{PATH}?{urlencode({'room': code, **query})}"


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)
