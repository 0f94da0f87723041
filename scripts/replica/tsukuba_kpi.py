"""Replica of つくば市's FY2020 list of KPIs for its 地方創生推進交付金 projects (two A3 pages).

令和２年度 地方創生推進交付金事業に付随する重要業績評価指標（ＫＰＩ）の指標一覧 is one ruled
grid, a row per KPI sheet (シートNo. ③-1-1 … ③-13): page 1 holds ③-1-1 … ③-7, page 2
holds ③-8 … ③-13, and each page repeats the header row.

Difficulties it carries:

- Headers last in the content stream. Each page writes its body rows first, then the
  header cells interleaved with the merged cells (事業名, and the 個別事業 cells that span
  several sheets) and, on page 1, the title, so text extraction meets the values before
  the headers that name them, as in the real report.
- Merged cells: 事業名 spans the sheets of one project and is printed again on each page
  it reaches (ＳＤＧｓを通じた… over ③-6, ③-7 and over ③-8, ③-9); 個別事業名, 事業の概要,
  R2予算額 and 事業期間 span the sheets of one 個別事業, with `-` as 個別事業名 where the
  project has no sub-project (③-2 … ③-5, ③-6, ③-10 … ③-13).
- Text wrapped in narrow columns exactly where the report breaks it
  (`新たな地域ビジネスによ` / `る事業収入`, `概ね` / `順調`); a blank line inside a cell
  keeps the gap the report's text layer shows there.
- Dash cells: ③-1-1 has no KPI and prints `-` throughout; ③-10 … ③-13 print `-` for
  実績値, 進捗状況, 効果発現要因 and 評価. R2実績値（推：推計値） spans three columns:
  the 推 mark, the value and its unit (`1,737` | `千円`).
- Full-width letters kept as printed (Ｓ, Ｄ, ＮＰＯ, ＳＤＧｓ, （円）).
"""

from dataclasses import dataclass, replace
from itertools import pairwise

import pymupdf

from replica.canvas import A3, LEADING, PAD, Canvas, Cell, Grid, Replica, cell

TITLE = "令和２年度　地方創生推進交付金事業に付随する重要業績評価指標（ＫＰＩ）の指標一覧"
NOTE = "※進捗状況及び評価の基準については、資料３-２の末尾を御参照ください。"

Lines = tuple[str, ...]

(
    PROGRAM,
    SHEET,
    PROJECT,
    OVERVIEW,
    BUDGET,
    PERIOD,
    KPI,
    DIRECTION,
    BASELINE,
    TARGET,
    ESTIMATE,
    ACTUAL,
    UNIT,
    FINAL,
    PROGRESS,
    EFFECT,
    EFFECT_2,
    GRADE,
    FACTORS,
) = range(19)
WIDTHS = [80, 32, 72, 186, 50, 54, 86, 28, 30, 34, 14, 34, 20, 36, 28, 24, 24, 22, 228]
SIZE = 7.0
TITLE_SIZE = 12.0
NOTE_SIZE = 8.0
TOP = 58.0
HEADER_HEIGHT = 4 * SIZE * LEADING + 2 * PAD
# Columns DIRECTION … GRADE, as a sheet's `values` and `assessment` list them.
FIGURE_ALIGN = ("center", "right", "right", "center", "right", "center", "right") + ("center",) * 4


@dataclass(frozen=True)
class Sheet:
    """One KPI row (one シートNo.) with the cells it prints itself.

    `values` fills DIRECTION … FINAL and `assessment` PROGRESS … GRADE, one string
    per column ("\\n" breaks a line, "" leaves the cell empty). The 個別事業 cells
    are None where a merged cell drawn after the body covers this sheet.
    """

    number: str
    indicator: Lines
    values: tuple[str, ...]
    assessment: tuple[str, ...]
    factors: Lines
    project: Lines | None = None
    overview: Lines | None = None
    budget: str | None = None
    period: Lines | None = None


