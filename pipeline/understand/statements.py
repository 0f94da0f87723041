"""KPI statements in running prose, outside tables: council minutes, statements, bulletins.

    参加店舗数の目標80店舗に対し、実績は84店舗と目標を上回った
    年間利用者数は、2万4千人の目標に対し、実績が1万9850人にとどまった

A statement is read clause by clause within its sentence: a target marker (目標,
目標値) governs the number right after it (`目標80店舗`) or the number it is
said of (`2万4千人の目標`, `200名程度という目標`); an actual marker (実績) the
number after it, or the number that answers the target (`…の目標に対し、5480件
となりました`). The indicator is the noun phrase the target is of (`参加店舗数の
目標`) or the topic of the sentence (`年間利用者数は、`, `…については、`); the
year is the last one the sentence states before the target, unless it starts a
span (`平成27年度からは`). A level set (`…までに…を25パーセントにする`, `成果指標を…
として1,000人としております`) is a target too, and a sentence that only gives a
year's value right after a target (`令和2年が、13.9パーセント。`) reads out its
record. Ranks (N位) are read in `ranks`. Numbers without a marker (達成率, counts of
meetings, historical averages) are never read: a prose reader that guesses is worse
than none.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from pipeline.model import BBox, Fact, FactKind, Line, Record, Source, enclosing
from pipeline.text import Quantity, find_years, repair_numbers, year_spans
from pipeline.text.tokens import tagger
from pipeline.understand.names import NAME_POS, clean_name, noun_phrase
from pipeline.understand.phrases import (
    ACTUAL,
    AIM,
    ANSWER,
    FOUND,
    INTRODUCED,
    NAMED_TARGET,
    PER_PERIOD,
    PLANNED,
    POINTS_BACK,
    SENTENCE,
    SET_AS,
    SET_BY,
    SHARES,
    SPAN,
    TARGET_AFTER,
    TARGET_BEFORE,
    TOPIC,
    WHEN,
    YEAR_ACTUAL,
    YEAR_JOINS,
    YEAR_VALUE,
    first_quantity,
)
from pipeline.understand.ranks import Ranking, read_ranks
from pipeline.understand.settings import DocumentContext
from pipeline.understand.values import is_target


@dataclass(frozen=True)
class _Sentence:
    text: str
    page: int
    bbox: BBox
    raw: str


def year_before(text: str, context: DocumentContext, yearly: bool = False) -> int | None:
    """The last year the text states, unless a span starts there (`平成27年度からは`); a
    number aimed at every year from then on (`令和5年度より…毎年`) is that year's."""
    years = find_years(text, context.era)
    if not years:
        return None
    last = years[-1]
    after = text[text.rfind(last.text) + len(last.text) :]
    starts = after.startswith(("から", "以降", "より"))
    return last.fy if yearly or not starts else None


def read_sentence(
    sentence: str,
    context: DocumentContext,
    follows: tuple[str, Quantity] | None = None,
    focus: str | None = None,
) -> list[tuple[str, FactKind, Quantity, int | None]]:
    """Every (indicator, kind, quantity, year) the sentence states; `follows` is the
    indicator and target of the sentence before, which a number aimed at without an
    indicator of its own continues (`…5年間で12,500人を目指す`) in the same unit; `focus`
    the indicator the text introduced by name, which a sentence pointing back is about."""
    found: list[tuple[str, FactKind, Quantity, int | None]] = []
    sentence = repair_numbers(sentence)
    for match in FOUND.finditer(sentence) if focus is not None else ():
        actual = first_quantity(match["actual"])
        if focus is not None and actual is not None:
            found.append((focus, "actual", actual, year_before(sentence[: match.start()], context)))
    for pattern in (TARGET_BEFORE, TARGET_AFTER):
        for match in pattern.finditer(sentence):
            target = first_quantity(match["target"])
            if target is None:
                continue
            before = sentence[: match.start()]
            ranked = (target.unit or "").startswith("位")  # `全国3位`: a scope, read in ranks
            name = _name(before, pattern is TARGET_BEFORE, context, focus, not ranked)
            if name is None:
                continue
            fy = year_before(before, context)
            found.append((name, "target", target, fy))
            actual = _actual_after(sentence[match.end() :])
            if actual is not None:
                found.append((name, "actual", actual, fy))
    for match in AIM.finditer(sentence):
        target = first_quantity(match["target"])
        before = PER_PERIOD.sub("", sentence[: match.start()])
        yearly = before != sentence[: match.start()]
        name = _aimed_name(before)
        if name is None and follows is not None and target is not None:
            name = follows[0] if follows[1].unit == target.unit else None
        if target is not None and name is not None:
            fy = year_before(before, context, yearly)
            found.append((name, "target", _over_span(target, before, context), fy))
    for match in NAMED_TARGET.finditer(sentence):
        target = first_quantity(match["target"])
        phrase = noun_phrase(match["object"])
        name = clean_name(phrase) if phrase else None
        if target is not None and phrase is not None and name is not None:
            when = match["object"].removesuffix(phrase)
            fy = year_before(sentence[: match.start("object")] + when, context)
            found.append((name, "target", _over_span(target, when, context), fy))
    for match in SET_BY.finditer(sentence):
        target = first_quantity(match["target"])
        name = _set_name(match["object"])
        if target is not None and name is not None:
            fy = year_before(sentence[: match.start("object")], context)
            found.append((name, "target", target, fy))
    for match in PLANNED.finditer(sentence):
        target = first_quantity(match["target"])
        name = clean_name(match["object"])
        if target is not None and name is not None:
            found.append((name, "target", target, year_before(sentence[: match.start()], context)))
    for match in SET_AS.finditer(sentence):
        target = first_quantity(match["target"])
        name = _set_name(WHEN.sub("", match["object"]))
        if target is not None and name is not None:
            found.append((name, "target", target, _deadline(sentence[: match.end()], context)))
    return found


