"""Replica of a city's industry-promotion plan progress report (ten A4 portrait pages).

A booklet: cover, table of contents, seven printed pages (numbered 1–7 at the
foot) and a back cover. Each 施策 has a small ruled KPI table — a narrow 指標
label column merged down the whole table, then KPI | 現状 | 令和2年度 | 目標 —
followed by one ruled table per program (No. | 事業項目 | 概要 | 関係課) whose
last rows hold 令和2年度の主な実施状況. Difficulties it carries: a value and its
source year in one cell (`82,716人 (平成27年国勢調査)`, `273戸 (2020農林業センサス)`),
wrapped inside the cell; `—` for a year with no figure and the text target
`現状以上`; an indicator worded as a target (`農地面積減少率を12%に抑える`);
a 施策 with no KPI table at all; a program table split across two pages with
its header not repeated; long notes under the KPI tables; the 目次 spelling
Roman numerals (Ⅰ) where the body prints Latin letters (I, II). Text is the
report's extracted text, typos included (`こちらら`, `よらず`, `CB・SBI`).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from replica.canvas import A4, PAD, Canvas, Cell, Grid, Replica, cell

TITLE = "小平市産業振興基本計画【令和2年度 進捗状況】"

LEFT = 50.0
WIDTH = 495.0
TOP = 48.0
BOTTOM = 780.0  # lowest point the content of a printed page may reach
FOLIO_TOP = 806.0
# Body sizes tried in turn until a printed page's content fits above BOTTOM.
SIZES = (8.0, 7.5, 7.0, 6.75, 6.5, 6.25, 6.0)
HEADING_SIZES = (13.0, 11.0, 9.5)
PROGRAM_TITLE_SIZE = 8.5

KPI_HEADERS = ("KPI", "現状", "令和2年度", "目標")
KPI_WIDTHS = (28.0, 133.0, 127.0, 127.0, 80.0)
PROGRAM_HEADERS = ("No.", "事業項目", "概要", "関係課")
PROGRAM_WIDTHS = (24.0, 118.0, 283.0, 70.0)
STATUS_HEADING = "令和2年度の主な実施状況"


def cell_lines(
    canvas: Canvas, text: str, width: float, size: float, at_spaces: bool = False
) -> list[str]:
    """Text broken to fit a cell `width` wide.

    A short cell (`at_spaces`) too wide for one line breaks first at its spaces,
    keeping a value and its source (`82,716人 (平成27年国勢調査)`) or a list of
    departments apart rather than breaking inside a word.
    """
    if at_spaces and canvas.measure(text, size) > width - 2 * PAD:
        text = text.replace(" ", "\n")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += canvas.wrap(paragraph, width, size)
    return lines


def grid_bottom(canvas: Canvas, grid: Grid) -> float:
    return max(rect.y1 for rect in canvas.grid(grid).values())


@dataclass(frozen=True)
class Heading:
    """A heading: 0 the list's title (centred), 1 a part (I, II), 2 a 施策."""

    text: str
    level: int

    def draw(self, canvas: Canvas, top: float, size: float) -> float:
        heading = HEADING_SIZES[self.level]
        x = (canvas.width - canvas.measure(self.text, heading)) / 2 if self.level == 0 else LEFT
        canvas.text(x, top, self.text, heading)
        return top + heading * 1.9


@dataclass(frozen=True)
class Note:
    """A ※ note under a KPI table, wrapped to the text width."""

    text: str

    def draw(self, canvas: Canvas, top: float, size: float) -> float:
        lines = cell_lines(canvas, self.text, WIDTH, size)
        for index, line in enumerate(lines):
            canvas.text(LEFT, top + index * size * 1.3, line, size)
        return top + len(lines) * size * 1.3 + 8


@dataclass(frozen=True)
class Kpi:
    name: str
    baseline: str
    fy2020: str
    target: str


@dataclass(frozen=True)
class KpiTable:
    """指標 merged down the left edge; one row per KPI."""

    rows: tuple[Kpi, ...]

    def cells(self, canvas: Canvas, size: float) -> list[Cell]:
        cells = [cell(0, 0, "指標", rowspan=1 + len(self.rows), align="center", valign="middle")]
        cells += [
            cell(0, 1 + index, text, align="center") for index, text in enumerate(KPI_HEADERS)
        ]
        for row, kpi in enumerate(self.rows, start=1):
            values = (kpi.name, kpi.baseline, kpi.fy2020, kpi.target)
            for col, text in enumerate(values, start=1):
                lines = cell_lines(canvas, text, KPI_WIDTHS[col], size, at_spaces=True)
                align = "left" if col == 1 else "center"
                cells.append(cell(row, col, lines, align=align, valign="middle"))
        return cells

    def draw(self, canvas: Canvas, top: float, size: float) -> float:
        grid = Grid(LEFT, top, KPI_WIDTHS, self.cells(canvas, size), size=size)
        return grid_bottom(canvas, grid) + 5


@dataclass(frozen=True)
class Item:
    """One program table row."""

    number: str
    name: str
    summary: str
    departments: str


