"""The demo chains: Zhaoqing's new-energy vehicles and Lishui's semiconductors.

The links are the ones the seed documents name. Zhaoqing: "an industrial ecology covering
complete vehicles, including batteries, motors, electronic controls, wires, tires, chassis,
central control, sensing, lighting", led by CATL (batteries, its Zhaoqing base; registered in
Ningde) and Xpeng (complete vehicles). Lishui: "a semiconductor industrial chain led by
integrated circuit materials and power devices".

Enterprises are real listed companies under their public legal names and stock codes; which
link each is attached to is illustrative (their main business), not a claim about contracts.
The Lishui document names no local semiconductor firm, so that chain ships with candidates
elsewhere only: every Lishui link starts as a gap until staff attach the local firms.
Registered capital is left empty rather than guessed. Loading is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from devzone.chains import interchange
from devzone.chains.choices import LinkPosition as P
from devzone.chains.choices import LinkSource
from devzone.chains.models import Chain

ZHAOQING = "441200"
LISHUI = "331100"


@dataclass(frozen=True)
class Firm:
    legal_name: str
    short_name: str
    region: str | None
    listed_code: str = ""


FIRMS = {
    "catl": Firm("宁德时代新能源科技股份有限公司", "宁德时代", "350900", "300750"),
    "xpeng": Firm("肇庆小鹏汽车有限公司", "小鹏汽车", ZHAOQING),
    "leapmotor": Firm("浙江零跑科技股份有限公司", "零跑汽车", "330100", "09863.HK"),
    "eve": Firm("惠州亿纬锂能股份有限公司", "亿纬锂能", "441300", "300014"),
    "fenghua": Firm("广东风华高新科技股份有限公司", "风华高科", ZHAOQING, "000636"),
    "hongtu": Firm("广东鸿图科技股份有限公司", "鸿图科技", ZHAOQING, "002101"),
    "huafeng": Firm("广东华锋新能源科技股份有限公司", "华锋股份", ZHAOQING, "002806"),
    "sihui_fushi": Firm("四会富仕电子科技股份有限公司", "四会富仕", ZHAOQING, "300852"),
    "desay_sv": Firm("惠州市德赛西威汽车电子股份有限公司", "德赛西威", "441300", "002920"),
    "wolong": Firm("卧龙电气驱动集团股份有限公司", "卧龙电驱", "330600", "600580"),
    "fangzheng": Firm("浙江方正电机股份有限公司", "方正电机", LISHUI, "002196"),
    "huguang": Firm("昆山沪光汽车电器股份有限公司", "沪光股份", "320500", "605333"),
    "sailun": Firm("赛轮集团股份有限公司", "赛轮轮胎", "370200", "601058"),
    "linglong": Firm("山东玲珑轮胎股份有限公司", "玲珑轮胎", "370600", "601966"),
    "xingyu": Firm("常州星宇车灯股份有限公司", "星宇股份", "320400", "601799"),
    "baolong": Firm("上海保隆汽车科技股份有限公司", "保隆科技", "310000", "603197"),
    "nsig": Firm("上海硅产业集团股份有限公司", "沪硅产业", "310000", "688126"),
    "anji": Firm("安集微电子科技(上海)股份有限公司", "安集科技", "310000", "688019"),
    "jinhong": Firm("苏州金宏气体股份有限公司", "金宏气体", "320500", "688106"),
    "starpower": Firm("嘉兴斯达半导体股份有限公司", "斯达半导", "330400", "603290"),
    "silan": Firm("杭州士兰微电子股份有限公司", "士兰微", "330100", "600460"),
    "yangjie": Firm("扬州扬杰电子科技股份有限公司", "扬杰科技", "321000", "300373"),
    "jcet": Firm("江苏长电科技股份有限公司", "长电科技", "320200", "600584"),
}

NEV_LINKS = [
    ("电芯", "Battery cells", P.UPSTREAM, ["C3841"], ["电芯", "锂电池电芯"]),
    ("动力电池", "Power batteries", P.MIDSTREAM, ["C3841"], ["动力电池", "锂电池"]),
    ("电机", "Motors", P.MIDSTREAM, ["C3812"], ["驱动电机", "电动机"]),
    ("电控", "Electronic controls", P.MIDSTREAM, ["C3824"], ["电机控制器", "电控"]),
    ("线束", "Wire harnesses", P.UPSTREAM, ["C3670"], ["线束", "汽车线束"]),
    ("轮胎", "Tires", P.UPSTREAM, ["C2911"], ["轮胎"]),
    ("底盘", "Chassis", P.MIDSTREAM, ["C3670"], ["底盘", "压铸件"]),
    ("中控", "Central control", P.MIDSTREAM, ["C3670"], ["中控", "车载信息娱乐"]),
    ("传感", "Sensing", P.UPSTREAM, ["C3983"], ["传感器", "胎压监测"]),
    ("车灯", "Lighting", P.UPSTREAM, ["C3670"], ["车灯"]),
    ("整车", "Complete vehicles", P.DOWNSTREAM, ["C3612"], ["新能源汽车", "整车"]),
]
NEV_EDGES = [
    ("电芯", "动力电池"), ("动力电池", "整车"), ("电机", "整车"), ("电控", "电机"),
    ("电控", "整车"), ("线束", "整车"), ("线束", "动力电池"), ("轮胎", "底盘"),
    ("底盘", "整车"), ("传感", "中控"), ("传感", "电控"), ("中控", "整车"), ("车灯", "整车"),
]  # fmt: skip
NEV_FIRMS = [
    ("catl", "动力电池", "动力电池系统（肇庆基地）", True, ZHAOQING),
    ("catl", "电芯", "锂离子电芯（肇庆基地）", False, ZHAOQING),
    ("xpeng", "整车", "智能电动汽车", True, None),
    ("leapmotor", "整车", "新能源汽车", True, None),
    ("eve", "动力电池", "锂离子动力电池", False, None),
    ("eve", "电芯", "锂原电池与电芯", False, None),
    ("huafeng", "电控", "电机控制器", False, None),
    ("fenghua", "电控", "片式电容、电阻", False, None),
    ("hongtu", "底盘", "铝合金压铸底盘件", False, None),
    ("sihui_fushi", "中控", "印制电路板", False, None),
    ("desay_sv", "中控", "智能座舱、车载信息娱乐系统", False, None),
    ("desay_sv", "传感", "驾驶辅助传感器", False, None),
    ("wolong", "电机", "新能源汽车驱动电机", False, None),
    ("fangzheng", "电机", "新能源汽车驱动电机", False, None),
    ("huguang", "线束", "汽车线束", False, None),
    ("sailun", "轮胎", "乘用车轮胎", False, None),
    ("linglong", "轮胎", "乘用车轮胎", False, None),
    ("xingyu", "车灯", "汽车车灯", False, None),
    ("baolong", "传感", "胎压监测与汽车传感器", False, None),
]

SEMI_LINKS = [
    ("硅片", "Silicon wafers", P.UPSTREAM, ["C3985"], ["硅片", "大硅片"]),
    ("集成电路材料", "IC materials", P.UPSTREAM, ["C3985"], ["抛光液", "电子特气", "靶材"]),
    ("晶圆制造", "Wafer fabrication", P.MIDSTREAM, ["C3973"], ["晶圆", "芯片制造"]),
    ("功率器件", "Power devices", P.MIDSTREAM, ["C3972"], ["IGBT", "MOSFET", "功率模块"]),
    ("封装测试", "Packaging and testing", P.MIDSTREAM, ["C3973"], ["封装", "测试"]),
    ("新能源汽车与光伏应用", "EV and PV applications", P.DOWNSTREAM, [], ["逆变器", "电驱"]),
]
SEMI_EDGES = [
    ("硅片", "晶圆制造"), ("集成电路材料", "晶圆制造"), ("晶圆制造", "功率器件"),
    ("晶圆制造", "封装测试"), ("功率器件", "封装测试"), ("封装测试", "新能源汽车与光伏应用"),
]  # fmt: skip
SEMI_FIRMS = [
    ("nsig", "硅片", "300mm 半导体硅片", False, None),
    ("anji", "集成电路材料", "化学机械抛光液", False, None),
    ("jinhong", "集成电路材料", "电子特种气体", False, None),
    ("silan", "晶圆制造", "集成电路与分立器件芯片", False, None),
    ("silan", "功率器件", "IGBT、MOSFET", False, None),
    ("starpower", "功率器件", "IGBT 模块", True, None),
    ("yangjie", "功率器件", "功率二极管、MOSFET", False, None),
    ("jcet", "封装测试", "集成电路封装测试", True, None),
    ("fangzheng", "新能源汽车与光伏应用", "新能源汽车驱动电机", False, None),
]

CHAINS = [
    (
        "新能源汽车产业链（肇庆）",
        "New-energy vehicle chain (Zhaoqing)",
        ZHAOQING,
        "肇庆“两新一电”主导产业：整车与动力电池两大链主带动，覆盖电池、电机、电控、线束、"
        "轮胎、底盘、中控、传感、车灯等关键零部件。",
        NEV_LINKS,
        NEV_EDGES,
        NEV_FIRMS,
    ),
    (
        "半导体产业链（丽水）",
        "Semiconductor chain (Lishui)",
        LISHUI,
        "丽水以集成电路材料和功率器件为主导打造的半导体产业链。",
        SEMI_LINKS,
        SEMI_EDGES,
        SEMI_FIRMS,
    ),
]


def _document(chain: tuple, known_regions: set[str]) -> dict:
    name, name_en, region, description, links, edges, firms = chain

    def region_or_none(code: str | None) -> str | None:
        return code if code in known_regions else None

    return {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "chain": {
            "name": name,
            "name_en": name_en,
            "region": region_or_none(region),
            "description": description,
        },
        "links": [
            {"name": n, "name_en": en, "position": p, "industry_codes": c, "keywords": k}
            for n, en, p, c, k in links
        ],
        "edges": [{"supplier": s, "consumer": c} for s, c in edges],
        "enterprises": [
            {
                "link": link,
                "legal_name": FIRMS[key].legal_name,
                "short_name": FIRMS[key].short_name,
                "region": region_or_none(FIRMS[key].region),
                "listed_code": FIRMS[key].listed_code,
                "products": products,
                "is_chain_leader": leader,
                "site": region_or_none(site),
            }
            for key, link, products, leader, site in firms
        ],
    }


@transaction.atomic
def load_demo_chains() -> list[Chain]:
    """Create or refresh the two demo chains; running it twice changes nothing."""
    from devzone.regions.models import Region

    wanted = {firm.region for firm in FIRMS.values() if firm.region} | {ZHAOQING, LISHUI}
    known = set(Region.objects.filter(code__in=wanted).values_list("code", flat=True))
    return [
        interchange.import_chain(_document(chain, known), actor=None, source=LinkSource.DEMO)
        for chain in CHAINS
    ]
