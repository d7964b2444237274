"""`python -m generator` runs the command line.

Staff who type the command outside the project's .venv (with the system Python, which lacks the pinned
packages) get one line telling them what to run instead, not a traceback.
"""

import sys

from .i18n import tr

try:
    from .cli import main
except ModuleNotFoundError as exc:
    if (exc.name or "").startswith(__package__ or "generator"):
        raise  # our own module is missing: a real bug, show it
    print(
        tr(
            f"缺少 Python 软件包 {exc.name}：请在项目文件夹里运行 make check（检查数据）或 make site（生成网站），"
            "它们会先准备好所需的软件包。",
            f"the Python package {exc.name} is missing: run make check (check the data) or make site (build the site)"
            " in the project folder; they install what is needed first.",
        ),
        file=sys.stderr,
    )
    sys.exit(1)

sys.exit(main())
