"""The catalogue of metrics the extractor recognises, with labels and the words that name them.

Each metric has a key (stable, used in the series and the gold), a Chinese and an English label,
and the surface words of official Chinese and of official English translations. Words are
literal; the regex built from them tries the longest first, so "单位国内生产总值能耗" is energy
intensity, not GDP, and "服务业增加值比重" is a share, not value added.

``RATE_METRICS`` are measured in percent: for them "5.2%" is a level ("unemployment rate 5.2%").
For every other metric a bare percentage is a change ("财政收入增长10.1%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    zh: str
    en: str
    words: tuple[str, ...]


def _m(key: str, zh: str, en: str, *words: str) -> Metric:
    return Metric(key, zh, en, words)


# fmt: off
CATALOGUE: tuple[Metric, ...] = (
    _m(
        "gdp",
        "地区生产总值",
        "GDP",
        "国内生产总值",
        "地区生产总值",
        "生产总值",
        "GDP",
        "gross domestic product",
        "经济总量",
    ),
    _m(
        "industrial_value_added",
        "规模以上工业增加值",
        "Industrial value added",
        "规模以上工业增加值",
        "规上工业增加值",
        "工业增加值",
        "industrial value added",
        "added value of industrial products",
        "industrial added value",
    ),
    _m("agriculture_value_added", "农业增加值", "Agricultural value added", "农业增加值"),
    _m("transport_value_added", "交通运输业增加值", "Transport value added", "交通运输业增加值"),
    _m(
        "high_tech_manufacturing_value_added",
        "高技术制造业增加值",
        "High-tech manufacturing value added",
        "高技术制造业增加值",
    ),
    _m(
        "import_export",
        "进出口总额",
        "Import and export",
        "进出口总额",
        "进出口贸易总额",
        "货物进出口总额",
        "外贸进出口",
        "进出口",
        "import and export volume",
        "import and export trade volume",
        "imports and exports",
        "total trade",
    ),
    _m("export", "出口额", "Exports", "出口总额", "出口额", "export volume", "exports"),
    _m(
        "foreign_capital_used",
        "实际使用外资",
        "Foreign capital actually used",
        "实际使用外资",
        "实际利用外资",
        "实际利用外商直接投资",
        "实际使用外商直接投资",
        "外商直接投资",
        "actual use of foreign capital",
        "foreign capital actually used",
        "actually utilized foreign capital",
        "foreign direct investment",
    ),
    _m(
        "new_market_entities",
        "新登记市场主体",
        "New market entities",
        "新增市场主体",
        "新登记市场主体",
        "新设立市场主体",
        "newly registered business entities",
        "newly registered market entities",
        "new market entities",
        "new business entities",
    ),
    _m(
        "market_entities",
        "市场主体总量",
        "Market entities",
        "市场主体总量",
        "市场主体",
        "market entities",
    ),
    _m(
        "new_enterprises",
        "新登记企业",
        "Newly registered companies",
        "新登记企业",
        "新注册企业",
        "newly registered companies",
        "newly registered enterprises",
        "new companies",
    ),
    _m(
        "new_enterprises_daily",
        "日均新设企业",
        "New companies per day",
        "日均新设企业",
        "平均每天新增",
    ),
    _m(
        "projects_signed",
        "签约项目",
        "Projects signed",
        "签约项目",
        "signed agreements for",
        "signed contracts for",
        "projects signed",
    ),
    _m(
        "projects_introduced",
        "引进项目",
        "Projects introduced",
        "引进项目",
        "新引进项目",
        "引进",
        "introduced",
        "attracted",
        "attracted and implemented",
    ),
    _m(
        "projects_started",
        "新开工项目",
        "Projects started",
        "新开工项目",
        "开工项目",
        "projects started",
    ),
    _m("projects_completed", "竣工项目", "Projects completed", "竣工项目", "projects completed"),
    _m(
        "projects_in_production",
        "投产项目",
        "Projects in production",
        "投产项目",
        "projects put into production",
    ),
    _m("projects", "项目数", "Projects", "项目数"),
    _m(
        "planned_investment",
        "计划投资",
        "Planned investment",
        "计划总投资",
        "计划投资",
        "planned investment",
        "total planned investment",
        "planned total investment",
    ),
    _m(
        "actual_investment",
        "实际投资",
        "Actual investment",
        "完成投资",
        "实际完成投资",
        "actual investment",
        "actual investment amount",
        "completed investment",
    ),
    _m(
        "total_investment",
        "总投资",
        "Total investment",
        "总投资",
        "投资总额",
        "total investment",
        "investment of",
        "investments totaling",
        "investments exceeding",
        "totaling",
    ),
    _m(
        "infrastructure_investment",
        "基础设施投资",
        "Infrastructure investment",
        "基础设施投资",
        "infrastructure",
    ),
    _m(
        "tech_transformation_investment",
        "技术改造投资",
        "Investment in technological transformation",
        "技术改造投资",
        "技改投资",
        "工业技改投资",
        "investment in industrial technological transformation",
        "investment in technological transformation",
    ),
    _m(
        "fixed_asset_investment",
        "固定资产投资",
        "Fixed asset investment",
        "全社会固定资产投资",
        "固定资产投资",
        "fixed asset investment",
        "fixed-asset investment",
        "investment in fixed assets",
    ),
    _m("vehicles_delivered", "交付量", "Vehicles delivered", "交付", "交付量", "delivered"),
    _m("vehicle_sales", "汽车销量", "Vehicle sales", "汽车销售", "汽车销量", "vehicle sales"),
    _m("vehicle_output", "汽车产量", "Vehicle output", "汽车产量", "producing"),
    _m(
        "revenue",
        "营业收入",
        "Revenue",
        "营业收入",
        "营收",
        "主营业务收入",
        "revenue",
        "sales revenue",
        "operating revenue",
    ),
    _m(
        "output_value",
        "产值",
        "Output value",
        "工业总产值",
        "总产值",
        "产值",
        "output value",
        "production value",
        "industrial output value",
        "total output value",
        "total industrial output value",
    ),
    _m(
        "population",
        "人口",
        "Population",
        "常住人口",
        "户籍人口",
        "人口",
        "population",
        "residents",
    ),
    _m("tenants", "租户", "Tenants", "租户", "tenants"),
    _m("jobs", "就业岗位", "Jobs", "就业岗位", "jobs"),
    _m(
        "new_urban_jobs",
        "城镇新增就业",
        "New urban jobs",
        "城镇新增就业",
        "新增就业",
        "new urban jobs",
    ),
    _m(
        "unemployment_rate",
        "城镇调查失业率",
        "Surveyed urban unemployment rate",
        "城镇调查失业率",
        "调查失业率",
        "surveyed unemployment rate",
        "unemployment rate",
    ),
    _m(
        "registered_unemployment_rate",
        "城镇登记失业率",
        "Registered urban unemployment rate",
        "城镇登记失业率",
        "登记失业率",
    ),
    _m("occupancy_rate", "出租率", "Occupancy rate", "出租率", "入住率", "occupancy rate"),
    _m(
        "share",
        "占比",
        "Share",
        "占比",
        "比重",
        "所占比重",
        "占全球比重",
        "market share",
        "accounts for",
        "contributes",
        "share of",
    ),
    _m(
        "services_share",
        "服务业增加值比重",
        "Services share of GDP",
        "服务业增加值比重",
        "服务业增加值占国内生产总值比重",
        "第三产业增加值比重",
    ),
    _m(
        "services_contribution_rate",
        "服务业贡献率",
        "Services contribution to growth",
        "服务业对经济增长贡献率",
        "服务业贡献率",
    ),
    _m(
        "urbanization_rate",
        "城镇化率",
        "Urbanisation rate",
        "常住人口城镇化率",
        "城镇化率",
        "urbanization rate",
        "urbanisation rate",
        "urbanization rate of the permanent population",
    ),
    _m("vaccination_rate", "疫苗接种率", "Vaccination rate", "疫苗全程接种覆盖率", "接种率"),
    _m("deficit_rate", "赤字率", "Deficit ratio", "赤字率"),
    _m(
        "cpi",
        "居民消费价格",
        "Consumer prices",
        "居民消费价格涨幅",
        "居民消费价格",
        "消费价格",
        "consumer prices",
        "consumer price index",
        "CPI",
    ),
    _m(
        "fiscal_revenue", "财政收入", "Fiscal revenue", "全国财政收入", "财政收入", "fiscal revenue"
    ),
    _m(
        "public_budget_revenue",
        "一般公共预算收入",
        "Public budget revenue",
        "一般公共预算收入",
        "公共预算收入",
        "public budget revenue",
        "general public budget revenue",
    ),
    _m(
        "retail_sales",
        "社会消费品零售总额",
        "Retail sales of consumer goods",
        "社会消费品零售总额",
        "社会商品零售总额",
        "retail sales",
    ),
    _m("grain_output", "粮食产量", "Grain output", "粮食总产量", "粮食产量", "grain output"),
    _m(
        "disposable_income",
        "居民人均可支配收入",
        "Per capita disposable income",
        "居民人均可支配收入",
        "全国居民人均可支配收入",
        "per capita disposable income",
    ),
    _m(
        "urban_disposable_income",
        "城镇居民人均可支配收入",
        "Urban per capita disposable income",
        "城镇居民人均可支配收入",
        "城镇居民人均生活费收入",
    ),
    _m(
        "rural_net_income",
        "农村居民人均纯收入",
        "Rural per capita net income",
        "农村居民人均纯收入",
    ),
    _m("rural_income", "农村居民收入", "Rural income", "农村居民收入", "农村居民人均可支配收入"),
    _m(
        "energy_intensity",
        "单位GDP能耗",
        "Energy use per unit of GDP",
        "单位国内生产总值能耗",
        "单位GDP能耗",
        "能源消耗强度",
        "能耗强度",
    ),
    _m(
        "tech_contract_turnover", "技术合同成交额", "Technology contract turnover", "技术合同成交额"
    ),
    _m(
        "industrial_profits",
        "规模以上工业企业利润",
        "Industrial profits",
        "规模以上工业企业利润",
        "工业企业利润",
    ),
    _m(
        "rd_spending",
        "研发经费",
        "R&D spending",
        "企业研发经费",
        "研发经费",
        "研发投入",
        "R&D spending",
    ),
    _m(
        "electricity_consumption",
        "全社会用电量",
        "Electricity consumption",
        "全社会用电量",
        "用电量",
    ),
    _m("freight_volume", "货运量", "Freight volume", "货运量"),
    _m(
        "rural_poverty_reduction",
        "农村贫困人口减少",
        "Fewer rural poor",
        "农村贫困人口减少",
        "贫困人口减少",
    ),
    _m("poverty_relocation", "易地扶贫搬迁", "Poverty relocation", "易地扶贫搬迁"),
    _m("students_aided", "资助学生", "Students aided", "资助各类学校家庭困难学生", "家庭困难学生"),
    _m(
        "shantytown_renovation",
        "棚户区改造",
        "Shantytown housing renovated",
        "棚户区住房改造",
        "棚户区改造",
    ),
    _m(
        "rural_housing_renovation",
        "农村危房改造",
        "Dilapidated rural houses renovated",
        "农村危房改造",
    ),
    _m(
        "old_communities_renovated",
        "老旧小区改造",
        "Old urban communities renovated",
        "改造城镇老旧小区",
        "老旧小区改造",
    ),
    _m("beneficiaries", "受益人数", "Beneficiaries", "受益", "惠及"),
    _m(
        "pm25_concentration",
        "细颗粒物浓度",
        "PM2.5 concentration",
        "平均浓度",
        "细颗粒物浓度",
        "PM2.5浓度",
    ),
    _m(
        "commercial_housing_sales",
        "商品房销售",
        "Commercial housing sales",
        "商品房销售面积",
        "商品房销售",
    ),
    _m(
        "agriculture_spending",
        "三农支出",
        "Spending on agriculture",
        "中央财政用于“三农”的支出",
        "用于“三农”的支出",
        "“三农”的支出",
    ),
    _m("tax_and_fee_cuts", "减税降费", "Tax and fee cuts", "减负", "减税降费"),
    _m("social_security_fee_cuts", "减免社保费", "Social insurance fees waived", "减免社保费"),
    _m("central_funds_direct", "直达资金", "Central funds paid directly", "中央财政资金"),
    _m(
        "small_business_loans",
        "普惠小微企业贷款",
        "Inclusive small business loans",
        "普惠小微企业贷款",
    ),
    _m("financial_concessions", "金融让利", "Financial concessions", "让利"),
    _m(
        "social_assistance_recipients",
        "新纳入低保特困人数",
        "New social assistance recipients",
        "新纳入低保、特困供养",
        "新纳入低保",
    ),
    _m("temporary_assistance", "临时救助", "Temporary assistance", "临时救助"),
    _m(
        "new_power_capacity",
        "新增发电装机",
        "New generating capacity",
        "新增发电装机",
        "发电机组容量",
        "新增装机",
    ),
    _m("new_railway", "新建铁路", "New railway", "铁路新线和复线", "铁路新线", "新建铁路"),
    _m(
        "new_highway",
        "新建公路",
        "New highway",
        "高等级公路",
        "高速公路新建通车",
        "新增公路通车里程",
    ),
    _m("new_port_capacity", "港口吞吐能力", "New port capacity", "港口吞吐能力"),
    _m("new_telephone_exchange_lines", "电话交换机", "New telephone exchange lines", "电话交换机"),
    _m("floor_area", "面积", "Floor area", "spans", "建筑面积", "floor area"),
    _m("land_area", "面积", "Land area", "an area of", "面积", "land area", "industrial land",
       "项目用地", "用地面积"),
    _m("land_supplied", "供地", "Land supplied", "新增供地", "供地", "供应土地", "出让土地",
       "land supplied"),
    _m("land_acquired", "征地", "Land acquired", "land acquisition of", "征地", "征收土地"),
    _m("land_reserve", "储备用地", "Land reserve", "cooked land", "储备用地", "熟地"),
)

# fmt: on

METRICS: dict[str, Metric] = {m.key: m for m in CATALOGUE}
RATE_METRICS = frozenset(
    {
        "unemployment_rate",
        "registered_unemployment_rate",
        "occupancy_rate",
        "share",
        "services_share",
        "services_contribution_rate",
        "urbanization_rate",
        "vaccination_rate",
        "deficit_rate",
    }
)
# Metrics whose words only count things; a figure of money or area is not one of them.
COUNT_METRICS = frozenset(
    {
        "new_market_entities", "market_entities", "new_enterprises", "new_enterprises_daily",
        "projects_signed", "projects_introduced", "projects_started", "projects_completed",
        "projects_in_production", "projects", "vehicles_delivered", "vehicle_sales",
        "vehicle_output", "population", "tenants", "jobs", "new_urban_jobs",
        "rural_poverty_reduction", "poverty_relocation", "students_aided",
        "shantytown_renovation", "rural_housing_renovation", "old_communities_renovated",
        "beneficiaries", "social_assistance_recipients", "temporary_assistance",
    }
)  # fmt: skip
MONEY_METRICS = frozenset(
    {
        "planned_investment", "actual_investment", "total_investment",
        "infrastructure_investment", "tech_transformation_investment", "revenue",
        "output_value", "agriculture_spending", "tax_and_fee_cuts", "social_security_fee_cuts",
        "central_funds_direct", "financial_concessions",
    }
)  # fmt: skip
AREA_METRICS = frozenset(
    {"floor_area", "land_area", "land_acquired", "land_reserve", "land_supplied"}
)

_WORD_TO_METRIC: dict[str, str] = {}
for _metric in CATALOGUE:
    for _word in _metric.words:
        _WORD_TO_METRIC.setdefault(_word.lower(), _metric.key)


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    parts = []
    for word in ordered:
        escaped = re.escape(word)
        if word[0].isascii() and word[0].isalnum():
            escaped = r"(?<![A-Za-z])" + escaped
        if word[-1].isascii() and word[-1].isalnum():
            escaped += r"(?![A-Za-z])"
        parts.append(escaped)
    return "|".join(parts)


def _first_characters(words: list[str]) -> str:
    chars = {c for w in words for c in (w[0].lower(), w[0].upper())}
    return "".join(sorted(re.escape(c) for c in chars))


# The lookahead skips, in one test, every position where no metric word can start.
METRIC_RE = re.compile(
    f"(?=[{_first_characters(list(_WORD_TO_METRIC))}])(?:{_alternation(list(_WORD_TO_METRIC))})",
    re.IGNORECASE,
)


def metric_for(word: str) -> str:
    """The metric key a matched word names."""
    return _WORD_TO_METRIC[word.lower()]


# Things counted in English texts ("50 companies"), as a Chinese reader names their number.
COUNT_NOUNS_ZH = {
    "seats": "座位数", "books": "图书（册）", "trains": "列车（列）", "lines": "线路数",
    "routes": "线路数", "countries": "国家数", "cities": "城市数", "companies": "企业数",
    "enterprises": "企业数", "firms": "企业数", "vehicles": "车辆数", "people": "人数",
    "villages": "村数", "households": "户数", "parks": "园区数", "tenants": "租户数",
    "residents": "居民数", "stores": "门店数", "flights": "航班数", "platforms": "平台数",
    "jobs": "岗位数", "units": "个数", "items": "项数", "schools": "学校数",
    "hospitals": "医院数", "users": "用户数", "visitors": "游客数", "tourists": "游客数",
}  # fmt: skip


# Segments an English text names after a rate ("24.5% in manufacturing").
SEGMENTS_ZH = {
    "manufacturing": "制造业", "equipment manufacturing": "装备制造业",
    "high-tech industries": "高新技术产业", "high-tech manufacturing": "高技术制造业",
    "strategic emerging industries": "战略性新兴产业", "services": "服务业",
    "agriculture": "农业", "industry": "工业",
}  # fmt: skip


def label(key: str, language: str = "en") -> str:
    """A person's name for a metric key ("gdp" → "GDP" / "地区生产总值"; "count:cities" →
    "number of cities" / "城市数")."""
    metric = METRICS.get(key)
    if metric is not None:
        return metric.zh if language.startswith("zh") else metric.en
    whole, _sep, segment = key.partition(":")
    if whole in METRICS and segment:  # industrial_value_added:manufacturing
        part = segment.replace("_", " ")
        if language.startswith("zh"):
            return f"{METRICS[whole].zh}（{SEGMENTS_ZH.get(part, part)}）"
        return f"{METRICS[whole].en} ({part})"
    noun = key.removeprefix("count:").replace("_", " ")
    if not key.startswith("count:"):
        return noun
    if language.startswith("zh"):
        return COUNT_NOUNS_ZH.get(noun, f"数量（{noun}）")
    return f"number of {noun}"