@dataclass(frozen=True)
class Program:
    """A program's title, its table and the year's status lines below the items.

    A program with no title is the rest of the previous page's table: no
    title, no header row and no status heading, as the report prints it.
    """

    title: str | None
    items: tuple[Item, ...]
    status: tuple[str, ...]

    def header_cells(self) -> list[Cell]:
        return [
            cell(0, col, text, align="center", valign="middle")
            for col, text in enumerate(PROGRAM_HEADERS)
        ]

    def item_cells(self, canvas: Canvas, first: int, size: float) -> list[Cell]:
        cells: list[Cell] = []
        name_width, summary_width, departments_width = PROGRAM_WIDTHS[1:]
        for row, item in enumerate(self.items, start=first):
            name = cell_lines(canvas, item.name, name_width, size)
            summary = cell_lines(canvas, item.summary, summary_width, size)
            departments = cell_lines(
                canvas, item.departments, departments_width, size, at_spaces=True
            )
            cells += [
                cell(row, 0, item.number, align="center", valign="middle"),
                cell(row, 1, name, valign="middle"),
                cell(row, 2, summary, valign="middle"),
                cell(row, 3, departments, align="center", valign="middle"),
            ]
        return cells

    def status_cells(self, canvas: Canvas, first: int, size: float) -> list[Cell]:
        cells: list[Cell] = []
        if self.title is not None:
            cells.append(cell(first, 0, STATUS_HEADING, colspan=4, valign="middle"))
            first += 1
        cells += [
            cell(row, 0, cell_lines(canvas, line, WIDTH, size), colspan=4)
            for row, line in enumerate(self.status, start=first)
        ]
        return cells

    def draw(self, canvas: Canvas, top: float, size: float) -> float:
        cells: list[Cell] = []
        if self.title is not None:
            canvas.text(LEFT, top, self.title, PROGRAM_TITLE_SIZE)
            top += PROGRAM_TITLE_SIZE * 1.6
            cells = self.header_cells()
        first = 0 if self.title is None else 1  # below the header row, where there is one
        cells += self.item_cells(canvas, first, size)
        cells += self.status_cells(canvas, first + len(self.items), size)
        grid = Grid(LEFT, top, PROGRAM_WIDTHS, cells, size=size)
        return grid_bottom(canvas, grid) + 10


Block = Heading | Note | KpiTable | Program


def lay_out(canvas: Canvas, blocks: Sequence[Block], size: float) -> float:
    """Draw blocks down the page from TOP; returns the bottom of the last."""
    top = TOP
    for block in blocks:
        top = block.draw(canvas, top, size)
    return top


def centred(canvas: Canvas, top: float, line: str, size: float) -> None:
    canvas.text((canvas.width - canvas.measure(line, size)) / 2, top, line, size)


def draw_cover(replica: Replica) -> None:
    canvas = replica.page(A4)
    for top, line, size in COVER:
        centred(canvas, top, line, size)
    width = canvas.measure(VISION[1], 13) + 2 * PAD + 30
    box = Grid(
        (canvas.width - width) / 2,
        400,
        [width],
        [cell(0, 0, VISION, align="center", valign="middle")],
        heights=[56],
        size=13,
    )
    canvas.grid(box)
    for top, line, size in COVER_FOOT:
        centred(canvas, top, line, size)


def draw_contents(replica: Replica) -> None:
    canvas = replica.page(A4)
    centred(canvas, 60, CONTENTS_TITLE, 16)
    top = 110.0
    for level, text, page in CONTENTS:
        size = 10.5 if level < 3 else 9.5
        if level < 2 and top > 110:
            top += 6
        canvas.text(70 + 16 * max(level - 1, 0), top, text, size)
        if page:
            canvas.text(LEFT + WIDTH - 20 - canvas.measure(page, size), top, page, size)
        top += size * 1.75


def draw_printed_page(replica: Replica, number: int, blocks: Sequence[Block]) -> None:
    """Draw a printed page at the largest body size at which its content ends above BOTTOM.

    What each printed page holds is fixed by the report, so the type gives way,
    not the page break: a page that overflows is taken out and drawn again smaller.
    """
    for size in SIZES:
        canvas = replica.page(A4)
        if lay_out(canvas, blocks, size) <= BOTTOM:
            centred(canvas, FOLIO_TOP, str(number), 9)
            return
        replica.doc.delete_page(-1)
    raise ValueError(f"printed page {number} does not fit even at {SIZES[-1]}pt")


def draw_back_cover(replica: Replica) -> None:
    canvas = replica.page(A4)
    for index, line in enumerate(BACK_TITLE):
        centred(canvas, 520 + index * 20, line, 12)
    centred(canvas, 600, ISSUED, 10)
    width = max(canvas.measure(line, 9) for line in COLOPHON) + 2 * PAD + 24
    box = Grid((canvas.width - width) / 2, 625, [width], [cell(0, 0, COLOPHON)], size=9)
    bottom = grid_bottom(canvas, box)
    canvas.text(LEFT + WIDTH - canvas.measure(PRICE, 9), bottom + 40, PRICE, 9)


