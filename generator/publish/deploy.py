"""Run a deploy: plan against the store's listing, upload stage by stage, delete stale objects last."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from ..errors import DataError
from ..i18n import tr
from ..printing.manifest import Issued
from ..web.offline import SW_NAME
from .plan import DeployError, LocalFile, Plan, normal_prefix, plan_deploy, scan_site

WORKERS = 8  # parallel PUTs within one stage; stages never overlap


class Store(Protocol):
    """What a deploy needs from an object store (s3.Bucket is the real one)."""

    def listing(self, prefix: str) -> dict[str, str]: ...

    def put(self, key: str, file: LocalFile) -> None: ...

    def delete(self, keys: list[str]) -> None: ...


@dataclass(frozen=True)
class Summary:
    """What a deploy did (or, with dry_run, would do)."""

    uploaded: int
    unchanged: int
    deleted: int
    bytes: int
    dry_run: bool = False

    def __str__(self) -> str:
        size = _size(self.bytes)
        if self.dry_run:
            return tr(
                f"试运行：将上传 {self.uploaded} 个文件（{size}），{self.unchanged} 个未变，将删除 {self.deleted} 个；"
                "什么都没有上传。",
                f"dry run: would upload {self.uploaded} files ({size}), {self.unchanged} unchanged, "
                f"would delete {self.deleted}; nothing was sent.",
            )
        return tr(
            f"已发布：上传 {self.uploaded} 个文件（{size}），{self.unchanged} 个未变，删除 {self.deleted} 个。",
            f"published: {self.uploaded} files uploaded ({size}), {self.unchanged} unchanged, {self.deleted} deleted.",
        )


def check_site(site: Path) -> None:
    """Refuse a folder that is not a finished build (sw.js is written last)."""
    if not (site / SW_NAME).is_file() or not (site / "index.html").is_file():
        message = tr(f"{site} 不是生成好的网站", f"{site} is not a built site")
        hint = tr("先运行 make site（make deploy 会先生成再发布）", "run make site first (make deploy builds first)")
        raise DeployError([DataError("", 0, 0, message, hint)])


def deploy(
    site: Path,
    store: Store,
    *,
    prefix: str = "",
    printed: list[Issued] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> Summary:
    """Sync `site` to `store` under `prefix`: only changed files, in stage order, stale objects last."""
    check_site(site)
    key_prefix = normal_prefix(prefix)
    plan = plan_deploy(scan_site(site), store.listing(key_prefix), key_prefix, printed or [])
    summary = Summary(len(plan.uploads), len(plan.unchanged), len(plan.deletions), plan.upload_bytes, dry_run)
    if not dry_run:
        _upload(plan, store, key_prefix, progress)
        if plan.deletions:
            store.delete(plan.deletions)
    return summary


def _upload(plan: Plan, store: Store, prefix: str, progress: Callable[[int, int, str], None] | None) -> None:
    done, total = 0, len(plan.uploads)

    def send(f: LocalFile) -> LocalFile:
        store.put(prefix + f.rel, f)
        return f

    with ThreadPoolExecutor(WORKERS) as pool:
        for stage in sorted({f.stage for f in plan.uploads}):
            batch = [f for f in plan.uploads if f.stage == stage]
            # Each stage finishes before the next starts: pages never arrive before their assets.
            for f in pool.map(send, batch):
                done += 1
                if progress:
                    progress(done, total, f.rel)


def terminal_progress(stream: TextIO = sys.stderr) -> Callable[[int, int, str], None] | None:
    """A one-line counter for a terminal; None when output goes to a file or a CI log."""
    if not stream.isatty():
        return None

    def show(done: int, total: int, rel: str) -> None:
        end = "\n" if done == total else ""
        stream.write(f"\r\033[K{tr('上传', 'uploading')} {done}/{total} {rel[-60:]}{end}")
        stream.flush()

    return show


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
