"""English names of cities and counties: their Chinese names in Hanyu Pinyin.

China writes its place names in English in pinyin without tones (GB/T 16159; 肇庆市 →
Zhaoqing, 德清县 → Deqing County), its administrative words translated (区 District, 县
County, 旗 Banner, 盟 League, 地区 Prefecture, 自治州 Autonomous Prefecture, with the peoples
named: 延边朝鲜族自治州 → Yanbian Korean Autonomous Prefecture). A syllable opening with a, o
or e after another takes an apostrophe (西安 Xi'an). Places whose English name is not their
pinyin (呼和浩特 Hohhot, 乌鲁木齐 Urumqi, 日喀则 Shigatse) and readings the dictionary gets
wrong for a place (长治 Changzhi, 单县 Shan County) are listed below. The reference data has no
English names for them; a name typed by a person is never replaced.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Chinese suffix → English word, longest first; a prefecture-level or county-level city (市)
# is its name alone, as the State Council writes them.
_SUFFIXES = (
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("新区", "New Area"),
    ("特区", "Special District"),
    ("地区", "Prefecture"),
    ("盟", "League"),
    ("市", ""),
    ("县", "County"),
    ("区", "District"),
    ("左旗", "Left Banner"),
    ("右旗", "Right Banner"),
    ("前旗", "Front Banner"),
    ("后旗", "Rear Banner"),
    ("中旗", "Middle Banner"),
    ("旗", "Banner"),
)
_FORESTRY = {"神农架林区": "Shennongjia Forestry District"}

# The peoples named in autonomous areas (with and without 族, as the names write them).
_PEOPLES = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao",
    "彝": "Yi", "壮": "Zhuang", "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu",
    "侗": "Dong", "瑶": "Yao", "白": "Bai", "土家": "Tujia", "哈尼": "Hani",
    "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She",
    "拉祜": "Lahu", "水": "Shui", "东乡": "Dongxiang", "纳西": "Naxi", "景颇": "Jingpo",
    "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur", "仫佬": "Mulao", "羌": "Qiang",
    "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan", "仡佬": "Gelao", "锡伯": "Xibe",
    "阿昌": "Achang", "普米": "Pumi", "塔吉克": "Tajik", "怒": "Nu", "鄂温克": "Ewenki",
    "德昂": "De'ang", "保安": "Bonan", "裕固": "Yugur", "京": "Gin", "独龙": "Derung",
    "鄂伦春": "Oroqen", "各": "Various Nationalities",
}  # fmt: skip

_PEOPLES_LONGEST_FIRST = sorted(_PEOPLES, key=len, reverse=True)
_PEOPLE_NAMES = frozenset(_PEOPLES.values())
# Characters read one way in place names: 长 is chang (长沙, 长阳, 长白), 都 is du (都江堰, 都安),
# 朝 is chao (朝阳), 蚌 is beng (蚌埠), 曾 is zeng (曾都), 漯 is luo (漯河), 珲 is hun (珲春).
_PLACE_READINGS = {
    "长": "chang", "都": "du", "朝": "chao", "蚌": "beng", "曾": "zeng", "漯": "luo",
    "珲": "hun", "涡": "guo", "筠": "jun", "莎": "sha",
}  # fmt: skip

# Names whose English form is not their pinyin, or whose pinyin the dictionary reads wrong.
_NAMES = {
    "呼和浩特": "Hohhot", "鄂尔多斯": "Ordos", "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab", "锡林郭勒": "Xilingol", "阿拉善": "Alxa", "兴安": "Hinggan",
    "乌鲁木齐": "Urumqi", "克拉玛依": "Karamay", "吐鲁番": "Turpan", "哈密": "Hami",
    "博尔塔拉": "Bortala", "巴音郭楞": "Bayingolin", "阿克苏": "Aksu", "克孜勒苏": "Kizilsu",
    "喀什": "Kashgar", "和田": "Hotan", "伊犁": "Ili", "塔城": "Tacheng", "阿勒泰": "Altay",
    "拉萨": "Lhasa", "日喀则": "Shigatse", "昌都": "Qamdo", "林芝": "Nyingchi",
    "那曲": "Nagqu", "阿里": "Ngari", "大兴安岭": "Da Hinggan Ling", "长治": "Changzhi",
    "单": "Shan", "长子": "Zhangzi", "乐亭": "Laoting", "蔚": "Yu", "六安": "Lu'an",
    "重庆": "Chongqing", "厦门": "Xiamen", "番禺": "Panyu", "铅山": "Yanshan",
    "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar", "洪洞": "Hongtong", "浚": "Xun",
    "二连浩特": "Erenhot", "锡林浩特": "Xilinhot", "乌兰浩特": "Ulanhot", "海拉尔": "Hailar",
    "库尔勒": "Korla", "阿图什": "Artux", "奎屯": "Kuytun", "霍尔果斯": "Horgos",
}  # fmt: skip


@lru_cache(maxsize=8192)
def english_region_name(name: str) -> str:
    """The English name of a city, county or district, from its Chinese name."""
    if name in _FORESTRY:
        return _FORESTRY[name]
    base, word = name, ""
    for suffix, english in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base, word = name[: -len(suffix)], english
            break
    peoples: list[str] = []
    if word.startswith("Autonomous"):
        base, peoples = _split_peoples(base)
    parts = [_romanized(base)]
    if peoples:
        parts.append(" and ".join(peoples))
    if word:
        parts.append(word)
    return " ".join(part for part in parts if part)


def _split_peoples(text: str) -> tuple[str, list[str]]:
    """湘西土家族苗族 → (湘西, [Tujia, Miao]): the peoples an autonomous area is named for.

    A people of one character is only read with its 族 (长白 is not 长 + 白族); an area named
    for its people alone is that people (东乡族自治县 → Dongxiang Autonomous County).
    """
    found: list[str] = []
    while True:
        has_zu = text.endswith("族")
        stripped = text[:-1] if has_zu else text
        if stripped in _PEOPLES and (has_zu or len(stripped) > 1):
            if not found:
                return _PEOPLES[stripped], []
            found.append(_PEOPLES[stripped])
            return "", found[::-1]
        match = next(
            (chinese for chinese in _PEOPLES_LONGEST_FIRST
             if stripped.endswith(chinese) and len(stripped) > len(chinese)
             and (has_zu or len(chinese) > 1)),
            None,
        )  # fmt: skip
        if match is None:
            return text, found[::-1]
        found.append(_PEOPLES[match])
        text = stripped[: -len(match)]


def _romanized(text: str) -> str:
    """Pinyin written as one word with a capital, apostrophes between ambiguous syllables."""
    if text in _NAMES:
        return _NAMES[text]
    if text in _PEOPLE_NAMES:  # already English: an area named for its people
        return text
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    if len(syllables) == len(text):  # one syllable a character: place readings apply
        pairs = zip(text, syllables, strict=True)
        syllables = [_PLACE_READINGS.get(char, syllable) for char, syllable in pairs]
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in ("a", "o", "e"):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]
