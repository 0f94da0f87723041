"""Replica of a city's report on one regional-revitalisation grant program (one A3 landscape page).

The page is a committee handout: a nine-column ruled table with one summary row
for the granted program and three rows for its sub-programs, the two evaluation
columns merged over all four rows. Difficulties it carries: KPIs written as prose
inside a cell rather than in columns (`【ＫＰＩ】　70人　（累計270人）` beside
`【実績】　27人  （累計149人）`, a cumulative figure in brackets), an indicator
name wrapped over two lines of its cell, a `(参考)` heading over an indicator
that is not this program's own, reference statistics with no target
(`H26：4,795　⇒　R1：5,679`), a baseline carrying two years (`※H28当初値` over
`（H26経済センサス基礎調査）`), a `－` for a missing result, and full-width
Latin letters and digits throughout. Cell lines are the report's extracted text,
kept verbatim with its breaks and odd spacing.
"""

from collections.abc import Sequence
from typing import NamedTuple

from replica.canvas import A3, PAD, Canvas, Cell, Grid, Replica, cell

TITLE = "地方創生推進交付金を活用した令和２年度実施事業の概要等"
COMMITTEE = ("第２回小平市まち・ひと・しごと創生総合戦略", "推進委員会 資料１")
DATE = "令和３年３月２９日(月)"
DRAFT = "未定稿"
AS_OF = "※実績(下線部)は令和3年2月末時点"

SIZE = 6.3  # body and header text
MARGIN = 22.0
SLACK = 3.0  # points added to a column beyond its widest line

HEADERS = (
    "交付対象事業の名称",
    "事業費\n（円）",
    "交付金\n（円）",
    "事業の概要",
    "ＫＰＩ（令和２年度末）",
    "事業の主な実績（見込） ・ 効果等",
    "今後の取組予定",
    "市の評価\u3000（※）",
    "小平市まち・ひと・しごと創生総合戦略推進委\n員会の評価（※）",
)
NAME, COST, GRANT, OVERVIEW, KPI, RESULTS, PLANS, CITY, COMMITTEE_COL = range(9)
# Columns that take the page width left over once every column fits its text.
WIDE = {OVERVIEW: 1.0, RESULTS: 2.0, PLANS: 1.0}


class Program(NamedTuple):
    """One table row: a sub-program with its figures and prose cells."""

    name: str
    cost: str
    grant: str
    overview: str
    kpi: str
    results: str
    plans: str


SUMMARY = Program(
    name=" 東京郊外型就労推進事業\n と連携した創業支援による\n 地域のにぎわい事業",
    cost="5,354,000",
    grant="2,677,000",
    overview=(
        "地方創生加速化交付金の交付決定を受けて平成28年度か\n"
        "ら実施している「東京郊外型の女性の新しい就労推進事業」\n"
        "（下記(1)・(2)）を継続的に推進し、そこに新たな創業支援事\n"
        "業（下記(3)）を組合せることで、地域における“しごと”の創出\n"
        "を一層推進し、地方創生の深化を図る。"
    ),
    kpi="―",
    results="―",  # merged over the results and plans columns
    plans="",
)