def draw(replica: Replica) -> None:
    draw_cover(replica)
    draw_contents(replica)
    for number, blocks in enumerate(PRINTED_PAGES, start=1):
        draw_printed_page(replica, number, blocks)
    draw_back_cover(replica)


COVER = (
    (190.0, "小平市産業振興基本計画", 26.0),
    (240.0, "(平成30年度～令和9年度)", 14.0),
    (290.0, "【令和2年度 進捗状況】", 18.0),
)
VISION = ("「目指すべき将来像」", "産業とくらしが共生し、“しょく（職・食）”あふれるまち こだいら")
COVER_FOOT = (
    (680.0, "令和3年10月", 14.0),
    (705.0, "小 平 市", 16.0),
)

CONTENTS_TITLE = "目 次"

CONTENTS = (  # (level, entry, printed page or "")
    (0, "小平市産業振興基本計画 進捗状況一覧表", "1"),
    (1, "Ⅰ 産業振興のための活動支援", "1"),
    (2, "施策1 就労・人材マッチング", "1"),
    (3, "(1) あらゆる世代への就労支援プログラム", ""),
    (3, "(2) 職住近接推進プログラム", ""),
    (3, "(3) 広域連携による就労支援プログラム", ""),
    (2, "施策2 創業支援", "2"),
    (3, "(1) 創業の場づくり支援プログラム", ""),
    (3, "(2) 創業者支援プログラム", ""),
    (2, "施策3 中小企業や農業者等の経営支援", "2"),
    (3, "(1) 中小企業や農業者等の経営支援プログラム", ""),
    (3, "(2) ICT活用支援プログラム", ""),
    (1, "Ⅱ 産業振興のための環境整備", "3"),
    (2, "施策1 企業と連携した地域経済循環の促進", "3"),
    (3, "(1) 小平産農産物の6次産業化プログラム", ""),
    (3, "(2) 地産地消促進プログラム", ""),
    (3, "(3) 企業従業員の地元消費促進プログラム", ""),
    (3, "(4) 企業と地域との連携促進プログラム", ""),
    (2, "施策2 商店街の活性化", "4"),
    (3, "(1) 商店街ブランド化プログラム", ""),
    (3, "(2) 空き店舗の利活用プログラム", ""),
    (3, "(3) イベントなどによるにぎわい創出プログラム", ""),
    (2, "施策3 観光まちづくり振興プランの推進", "5"),
    (3, "(1) 地域資源再評価プログラム", ""),
    (3, "(2) コダイラブランド・観光資源のPRプログラム", ""),
    (2, "施策4 学校との連携", "6"),
    (3, "(1) 大学や高校との連携プログラム", ""),
    (3, "(2) 学生街形成プログラム", ""),
    (3, "(3) 小・中学校連携プログラム", ""),
    (2, "施策5 農資源の活用", "7"),
    (3, "(1) 農業経営基盤強化プログラム", ""),
    (3, "(2) 農地の保全と有効活用プログラム", ""),
    (3, "(3) 地域内循環システムづくりプログラム", ""),
)

BACK_TITLE = ("小平市産業振興基本計画", "(平成30年度～令和9年度)", "【令和2年度 進捗状況】")
ISSUED = "令和3年10月発行"
COLOPHON = (
    "編集・発行 小平市地域振興部産業振興課",
    "〒187-8701 東京都小平市小川町二丁目1,333番地",
    "電話番号 042 (346) 9534",
    "F A X 042 (346) 9575",
    "電子メール sangyoshinko@city.kodaira.lg.jp",
)
PRICE = "価格 ￥40"

