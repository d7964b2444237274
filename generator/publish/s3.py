"""The object store, through boto3: list, put and delete objects in one bucket.

boto3 is AWS's own SDK and the client that Aliyun OSS, Tencent COS, Huawei OBS and MinIO document for
their S3-compatible APIs (given an `endpoint_url`). Two settings make it work with all of them:
- checksums only when an operation requires them: since botocore 1.36 a PUT carries CRC32 trailers in
  aws-chunked encoding by default, which several S3-compatible stores reject;
- virtual-hosted addressing (bucket.endpoint), which OSS and COS require, except for an endpoint given
  as an IP address or localhost (a test server, a MinIO without a domain), or when asked for path style.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..errors import DataError
from ..i18n import tr
from .plan import DeployError, LocalFile

KEY_VARS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
StoreError = (BotoCoreError, ClientError)


@dataclass(frozen=True)
class Target:
    """Where to publish: the store's endpoint, the bucket, and the store's region name (for signing)."""

    endpoint: str
    bucket: str
    region: str = "us-east-1"
    path_style: bool = False


class Bucket:
    """One bucket of an S3-compatible store, with credentials from the environment only."""

    def __init__(self, target: Target, environ: dict[str, str] | None = None):
        env = os.environ if environ is None else environ
        missing = [name for name in KEY_VARS if not env.get(name)]
        if missing:
            raise DeployError([_missing_keys(missing)])
        # Keys are passed explicitly, so boto3 never falls back to ~/.aws files or instance metadata.
        session = boto3.session.Session(
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
            region_name=target.region,
        )
        config = Config(
            s3={"addressing_style": "path" if target.path_style or _is_local(target.endpoint) else "virtual"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            retries={"max_attempts": 5, "mode": "standard"},
            max_pool_connections=16,
        )
        self.name = target.bucket
        self.client = session.client("s3", endpoint_url=target.endpoint, config=config)

    def listing(self, prefix: str) -> dict[str, str]:
        """Every object under `prefix`: key → ETag."""
        return dict(self._pages(prefix))

    def _pages(self, prefix: str) -> Iterator[tuple[str, str]]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.name, Prefix=prefix):
            for obj in page.get("Contents", []):
                yield obj["Key"], obj.get("ETag", "")

    def put(self, key: str, file: LocalFile) -> None:
        """Upload one file with its headers, in a single PUT (so the ETag is its MD5)."""
        with file.path.open("rb") as body:
            self.client.put_object(
                Bucket=self.name,
                Key=key,
                Body=body,
                ContentType=file.content_type,
                CacheControl=file.cache_control,
                Metadata={"sha256": file.sha256},
            )

    def delete(self, keys: list[str]) -> None:
        """Delete objects, at most 1,000 per request (the S3 limit)."""
        for start in range(0, len(keys), 1000):
            batch = [{"Key": k} for k in keys[start : start + 1000]]
            answer = self.client.delete_objects(Bucket=self.name, Delete={"Objects": batch, "Quiet": True})
            if answer.get("Errors"):
                failed = ", ".join(f"{e['Key']} ({e.get('Code', '')})" for e in answer["Errors"])
                raise DeployError([DataError("", 0, 0, tr(f"删除失败：{failed}", f"could not delete: {failed}"))])


def _is_local(endpoint: str) -> bool:
    host = urlsplit(endpoint).hostname or ""
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _missing_keys(missing: list[str]) -> DataError:
    names = "、".join(missing)
    return DataError(
        "",
        0,
        0,
        tr(f"没有找到访问密钥：环境变量 {names} 没有设置", f"no access key: {', '.join(missing)} not set"),
        tr(
            "在 CI 的密钥设置（Secrets）里添加 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY；"
            "在自己电脑上用 export 设置，不要把密钥写进仓库里的任何文件",
            "add AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the CI's secret store, or export them in your "
            "shell; never write keys into a file in the repository",
        ),
    )
