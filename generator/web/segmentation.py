"""The part of jieba's dictionary that the search index's text can use, so jieba need not load all of it.

Material's search plugin segments the Han text of every indexed page with jieba, and jieba's first `cut`
loads its whole prefix dictionary: 349,046 words and their prefixes, 584,429 keys, unmarshalled from a
cache in about 0.7 s, more than the rest of the search index costs. Segmenting looks up nothing but
substrings of the text being cut (`get_DAG`, `calc` and `__cut_DAG` in jieba/__init__.py), so the words
whose characters all occur in the indexed text, with their prefixes, segment that text exactly as the
whole dictionary does:

- a word found in the text is made of the text's characters, so it is kept with its frequency;
- a prefix that only words with other characters share may be missing: `get_DAG` then stops scanning
  one character earlier, where the whole dictionary would have scanned on without finding a word (a
  word found further on would be made of the text's characters and keep that prefix);
- route scores subtract log(total) once per word, so `total` stays the whole dictionary's.

`use_subset` gives jieba's default tokenizer that subset before the pages are indexed. It leaves alone a
tokenizer that is already loaded by anyone else or uses another dictionary or user words, and it only
ever grows the subset, so a live preview's later builds cost nothing while their text uses no new
character. A test compares segmentations with the subset and with the whole dictionary.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from functools import cache
from typing import Any

import jieba

# Tokenizer → (the FREQ mapping installed, its characters, total): an installed subset is recognised
# by identity, so a dictionary someone else loaded (or changed with add_word) is never replaced.
_installed: weakref.WeakKeyDictionary[Any, tuple[dict[str, int], frozenset[str], int]] = weakref.WeakKeyDictionary()


@cache
def _default_dictionary() -> tuple[str, int]:
    """jieba's bundled dictionary ("word frequency tag" per line) and the sum of its frequencies."""
    with jieba.dt.get_dict_file() as f:
        text = f.read().decode("utf-8")
    return text, sum(map(int, re.findall(r"^\S+ (\d+)", text, re.MULTILINE)))


def dictionary_subset(text: str, chars: Iterable[str]) -> dict[str, int]:
    """jieba's FREQ for the words of dictionary `text` made only of `chars`, with every prefix of theirs
    that is not a word itself at 0 (as jieba's own loader makes it; a repeated word keeps its last line)."""
    allowed = sorted({c for c in chars if not c.isspace()})
    if not allowed:
        return {}
    line = re.compile("^([" + "".join(map(re.escape, allowed)) + r"]+) (\d+)", re.MULTILINE)
    words = line.findall(text)
    freq = {word: int(count) for word, count in words}
    for word, _ in words:
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq


def use_subset(texts: Iterable[str], tokenizer: Any = None) -> bool:
    """Give `tokenizer` (jieba's default one) the dictionary subset that segments `texts` as the whole
    dictionary would; False when it is left as it was (another dictionary, user words, already loaded)."""
    tk = tokenizer if tokenizer is not None else jieba.dt
    if tk.dictionary != jieba.DEFAULT_DICT or tk.user_word_tag_tab:
        return False
    chars = frozenset("".join(texts))
    previous = _installed.get(tk)
    if tk.initialized:
        if previous is None or tk.FREQ is not previous[0] or tk.total != previous[2]:
            return False  # the whole dictionary, or one changed since: it already segments anything
        if chars <= previous[1]:
            return True
        chars |= previous[1]  # a subset only grows: whatever it segmented before it still segments
    text, total = _default_dictionary()
    freq = dictionary_subset(text, chars)
    with tk.lock:
        tk.FREQ, tk.total, tk.initialized = freq, total, True
    _installed[tk] = (freq, chars, total)
    return True