# The printed pages 1–7, in the report's order; the break inside 施策3's first
# table between pages 2 and 3 is the report's own.
PAGE_1 = (
    Heading("小平市産業振興基本計画 進捗状況一覧表", 0),
    Heading("I 産業振興のための活動支援", 1),
    Heading("施策1 就労支援・人材マッチング", 2),
    KpiTable((Kpi("市内就業者数", "82,716人 (平成27年国勢調査)", "—", "現状以上"),)),
    Note(
        "※計画開始後(平成30年4月以降)の数値が公表されていないため、令和2年度のKPIを「—」とした。",
    ),
    Program(
        "(1) あらゆる世代への就労支援プログラム",
        (
            Item(
                "①",
                "あらゆる世代へのスキルアップ研修の実施",
                (
                    "結婚や子育てで仕事を離れた女性や働く意欲のあるシニア層に対し、"
                    "新しい技術やビジネススキルなどを修得してもらう機会を設けます。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "若年層への就労支援のための就職サポート",
                (
                    "若年層の非正規雇用から正規雇用への転職やスキルに見合った就業を実現するために"
                    "、関係機関と連携し人材マッチングの機会を増やします。"
                ),
                "産業振興課",
            ),
            Item(
                "③",
                "コミュニティビジネス(CB)、ソーシャルビジネス(SB)の支援",
                (
                    "専門的なスキルや知識を持ったシニア層や、"
                    "働く意欲のある子育て後の主婦(夫)などがCB・SBでの様々な活動によって地域の課題"
                    "解決に取り組める仕組みづくりをします。"
                ),
                "産業振興課",
            ),
            Item(
                "④",
                "多様な保育サービスの充実",
                (
                    "保育サービスの充実が、子育て中の女性の就労促進に寄与すると考えられることから"
                    "、民間や非営利団体を活用した多様な子育て支援についての情報提供を図ります。"
                ),
                "産業振興課 (保育課) (子育て支援課) (政策課)",
            ),
        ),
        (
            (
                "一般社団法人すだちにおいて、ビジネススキルが身に付く研修を5回開催した。"
                "求職中の市内在住の女性向けに再就職サポート事業を実施し、"
                "参加者13名に対して集合研修を実施した。"
            ),
            (
                "こちらら就職情報室を通じて求人情報の提供を行うとともに、"
                "市報や市HPを通じてミニ就職面接会の開催等について、周知を図った。"
            ),
            "一般社団法人すだちにおいて、ビジネススキルが身に付く研修を5回開催した。",
            (
                "「子育てガイド」を発行した。子育て支援についての情報提供を行っている子育て応援サ"
                "イト「こだち」の運営支援を行った。"
            ),
        ),
    ),
    Program(
        "(2) 職住近接推進プログラム",
        (
            Item(
                "①",
                "コワーキングスペースの活用",
                (
                    "会議室などの打ち合わせスペースを共有しながら、"
                    "テレワークやフリーランスなどの個人事業主や在宅勤務者が働く場として、"
                    "コワーキングスペースの充実を図ります。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "一般社団法人すだちにおいて、女性及びクリエイティブ職の男性向けにコワーキングスペ"
                "ースの提供を行った。(4～5月は新型コロナウイルス感染拡大防止のため休館) "
                "コロナ禍によるリモートワークの増加により、"
                "デイリー会員の利用回数が7件から44件に増加した。"
            ),
        ),
    ),
    Program(
        "(3) 広域連携による就労支援プログラム",
        (
            Item(
                "①",
                "近隣自治体と連携した就労支援",
                (
                    "同じテーマで就労支援を展開している近隣の自治体と共同で、"
                    "就労支援プログラムを実施します。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "インキュベーション施設等の共同利用",
                (
                    "インキュベーション施設等(コワーキングスペース、レンタルオフィス、"
                    "シェアオフィスなどを含む)について、近隣の自治体や民間事業者と情報共有すると"
                    "ともに、共同利用できる仕組みを研究します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "東京しごとセンター多摩主催の合同就職面接会について、西東京市と連携し、"
                "令和3年1月22日に事前対策セミナーを開催した。"
            ),
            (
                "中長期における施策の検討のため、東京都中小企業振興公社多摩支社や創業支援センター"
                "TAMAと多摩地域におけるインキュベーション施設等に関する情報共有や意見交換を行った"
                "。"
            ),
        ),
    ),
)

PAGE_2 = (
    Heading("施策2 創業支援", 2),
    KpiTable((Kpi("新設事業所割合", "18.9% (平成26年経済センサス-基礎調査)", "—", "20.0%"),)),
    Note(
        (
            "※計画開始後(平成30年4月以降)の数値が公表されていないため、"
            "令和2年度のKPIを「—」とした。なお、小平市産業振興基本計画策定時は経済センサスにおい"
            "て開業率が公表されていたためKPIとしていたが、現在はデータが削除され、"
            "実績値を把握できなくなっているため、事業所総数に占める新設事業所の割合を新たなKPIと"
            "した。"
        ),
    ),
    Program(
        "(1) 創業の場づくり支援プログラム",
        (
            Item(
                "①",
                "チャレンジショップ支援",
                (
                    "市内の空き店舗など既存ストックを活用して、"
                    "試験的に商店や飲食店を開業する際の家賃補助を含むチャレンジショップ制度を支援"
                    "します。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "新産業の創業支援",
                (
                    "クリエイティブ産業やICT分野におけるベンチャー企業、"
                    "フリーランス事業者が市内で創業できる環境づくりについて検討します。"
                ),
                "産業振興課",
            ),
        ),
        (
            "小平商工会を通じて、3事業者に対して家賃の支援を行った。",
            (
                "中長期における施策の検討のため、東京都中小企業振興公社多摩支社や創業支援センター"
                "TAMAと多摩地域における創業支援施策等に関する意見交換を行った。"
            ),
        ),
    ),
    Program(
        "(2) 創業者支援プログラム",
        (
            Item(
                "①",
                "セミナー、相談窓口の開設",
                "創業セミナー、創業塾の実施や相談窓口での経営診断・助言を実施します。",
                "産業振興課",
            ),
            Item(
                "②",
                "コミュニティビジネス(CB)、ソーシャルビジネス(SB)関連セミナーの実施",
                "CB・SBIに関するセミナーの実施や交流を図ります。",
                "産業振興課",
            ),
            Item(
                "③",
                "創業のための小口融資のあっせん",
                "金融機関と協力して、フリーランスや小規模事業者への小口融資の機会を増やします。",
                "産業振興課",
            ),
        ),
        (
            (
                "創業個別相談を毎月1回開催するとともに、金融機関と連携し、創業塾を1回、"
                "創業セミナーを2回開催した。"
            ),
            "一般社団法人すだちにおいて、ビジネススキルが身に付く研修を5回開催した。",
            "金融機関と連携し、創業資金の融資あっせんを8件行った。",
        ),
    ),
    Heading("施策3 中小企業や農業者等の経営支援", 2),
    KpiTable(
        (
            Kpi(
                "企業数",
                "4,947事業所 (平成26年経済センサス-基礎調査)",
                "5,830事業所 (令和元年経済センサス-基礎調査)",
                "現状以上",
            ),
            Kpi("農家数", "312戸 (平成28年農林業センサス)", "273戸 (2020農林業センサス)", "280戸"),
        )
    ),
    Program(
        "(1) 中小企業や農業者等の経営支援プログラム",
        (
            Item(
                "①",
                "経営相談窓口の開設",
                "中小企業や農業者への経営相談の窓口充実を図ります。",
                "産業振興課",
            ),
            Item(
                "②",
                "後継者育成支援",
                (
                    "事業承継のために後継者間の交流の機会を設け、また、後継者向けセミナー、"
                    "相談会などを実施します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "国が各都道府県に設置しているよろず支援拠点の周知を図るとともに、"
                "小平商工会において、東京都商工会連合会と連携した経営相談を行った。"
            ),
            "小平商工会において、事業承継を含む経営に関する個別相談会を7月16日に実施した。",
        ),
    ),
)

PAGE_3 = (
    Program(
        None,
        (
            Item(
                "③",
                "近隣自治体と連携した経営支援",
                (
                    "経営支援セミナーなどを近隣自治体と情報共有し、"
                    "広域的な連携体制の構築を推進します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "近隣自治体が開催する経営支援セミナー等のパンフレットを配架し情報共有を図るととも"
                "に、広域的な連携体制の構築に向け、東京都中小企業振興公社多摩支店と意見交換を行っ"
                "た。"
            ),
        ),
    ),
    Program(
        "(2) ICT活用支援プログラム",
        (
            Item(
                "①",
                "ICT活用のためのセミナー、相談窓口の開設",
                (
                    "近隣自治体などと連携し、共同で、中小企業等に向けたICT活用セミナーの開催や相"
                    "談窓口の開設を検討します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "よらず支援拠点や小平商工会において、ICTに係る相談受付を行うとともに、"
                "広域的な連携体制の構築に向け、東京都中小企業振興公社多摩支店と意見交換を行った。"
            ),
        ),
    ),
    Heading("II 産業振興のための環境整備", 1),
    Heading("施策1 企業と連携した地域経済循環の促進", 2),
    KpiTable((Kpi("地域経済循環率", "79.3% (平成27年RESAS)", "—", "現状以上"),)),
    Note(
        "※平成27年の値が公表されたことに伴い、「現状」の値の修正を行っている。",
    ),
    Program(
        "(1) 小平産農産物の6次産業化プログラム",
        (
            Item(
                "①",
                "異業種間連携による小平産農産物の6次産業化",
                (
                    "農業者と加工業者、商店・飲食店を連携させて、"
                    "ブルーベリーをはじめとする小平産農産物の加工・販売までを一貫して行うとともに"
                    "、ブランド商品の開発を支援します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "新型コロナウイルス感染症の影響により、イベントが実施されなかったため、"
                "来年度の事業に向け検討を行った。"
            ),
        ),
    ),
    Program(
        "(2) 地産地消促進プログラム",
        (
            Item(
                "①",
                "学校給食での小平産農産物の利用",
                (
                    "市内の学校での給食における小平産農産物の使用割合を高めるため関係機関が連携し"
                    "て取り組みます。"
                ),
                "産業振興課 (学務課)",
            ),
            Item(
                "②",
                "直売所での農産物販売促進",
                (
                    "市内で小平産農産物を購入できる場や機会を増やして、"
                    "地元の農産物への理解と消費を促進します。"
                ),
                "産業振興課",
            ),
            Item(
                "③",
                "食育のための農地の活用",
                (
                    "農業に対する児童・生徒の理解を深めてもらうために、"
                    "農業者の協力により学童農園を引き続き設置し、農業体験の場の充実を図ります。"
                ),
                "産業振興課 (指導課)",
            ),
        ),
        (
            (
                "学校給食に使用する小平産農産物の購入費や搬入費に対して支援を行い、"
                "小平産農産物の利用状況が小学校で30.1%、中学校で32.8%となった。"
            ),
            (
                "JAの協力のもと、市役所で定期的に小平産農産物の即売を実施した。"
                "ごだいら観光まちづくり協会と連携して、JAが新小平駅前広場で小平産農産物の販売会を"
                "行った。例年行っているマルシェについては、"
                "新型コロナウイルス感染症の影響により中止となった。"
            ),
            (
                "市内の全小学校(19校)で学童農園を実施し、農家の指導により、児童が教育活動の中で、"
                "農作物の種まきや収穫などの体験学習を行った。"
                "※新型コロナウイルス感染症の影響により一部、内容を変更して実施した学校もある。"
            ),
        ),
    ),
    Program(
        "(3) 企業従業員の地元消費促進プログラム",
        (
            Item(
                "①",
                "企業の福利厚生サービスとの連携",
                (
                    "企業の福利厚生施設等での小平産農産物やコダイラブランドなどの特産品のPRと販売"
                    "を行う機会を支援します。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "イベントを通じた情報提供",
                (
                    "企業従業員向けに小平産農産物・特産品の試食・販売の機会を設けるなど、"
                    "情報発信を推進します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "市内大手事業者の実施する納涼祭等での販売を予定していたが、"
                "新型コロナウイルス感染症の影響で、イベントが中止となった。"
            ),
            (
                "市内大手事業者の実施する納涼祭等での販売を予定していたが、"
                "新型コロナウイルス感染症の影響で、イベントが中止となった。"
            ),
        ),
    ),
    Program(
        "(4) 企業と地域との連携促進プログラム",
        (
            Item(
                "①",
                "CSR・CSVによる地域との連携促進",
                (
                    "CSR・CSVに関心のある企業に対して、市で行っている事業や社会貢献活動の情報提供"
                    "などにより参加を働きかけます。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "ビジネスマッチングの機会づくり",
                (
                    "関係機関等と連携して、市内の大企業、中小企業及び農業者のビジネスマッチングを"
                    "促すための仕組みについて検討します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "市内大手事業所の従業員が、灯りまつりにボランティアとして参加する予定であったが、"
                "新型コロナウイルス感染症の影響で、灯りまつりが中止となった。"
            ),
            "中長期における施策の検討のため、小平商工会及びJAとそれぞれ意見交換を行った。",
        ),
    ),
)

PAGE_4 = (
    Heading("施策2 商店街の活性化", 2),
    KpiTable(
        (
            Kpi(
                "店舗数 (卸・小売・宿泊・飲食サービス業)",
                "1,695 (平成28年経済センサス-活動調査)",
                "—",
                "現状以上",
            ),
        )
    ),
    Note(
        (
            "※令和元年経済センサス-基礎調査における調査事項が変更されたことに伴い、"
            "「現状」の値を平成28年経済センサス-活動調査の値に修正を行っている。"
        ),
    ),
    Program(
        "(1) 商店街ブランド化プログラム",
        (
            Item(
                "①",
                "商店街の個性化",
                (
                    "各商店街が立地する地域特性に対応した個性化を目指し、"
                    "商店街の独自性が高まることでの魅力向上を図ります。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "商店会の組織力強化等",
                (
                    "商店会の組織力や財務力等を強化し、環境整備や共同事業を円滑に進める商店会を支"
                    "援します。"
                ),
                "産業振興課",
            ),
            Item(
                "③",
                "公共交通機関を活用した回遊性の向上",
                (
                    "既存のコミュニティバス・コミュニティタクシーなどによって、"
                    "商店街間の移動と市内の回遊性を高めるとともに、"
                    "広域で連携する仕組みづくりを検討します。"
                ),
                "産業振興課 (公共交通課)",
            ),
        ),
        (
            "商店会が実施する、コロナ禍に対応したオンラインを活用したイベント1件に支援を行った。",
            "東京都による組織力強化に向けた支援施策について、情報提供を行った。",
            (
                "南西部地域でコミュニティタクシーの実証実験運行を実施するとともに、"
                "利用促進と経済活性化のため、沿線商店と連携した「にじバス・ぶるべー号サンクスクー"
                "ポン」事業を実施した。 また、市内の回遊性を高めるため、"
                "にじバス・ぶるべー号で共通利用できる回数券や1日乗車券を市報やチラシ等でPRして活"
                "用に努めた。"
            ),
        ),
    ),
    Program(
        "(2) 空き店舗の利活用プログラム",
        (
            Item(
                "①",
                "空き店舗の改修支援",
                "空き店舗の改修を支援し有効活用を図ります。",
                "産業振興課",
            ),
            Item(
                "②",
                "空き店舗の公共利用",
                (
                    "コミュニティ施設や福祉施設として空き店舗を公共的に有効活用する方策を研究しま"
                    "す。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "小平商工会を通じ、空き店舗の改修を補助対象に含む、"
                "市内店舗の改修工事に対する補助事業を実施し、15件の事業者に補助を行ったほか、"
                "新型コロナウイルス感染症の感染防止対策としての工事を行う26件の事業者に補助を行っ"
                "た。 その内、空き店舗の改修については、対象なしてあった。"
            ),
            "空き店舗の公共的な有効活用に向けて、他市等の取組について情報収集を行った。",
        ),
    ),
    Program(
        "(3) イベントなどによるにぎわい創出プログラム",
        (
            Item(
                "①",
                "商店街でのイベントの実施",
                (
                    "商店街が取り組む食に関するイベントや、まちあるきイベントなどを引き続き支援す"
                    "るとともに、新たな企画を検討をします。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "商店街内を巡るイベントやまち巡りに対して支援を行うとともに、"
                "新たに商店会が企画したイベントに対して支援を行った。"
            ),
        ),
    ),
)

PAGE_5 = (
    Heading("施策3 観光まちづくり振興プランの推進", 2),
    KpiTable((Kpi("アクションプラン50の達成数", "13 (平成28年度)", "44", "50"),)),
    Program(
        "(1) 地域資源再評価プログラム",
        (
            Item(
                "①",
                "既存の観光資源の活用",
                (
                    "小平グリーンロード（玉川上水など）、FC東京小平グラウンドなど既存の観光資源を"
                    "市内外へ更にPRする新たな施策を検討し、訪問者増加を目指します。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "農空間の活用",
                (
                    "体験農園の充実、農業公園の整備について研究し、"
                    "農空間を活用した観光資源の充実を目指します。"
                ),
                "産業振興課 (水と緑と公園課)",
            ),
            Item(
                "③",
                "新規観光ルートの開発",
                "市内にある観光資源を連携させ、新たな観光ルートを開発します。",
                "産業振興課",
            ),
            Item(
                "④",
                "シェアサイクルの活用",
                (
                    "いくつかのサイクルポートを拠点にして自転車をレンタルするシェアサイクルにより"
                    "、市内での回遊性を高めるとともに、広域で連携する仕組みづくりを研究します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "こだいら観光まちづくり協会のホームページの改修や、"
                "協会が発行した観光総合ガイドブック(2万部)等の作成に対して支援を行った。"
            ),
            (
                "農業公園として整備を予定している鎌倉公園について、"
                "オープンハウスや事業概要説明会、パブリックコメント等を実施し、"
                "市民の意見を聞きながら今後の整備方針について検討を行い、整備基本計画を策定した。"
                " 令和3年度に開園予定の体験農園について、施設整備費等の補助を行った。"
            ),
            "こだいら観光まちづくり協会において、新たなルートを設定した。",
            (
                "こだいら観光まちづくり協会がシェアサイクル事業者と連携して、"
                "市内の公共施設にシェアサイクルステーションを設置するにあたり、"
                "引き続き行政財産使用料を免除にして支援した。"
            ),
        ),
    ),
    Program(
        "(2) コダイラブランド・観光資源のPRプログラム",
        (
            Item(
                "①",
                "コダイラブランドのPR",
                (
                    "市内事業者や関係機関が連携し、コダイラブランドの広報に努め、"
                    "認知度向上を図ります。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "SNSによる観光情報発信",
                (
                    "市民や関係機関が主体となって市内事業者と連携し、"
                    "SNSを活用した観光情報の発信を検討します。"
                ),
                "産業振興課",
            ),
            Item(
                "③",
                "映画やアニメの舞台の誘致",
                (
                    "関係機関と連携し、多くの人の目に触れる映画の撮影場所やアニメの舞台となり、"
                    "知名度向上を目指すために、受入態勢を整えます。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "ふるさと納税の返礼品に使用するとともに、市の功労者表彰等の贈呈品にコダイラブラン"
                "ドの詰め合わせを提供し、認知度向上を図った。"
            ),
            (
                "こだいら観光まちづくり協会において、Twitter及びFacebookでイベント情報などを発信"
                "した。"
            ),
            (
                "映画やアニメの舞台誘致の態勢整備に向けて、こだいら観光まちづくり協会において、"
                "都内で先駆的な取組を行っている観光協会等と意見交換を行った。"
            ),
        ),
    ),
)

PAGE_6 = (
    Heading("施策4 学校との連携", 2),
    Program(
        "(1) 大学や高校との連携プログラム",
        (
            Item(
                "①",
                "インターンシップの受け入れ支援",
                (
                    "市内の事業者が地元の学生をインターンシップとして受け入れることで、"
                    "事業所と学校・学生との結びつきを強化します。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "学校と商店街との連携",
                "商店街の近隣の学校の生徒・学生を巻き込んだまちの活性化を推進します。",
                "産業振興課",
            ),
            Item(
                "③",
                "地元の大学等の特長・専門性の活用",
                (
                    "市内外に立地する大学等の研究・教育機関の専門的知識や人材を活用した、"
                    "新しいビジネスや新技術の開発の促進について研究します。"
                ),
                "産業振興課 (市民協働・男女参画推進課)",
            ),
        ),
        (
            (
                "市内事業者による地元学生のインターンシップ受け入れに向け、"
                "市内事業者等と意見交換を行った。"
            ),
            (
                "小学校のよさこいチームや中学校の吹奏楽部と連携した商店会イベントに対する支援を予"
                "定していたが、新型コロナウイルス感染症の影響で中止となった。"
            ),
            (
                "武蔵野美術大学との連携により、学生が市内に滞在する時間や消費が増えることによる、"
                "地域活性化についての研究を行った。"
            ),
        ),
    ),
    Program(
        "(2) 学生街形成プログラム",
        (
            Item(
                "①",
                "市内での滞在時間を増やす環境整備",
                (
                    "自宅や職場・学校とは異なる空間としての商店街でのサードプレイスの整備について"
                    "研究し、学生の滞在時間を増やすことで地域活性化を推進します。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "市内居住の促進",
                (
                    "学生の市内居住割合を高めるために、低未利用不動産の活用を検討しながら、"
                    "若い世代の人々が住みたくするような住環境の整備に取り組みます。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "学生の市内での滞在時間を増やし、地域活性化を推進するため、"
                "他市等の取組について情報収集を行った。"
            ),
            "若い世代が住みたくするような住環境について、商店会等と意見交換を行った。",
        ),
    ),
    Program(
        "(3) 小・中学校連携プログラム",
        (
            Item(
                "①",
                "市内の事業所や農家の見学",
                "地元小・中学校に対し、市内事業所や農家などの見学機会の提供を検討します。",
                "産業振興課 (指導課)",
            ),
            Item(
                "②",
                "商店街のイベントと学校の連携",
                (
                    "商店街で開催されるイベントと地元小・中学校が連携した取組を支援し、"
                    "児童・生徒の地域への参加を促します。"
                ),
                "産業振興課 (学務課)",
            ),
        ),
        (
            (
                "市内の全小学校(19校)で学童農園を実施し、"
                "農作物の種まきや収穫などの体験学習を行った。"
            ),
            (
                "小学校のよさこいチームや中学校の吹奏楽部と連携した商店街イベントに対する支援を予"
                "定していたが、新型コロナウイルス感染症の影響で中止となった。"
            ),
        ),
    ),
)

PAGE_7 = (
    Heading("施策5 農資源の活用", 2),
    KpiTable(
        (Kpi("農地面積減少率を12%に抑える", "191ha (平成28年農林業センサス)", "176ha", "165ha"),)
    ),
    Program(
        "(1) 農業経営基盤強化プログラム",
        (
            Item(
                "①",
                "補助金等の活用",
                "国や都の補助制度や農業制度資金の利用について研究します。",
                "産業振興課",
            ),
            Item(
                "②",
                "担い手の確保",
                (
                    "税制等の課題を整理しながら、就農希望者を地域として受入れるなど、"
                    "多様な担い手の確保について研究します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "都の補助制度を活用し、ナシ根域制限栽培システム(3基)と防災兼用農業用井戸(8か所)を"
                "整備する農業者に対し、補助を行った。 農家が所有する宅地・雑種地を農地化する取り"
                "組みに対し、補助を行った。"
            ),
            (
                "JAと連携し、新規就農者を1名受け入れるとともに、"
                "援農ボランティアを新たに15名登録した。"
            ),
        ),
    ),
    Program(
        "(2) 農地の保全と有効活用プログラム",
        (
            Item(
                "①",
                "市民への情報発信",
                (
                    "生産緑地のもつ意義をさまざまな機会を通じて市民に発信し、"
                    "生産緑地が都市生活に欠かせない多様な機能を持つことへの理解を促します。"
                ),
                "産業振興課 (都市計画課)",
            ),
        ),
        (
            (
                "市HPや農地の立て看板設置等を通じて、生産緑地や防災協力農地について市民への啓発や"
                "周知を図った。"
            ),
        ),
    ),
    Program(
        "(3) 地域内循環システムづくりプログラム",
        (
            Item(
                "①",
                "直売所の拡充",
                (
                    "市内の企業と協力し、直売スペース設置の需要を検討します。また、"
                    "商店街に直売スペースを出店するなど、既存商業施設との連携を探ります。"
                ),
                "産業振興課",
            ),
            Item(
                "②",
                "農業体験を通じた啓発活動",
                "市民や市内在勤者の農業体験への参加を促します。",
                "産業振興課",
            ),
            Item(
                "③",
                "地産地消に向けた流通方法",
                (
                    "関係機関と連携し、小平産農産物の運搬方法や集荷について検討し、"
                    "地産地消を推進します。"
                ),
                "産業振興課",
            ),
        ),
        (
            (
                "JAの協力のもと、市役所で定期的に小平産農産物の即売を実施した。 "
                "ごだいら観光まちづくり協会と連携して、JAが小平駅前広場で小平産農産物の販売会を行"
                "った。 例年行っているマルシェについては、"
                "新型コロナウイルス感染症の影響により中止となった。"
            ),
            (
                "体験農園のPRやJAと連携した援農ボランティア募集等を通じて、"
                "市民や市内在勤者に農業体験への参加を促した。"
            ),
            "小平産農産物の流通方法の検討のため、JAや農業者と意見交換を行った。",
        ),
    ),
)

PRINTED_PAGES: tuple[Sequence[Block], ...] = (
    PAGE_1,
    PAGE_2,
    PAGE_3,
    PAGE_4,
    PAGE_5,
    PAGE_6,
    PAGE_7,
)
