"""The content pages' search text is segmented with part of jieba's dictionary, exactly as with all of it."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import jieba
import pytest
from material.plugins.search import plugin as material_search

from generator.web import segmentation

ZWSP = "\u200b"


def _tokenizer(freq: dict[str, int], total: int) -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    return tk


def test_a_subset_segments_text_of_its_characters_as_the_whole_dictionary_does() -> None:
    """A random dictionary over 12 characters, half of them outside the text: prefixes shared only with
    words outside the text, repeated words and words of frequency 0 all occur."""
    rng = random.Random(3)
    inside, outside = "驿站骑手充电热饭", "喝水歇脚"
    lines = []
    for _ in range(3000):
        word = "".join(rng.choices(inside + outside, k=rng.choice((1, 2, 2, 3, 3, 4, 6))))
        lines.append(f"{word} {rng.choice((0, 1, 3, 40, 900, 12000))} n\n")
    dictionary = "".join(lines)
    full, total = jieba.Tokenizer.gen_pfdict(io.BytesIO(dictionary.encode()))
    texts = ["".join(rng.choices(inside, k=rng.randint(1, 60))) for _ in range(400)]
    subset = segmentation.dictionary_subset(dictionary, "".join(texts))
    assert len(subset) < len(full)
    assert all(full[key] == value for key, value in subset.items())
    whole, part = _tokenizer(full, total), _tokenizer(subset, total)
    for text in texts:
        assert list(part.cut(text)) == list(whole.cut(text)), text


def test_a_subset_is_not_installed_over_a_loaded_dictionary_and_only_grows() -> None:
    loaded = _tokenizer({"驿站": 5, "驿": 0}, 5)
    assert not segmentation.use_subset(["驿站"], loaded)
    assert loaded.FREQ == {"驿站": 5, "驿": 0}

    tk = jieba.Tokenizer()
    assert segmentation.use_subset(["骑手驿站"], tk)
    first = tk.FREQ
    assert first["驿站"] > 0 and first["骑手"] > 0 and "充电" not in first
    assert segmentation.use_subset(["驿站"], tk) and tk.FREQ is first  # nothing new: nothing to do
    assert segmentation.use_subset(["充电"], tk)
    assert tk.FREQ["充电"] > 0 and tk.FREQ["骑手"] == first["骑手"]

    tk.add_word("骑手驿站", 10)  # changed by someone else: their dictionary stays
    assert not segmentation.use_subset(["热饭"], tk)
    assert "热饭" not in tk.FREQ


@pytest.mark.build
def test_the_built_search_index_is_segmented_as_with_the_whole_dictionary(built_site: Path, monkeypatch) -> None:
    """Every entry of the sample's index, unsegmented and cut again by Material's own code with jieba's
    whole dictionary, comes out as the build wrote it."""
    whole = jieba.Tokenizer()
    whole.initialize()
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = [doc[field] for doc in docs for field in ("title", "text")]
    assert sum(ZWSP in t for t in texts) > 50
    monkeypatch.setattr(material_search, "jieba", whole)  # Material calls jieba.cut
    for text in texts:
        assert material_search.SearchIndex._segment_chinese(None, text.replace(ZWSP, "")) == text
    text, total = segmentation._default_dictionary()
    assert total == whole.total
    subset = segmentation.dictionary_subset(text, "".join(texts))
    assert all(whole.FREQ[key] == value for key, value in subset.items())
    chars = set("".join(texts))
    assert all(key in subset for key, value in whole.FREQ.items() if value and set(key) <= chars)
