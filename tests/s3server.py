"""A real S3-compatible server for the deploy tests: moto's standalone server on 127.0.0.1.

The server's request log (one line per request, in the order it handled them) lets a test check the order
of uploads as the store saw it, not as the client meant it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import free_port, wait_for_port

KEYS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}
_REQUEST = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})')


@dataclass
class S3Server:
    endpoint: str
    log: Path

    def requests(self) -> list[tuple[str, str, int]]:
        """(method, path, status) of every request so far, in the order the server handled them."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [(m["method"], m["path"], int(m["status"])) for m in _REQUEST.finditer(text)]

    def client(self):  # type: ignore[no-untyped-def]
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        )


@contextmanager
def moto_server(tmp: Path) -> Iterator[S3Server]:
    """Start `moto_server -H 127.0.0.1 -p PORT` (from the venv) and stop it afterwards."""
    exe = Path(sys.executable).with_name("moto_server")
    if not exe.exists() and not shutil.which("moto_server"):
        pytest.fail("moto_server is missing: run make (moto[s3] is pinned in requirements.txt)")
    port = free_port()
    log = tmp / "moto.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(exe if exe.exists() else "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        wait_for_port(port, proc, "moto_server")
        yield S3Server(f"http://127.0.0.1:{port}", log)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