def _over_span(target: Quantity, before: str, context: DocumentContext) -> Quantity:
    """A count aimed at over a span of years (`令和2年度から6年度までの5年間で`) is their
    total, marked cumulative; a share or a single year's level is not."""
    span = SPAN.search(before)
    if span is None or len(find_years(before[max(0, span.start() - 12) :], context.era)) < 2:
        return target
    if target.unit in SHARES:
        return target
    return replace(target, marks=target.marks | {"cumulative"})


def _deadline(text: str, context: DocumentContext) -> int | None:
    """The year a level is set for: the last year the text states with まで after it
    (`令和7年度までに`); a year that only dates the plan (`令和3年3月に策定`) is none."""
    years = [
        year
        for year in find_years(text, context.era)
        if text[text.rfind(year.text) + len(year.text) :].startswith(("まで", "末まで"))
    ]
    return years[-1].fy if years else None


def _set_name(phrase: str) -> str | None:
    """The indicator a level is set for: the words before を, without the words that only
    say how the level is reached (引き続き, 更に) and that start the phrase."""
    words = list(tagger()(phrase))
    while words and words[0].feature.pos1 not in NAME_POS:
        words.pop(0)
    return clean_name("".join(word.surface for word in words)) if words else None


def _aimed_name(before: str) -> str | None:
    """The indicator a number aimed at measures: the noun phrase marked by を right before
    it (`移住者数を3,000人を目指す`), else the sentence's topic."""
    if before.endswith("を"):
        phrase = noun_phrase(before.removesuffix("を"))
        return clean_name(phrase) if phrase else None
    return _topic_name(before)


def _name(
    before: str,
    marker_follows_name: bool,
    context: DocumentContext,
    focus: str | None,
    adjacent: bool = True,
) -> str | None:
    """The indicator: the noun phrase right before `の目標` (a year there only dates the
    target: `令和4年度の目標値`), else the sentence's topic."""
    if marker_follows_name and before.endswith("の"):
        direct = noun_phrase(before.removesuffix("の"))
        years = find_years(before, context.era)
        dated = bool(years) and before.removesuffix("の").endswith(years[-1].text)
        if direct is not None and not dated:
            return clean_name(direct)
        if dated:  # only a sentence pointing back at the indicator in focus names it
            return focus if _points_back(before) else None
    if not marker_follows_name and adjacent and (noun := _adjacent_name(before)) is not None:
        return noun
    return _topic_name(before, focus)


def _adjacent_name(before: str) -> str | None:
    """The noun printed right before the number, with no particle between (`人口30万人の維持
    を目標`: a population of 300,000); a word of a period (年間, 毎年) or a year is none."""
    phrase = noun_phrase(before)
    if phrase is None or PER_PERIOD.search(phrase) or any(char.isdigit() for char in phrase):
        return None
    return clean_name(phrase)


def _topic_name(before: str, focus: str | None = None) -> str | None:
    """The indicator the sentence is about: the noun phrase of its last topic (`…は、`); a
    topic pointing back (`この結果は、`) is the indicator in focus, else none."""
    topic = _last_topic(before)
    if topic is None:
        return None
    if _pointing(topic):
        return focus
    phrase = noun_phrase(topic)
    return clean_name(phrase) if phrase else None