PROGRAMS = (
    Program(
        name="（１）子育て応援サイトの\n\u3000\u3000 管理運営支援",
        cost="1,083,000",
        grant="541,000",
        overview=(
            "・小平市で安心して子育てができるよう、行政と民間の子育て\n"
            "情報を一元的に提供するＷｅｂサイトの管理運営を支援する。\n"
            "\n"
            "・子育て中の女性が編集員として参加し、有用な情報発信を\n"
            "図るとともに、編集員が取材・編集会議等を通じてスキルアッ\n"
            "プすることで、再就職や在宅ワーカーとしてのきっかけづくり\n"
            "とする。"
        ),
        kpi=(
            "(参考）\u3000市総合戦略KPI\n"
            "・サイトのアクセス件数\n"
            "\u3000【ＫＰＩ】\u3000累計 445,000件\n"
            "\u3000【実績】\u3000累計 466,467件"
        ),
        results=(
            "・子育て応援サイト「こだち」の令和２年度のアクセス件数は132,759件、累計466,467件と、市総合\n"
            "戦略のKPIとして掲げた令和２年度末の目標である累計445,000件を上回った。\n"
            "\n"
            "・「ママ発子育て情報」として、子育て中の女性が編集員となって8本の記事を取材・執筆した。\n"
            "\n"
            "・コロナ禍において、令和2年5月以降の編集会議は、オンライン実施または対面とオンラインを併\n"
            "用したかたちで開催した。"
        ),
        plans=(
            "・（一社）すだちは、引き続き、子育て応援サイト「こだ\n"
            "ち」の管理運営を行う。\n"
            "\n"
            "・市は、子育て応援サイト「こだち」について、「小平市\n"
            "公認」という位置付けを維持するとともに、サイトに掲載\n"
            "する記事内容について、情報提供及び取材への協力\n"
            "などの支援を行う。\n"
            "\n"
            "・市と（一社）すだちは、適宜打ち合せ等を行い、引き\n"
            "続き連携していく。"
        ),
    ),
    Program(
        name="（２）子育て中の女性の\n\u3000\u3000 就労促進事業",
        cost="3,317,000",
        grant="1,659,000",
        overview=(
            "・すでに登録しているテレワーカーの在宅ワーク案件拡大と、\n"
            "レベルアップを推進する。質の向上の認知により高単価の案\n"
            "件獲得を目指す。レベルアップについては、実際の業務に対\n"
            "応するための講座など、必要な講座を登録ワーカーに対し実\n"
            "施する。\n"
            "\n"
            "・コワーキングスペースにおいては、利用者増のための広報\n"
            "活動に注力する。\n"
            "\n"
            "・ワンデーサロンにおいては、利用者の独立開業等による就\n"
            "労を推進する。\n"
            "\n"
            "・利用者間の交流を推進することにより、すだちをハブとする\n"
            "コミュニティ形成を推進する。"
        ),
        kpi=(
            "・在宅ワークによる新規就労\n"
            "  （内定含む）者\n"
            "\u3000【ＫＰＩ】\u300070人\u3000（累計270人）\n"
            "\u3000【実績】\u300027人  （累計149人）"
        ),
        results=(
            "・テレワークによる受注案件は49業務（前年度から19業務増）あり、売上は15,678,357円（前年度\n"
            "から約7,690千円増）、ワーカーへの支払いは7,609,845円（前年度から約4,583千円増）で、延べ\n"
            "88人が携わった。\n"
            "\n"
            "・コロナ禍において登録ワーカーを支援するため、テレワーカー対象の新型コロナウイルス感染症\n"
            "に関する給付金の勉強会をオンラインで実施し、4人が参加した。\n"
            "\n"
            "・テレワーク説明会を年間9回開催し、40人の参加があった。新規のテレワーク登録者は、27人\n"
            "あった。\n"
            "\n"
            "・新規テレワーク登録者数はKPIを下回ったが、既存のワーカーのレベルアップと高単価の案件獲\n"
            "得に注力し、受注数、売上金額が向上した。\n"
            "\n"
            "・コワーキングスペースの利用者増とテレワーク登録者増のため、市ホームページでの周知等を\n"
            "行った。\n"
            "\n"
            "・ワンデーサロンは、新型コロナウイルス感染症の影響により利用者が減少し、施設利用登録率\n"
            "は、約46％であった。\n"
            "\n"
            "・毎週木曜日に食事を提供するカフェ（cowa-cafe）を営業し、延べ765人の利用があった。（令和2\n"
            "年度は、新型コロナウイルス感染症の影響により、テイクアウトのみ）\n"
            "\n"
            "※新型コロナウイルス感染症の影響により、4～5月は、コワーキングスペースすだち（ワンデーサロ\n"
            "ン・カフェを含む）を休館した。"
        ),
        plans=(
            "・（一社）すだちは、講座の実施等による登録ワーカー\n"
            "のレベルアップと、在宅ワーク案件拡大を推進する。質\n"
            "の向上の認知により、高単価の案件獲得を目指す。\n"
            "\n"
            "・（一社）すだちは、ワンデーサロン利用者の独立開業\n"
            "等による就労を推進する。\n"
            "\n"
            "・（一社）すだちは、利用者間の交流を推進することによ\n"
            "り、すだちをハブとするコミュニティ形成を推進する。\n"
            "\n"
            "・市は、（一社）すだちで実施する事業について、必要\n"
            "に応じて、市報や市ホームページ等を通じた広報等の\n"
            "支援を行う。"
        ),
    ),
    Program(
        name="（３）創業支援事業",
        cost="954,000",
        grant="477,000",
        overview=(
            "・市内金融機関と連携して、市庁舎内の一室において創業\n"
            "希望者に対し、創業相談窓口（月1回）を実施する。\n"
            "\n"
            "・商工会や金融機関と連携して、創業セミナー（年2回程度）\n"
            "及び創業塾（年2回）を実施する。\n"
            "\n"
            "【関連事業（交付金対象外）】\n"
            "・商工会が主体となって実施しているチャレンジショップ事業\n"
            "（創業者に対しての家賃補助）により、駅周辺の空き店舗解\n"
            "消を目指すとともに創業の後押しをする。"
        ),
        kpi=(
            "・認定創業支援事業による支援\n"
            "  を受けた件数\n"
            "\u3000【ＫＰＩ】 175件\n"
            "\u3000【実績】 417件\n"
            "\n"
            "・第３次産業の事業所数\n"
            "\u3000【ＫＰＩ】 4,368事業所\n"
            "\u3000【実績】 －\n"
            "\u3000※H28当初値\n"
            "\u3000\u3000（H26経済センサス基礎調査）\n"
            "\u3000\u3000 4,238事業所\n"
            "\n"
            "\u3000（参考）\n"
            "\u3000\u3000市内の総事業所数\n"
            "\u3000\u3000（経済センサス基礎調査）\n"
            "\u3000\u3000H26：4,795\u3000⇒\u3000R1：5,679"
        ),
        results=(
            "・多摩信用金庫と委託契約を結び、「創業者個別相談」を年7回開催し、13人の相談を受けた。\n"
            "\n"
            "・「創業セミナー」は年2回オンラインで実施し、延べ42人が参加した。\n"
            "\u3000「創業塾」は、4日間の会場開催と、5日間のオンライン開催で2回実施し、計22人が参加した。\n"
            "\n"
            "・チャレンジショップ事業は選定会を1回実施し、3件を選定した。\n"
            "\n"
            "・コロナ禍において、各事業者がオンラインでの創業支援を行ったことにより、支援件数は大幅に\n"
            "増加し、KPIを大きく上回った。"
        ),
        plans=(
            "・市内金融機関と連携して、市庁舎内の一室において\n"
            "創業希望者に対し、創業相談窓口（月1回）を実施す\n"
            "る。\n"
            "\n"
            "・商工会、金融機関、東京都中小企業振興公社と連携\n"
            "して、創業セミナー（年2回）及び創業塾（年2回）を実施\n"
            "する。\n"
            "\n"
            "・地域間連携においては、東村山市との創業支援事業\n"
            "の実施に向け検討していく。\n"
            "\n"
            "【関連事業（交付金対象外）】\n"
            "・商工会が主体となって実施しているチャレンジショップ\n"
            "事業（創業者に対しての家賃補助）により、駅周辺の空\n"
            "き店舗解消を目指すとともに創業の後押しをする。"
        ),
    ),
)

