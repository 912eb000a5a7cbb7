"""English names of cities and counties, written in pinyin with their administrative words."""

from __future__ import annotations

import pytest

from devzone.regions.romanize import english_region_name


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("肇庆市", "Zhaoqing"),  # a city is its name alone
        ("丽水市", "Lishui"),
        ("金东区", "Jindong District"),
        ("德清县", "Deqing County"),
        ("西安市", "Xi'an"),  # a syllable opening with a vowel takes an apostrophe
        ("六安市", "Lu'an"),  # the dictionary's reading is not the place's
        ("长治市", "Changzhi"),
        ("长阳土家族自治县", "Changyang Tujia Autonomous County"),  # 长 is chang in places
        ("都安瑶族自治县", "Du'an Yao Autonomous County"),
        ("单县", "Shan County"),
        ("朝阳区", "Chaoyang District"),
        ("漯河市", "Luohe"),
        ("哈尔滨市", "Harbin"),
        ("珲春市", "Hunchun"),
        ("蚌山区", "Bengshan District"),
        ("洪洞县", "Hongtong County"),
        ("涡阳县", "Guoyang County"),
        ("曾都区", "Zengdu District"),
        ("浚县", "Xun County"),
        ("土默特左旗", "Tumote Left Banner"),
        ("正蓝旗", "Zhenglan Banner"),
        ("兴安盟", "Hinggan League"),  # its English name is not its pinyin
        ("乌鲁木齐市", "Urumqi"),
        ("大兴安岭地区", "Da Hinggan Ling Prefecture"),
        ("神农架林区", "Shennongjia Forestry District"),
        ("万柏林区", "Wanbolin District"),  # a district, not a forestry district
        ("延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture"),
        ("湘西土家族苗族自治州", "Xiangxi Tujia and Miao Autonomous Prefecture"),
        ("长白朝鲜族自治县", "Changbai Korean Autonomous County"),  # not 长 + the Bai
        ("融水苗族自治县", "Rongshui Miao Autonomous County"),  # not 融 + the Shui
        ("东乡族自治县", "Dongxiang Autonomous County"),  # named for its people alone
        ("鄂伦春自治旗", "Oroqen Autonomous Banner"),
        ("伊犁哈萨克自治州", "Ili Kazak Autonomous Prefecture"),
        ("龙胜各族自治县", "Longsheng Various Nationalities Autonomous County"),
    ],
)
def test_a_chinese_place_name_reads_in_english(chinese, english):
    assert english_region_name(chinese) == english
