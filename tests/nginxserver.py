"""Debian's real nginx serving a built site on 127.0.0.1, with a config rendered from deploy/nginx/bee.conf.

Only what must differ on a test machine is changed: the listen address, the site's folder, and (for root
hosting) "/bee/" → "/", which is exactly what the comment at the top of bee.conf tells an operator to do.
nginx runs in the foreground as a single process, with its pid, logs and temp files in a temp folder.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import wait_for_port

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx" / "bee.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")

_MAIN = """
{modules}
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/bee.conf;
}}
"""


def render_conf(port: int, site: Path, sub_path: str = "/bee/") -> str:
    """bee.conf for this machine: listen on 127.0.0.1:port, serve `site`, at `sub_path` ("/bee/" or "/")."""
    text = CONF.read_text(encoding="utf-8")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/srv/bee/site/", f"{site}/")
    if sub_path != "/bee/":
        text = text.replace("/bee/", sub_path)
    if not BROTLI.exists():  # as bee.conf says: delete the brotli lines when the module is not installed
        text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("brotli"))
    return text


@contextmanager
def nginx(site: Path, tmp: Path, port: int, sub_path: str = "/bee/") -> Iterator[str]:
    """Serve `site` with nginx; yields the site's base URL (ending in '/')."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: run make test (scripts/system-deps installs it)")
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "bee.conf").write_text(render_conf(port, site, sub_path), encoding="utf-8")
    modules = f"load_module {BROTLI};" if BROTLI.exists() else ""
    (tmp / "nginx.conf").write_text(_MAIN.format(tmp=tmp, modules=modules), encoding="utf-8")
    args = [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc, "nginx", 10)
        yield f"http://127.0.0.1:{port}{sub_path}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
