"""Our own scripts and stylesheet, minified in the built site (the sources in theme/ stay commented and readable).

The rider's first view has an 80 KB budget and most of it is Material's bundle; our files are written for
people to read, with long comments. Scripts go through rjsmin, which removes comments and whitespace only
(no renaming), so the code that runs is the code that was reviewed and the node tests of the sources
still describe it. bee.css loses its comments and runs of whitespace, nothing else.
"""

from __future__ import annotations

import re

import rjsmin

from ..writer import SiteWriter

SCRIPTS = "assets/javascripts/bee-*.js"
STYLES = "assets/stylesheets/bee*.css"
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")


def minify_css(text: str) -> str:
    """Comments and runs of whitespace out; our CSS has no strings containing '/*' (a test checks)."""
    return _SPACE.sub(" ", _CSS_COMMENT.sub("", text)).strip() + "\n"


def minify_assets(writer: SiteWriter) -> list[str]:
    """Rewrite every bee-*.js and bee*.css under the built site minified; returns their site-relative paths."""
    done = []
    for pattern, minify in ((SCRIPTS, rjsmin.jsmin), (STYLES, minify_css)):
        for path in sorted(writer.root.glob(pattern)):
            rel = path.relative_to(writer.root).as_posix()
            writer.rewrite(rel, minify(path.read_text(encoding="utf-8")).rstrip("\n") + "\n")
            done.append(rel)
    return done
