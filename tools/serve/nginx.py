"""nginx's configuration for N local Streamlit processes, and where its files go.

Everything nginx writes (pid, logs, temp files) is under one temporary folder, so the launcher
needs no system paths and leaves nothing behind.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
BALANCE = {
    # A cookie per browser: students behind one NAT are still spread over the processes.
    "cookie": "hash $affinity consistent;",
    # The client's address: no cookie needed, but a class behind one NAT lands on one process.
    "ip": "ip_hash;",
}


def find() -> str | None:
    """The nginx binary (Debian puts it in /usr/sbin, which a user's PATH may lack)."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def render(ports: list[int], listen: str, tmp: Path, affinity: str = "cookie") -> str:
    """The configuration text: one `server` line per Streamlit port."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in ports
    )
    text = TEMPLATE.read_text()
    for name, value in {
        "TMP": str(tmp),
        "USER": worker_user(),
        "BALANCE": BALANCE[affinity],
        "SERVERS": servers,
        "LISTEN": listen,
    }.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def worker_user() -> str:
    """As root, nginx's workers drop to nobody (the master keeps root only to bind)."""
    if os.geteuid() != 0:
        return ""
    group = grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
    return f"user nobody {group};"


def prepare(tmp: Path) -> None:
    """The temp folders; owned by nobody when the workers run as nobody."""
    tmp.chmod(0o755)
    for name in TEMP_DIRS:
        folder = tmp / name
        folder.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("nobody")
            os.chown(folder, entry.pw_uid, entry.pw_gid)
