"""Japanese words by fugashi over UniDic: is a string one dictionary word, and of what kind.

The OCR repairs ask this before correcting a string: a string that is one
common word of the language was read right, whatever it looks like.
"""

from functools import cache

import fugashi


@cache
def tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


def is_word(text: str) -> bool:
    """Whether the whole string is one known dictionary word."""
    words = tagger()(text)
    return len(words) == 1 and not words[0].is_unk


def is_common_word(text: str) -> bool:
    """One known word that is not a proper noun (a name can be a misread era: 信和 for 令和)."""
    return is_word(text) and tagger()(text)[0].feature.pos2 != "固有名詞"