def _points_back(before: str) -> bool:
    """Whether the sentence's last topic points back (`この結果は、`)."""
    topic = _last_topic(before)
    return topic is not None and _pointing(topic)


def _last_topic(before: str) -> str | None:
    topics = list(TOPIC.finditer(before))
    return topics[-1]["topic"] if topics else None


def _pointing(topic: str) -> bool:
    return bool(POINTS_BACK.match(topic.lstrip("、, ")))


def _actual_after(rest: str) -> Quantity | None:
    clause = rest.split("。")[0]
    answer = ANSWER.match(clause)
    if answer is not None:
        return first_quantity(answer["actual"])
    actual = ACTUAL.search(clause)
    return first_quantity(actual["actual"]) if actual is not None else None


def _year_value(
    sentence: str, target: tuple[str, Quantity, int | None], context: DocumentContext
) -> tuple[Quantity, int] | None:
    """The value a sentence gives for one year before the target's, in the target's unit:
    the indicator's record, read out after the target was stated (`令和2年度が、13.9%。`,
    `平成27年度の実績につきましては、…323人でございます`)."""
    sentence = repair_numbers(sentence)
    match = YEAR_VALUE.match(sentence) or YEAR_ACTUAL.search(sentence)
    if match is None:
        return None
    years = find_years(match["year"], context.era)
    if not years or len({year.fy for year in years}) > 1:
        return None
    rest = match["year"]
    if match.re is YEAR_ACTUAL:
        rest = rest[year_spans(rest, years)[-1][1] :]
    for year in years:
        rest = rest.replace(year.text, "", 1)
    if not YEAR_JOINS.fullmatch(rest):
        return None
    quantity = first_quantity(match["actual"])
    _, target_value, target_fy = target
    fy = years[0].fy
    if quantity is None or quantity.unit != target_value.unit:
        return None
    return (quantity, fy) if target_fy is None or fy < target_fy else None


def sentences_of(lines_of: Mapping[int, Sequence[Line]]) -> list[_Sentence]:
    """The free text of each page joined and cut into sentences, each with its lines' box."""
    sentences: list[_Sentence] = []
    for page, lines in sorted(lines_of.items()):
        spans: list[tuple[int, int, Line]] = []
        text = ""
        for line in lines:
            spans.append((len(text), len(text) + len(line.text), line))
            text += line.text
        for match in SENTENCE.finditer(text):
            inside = [
                line for start, end, line in spans if start < match.end() and match.start() < end
            ]
            if inside:
                box = enclosing([line.bbox for line in inside])
                raw = " ".join(line.raw for line in inside)
                sentences.append(_Sentence(match.group(0), page, box, raw))
    return sentences


def statement_records(
    lines_of: Mapping[int, Sequence[Line]], context: DocumentContext
) -> list[Record]:
    """A record for every indicator the document's running prose gives a target."""
    records: dict[str, Record] = {}
    confidence = context.settings.prose_confidence * context.settings.sentence_confidence
    last: tuple[str, Quantity, int | None] | None = None  # the target the sentence before set
    ranking = Ranking()  # the ranking the text named last
    focus: str | None = None  # the indicator the text introduced by name last
    for sentence in sentences_of(lines_of):
        source = Source(page=sentence.page, bbox=sentence.bbox, text=sentence.raw)
        introduced = [clean_name(m["name"]) for m in INTRODUCED.finditer(sentence.text)]
        focus = next(filter(None, reversed(introduced)), focus)
        read = read_sentence(sentence.text, context, last[:2] if last else None, focus)
        targets = [(name, quantity, fy) for name, kind, quantity, fy in read if kind == "target"]
        if targets:
            last = targets[-1]
        elif last is not None:
            value = _year_value(sentence.text, last, context)
            read = [(last[0], "actual", value[0], value[1])] if value else []
            last = last if value else None
        read += read_ranks(sentence.text, context.era, ranking)
        for name, kind, quantity, fy in read:
            fact = Fact(
                kind=kind,
                fy=fy,
                value=quantity.value,
                cumulative=quantity.cumulative,
                source=source,
                confidence=round(confidence, 3),
            )
            record = records.get(name)
            if record is None:
                records[name] = Record(
                    page=sentence.page,
                    program=None,
                    indicator=name,
                    unit=quantity.unit,
                    direction=None,
                    facts=[fact],
                )
            elif all((f.kind, f.fy, f.value) != (kind, fy, fact.value) for f in record.facts):
                record.facts.append(fact)
    # Rule 1: a finding read before any target was set for its indicator makes no record.
    return [r for r in records.values() if any(is_target(f) for f in r.facts)]
