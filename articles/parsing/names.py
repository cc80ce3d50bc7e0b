"""What can be a person's name, an outlet or a unit in a byline.

A byline names people with two to four Chinese characters (a compound surname included), or a
transliterated name joined by a middle dot (``阿依古丽·买买提``). Inside a list that role words
delimit, any such word is a name; where no role word vouches for it (``(王一)`` closing an
article, ``■王一`` over an essay, a name stuck to a role word) it must also start with a
surname, which keeps phrases like ``走基层`` or ``有删节`` from being read as people.
"""

from __future__ import annotations

import re

# Compound surnames first: a name starting with one has a two-character surname.
_COMPOUND = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 令狐 轩辕 端木 "
    "独孤 南宫 西门 百里 呼延 申屠 闻人 万俟 澹台 公冶 太史 钟离 赫连 拓跋 第五 鲜于 "
    "左丘 梁丘 濮阳 淳于 单于 仲孙 东郭 谷梁 羊舌 微生 乐正 壤驷 公良 漆雕 颛孙"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND.split())
# The single-character surnames of mainland China that cover nearly every name printed.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
    "殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
    "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜"
    "冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
    "麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚"
    "花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿"
    "薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭"
    "干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由郦胥巨竺东励钮洪揭鄂郗逄续顿凤仰"
)
# Surnames that are also everyday words (``全文完``, ``时间待定``): they vouch for a name only
# where a role word does too.
_WORDLIKE_SURNAMES = frozenset(
    "和都时由来国平全明海东公元信展利干但那於花权强相初计支井巴丰门云"
    "容敬普衣富智幸居揭战危玉银宿印隆诸区位原南满闻"
)
_DOTS = "·•‧・．"
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,8}")
# Words printed in bylines that are never names.
_NOT_NAMES = re.compile(
    r"讯|本报|本台|本刊|本网|记者|通讯|评论|摄影|摄像|供稿|供图|提供|来源|日电|报道|消息|编辑|整理|"
    r"实习|见习|首席|特约|融媒|全媒|新媒|版$|[,，。！？、:：]|^(?:文图|图文|文字|图片)$"
)
# How the name of an organisation ends: a unit that supplies copy is not a person.
UNIT = re.compile(
    r"(?:局|科|处|厅|部|办|委|会|中心|站|所|院|校|馆|队|组|街道|镇|乡|村|社区|公司|集团|"
    r"政府|医院|学校|大学|学院|银行|支行|分行|报社|电视台|融媒体|宣传|法院|检察院|"
    r"派出所|大队|支队|中队|合作社|指挥部|管委会|工会|团委|妇联|党委|党组|支部|网|发布)$"
)
# Outlets name themselves in datelines and ahead of role words (金华日报全媒体记者):
# a short name ending in one of these words.
OUTLET_SUFFIX = (
    r"(?:日报|晚报|早报|快报|商报|时报|周报|导报|青年报|都市报|法制报|法治报|报业|报社|报|"
    r"新闻网|网|通讯社|社|在线|新闻|客户端|电视台|广播电视台|广播电台|电台|之声|融媒体中心|"
    r"融媒|传媒|发布|视频|观察|频道)"
)
OUTLET = rf"[\u4e00-\u9fffA-Za-z]{{1,10}}?{OUTLET_SUFFIX}(?:·[\u4e00-\u9fff]{{2,6}})?"


def normalise_name(text: str) -> str:
    """One middle dot for the several OCR and fonts print."""
    return re.sub(f"[{_DOTS}]", "·", text)


def has_surname(name: str) -> bool:
    if name[:2] in COMPOUND_SURNAMES or "·" in name:
        return True
    return name[0] in SURNAMES and name[0] not in _WORDLIKE_SURNAMES


def is_name(token: str, *, vouched: bool = True) -> bool:
    """Can ``token`` be a person's name? Without a role word vouching for it, it must also
    start with a surname and not read as an organisation."""
    if not _NAME.fullmatch(token) or _NOT_NAMES.search(token):
        return False
    if vouched:
        return True
    # Unvouched, a four-character word is far likelier a phrase (``金华时评``) than one of
    # the rare four-character names without a compound surname.
    if len(token) == 4 and token[:2] not in COMPOUND_SURNAMES:
        return False
    return has_surname(token) and not UNIT.search(token)


def is_unit(token: str) -> bool:
    """An organisation (``市教育局``, ``宣传科``, ``城西街道``): credited as a source, never as
    a person."""
    return bool(UNIT.search(token)) and 2 <= len(token) <= 30


def split_glued_names(text: str) -> list[str] | None:
    """Names printed with nothing between them (``张文骁李晓东周洪双``), cut where each
    starts with a surname: ``None`` when no cut makes every piece a name."""
    if len(text) <= 4 and is_name(text, vouched=False):
        return [text]
    best: list[str] | None = None
    for size in (3, 2, 4):
        head, rest = text[:size], text[size:]
        if len(head) < size or not is_name(head, vouched=False):
            continue
        if not rest:
            return [head]
        tail = split_glued_names(rest)
        if tail and (best is None or len(tail) + 1 < len(best)):
            best = [head, *tail]
    return best
