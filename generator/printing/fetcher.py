"""The only way a print document may load anything: the theme's print folder, the build's own files, data: URIs.

Templates inline what they need (CSS, icons, QR codes), so a print document should fetch nothing
but the output-intent profile. WeasyPrint's default fetcher would follow any `file:` URL, absolute
path or `http(s):` link that reached a document; this one refuses them all and stops the rendering
with a clear message, as defence in depth behind the templates' escaping.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..i18n import tr


class RefusedResource(ValueError):
    """A print document asked for something outside the allowed folders."""


class PrintFetcher(URLFetcher):
    """Serves `data:` URIs and `file:` URLs inside `roots` (folders or single files); refuses the rest."""

    def __init__(self, roots: tuple[str, ...]) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("data", "file"))
        self.roots = tuple(Path(r).resolve() for r in roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """The resource at `url`, or RefusedResource naming what was asked for and what is allowed."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()  # symlinks and .. resolved before the check
            if any(path == root or path.is_relative_to(root) for root in self.roots):
                return URLFetcherResponse(url, path.read_bytes())
        raise RefusedResource(refusal(url))


def refusal(url: str) -> str:
    """The message for a refused URL (used again when the error crosses a process boundary)."""
    return tr(
        f"打印模板试图加载 {url!r}；打印文件只能使用 theme/print/ 里的文件、本次生成的文件和 data: URI",
        f"a print template tried to load {url!r}; print files may only use theme/print/, "
        "the build's own generated files and data: URIs",
    )


def fetcher_error(exc: BaseException) -> str | None:
    """The refusal message inside a WeasyPrint fatal fetching error, if that is what `exc` is."""
    cause = exc.__cause__ or exc.__context__
    return str(cause) if isinstance(cause, RefusedResource) else None
