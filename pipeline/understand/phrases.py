"""The shapes of KPI statements in running prose, as patterns: the markers of a target
or an actual, the verbs that set a level, the words that say when it holds, and the
number a marker governs (`QUANTITY`). `statements` reads sentences with them.
"""

import re

from pipeline.text import Quantity, known_units, parse_cell


def first_quantity(text: str) -> Quantity | None:
    """The first number with its unit the text prints, or None."""
    found = [value for value in parse_cell(text, known_units()) if isinstance(value, Quantity)]
    return found[0] if found else None


# A number as prose prints it, with 万 / 千 inside (1万2600) and a short unit after it
# (パーセント, as minutes spell % out, is the longest).
QUANTITY = (
    r"(?:約|おおむね|概ね|大体|およそ)?"
    r"(?P<{0}>\d[\d,.]*(?:[万千億]\d[\d,.]*)*[万千億]?(?:(?!以上|以下|程度|前後|超|未満)[^\d\s、。,()（）はがをにのとでもや]){{0,5}})"
    r"(?:以上|以下|程度|前後|超|未満)?"
)
# The verb that sets a level, plain or in the polite forms of minutes (としております,
# としてございます): `…を80%とする`, `…を25パーセントにする目標`.
SETS = (
    r"(?:と|に)?(?:する|します|している|しています|しております|してございます|いたします"
    r"|高める|引き上げる|増やす|減らす)"
)
TARGET_BEFORE = re.compile(r"(?:増加|年間)?目標値?(?:は|を|[:：])?" + QUANTITY.format("target"))
# `1,000人というものを目標に`: minutes put a noun (もの, 数字) between the number and 目標.
TARGET_AFTER = re.compile(
    QUANTITY.format("target")
    + r"(?:という(?:もの|数字|数値)?(?:を|が)?|の(?:達成|確保|維持)?を|の|を|が)(?:増加|年間)?目標"
)
# `3,000人を目指す`, `100%の達成を目指します`: the number aimed at is a target.
AIM = re.compile(QUANTITY.format("target") + r"(?:の(?:達成|確保|維持))?を目指")
# `令和11年度までに時間外勤務の年間平均時間を67時間にする`: a level set for a year is a
# target; the indicator is what is set, the words between the year's まで and the を.
SET_BY = re.compile(
    r"まで(?:に)?[、,]?(?P<object>[^、。]{2,40}?)を[、,]?" + QUANTITY.format("target") + SETS
)
# `成果指標を、年度ごとの転入超過数として1,000人としております`: a measure named as the
# target (成果指標, 数値目標) and the level set for it; the indicator is what it is named as.
SET_AS = re.compile(
    r"(?:成果指標|数値目標|目標値?|KPI)を[、,]?(?P<object>[^、。]{2,40}?)として"
    + QUANTITY.format("target")
    + r"と"
    + SETS
)
# Words before the indicator that say when the level holds: by a year (`令和10年度までの`,
# the target's year) or each year (`年度ごとの`, `毎年度の`).
WHEN = re.compile(r"^(?:[^、。の]{2,14}まで|(?:年度|年)ごと|毎年度?|各年度)の")
# `数値目標として掲げた平成27年度から令和元年度までの移住者数8,000人は`: the target
# named before the indicator and its number, which starts a number and is no year.
NAMED_TARGET = re.compile(
    r"目標として(?:掲げた|掲げている|設定した|定めた)(?P<object>[^、。]{2,40}?)"
    r"(?<![\d,.])(?!\d+年)" + QUANTITY.format("target") + r"(?:は|を|が|の|と|に)"
)
# A span of years the number is counted over, right before it or its indicator.
SPAN = re.compile(
    r"(?:から|より|[~〜～])[^、。]{1,12}?まで(?:の|で|に)?"
    r"(?:(?:\d+|[一二三四五六七八九十]+)(?:か|カ|ヶ)?年間?(?:で|の)?)?$"
)
# Units of a share or a level, which no span of years adds up.
SHARES = frozenset({"%", "パーセント", "ポイント", "倍", "割", "位"})
# Words between an indicator and the number aimed at: `移住者数を毎年3,000人`.
PER_PERIOD = re.compile(r"(?:毎年度?|年間|各年度?|単年度で?)$")
ACTUAL = re.compile(r"実績値?(?:は|が|[:：])?[、,]?" + QUANTITY.format("actual"))
ANSWER = re.compile(
    r"^(?:値?に対し(?:て)?|でありましたが|でしたが|に対して)[、,]?(?:実績(?:は|が)[、,]?)?"
    + QUANTITY.format("actual")
    + r"(?:と|に|で|となり|となった|となりました|となっております|にとどまった)"
)
# A sentence that only gives a year's value, after a target (`令和2年度が、13.9%。`,
# `4月1日時点では、令和3年が16.7%でした。`): minutes read out the indicator's record.
YEAR_VALUE = re.compile(
    r"^(?:[^、。]{0,30}(?:時点|現在)では[、,])?(?P<year>[^、。]{2,30}?)(?:が|は)[、,]?"
    + QUANTITY.format("actual")
    + r"(?:です|でした|でございます|であった|となっています|となりました)?。?$"
)
# What may stand between the years a year's value prints (`平成31/令和元(2019)年`).
YEAR_JOINS = re.compile(r"[/・\s]*")
# An indicator introduced by name (`「避難所を知る市民の割合」という成果指標`): later
# sentences that point back at it (`この結果は、`, `この指標の`) are about it.
INTRODUCED = re.compile(r"「(?P<name>[^「」]{2,40})」という(?:成果|評価)?指標")
POINTS_BACK = re.compile(r"^(?:この|その|同)")
# `令和4年度の実績を調査したところ、利用率は61.2%であった`: the value a finding gives.
FOUND = re.compile(
    r"実績値?を[^。]{0,40}?(?:ところ|結果)[、,][^、。\d]{0,12}?" + QUANTITY.format("actual")
)
TOPIC = re.compile(r"(?P<topic>[^、。]{2,40}?)(?:については|は)[、,]")
SENTENCE = re.compile(r"[^。]+。?")
# `523人の新規就農者をつくっていかなければならないという計画`: the number of what a plan
# is to make is a target, and what it counts the indicator.
PLANNED = re.compile(
    QUANTITY.format("target")
    + r"の(?P<object>[^、。\d]{2,30}?)を[^、。\d]{0,30}?(?:という|とする)計画"
)
# `平成27年度の実績につきましては、…323人でございます`: a year's actual read out as an answer
# after a target, what it counts said again in other words.
YEAR_ACTUAL = re.compile(
    r"(?P<year>[^、。]{2,24}?)の実績(?:は|につきましては|については|につきまして)[、,]"
    r"[^。\d]{0,60}?"
    + QUANTITY.format("actual")
    + r"(?:でございます|です|でした|となっております|となりました|であった)"
)
