"""Nicknames a document declares for a person: 'Stefano Cugurra atau akrab disapa Teco',
'Jupe, sapaan akrab Achmad Jufriyanto', and 'pria yang akrab disapa Emil' after one person.

Indonesian news introduces the name it then uses this way in about one article in fifty
(CLICK-ID, 2019: 'akrab disapa' 251 times in 22,136 articles, 'sapaan akrab' 81). The
nickname shares no word with the full name ('Emil' for Ridwan Kamil), so only the
declaration links them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .records import Record

# 'akrab disapa', 'biasa dipanggil', 'karib disapa': the phrase that declares a nickname
_CALLED = r"(?:akrab|biasa|karib|kerap|sering)\s+(?:disapa|dipanggil)"
# a comma or a dash, which scraped text may write as two hyphens ('Danny - - sapaan akrab
# Ramdhan Pomanto')
_PAUSE = r"(?:,|[-–—](?:\s*[-–—])?)"
# between a person's name and the nickname: 'Ahmad Albar yang akrab disapa Iyek'
_CALLED_AFTER = re.compile(rf"\s*{_PAUSE}?\s*(?:atau\s+)?(?:yang\s+)?{_CALLED}\s+",
                           re.IGNORECASE)
# between the nickname and the name: 'Jupe, sapaan akrab Achmad Jufriyanto'
_NICKNAME_OF = re.compile(rf"\s*{_PAUSE}\s*(?:sapaan|panggilan)\s+(?:akrab|karib)\s+",
                          re.IGNORECASE)
# before a nickname whose person the sentence names only by a word: 'pria yang akrab
# disapa Emil', 'Gubernur yang akrab disapa Emil'
_CALLED_BEFORE = re.compile(rf"\byang\s+{_CALLED}\s+$", re.IGNORECASE)
# after such a nickname: 'Emil, sapaan akrabnya, ...'
_OWN_NICKNAME = re.compile(r"\s*,\s*(?:sapaan|panggilan)\s+(?:akrab|karib)nya\b",
                           re.IGNORECASE)
# the longest nickname, in words ('Koh Yoong', 'Uwa Haji')
_MAX_WORDS = 2

Nickname = tuple[Record, Record, str, str]  # nickname, person, how, the declaration


def declared_nicknames(records: list[Record], sentence_of: Callable[[int], tuple[int, str]]
                       ) -> Iterable[Nickname]:
    """(nickname, person, how, declaration) for each nickname one document's `records`
    declare; `sentence_of` gives a sentence's (start offset, text) by its index. 'alias' when the
    declaration names the person, 'nickname' when it follows the one person named in its
    sentence or the one before."""
    starting = {(r.mention.sentence, r.mention.start): r for r in records}
    declared: set[str] = set()
    for nickname, person, declaration in _named_declarations(records, sentence_of, starting):
        declared.add(nickname.key)
        yield nickname, person, "alias", declaration
    for record in records:
        if record.key in declared or not _may_be_nickname(record):
            continue
        start, text = sentence_of(record.mention.sentence)
        if _CALLED_BEFORE.search(text, 0, record.mention.start - start) or \
                _OWN_NICKNAME.match(text, record.mention.end - start):
            before = _only_person_before(records, record)
            if before is not None:
                declared.add(record.key)
                yield record, before, "nickname", text.strip()


def _named_declarations(records: list[Record], sentence_of: Callable[[int], tuple[int, str]],
                        starting: dict[tuple[int, int], Record]
                        ) -> Iterable[tuple[Record, Record, str]]:
    """(nickname, person, declaration) where the declaration names both: 'Ahmad Albar yang
    akrab disapa Iyek', 'Jupe, sapaan akrab Achmad Jufriyanto'."""
    for record in records:
        start, text = sentence_of(record.mention.sentence)
        at = record.mention.end - start
        match = _CALLED_AFTER.match(text, at) if _is_person(record) else None
        nickname = match and starting.get((record.mention.sentence, start + match.end()))
        if nickname and _may_be_nickname(nickname, record):
            yield nickname, record, _quote(text, record, nickname, start)
            continue
        match = _NICKNAME_OF.match(text, at)
        person = match and starting.get((record.mention.sentence, start + match.end()))
        if person and _is_person(person) and _may_be_nickname(record, person):
            yield record, person, _quote(text, record, person, start)


def _is_person(record: Record) -> bool:
    """A person's full name: typed PERSON, two words or more."""
    return record.mention.type == "PERSON" and len(record.tokens) > 1


def _may_be_nickname(record: Record, person: Record | None = None) -> bool:
    """A short name that is not the person's own name again."""
    return (len(record.tokens) <= _MAX_WORDS and record.mention.text[:1].isupper()
            and (person is None or record.key != person.key))


def _only_person_before(records: list[Record], nickname: Record) -> Record | None:
    """The one person (full name) named before the nickname in its sentence or the one
    before; None when none or several different people are."""
    sentence, start = nickname.mention.sentence, nickname.mention.start
    found = {r.key: r for r in records
             if _is_person(r) and (r.mention.sentence == sentence - 1 or (
                 r.mention.sentence == sentence and r.mention.end <= start))
             and r.key != nickname.key}
    return next(iter(found.values())) if len(found) == 1 else None


def _quote(text: str, first: Record, second: Record, offset: int) -> str:
    """The words of the declaration, from the first name to the end of the second."""
    begin = min(first.mention.start, second.mention.start) - offset
    end = max(first.mention.end, second.mention.end) - offset
    return text[begin:end]