@dataclass(frozen=True)
class Header:
    """A header cell: its text lines, from its first column over `colspan` columns."""

    col: int
    lines: Lines
    colspan: int = 1


@dataclass(frozen=True)
class Merged:
    """A cell drawn after the body, spanning `count` sheets from sheet `first`."""

    col: int
    first: str
    count: int
    lines: Lines


TITLE_MARK = "title"
Trailing = Header | Merged | str


@dataclass(frozen=True)
class Page:
    """A page's sheets, then what it writes after them; TITLE_MARK places the title."""

    sheets: tuple[Sheet, ...]
    after_body: tuple[Trailing, ...]
    title: str | None = None
    note: str | None = None


HEADERS = {
    header.col: header
    for header in (
        Header(PROGRAM, ("事業名",)),
        Header(SHEET, ("シート", "No．")),
        Header(BUDGET, ("R2", "予算額", "（円）")),
        Header(OVERVIEW, ("事業の概要",)),
        Header(PROJECT, ("個別事業名", "【担当部】")),
        Header(PERIOD, ("事業期間",)),
        Header(KPI, ("KPI",)),
        Header(GRADE, ("評価",)),
        Header(FINAL, ("最終", "", "目標値")),
        Header(ESTIMATE, ("R2", "実績値", "", "（推：推計値）"), colspan=3),
        Header(PROGRESS, ("進捗", "状況")),
        Header(EFFECT, ("効果発現要因",), colspan=2),
        Header(TARGET, ("R2", "", "目標値")),
        Header(DIRECTION, ("指標の", "方向性")),
        Header(BASELINE, ("従前値",)),
        # The explanation column has no header text of its own.
        Header(FACTORS, ()),
    )
}

GROWTH_PROGRAM = (
    "つくば等の科学技術",
    "を活用した成長産業",
    "創出プロジェクト",
    "",
    "【茨城県との連携事",
    "業】",
)
AREA_PROGRAM = ("地域拠点活力共創マ", "ネジメント事業", "", "【つくば市単独事業】")
SDGS_PROGRAM = ("ＳＤＧｓを通じた持続", "可能都市推進プロ", "ジェクト", "", "【つくば市単独事業】")
YOUTH_PROGRAM = ("若者地域定着加速化", "事業", "", "【つくば市単独事業】")
SDGS_PERIOD = ("令和元年度～", "令和３年度")

