"""Our own browser scripts, minified in the built site (the sources in theme/ stay commented and readable).

The rider's first view has an 80 KB budget and most of it is Material's bundle; our scripts are written
for people to read, with long comments. rjsmin removes comments and whitespace only (no renaming), so the
code that runs is the code that was reviewed, and the node tests of the sources still describe it.
"""

from __future__ import annotations

import rjsmin

from ..writer import SiteWriter

SCRIPTS = "assets/javascripts/bee-*.js"


def minify_scripts(writer: SiteWriter) -> list[str]:
    """Rewrite every bee-*.js under the built site minified; returns their site-relative paths."""
    done = []
    for path in sorted(writer.root.glob(SCRIPTS)):
        rel = path.relative_to(writer.root).as_posix()
        writer.rewrite(rel, rjsmin.jsmin(path.read_text(encoding="utf-8")) + "\n")
        done.append(rel)
    return done
