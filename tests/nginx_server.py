"""nginx from Debian's packages, run unprivileged on 127.0.0.1 with a site's own settings.

Shared by the publishing test (the unpacked zip) and the bench (pages as deployed:
compressed, with cache and security headers).
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


class NginxFailed(RuntimeError):
    pass


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found is None and Path("/usr/sbin/nginx").is_file():
        found = "/usr/sbin/nginx"
    return found


def temp_paths(nginx: str, work: Path) -> list[str]:
    """Every *_temp_path under ``work``, for the modules this nginx was built with."""
    built = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=False).stderr
    modules = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    return [
        f"{module}_temp_path {work / module};"
        for module in modules
        if f"--without-http_{module}_module" not in built
    ]


def nginx_conf(nginx: str, work: Path, root: Path, snippet: Path, port: int) -> str:
    lines = [
        "daemon off;",
        "worker_processes 1;",
        f"pid {work / 'nginx.pid'};",
        f"error_log {work / 'error.log'};",
    ]
    if os.geteuid() == 0:
        # As root, workers would drop to "nobody", who cannot read private temp folders.
        user = pwd.getpwuid(os.geteuid()).pw_name
        lines.append(f"user {user} {grp.getgrgid(os.getegid()).gr_name};")
    return "\n".join(
        [
            *lines,
            "events {}",
            "http {",
            "    include /etc/nginx/mime.types;",
            "    access_log off;",
            *(f"    {line}" for line in temp_paths(nginx, work)),
            "    server {",
            f"        listen 127.0.0.1:{port};",
            f"        root {root};",
            f"        include {snippet};",
            "    }",
            "}",
            "",
        ]
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise NginxFailed(
                f"nginx stopped ({server.returncode}):\n{log.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise NginxFailed(f"nginx did not answer on {url} within 5 s")


@contextlib.contextmanager
def nginx_serving(nginx: str, root: Path, snippet: Path) -> Iterator[str]:
    """Yield the base URL of ``root`` served with the ``snippet`` settings; always stops."""
    with tempfile.TemporaryDirectory(prefix="dbt-nginx-") as folder:
        work = Path(folder)
        port = free_port()
        conf = work / "nginx.conf"
        conf.write_text(nginx_conf(nginx, work, root, snippet, port), encoding="utf-8")
        log = work / "error.log"
        command = [nginx, "-p", str(work), "-e", str(log), "-c", str(conf)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("ab"))
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_answering(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