PAGE_1 = Page(
    sheets=(
        Sheet(
            "③-1-1",
            indicator=("-",),
            values=("-", "-", "-", "", "-", "-", "-"),
            assessment=("-", "低", "中", "Ｄ"),
            factors=(
                "　本交付金を活用した「つくば市生活支援ロボット普及促進事",
                "業」により、市内事業者に試用機会を提供したことで、ロボット",
                "の導入促進が図られ、各事業者の業務負担軽減に繋がった。",
                "さらに、各開発メーカーは、試用者からのフィードバックにより、",
                "製品の改良、改善に繋げることができた。",
            ),
            project=(
                "（１）つくば市生活",
                "支援ロボット普及",
                "促進事業",
                "　【政策イノベー",
                "ション部】",
            ),
            overview=(
                "　生活支援ロボットを販売又はリースしている企業",
                "（以下「ロボット販売等企業」という。）と市の共同事",
                "業により、生活支援ロボットの導入を検討している",
                "市内の介護、製造、運輸及び農業等の業種に係る",
                "事業者等（以下「介護事業者等」という。）に対し、",
                "一定期間の試用及び導入効果を検証する機会を",
                "提供し、市内への生活支援ロボットの普及を促進",
                "し、モデル都市としての展開を図る。",
            ),
            budget="258,000",
            period=("平成28年度～", "", "令和２年度"),
        ),
        Sheet(
            "③-1-2",
            indicator=(
                "つくば市における近未",
                "来技術を実用化したベ",
                "ンチャー企業への新規",
                "",
                "就職者数",
            ),
            values=("↑", "0", "5", "", "11", "人", "10"),
            assessment=("順調", "中", "低", "Ｄ"),
            factors=(
                "　各企業のビジネスの根幹である近未来技術について、本交",
                "付金を活用した「つくば市近未来技術等加速化推進事業」によ",
                "り市内事業者等へ試用機会を提供したことや、それに付随する",
                "広報活動を通じて、普及が加速し、新たな雇用が生まれたこと",
                "と推察する。",
            ),
            project=(
                "（２）近未来技術",
                "社会実装の推進",
                "【令和元年度開",
                "始】",
                "　【政策イノベー",
                "ション部】",
            ),
            overview=(
                "　近未来技術（Society5.0、ロボット等）を実用化し",
                "た革新的な製品・サービスの展示会を実施し、普及",
                "に向けた社会的な受容性や機運の醸成を図る。ま",
                "た、当該製品・サービスの普及促進を行うとともに",
                "ユーザーとの研究会を実施することにより、市場の",
                "開拓とユーザーエクスペリエンスのフィードバックを",
                "推進する。さらに、メーカーと学生やポスドク等の若",
                "手理工系人材との異分野交流の場を設け、メー",
                "カーの人材確保と若者の雇用機会の創出につなげ",
                "る。",
            ),
            budget="3,607,000",
            period=("令和元年度～", "", "令和２年度"),
        ),
        Sheet(
            "③-2",
            indicator=("新たな地域ビジネスによ", "", "る事業収入"),
            values=("↑", "0", "5,000", "", "1,737", "千円", "9,000"),
            assessment=("概ね\n順調", "中", "中", "Ｂ"),
            factors=(
                "　事業者等の地域活性化アイデアを募集するコンペティション",
                "を実施した。採択者は各周辺市街地に組成された地域活性化",
                "協議会と協働してアイデアを実践してもらった。協働して実践し",
                "てもらうことで、事業目的である互恵的パートナーシップを構築",
                "できた。一方で、新型コロナウイルス感染症拡大の影響によ",
                "り、実施予定だったイベント等が中止になったことにより、目標",
                "値を下回っている。",
            ),
        ),
        Sheet(
            "③-3",
            indicator=("地域・民間企業・ＮＰＯ", "等の新たな協働件数"),
            values=("↑", "0", "6", "", "20", "件", "12"),
            assessment=("順調", "高", "高", "Ｓ"),
            factors=(
                "　実施したコンペティションの参加者が、採択の有無にかかわら",
                "ず、活性化協議会と協働でイベントを実施した。その結果、令",
                "和元年度と令和２年度に採択された合計９プラン以外にも参加",
                "者の企画が実施されたことにより、目標値を上回っている。",
            ),
        ),
        Sheet(
            "③-4",
            indicator=("地域ビジネス等のアイ", "", "デア提案件数"),
            values=("↑", "0", "16", "", "27", "件", "36"),
            assessment=("順調", "中", "中", "Ｂ"),
            factors=(
                "　地域活性化コンペティションを通じて、アイデアの提案があ",
                "り、かつ採択プランを中心に地域で実施されたことによって目",
                "標値を上回っている。",
            ),
        ),
        Sheet(
            "③-5",
            indicator=("地域共創プラットフォー", "ム（会議等）の開催回数"),
            values=("↑", "0", "24", "", "47", "回", "48"),
            assessment=("順調", "高", "高", "Ｓ"),
            factors=(
                "　本事業を通じて組成された地域活性化協議会の活動をきめ",
                "細かく支援することにより活動の円滑化を図ってきたことで目",
                "標値を上回っている。",
            ),
        ),
        Sheet(
            "③-6",
            indicator=("本事業により新たに創", "", "出した関係・交流人口の", "延べ人数"),
            values=("↑", "-", "4,910", "", "18,729", "人", "15,730"),
            assessment=("順調", "高", "中", "Ａ"),
            factors=(
                "　令和２年度においては、地産地消レストラン事業における、参",
                "加飲食店経営者数の増加とそれによる地産地消メニュー飲食",
                "者数が大幅に増えたことで、目標を上回り、一定の関係・交流",
                "人口を創出することができた。",
            ),
            project=("-", "", "　【政策イノベー", "ション部】"),
            overview=(
                "　持続可能都市の実現のため、2030年以降に予想",
                "される人口の減少を回避し、今後も一定規模の人",
                "口の維持・増加を図ることが極めて重要となること",
                "から、本市の強みや資源を活かした人口の定着・",
                "維持や転入増加に向けた一連の事業を行うこと",
                "で、地方創生における直近の課題に対応しながら、",
                "持続的に発展していくための基盤づくりを行うもの",
                "である。具体的には、つくばの強みである科学技術",
                "をいかし、高い教育環境を実現することで、東京圏",
                "からの転入を促進するとともに、次世代も住みたい",
                "と思えるような「まち」をつくるため、体験型科学教",
                "育事業を実施する。また、少子高齢化の進む周辺",
                "地域において、地域自主運営型学校跡地利活用推",
                "進事業を実施することで、地域コミュニティの活性",
                "化を図るとともに、「ひと」の減少を緩和する。更に、",
                "農業後継者不足の解消と、収益性向上に伴う「働き",
                "続けられる農業」という魅力的な「しごと」を実現す",
                "るため、地産地消レストラン事業を実施する。",
            ),
            budget="-",
        ),
        Sheet(
            "③-7",
            indicator=("体験型科学技術教育イ", "ベントの市外参加者【増", "", "分目標】"),
            values=("↑", "0", "30", "", "57", "人", "90"),
            assessment=("順調", "中", "中", "Ｂ"),
            factors=(
                "　新型コロナウイルス感染症拡大の影響から、すべてのイベン",
                "トをオンラインで実施することとした。その結果、つくばＳＴＥＡＭ",
                "コンパスポータルサイトの市外からのアクセスも増加した。",
            ),
            project=("体験型科学教育", "事業", "　【政策イノベー", "ション部】"),
            overview=(
                "　つくばの強み（科学技術）を活かし、子育て世代の",
                "移住定住ニーズの高い「学力・知力の向上ができる",
                "教育環境」を提供し、特に東京圏からの子育て世",
                "代の転入（「ひと」）を加速させるとともに、次の世代",
                "の子どもたちもつくば市で育てたいと思える「まち」",
                "をつくるため、大学・研究機関・学校関係者と連携し",
                "て、体験型科学教育事業を実施する。",
            ),
            budget="8,300,000",
        ),
    ),
    after_body=(
        HEADERS[PROGRAM],
        Merged(PROGRAM, "③-2", 4, AREA_PROGRAM),
        HEADERS[SHEET],
        Merged(PROGRAM, "③-1-1", 2, GROWTH_PROGRAM),
        HEADERS[BUDGET],
        Merged(BUDGET, "③-2", 4, ("17,600,000",)),
        HEADERS[OVERVIEW],
        HEADERS[PROJECT],
        Merged(
            PROJECT,
            "③-2",
            4,
            ("-", "　【都市計画部】"),
        ),
        Merged(
            OVERVIEW,
            "③-2",
            4,
            (
                "　人口減少及び少子高齢化が先行して進行する本",
                "市の既成市街地（合併前の旧町村の中心として発",
                "展してきた地域拠点市街地：北条、小田、吉沼、大",
                "曽根、上郷、栄、谷田部、高見原）を中心とする地",
                "域において、地域のプレイヤー（住民・事業者等）が",
                "域外の民間企業・大学・NPO等との互恵的パート",
                "ナーシップを構築し、そのアイデア・ノウハウ・資金",
                "等を呼び込みながら固有の資源や強みに着目した",
                "新たなビジネスモデルや雇用等を共創し、若者をは",
                "じめ誰もが住み続けたいと思える魅力ある地域づく",
                "りを自らがマネジメントしていく。",
            ),
        ),
        HEADERS[PERIOD],
        Merged(PERIOD, "③-2", 4, (" 平成30年度～", "令和２年度")),
        HEADERS[KPI],
        HEADERS[GRADE],
        HEADERS[FINAL],
        HEADERS[ESTIMATE],
        TITLE_MARK,
        HEADERS[PROGRESS],
        HEADERS[EFFECT],
        HEADERS[TARGET],
        HEADERS[DIRECTION],
        HEADERS[BASELINE],
        HEADERS[FACTORS],
        Merged(PROGRAM, "③-6", 2, SDGS_PROGRAM),
        Merged(PERIOD, "③-6", 2, SDGS_PERIOD),
    ),
    title=TITLE,
)

