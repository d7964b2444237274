"""What a deploy does, decided before anything is sent: upload, keep or delete each object.

Objects are compared by content: a local file whose MD5 equals the object's ETag is unchanged. Every
upload here is a single-part PUT, and for those S3 and the S3-compatible stores (OSS, COS, OBS, MinIO)
use the body's MD5 as the ETag, so one listing tells what changed, without reading any object back.
A store that computes ETags differently (server-side encryption with KMS) only costs re-uploads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError, DataError
from ..i18n import tr
from ..printing.manifest import MANIFEST_NAME, Issued
from ..render import station_url
from . import kinds


class DeployError(BuildError):
    """The deploy was refused before anything was sent (bad settings, a printed page would be deleted)."""

    def closing(self, n: int) -> str:
        """The report's last line."""
        return tr(f"共 {n} 处错误，什么都没有上传。", f"{n} error{'s' if n != 1 else ''} found; nothing was uploaded.")


@dataclass(frozen=True)
class LocalFile:
    """One file of the built site, with what it will be sent as."""

    rel: str
    path: Path
    size: int
    md5: str
    sha256: str

    @property
    def content_type(self) -> str:
        """Its Content-Type."""
        return kinds.content_type(self.rel)

    @property
    def cache_control(self) -> str:
        """Its Cache-Control."""
        return kinds.cache_control(self.rel)

    @property
    def stage(self) -> int:
        """When it is uploaded (kinds.ASSETS, PAGES, WORKER)."""
        return kinds.stage(self.rel)


@dataclass
class Plan:
    """Uploads in order, the names left as they are, and stale keys to delete last."""

    uploads: list[LocalFile] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)

    @property
    def upload_bytes(self) -> int:
        """Bytes to send."""
        return sum(f.size for f in self.uploads)


def normal_prefix(prefix: str | None) -> str:
    """A key prefix as stored: no leading slash, one trailing slash, or empty for the bucket's root."""
    clean = (prefix or "").strip().strip("/")
    if clean and any(part in ("", ".", "..") for part in clean.split("/")):
        message = tr(f"前缀 {prefix!r} 无效", f"prefix {prefix!r} is not valid")
        hint = tr("写成 bee 或 sites/bee 这样的路径", "write a path like bee or sites/bee")
        raise DeployError([DataError("", 0, 0, message, hint)])
    return f"{clean}/" if clean else ""


def scan_site(site: Path) -> list[LocalFile]:
    """Every file of a built site with its hashes, sorted by path (temporary files skipped)."""
    files = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.name.endswith(".tmp"):
            continue
        data = path.read_bytes()
        rel = path.relative_to(site).as_posix()
        files.append(LocalFile(rel, path, len(data), hashlib.md5(data).hexdigest(), hashlib.sha256(data).hexdigest()))
    return files


def plan_deploy(local: list[LocalFile], remote: dict[str, str], prefix: str, printed: Iterable[Issued]) -> Plan:
    """Compare the built site with the store's objects under `prefix` (key → ETag).

    Raises DeployError, before anything is sent, when a stale object lies under the page folder of a
    station whose URL was printed: its QR codes are on walls and must keep resolving.
    """
    plan = Plan()
    for f in sorted(local, key=lambda f: (f.stage, f.rel)):
        if remote.get(prefix + f.rel, "").strip('"').lower() == f.md5:
            plan.unchanged.append(f.rel)
        else:
            plan.uploads.append(f)
    wanted = {prefix + f.rel for f in local}
    plan.deletions = sorted(k for k in remote if k.startswith(prefix) and k not in wanted)
    _refuse_printed_deletions(plan.deletions, prefix, printed)
    return plan


def _refuse_printed_deletions(deletions: list[str], prefix: str, printed: Iterable[Issued]) -> None:
    folders = {prefix + station_url(p.id): p for p in printed}
    errors = []
    for key in deletions:
        # The page folder a key lies in (`<prefix>s/<id>/`), looked up once: linear in the deletions.
        issued = folders.get(prefix + "/".join(key[len(prefix) :].split("/")[:2]) + "/")
        if issued is None:
            continue
        errors.append(
            DataError(
                MANIFEST_NAME,
                issued.line,
                1 if issued.line else 0,
                tr(
                    f"驿站 '{issued.id}' 的网址已印在海报上，不能删除存储桶里的 {key}",
                    f"station '{issued.id}' has a printed URL; refusing to delete {key} from the bucket",
                ),
                tr(
                    "这个文件在本次生成的网站里没有了：确认 site/ 是用当前的 stations.yaml 完整生成的"
                    "（先运行 make site）；驿站不再使用时写 status: closed，不要删除",
                    "the file is missing from the site being deployed: check that site/ is a complete build of "
                    "the current stations.yaml (run make site first); close a station with status: closed, "
                    "never delete it",
                ),
            )
        )
    if errors:
        raise DeployError(errors)
