"""The published documents behind the demo data, and the exact sentences each figure comes from.

Document ids are the file names of the seed documents (``shared/seeds/<id>.txt``); quotes are
copied verbatim (a test checks them against the files when they are present), so anyone can
find the sentence a figure in the demo ledger came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    published: dt.date | None
    publisher: str = ""
    note: str = ""


@dataclass(frozen=True)
class Quote:
    document: Document
    text: str


JDZ_2023 = Document(
    "000_4d62f6c9b7ce257e",
    "Fostering Shared Prosperity through Distinctive Industries",
    dt.date(2023, 9, 6),
    "Jinhua Development Zone",
)
JINHUA_2022 = Document(
    "001_4bdebbfa22ce41fd", "Jinhua Focuses on Opening Up", dt.date(2022, 6, 28), "Jinhua"
)
JINYI_2022 = Document(
    "002_e48ae0ad28c70e0c",
    "Jinyi Accelerates Major Projects",
    dt.date(2022, 11, 14),
    "Jinhua Daily",
)
ZHAOQING_2023 = Document(
    "003_17b92bc0b714ba39",
    "Zhaoqing insists on taking the lead in the manufacturing industry and sets off an upsurge "
    "of projects for development!",
    dt.date(2023, 10, 11),
    "Invest in Zhaoqing",
)
LISHUI_2024 = Document(
    "004_b32638d0c8cea9c1",
    "Innovating Towards Economic Resilience: Lishui's Industrial Advancements",
    None,
    note="Undated; it reports the first half of 2024 and a signing in July 2024.",
)

DOCUMENTS = [JDZ_2023, JINHUA_2022, JINYI_2022, ZHAOQING_2023, LISHUI_2024]

QUOTES: dict[str, Quote] = {
    "jdz_h1_2023": Quote(
        JDZ_2023,
        "During the first half of this year, the development zone signed agreements for 20 "
        "projects with a total planned investment of 19.545 bn RMB.",
    ),
    "jdz_nev_h1_2023": Quote(
        JDZ_2023,
        "Among these, 11 projects focus on the new energy vehicle and parts industries, with a "
        "planned investment of 5.25 bn RMB.",
    ),
    "konka": Quote(
        JDZ_2023,
        "One major investment project in the JDZ last year was the Konka (Jinhua) New Energy "
        "Battery Industry Base Project, with a total investment of 10 bn RMB.",
    ),
    "konka_15_days": Quote(
        JDZ_2023,
        "It took just 15 days from the approval of project components to obtaining the "
        "necessary land approval for construction.",
    ),
    "leapmotor": Quote(
        JDZ_2023,
        "Leapmotor, a homegrown company in Jinhua New Energy Vehicle Town, is a standout example.",
    ),
    "wly_jinfei": Quote(
        JDZ_2023,
        "Companies like Wanliyang (WLY) and Jinfei have seamlessly integrated into the global "
        "automotive supply chain, expanding strategically from producing car parts to "
        "manufacturing entire vehicles.",
    ),
    "jinyi_established": Quote(
        JINHUA_2022,
        "With the expansion of the core area of the metropolitan area, the Jinyi New District "
        "was approved for establishment",
    ),
    "jinyi_ftz": Quote(
        JINHUA_2022,
        "In 2021, the import and export volume of the Jinyi Pilot FTZ reached 160.86 billion "
        "RMB, an increase of 39.9% year on year.",
    ),
    "nwtn": Quote(
        JINYI_2022,
        # The document has a no-break space after "Limited's".
        "ICONIQ Holding Limited's\u00a0(NWTN) new energy vehicle core components project is "
        "the first super factory built by NWTN in China, and it is also the first high-end "
        "manufacturing project in the Jinyi New District with an investment of 10 billion RMB.",
    ),
    "nwtn_meeting": Quote(
        JINYI_2022,
        "On the afternoon of October 27, a meeting to coordinate and promote NWTN’s project "
        "was successfully held.",
    ),
    "nwtn_group": Quote(
        JINYI_2022,
        "Relevant district leaders serve as team leaders, and 13 departments including the "
        "District Development and Reform Bureau, the District Investment Promotion Center, and "
        "the District Investment Promotion Service Company will serve as member units to "
        "provide regular services to the project.",
    ),
    "nwtn_weekly": Quote(
        JINYI_2022,
        "The members of the working group can exchange relevant information at any time in "
        "the working group, hold regular meetings each week, and efficiently complete the work.",
    ),
    "zq_2023": Quote(
        ZHAOQING_2023,
        "Since the beginning of this year, the city has introduced 310 manufacturing projects "
        "with a planned investment of 68.9 billion yuan, including 20 projects with an "
        "investment exceeding 1 billion yuan; 116, 110 and 91 new projects have been started, "
        "completed and put into production respectively, promoting projects The actual "
        "investment in construction was 31.66 billion yuan;",
    ),
    "zq_targets": Quote(
        ZHAOQING_2023,
        "ensuring that the total planned investment in newly introduced manufacturing projects "
        "within the year exceeds 70 billion yuan, and strives to complete the actual "
        "investment amount of 55 billion yuan.",
    ),
    "zq_cluster_area": Quote(
        ZHAOQING_2023,
        "the Zhaoqing agglomeration area has an area of approximately 992 square kilometers of "
        "industrial land that can be developed contiguously on a large scale",
    ),
    "zq_starting_area": Quote(
        ZHAOQING_2023,
        "From January to September this year, a total of 71 projects were introduced in the "
        "municipal management starting area of Zhaoqing agglomeration area, with a total "
        "planned investment of 30.31 billion yuan, and projects worth 100 million yuan or more "
        "were introduced in an average of 3.8 days.",
    ),
    "zq_xpeng": Quote(
        ZHAOQING_2023,
        "In 2017, Xpeng Motors, a representative of new car manufacturing forces, settled in "
        'Zhaoqing, and Zhaoqing achieved a "zero breakthrough" among new energy vehicle '
        "manufacturing companies.",
    ),
    "zq_catl": Quote(
        ZHAOQING_2023,
        "In 2021, Zhaoqing introduced CATL, which ranks first in power battery sales in the "
        "world, and its Zhaoqing base went into production the following year, becoming the "
        "largest lithium battery manufacturing base in South China.",
    ),
    "zq_catl_agreement": Quote(
        ZHAOQING_2023,
        "On October 9, CATL New Energy Technology Co., Ltd. (hereinafter referred to as "
        '"CATL") signed a comprehensive cooperation agreement with the Zhaoqing Municipal '
        "People's Government.",
    ),
    "ls_kolen_signed": Quote(
        LISHUI_2024,
        "Recognizing the ecological environment, industrial development, and business "
        "environment in Longquan, Kolen Pharmaceuticals and Longquan once again joined hands "
        "in July this year.",
    ),
    "ls_kolen": Quote(
        LISHUI_2024,
        "The total investment of 2 billion RMB in Kolen Pharmaceuticals' high-end preparation "
        "and health food project officially settled in Longquan.",
    ),
    "ls_guojing": Quote(
        LISHUI_2024,
        "In 2010, Sichuan Kolen Pharmaceuticals restructured and acquired Zhejiang Guojing "
        "Pharmaceuticals Co., Ltd. in Longquan.",
    ),
    "ls_baiqiao_plan": Quote(
        LISHUI_2024,
        'In 2023, Liantou District formulated the "Beautiful and Healthy Industry Chain Upgrade '
        'Plan 2.0" and established a leading area for the beautiful and healthy industry in '
        'the "Sanjiangkou" Baiqiao Block, focusing on exploring regional development directions.',
    ),
    "ls_baiqiao": Quote(
        LISHUI_2024,
        "This initiative has already attracted two projects with investments exceeding one "
        "billion RMB, totaling 2.95 billion RMB.",
    ),
    "ls_dongyi": Quote(
        LISHUI_2024,
        "One of the standout products being shipped is a newly developed fireproof vacuum "
        "cleaner, the result of indigenous innovation by Zhejiang Dongyi Magnetic Industry "
        "Co., Ltd.",
    ),
    "ls_dalezhihang": Quote(
        LISHUI_2024,
        "said Wang Yiming, Chairman of Dalezhihang (Zhejiang) Technology Co., Ltd., a local "
        "smart transportation software enterprise.",
    ),
}


def cite(key: str) -> str:
    """The ``source`` text of a record: document id, title, date and the quoted sentence."""
    quote = QUOTES[key]
    document = quote.document
    published = document.published.isoformat() if document.published else "undated"
    return f"{document.id} «{document.title}» ({published}): “{quote.text}”"


def generated_to_match(key: str, what: str) -> str:
    """The ``source`` of a generated record: which published figure it was generated to match."""
    return f"Generated to match a published total ({what}). {cite(key)}"