PAGE_2 = Page(
    sheets=(
        Sheet(
            "③-8",
            indicator=("改修した学校施設の利", "", "用者数【増分目標】"),
            values=("↑", "0", "4,000", "", "2,671", "人", "13,000"),
            assessment=("やや\n遅れ", "中", "中", "Ｂ"),
            factors=(
                "　令和２年度から、地域自主運営型施設（旧小田小学校）の本",
                "格活用を開始した。サイクリスト・登山客向けにチラシ、HP、",
                "SNSによる広報を行った。また、地域住民に対しては、回覧板",
                "を活用した周知を図り、施設への愛着を持ってもらえるように説",
                "明会を行うなどの取組を行った。その結果、市内外問わず利用",
                "できる環境を醸成したことにより、利用者数を確保できた。",
            ),
            project=("地域自主運営型", "学校跡地利活用", "推進事業", "　【都市計画部】"),
            overview=(
                "　少子高齢化の進む地域における地域コミュニティ",
                "の活性化を実現し、「ひと」の減少を緩和するため、",
                "周辺地域の遊休施設（廃校舎）や観光資源を有効",
                "に活用し、地域が主体となった交流事業等を実施",
                "する。地域の魅力を高めながら、持続的な交流等",
                "を生み出す「まち」を実現するモデルをつくり、他地",
                "域にも展開していく。",
            ),
            budget="7,020,000",
        ),
        Sheet(
            "③-9",
            indicator=("地産地消レストランの認", "定店舗数【増分目標】"),
            values=("↑", "-", "50", "", "81", "件", "150"),
            assessment=("順調", "中", "中", "Ｂ"),
            factors=(
                "　地産地消レストラン事業を委託している業者に対する進捗管",
                "理を徹底することにより、着実に認証店が増加した。",
                "　ウェブサイトでの情報発信頻度を向上させるとともに、",
                "FacebookやTwitterでの周知により、地産地消の取組や認証店",
                "のＰＲが進んだ。",
            ),
            project=("地産地消レストラ", "ン事業", "　【経済部】"),
            overview=(
                "　農業後継者不足の解消と、収益性向上に伴う「働",
                "き続けられる農業」という魅力的な「しごと」を実現",
                "するため、地産地消レストラン事業を実施する。",
            ),
            budget="2,360,000",
        ),
        Sheet(
            "③-10",
            indicator=(
                "本事業の直接的成果に",
                "より市内定着化（就職及",
                "び創業）した若者（35歳",
                "以下）の人数【増分目",
                "",
                "標】",
            ),
            values=("↑", "-", "20", "-", "-", "人", "70"),
            assessment=("-", "-", "-", "-"),
            factors=(
                "　新型コロナウイルス感染症の影響もあり就活支援イベント及",
                "びセミナー事業は、オンライン開催としたところ、マッチング相談",
                "件数が709件と前年度（220件）の約３倍となったが、緊急措置と",
                "して、年齢制限を設けず実施した関係で交付金の対象事業と",
                "ならなかった。",
                "　また、チャレンジショップ運営事業も、実店舗での対面販売や",
                "集客が困難となってしまったことから、参加者の募集ができな",
                "かった。",
                "（「実績値」、「評価」は「－」としている。）",
            ),
        ),
        Sheet(
            "③-11",
            indicator=("就活支援イベント時の", "マッチング相談件数"),
            values=("↑", "200", "300", "-", "-", "人", "350"),
            assessment=("-", "-", "-", "-"),
            factors=(
                "　新型コロナウイルス感染症の影響もあり、オンライン開催とし",
                "た。",
                "　結果として、参加者が、市内在住者だけでなく、UIJターン希",
                "望者の参加も増え、相談件数は709件に上ったが、緊急措置と",
                "して、就活支援イベント自体に年齢制限を設けず実施した関係",
                "で、交付金の対象事業とならなかった。",
                "（「実績値」、「評価」は「－」としている。）",
            ),
        ),
        Sheet(
            "③-12",
            indicator=("セミナー受講事業者に", "おける就労体制改革実", "践事業者数【増分目標】"),
            values=("↑", "-", "5", "-", "-", "人", "15"),
            assessment=("-", "-", "-", "-"),
            factors=(
                "　新型コロナウイルス感染症の影響もあり、オンライン開催とし",
                "た。",
                "　採用力向上セミナーを受講した事業者（35者）のアンケート結",
                "果を見ると、就労体制改革を実践している（３者）、または、今",
                "後実践を検討している（15者）といった回答があり、一定の効果",
                "があったが、緊急措置として、就活支援イベント自体に年齢制",
                "限を設けず実施した関係で、交付金の対象事業にならなかっ",
                "た。",
                "（「実績値」、「評価」は「－」としている。）",
            ),
        ),
        Sheet(
            "③-13",
            indicator=("チャレンジショップの出", "", "店数【増分目標】"),
            values=("↑", "-", "4", "-", "-", "件", "14"),
            assessment=("-", "-", "-", "-"),
            factors=(
                "　新型コロナウイルス感染症の影響により、実店舗における対",
                "面販売や集客が困難となってしまったことから、創業希望者を",
                "対象としたトライアルの場の提供及び参加者の募集ができず",
                "に、結果として事業は未実施となった。",
                "（「実績値」、「評価」は「－」としている。）",
            ),
        ),
    ),
    after_body=(
        *HEADERS.values(),
        Merged(PERIOD, "③-10", 4, SDGS_PERIOD),
        Merged(
            PROJECT,
            "③-10",
            4,
            ("-", "　【経済部】"),
        ),
        Merged(PROGRAM, "③-8", 2, SDGS_PROGRAM),
        Merged(PERIOD, "③-8", 2, SDGS_PERIOD),
        Merged(BUDGET, "③-10", 4, ("14,650,000",)),
        Merged(
            OVERVIEW,
            "③-10",
            4,
            (
                "　就職をゴールとせず、継続して働くことに主眼を置",
                "いたマッチングイベントとして、就職活動前の学生",
                "を含めた若者に対して、自分にとってベストな働き",
                "方や仕事の価値観を考える場、離職率低下に効果",
                "のあるインターンシップへ誘導する場、市内企業を",
                "深く知る場として、「業界研究をメインとした就活支",
                "援イベント」やイベントの効果を高める「若者向けの",
                "事前セミナー、ワークショップ」等を開催する。",
                "　また、創業に興味を持つ若者に対して、本格的な",
                "開業に向けてのトレーニング及び地元での「顧客・",
                "販路の開拓」の支援策として、市が店舗を短期的に",
                "提供するチャレンジショップ事業を実施する。更に、",
                "若者の進路として、「就職」だけでなく、「創業（開",
                "業）」という選択肢を示し、市内創業機運の醸成を",
                "図る目的で、「一般創業啓発イベント」を開催する。",
            ),
        ),
        Merged(PROGRAM, "③-10", 4, YOUTH_PROGRAM),
    ),
    note=NOTE,
)
PAGES = (PAGE_1, PAGE_2)