# The evaluations judge the granted program as a whole: one merged cell each.
CITY_EVALUATION = "地方創生に効果があった"
COMMITTEE_EVALUATION = "市総合戦略のKPI達成に\n（有効であった／有効とは言えない）"

ERA_LEGEND = ("（ＫＰＩ欄の元号表記）", "\u3000Ｈ＝平成、Ｒ＝令和")
CRITERIA_NOTE = (
    "※\u3000事業効果を以下の基準（昨年度の地方創生推進交付金の事業実施報告書"
    "（効果検証）様式より）で評価"
)
CITY_CRITERIA = (
    (
        "地方創生に非常に効果的であった",
        "例：全てのKPIが目標値を達成するなど、大いに成果が得られたとみなせる場合",
    ),
    (
        "地方創生に相当程度効果があった",
        "例：一部のKPIが目標値に達しなかったものの、概ね成果が得られたとみなせる場合",
    ),
    (
        "地方創生に効果があった",
        "例：KPI達成状況は芳しくなかったものの、事業開始前よりも取組が前進・改善したとみなせる場合",
    ),
    (
        "地方創生に対して効果がなかった",
        "例：KPIの実績値が開始前よりも悪化した、もしくは取組としても前進・改善したとは言い難いような場合",
    ),
)
COMMITTEE_CRITERIA = (
    "地方版総合戦略のKPI達成に有効であった、との意見",
    "地方版総合戦略のKPI達成に有効とは言えない、との意見",
)


def header_cells() -> list[Cell]:
    return [cell(0, col, text, align="center", valign="middle") for col, text in enumerate(HEADERS)]


def summary_cells(row: int) -> list[Cell]:
    """The granted program: its dashes stand in the KPI and (merged) results/plans cells."""
    return [
        cell(row, NAME, SUMMARY.name, valign="middle"),
        cell(row, COST, SUMMARY.cost, align="right", valign="middle"),
        cell(row, GRANT, SUMMARY.grant, align="right", valign="middle"),
        cell(row, OVERVIEW, SUMMARY.overview),
        cell(row, KPI, SUMMARY.kpi, align="center", valign="middle"),
        cell(row, RESULTS, SUMMARY.results, colspan=2, align="center", valign="middle"),
    ]


