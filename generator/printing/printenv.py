"""What print needs from the machine: a CJK font (via fontconfig) and HarfBuzz's subsetter.

Without a CJK font WeasyPrint silently prints empty boxes (tofu) instead of Chinese, so we refuse
to print. Without libharfbuzz-subset0 WeasyPrint falls back to fontTools and a poster takes ~25 s
instead of ~0.3 s; the text the build sets itself (fontface.py) needs it too, so print stops with
the package's name before anything is written (plan.prepare), as it does without Noto Sans CJK SC.
Debian packages: fonts-noto-cjk, libharfbuzz-subset0
(installed by scripts/system-deps).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

from ..errors import EnvironmentProblem
from ..i18n import tr

PREFERRED_FAMILY = "Noto Sans CJK SC"


class PrintEnvironmentError(EnvironmentProblem):
    """The machine cannot produce correct print files; the hint says which package to install."""


@cache
def cjk_fonts() -> tuple[str, ...]:
    """Installed fonts covering Chinese, as sorted `file: family` lines (fontconfig's `fc-list :lang=zh`)."""
    if shutil.which("fc-list") is None:
        raise PrintEnvironmentError(
            tr(
                "没有安装 fc-list（fontconfig），找不到打印文件里中文要用的字体",
                "fc-list (fontconfig) is not installed, so no font can be found "
                "for the Chinese text of the print files",
            ),
            tr(
                "运行 scripts/system-deps（安装 Debian 软件包 fontconfig 和 fonts-noto-cjk）",
                "run scripts/system-deps (Debian packages fontconfig and fonts-noto-cjk)",
            ),
        )
    out = subprocess.run(
        ["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return tuple(sorted(line.strip() for line in out.splitlines() if line.strip()))


def require_cjk_font() -> str:
    """The CJK family print will use, or a clear error instead of a PDF full of empty boxes."""
    fonts = cjk_fonts()
    if not fonts:
        raise PrintEnvironmentError(
            tr(
                "没有安装中文字体，海报上的文字会印成空白方框",
                "no Chinese (CJK) font is installed, so posters would print empty boxes instead of text",
            ),
            tr(
                "安装 Debian 软件包 fonts-noto-cjk（scripts/system-deps 会安装），然后重新生成",
                "install Debian's fonts-noto-cjk (scripts/system-deps does it) and build again",
            ),
        )
    if any(PREFERRED_FAMILY in line for line in fonts):
        return PREFERRED_FAMILY
    return fonts[0].split(":", 1)[1].split(",")[0].strip()


def fonts_fingerprint() -> str:
    """The font list as text, part of the poster cache key: a font update must re-render posters."""
    return "\n".join(cjk_fonts())


def has_fast_subsetting() -> bool:
    """True when WeasyPrint found libharfbuzz-subset (fast font subsetting)."""
    try:
        from weasyprint.text import ffi
    except (ImportError, OSError):
        return False
    return getattr(ffi, "harfbuzz_subset", None) is not None