def sheet_cells(row: int, sheet: Sheet) -> list[Cell]:
    """A sheet's own cells, left to right, as the report writes them."""
    cells = [cell(row, SHEET, sheet.number, align="center", valign="middle")]
    if sheet.project is not None:
        cells.append(cell(row, PROJECT, sheet.project, valign="middle"))
    if sheet.overview is not None:
        cells.append(cell(row, OVERVIEW, sheet.overview))
    if sheet.budget is not None:
        cells.append(cell(row, BUDGET, sheet.budget, align="right", valign="middle"))
    if sheet.period is not None:
        cells.append(cell(row, PERIOD, sheet.period, align="center", valign="middle"))
    cells.append(cell(row, KPI, sheet.indicator, valign="middle"))
    cells += [
        cell(row, DIRECTION + offset, text, align=align, valign="middle")
        for offset, (text, align) in enumerate(
            zip(sheet.values + sheet.assessment, FIGURE_ALIGN, strict=True)
        )
    ]
    cells.append(cell(row, FACTORS, sheet.factors))
    return cells


def trailing_cell(item: Header | Merged, rows: dict[str, int]) -> Cell:
    """A header cell (row 0) or a merged cell over the rows of its sheets."""
    if isinstance(item, Header):
        return cell(0, item.col, item.lines, colspan=item.colspan, align="center", valign="middle")
    return cell(rows[item.first], item.col, item.lines, rowspan=item.count, valign="middle")