def program_cells(row: int, program: Program) -> list[Cell]:
    return [
        cell(row, NAME, program.name),
        cell(row, COST, program.cost, align="right"),
        cell(row, GRANT, program.grant, align="right"),
        cell(row, OVERVIEW, program.overview),
        cell(row, KPI, program.kpi),
        cell(row, RESULTS, program.results),
        cell(row, PLANS, program.plans),
    ]


def evaluation_cells(first_row: int, rows: int) -> list[Cell]:
    return [
        cell(first_row, CITY, CITY_EVALUATION, rowspan=rows, align="center", valign="middle"),
        cell(
            first_row,
            COMMITTEE_COL,
            COMMITTEE_EVALUATION,
            rowspan=rows,
            align="center",
            valign="middle",
        ),
    ]


def table_cells() -> list[Cell]:
    cells = header_cells() + summary_cells(1)
    for index, program in enumerate(PROGRAMS):
        cells += program_cells(2 + index, program)
    return cells + evaluation_cells(1, 1 + len(PROGRAMS))


def column_widths(canvas: Canvas, cells: Sequence[Cell], total: float) -> list[float]:
    """Each column as wide as its widest single-column line; the rest goes to the prose columns."""
    widths = [0.0] * len(HEADERS)
    for item in cells:
        if item.colspan == 1:
            widest = max(canvas.measure(line, SIZE) for line in item.lines)
            widths[item.col] = max(widths[item.col], widest + 2 * PAD + SLACK)
    spare = total - sum(widths)
    if spare < 0:
        raise ValueError(f"the table is {-spare:.0f}pt wider than the page")
    shares = sum(WIDE.values())
    return [width + spare * WIDE.get(col, 0.0) / shares for col, width in enumerate(widths)]


def draw_heading(canvas: Canvas) -> float:
    """Title at the left, committee box and date at the right; returns the table's top."""
    canvas.text(MARGIN, 30, TITLE, 13)
    box_width = canvas.measure(COMMITTEE[0], 8) + 2 * PAD + 6
    left = canvas.width - MARGIN - box_width
    box = Grid(left, 10, [box_width], [cell(0, 0, COMMITTEE, align="center")], size=8)
    bottom = max(rect.y1 for rect in canvas.grid(box).values())
    date_left = canvas.width - MARGIN - canvas.measure(DATE + DRAFT, 8) - 4
    canvas.text(date_left, bottom + 3, DATE, 8)
    canvas.text(date_left + canvas.measure(DATE, 8) + 4, bottom + 3, DRAFT, 8)
    note_left = canvas.width - MARGIN - canvas.measure(AS_OF, 7)
    canvas.text(note_left, bottom + 16, AS_OF, 7)
    return bottom + 27


def draw_legend(canvas: Canvas, top: float) -> None:
    """Era legend at the left; the evaluation criteria table beside it."""
    for index, line in enumerate(ERA_LEGEND):
        canvas.text(MARGIN, top + index * 9, line, 7)
    left = MARGIN + 150
    canvas.text(left, top, CRITERIA_NOTE, 7)
    cells = [cell(0, 0, "市の評価", rowspan=len(CITY_CRITERIA), align="center", valign="middle")]
    for row, (grade, example) in enumerate(CITY_CRITERIA):
        cells += [cell(row, 1, grade), cell(row, 2, example)]
    first = len(CITY_CRITERIA)
    cells.append(
        cell(
            first,
            0,
            "外部組織（推進委員会）による事業評価",
            rowspan=len(COMMITTEE_CRITERIA),
            align="center",
            valign="middle",
        )
    )
    cells += [
        cell(first + index, 1, opinion, colspan=2)
        for index, opinion in enumerate(COMMITTEE_CRITERIA)
    ]
    canvas.grid(Grid(left, top + 12, [125, 130, 370], cells, size=6.5))


def draw(replica: Replica) -> None:
    canvas = replica.page(A3, landscape=True)
    top = draw_heading(canvas)
    cells = table_cells()
    widths = column_widths(canvas, cells, canvas.width - 2 * MARGIN)
    rects = canvas.grid(Grid(MARGIN, top, widths, cells, size=SIZE))
    draw_legend(canvas, max(rect.y1 for rect in rects.values()) + 12)
