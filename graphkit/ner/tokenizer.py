"""spaCy's default tokenizer plus a split of punctuation glued before a capital."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

# Punctuation and no-break spaces written as mojibake, UTF-8 read as Mac Roman or
# Windows-1252 somewhere before graphkit ('Habibie¬†mengaku', '‚ÄúKami', 'â€œKami'): split
# off like the marks they stand for, so that no name takes them in. The text itself is
# left as it is (mentions' offsets point into it).
MOJIBAKE_MARK = "(?:¬†|‚Ä[^\\s]|â€[œ˜™“”¦\u009d]|Â\u00a0)"
# Punctuation glued between a word and the next sentence's or list item's capital, as scraped
# text has it (CLICK-ID joins paragraphs with ',,': 'terselesaikan.,,,,,Daniel',
# 'Persija U-20.,Sementara', ').,Messi', 'KPK.,,,‚ÄúSemua'): a run holding a comma, or two
# marks or more, before a capital (a quote may open it: 'KPK.,"Kami') or a mojibake mark.
# One period alone is left to spaCy ('J.K.', 'A.S.').
GLUED_MARKS = re.compile(r"[.,;:!?]*,[.,;:!?]*|[.,;:!?]{2,}")
GLUED_RUN = f"(?:{GLUED_MARKS.pattern})(?=[\"“‘']?[A-Z]|{MOJIBAKE_MARK})"
# Inside a word spaCy splits infixes once and never takes suffixes or prefixes off the
# pieces, so a closing bracket or quote before the run ('(26/10/2019).,Messi') and an
# opening quote after it ('KPK.,"Kami') are infixes of their own.
GLUED_INFIXES = (r"(?<=\S)" + GLUED_RUN, r"""(?<=\S)[)\]"'”’]+(?=""" + GLUED_RUN + ")",
                 r"""(?<=[.,;:!?])["“‘']+(?=[A-Z])""")

_MOJIBAKE_TOKEN = re.compile(MOJIBAKE_MARK)
# The mojibake of a no-break space: a space, which may stand between two words of a name.
MOJIBAKE_SPACES = frozenset({"¬†", "Â\u00a0"})


def is_mojibake_mark(text: str) -> bool:
    """True for a token that is only a mojibake mark (`MOJIBAKE_MARK`).

    >>> is_mojibake_mark("‚Äì"), is_mojibake_mark("Pelatih")
    (True, False)
    """
    return _MOJIBAKE_TOKEN.fullmatch(text) is not None


GLUED_TOKENIZER = "graphkit.glued_punctuation_tokenizer.v1"
# What spacy.load / spacy.blank take as `config` to build this tokenizer instead of the
# language's default one.
GLUED_TOKENIZER_CONFIG: dict[str, Any] = {"nlp": {"tokenizer": {"@tokenizers": GLUED_TOKENIZER}}}


def glued_punctuation_tokenizer() -> Callable[[Language], Tokenizer]:
    """`spacy.Tokenizer.v1` (the language's default tokenizer) with `GLUED_RUN` among its
    prefixes and infixes and `MOJIBAKE_MARK` among its prefixes, infixes and suffixes, so
    that no name takes glued punctuation in ('Persija U-20.,Sementara' and 'kata¬†Yazid
    Nurhuda' were nodes' labels).

    The patterns go in when the tokenizer is built, never by setting `prefix_search` or
    `infix_finditer` on a built one: each setter reloads every special case (~16k for
    Indonesian), and each reload caches the pieces of a special case and flushes them at
    the next; preshed's map counts the flushed entries in its length, and the tokenizer stops
    caching once that length reaches its `max_cache_size`. With the knowledge-base names on
    top (`EntityCombiner.add_kb`), a tokenizer changed that way cached a few hundred words
    for all later text, and ran every other word through the affix regexes
    (benchmarks/code-figures.md). spaCy's constructor sets `max_cache_size` only after
    loading the special cases, so a tokenizer built with the patterns caches nothing then.

    >>> nlp = spacy.blank("id", config=GLUED_TOKENIZER_CONFIG)
    >>> [t.text for t in nlp("pelatih Persija U-20.,Sementara Ismed")][-3:]
    ['.,', 'Sementara', 'Ismed']
    >>> [t.text for t in nlp("diketahui.,,,,,Daniel dan ).,Messi")]
    ['diketahui', '.', ',,,,,', 'Daniel', 'dan', ')', '.,', 'Messi']
    >>> [t.text for t in nlp('internal KPK.,"Kami')]
    ['internal', 'KPK', '.,', '"', 'Kami']
    >>> [t.text for t in nlp("Habibie¬†mengaku ‚ÄúKami siap‚Äù kata â€œBudi")]
    ['Habibie', '¬†', 'mengaku', '‚Äú', 'Kami', 'siap', '‚Äù', 'kata', 'â€œ', 'Budi']
    """
    def build(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        # the marks go first: spaCy's own would take their first character ('‚') alone
        prefixes = [MOJIBAKE_MARK, *(defaults.prefixes or []), GLUED_RUN]
        infixes = [MOJIBAKE_MARK, *(defaults.infixes or []), *GLUED_INFIXES]
        suffixes = [MOJIBAKE_MARK, *(defaults.suffixes or [])]
        return Tokenizer(
            nlp.vocab, rules=defaults.tokenizer_exceptions,
            prefix_search=spacy.util.compile_prefix_regex(prefixes).search,
            suffix_search=spacy.util.compile_suffix_regex(suffixes).search,
            infix_finditer=spacy.util.compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match, url_match=defaults.url_match)

    return build


registry.tokenizers.register(GLUED_TOKENIZER, func=glued_punctuation_tokenizer)