def drawing_order(page: Page) -> tuple[list[Cell], list[Cell]]:
    """The page's cells in the order they are written, split where the title goes."""
    rows = {sheet.number: 1 + index for index, sheet in enumerate(page.sheets)}
    before = [c for index, sheet in enumerate(page.sheets) for c in sheet_cells(1 + index, sheet)]
    after: list[Cell] = []
    target = before
    for item in page.after_body:
        if isinstance(item, str):
            target = after
        else:
            target.append(trailing_cell(item, rows))
    return before, after


def blank(item: Cell) -> Cell:
    """The same cell with its text left out but its lines still counted for row heights."""
    return replace(item, lines=("",) * len(item.lines))


def row_heights(rects: dict[tuple[int, int], pymupdf.Rect]) -> list[float | None]:
    """The grid's row heights, read back from where its cells were placed."""
    edges = sorted({rect.y0 for rect in rects.values()} | {rect.y1 for rect in rects.values()})
    return [bottom - top for top, bottom in pairwise(edges)]


def check_fit(cells: list[Cell], rects: dict[tuple[int, int], pymupdf.Rect]) -> None:
    """Merged cells do not size their rows, so a long text in one could run out of it."""
    for item in cells:
        rect = rects[(item.row, item.col)]
        needed = len(item.lines) * SIZE * LEADING + 2 * PAD
        if needed > rect.height + 0.5:
            raise ValueError(
                f"cell ({item.row}, {item.col}) needs {needed:.1f}pt, has {rect.height:.1f}pt"
            )


def draw_page(canvas: Canvas, page: Page) -> None:
    """Write the cells that precede the title and rule the grid, then the title, then the rest.

    Both passes share one geometry: the first lays out every cell (the later ones blank), the
    second writes the later cells' text into the row heights the first one found.
    """
    left = (canvas.width - sum(WIDTHS)) / 2
    before, after = drawing_order(page)
    cells = before + [blank(item) for item in after]
    rects = canvas.grid(Grid(left, TOP, WIDTHS, cells, heights=[HEADER_HEIGHT], size=SIZE))
    check_fit(before + after, rects)
    if page.title:
        width = canvas.measure(page.title, TITLE_SIZE)
        canvas.text((canvas.width - width) / 2, TOP - 32, page.title, TITLE_SIZE)
    if after:
        heights = row_heights(rects)
        canvas.grid(Grid(left, TOP, WIDTHS, after, heights=heights, size=SIZE, ruled=False))
    if page.note:
        bottom = max(rect.y1 for rect in rects.values())
        canvas.text(left, bottom + 6, page.note, NOTE_SIZE)


def draw(replica: Replica) -> None:
    for page in PAGES:
        draw_page(replica.page(A3, landscape=True), page)
