"""Byline development set (issue 11): real bylines from published Chinese news.

Every ``byline`` below was printed by the named outlet (collected from public pages and
repositories that quote published articles); names are kept as printed because they are
real credits. Only the byline is quoted: the article text around it in the tests is our own.

Expected credits follow the conventions the parser works to (issue 11):

- credits are ``(role, name)`` pairs in printed order, one per person and role. Roles are
  normalised: 记者 (every 记者 but 摄影记者, and a writer marked ``/文`` or ``文/``), 通讯员
  (通讯员, 特约通讯员, 报道组), 摄影 (摄影, 摄影记者, ``X 摄``, ``X/摄``, ``X/图``, ``图/X``),
  实习生, 供稿 (a person who 供稿), 其他 (编辑, 整理, a named 评论员 …). ``A 文/图`` credits A
  twice, (记者, A) then (摄影, A);
- a unit that supplies a piece or is a source gives no pair, nor do an outlet's own name,
  本报/本台/本刊, or an agency line without names;
- ``byline`` is the byline as printed, without the body text around it;
- ``kind`` is ``commentary`` for 评论员 signatures, ``photo`` for a short caption item
  credited only to photographers (or 文/摄 by one person with no dateline), else ``news``.

Choices the conventions did not settle (see ``UNSETTLED``) are written down where made.

``python -m tests.parser.byline_table`` prints how many rows, outlets and shapes it holds.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

# Where the byline sits in the test page built from a row.
POSITIONS = {
    "lead": "dateline/credits opening the first paragraph",
    "line": "a line of its own under the headline",
    "after_lead": "a line of its own after the first paragraph",
    "end_line": "the last line of the article",
    "end_glued": "glued right after the last paragraph's full stop",
    "caption": "ends a photo caption",
}


class Row(NamedTuple):
    outlet: str
    byline: str
    position: str
    credits: tuple[tuple[str, str], ...]
    kind: str
    # What separates the byline from the text it is glued to, as printed (end_glued, caption).
    gap: str = ""


def _row(
    outlet: str, byline: str, position: str, credits: str = "", kind: str = "news", gap: str = ""
) -> Row:
    """``credits`` is written ``"记者:张三 通讯员:李四"`` (role:name, in printed order)."""
    assert position in POSITIONS, position
    pairs = tuple(tuple(item.split(":")) for item in credits.split())
    return Row(outlet, byline, position, pairs, kind, gap)


ROWS: list[Row] = [
    # --- national agencies and papers: datelines ---------------------------------------
    _row("新华社", "新华社天津5月19日电（记者白佳丽）", "lead", "记者:白佳丽"),
    _row("新华社", "新华社广州1月21日电（记者郑天虹）", "lead", "记者:郑天虹"),
    _row("新华社", "新华社北京1月27日电（记者李忠发、潘洁）", "lead", "记者:李忠发 记者:潘洁"),
    _row("新华社", "新华社北京9月2日电（记者白瀛、王鹏）", "lead", "记者:白瀛 记者:王鹏"),
    _row("新华社", "新华社北京4月22日电（记者安蓓）", "lead", "记者:安蓓"),
    _row("新华社", "新华社柏林3月4日电（记者王东）", "lead", "记者:王东"),
    _row(
        "新华社",
        "新华社福州3月7日电 （记者康淼 邰晓安 王成）",
        "lead",
        "记者:康淼 记者:邰晓安 记者:王成",
    ),
    _row("新华网", "新华网北京10月29日电（记者刘华）", "lead", "记者:刘华"),
    _row("新华网", "新华网内罗毕5月11日电（记者张艺 俞铮）", "lead", "记者:张艺 记者:俞铮"),
    _row("人民网", "人民网北京12月8日电（记者姜洁）", "lead", "记者:姜洁"),
    _row("中国新闻网", "中新网杭州10月2日电(记者 王逸飞)", "lead", "记者:王逸飞"),
    _row("中国新闻网", "中新网杭州4月18日电(记者 刘文彬)", "lead", "记者:刘文彬"),
    _row("中国新闻网", "中新网杭州10月6日电(记者 王逸飞)", "lead", "记者:王逸飞"),
    # 中新社 datelines often carry bare names: they are the writers (UNSETTLED 1).
    _row(
        "中国新闻网",
        "中新网杭州9月8日电(林波 曹丹 孙琳茹)",
        "lead",
        "记者:林波 记者:曹丹 记者:孙琳茹",
    ),
    _row("中国新闻网", "中新网杭州9月6日电 (钱晨菲)", "lead", "记者:钱晨菲"),
    _row("中国新闻网", "中新网杭州8月8日电 (王题题 王琼苓)", "lead", "记者:王题题 记者:王琼苓"),
    _row("中国新闻网", "中新网杭州10月1日电 (钱晨菲 江林海)", "lead", "记者:钱晨菲 记者:江林海"),
    _row("中国新闻网", "中新网杭州9月11日电(张煜欢)", "lead", "记者:张煜欢"),
    _row("中国新闻网", "中新网杭州10月10日电(董易鑫)", "lead", "记者:董易鑫"),
    _row("中国新闻网", "中新网浙江新闻1月31日电(见习记者 王远)", "lead", "记者:王远"),
    _row("中国新闻网", "王远 摄", "caption", "摄影:王远", "photo", " "),
    _row("央广网", "央广网石家庄12月5日消息(记者孟晓光)", "lead", "记者:孟晓光"),
    _row("央广网", "央广网北京10月14日消息(记者马文佳)", "lead", "记者:马文佳"),
    _row("央广网", "央广网合肥9月6日消息(记者徐秋韵)", "lead", "记者:徐秋韵"),
    _row("央广网", "央广网杭州5月8日消息(记者 姜頔)", "lead", "记者:姜頔"),
    _row(
        "央广网",
        "央广网湛江10月24日消息(记者郭翔宇 通讯员梁妃忠)",
        "lead",
        "记者:郭翔宇 通讯员:梁妃忠",
    ),
    _row("中广网", "中广网北京10月1日消息(记者潘毅)", "lead", "记者:潘毅"),
    _row("国际在线", "国际在线消息(记者刘恩峰):", "lead", "记者:刘恩峰"),
    _row("经济日报", "经济日报讯（记者 倪伟龄）", "lead", "记者:倪伟龄"),
    _row("经济日报", "经济日报记者童政", "line", "记者:童政"),
    _row("经济日报", "（经济日报记者 王新伟 吴秉泽）", "end_glued", "记者:王新伟 记者:吴秉泽"),
    _row("科技日报", "科技日报讯（记者刘霞）", "lead", "记者:刘霞"),
    _row("人民日报", "人民日报记者 王观", "line", "记者:王观"),
    _row("人民日报", "（人民日报记者巨云鹏）", "end_glued", "记者:巨云鹏"),
    _row(
        "人民日报",
        "（本报记者顾仲阳、张帆、徐元锋、庞革平、王明峰、王汉超、蒋云龙、朱佩娴、程焕）",
        "end_glued",
        "记者:顾仲阳 记者:张帆 记者:徐元锋 记者:庞革平 记者:王明峰 记者:王汉超 "
        "记者:蒋云龙 记者:朱佩娴 记者:程焕",
    ),
    _row(
        "光明日报", "光明日报记者张文骁李晓东周洪双", "line", "记者:张文骁 记者:李晓东 记者:周洪双"
    ),
    _row(
        "光明日报",
        "光明日报记者 彭景晖 姚亚奇 光明日报通讯员 徐礼涵",
        "line",
        "记者:彭景晖 记者:姚亚奇 通讯员:徐礼涵",
    ),
    _row("光明网", "光明网讯（记者贺梓秋）", "lead", "记者:贺梓秋"),
    # 清公宣, 穗交宣 … are press-office pen names printed in the 通讯员 slot (UNSETTLED 2).
    _row("法治日报", "法治日报记者邓君通讯员清公宣", "line", "记者:邓君 通讯员:清公宣"),
    _row("中国证券网", "中国证券网讯（记者 李雁争）", "lead", "记者:李雁争"),
    _row("中国证券网", "上证报中国证券网讯（记者黄紫豪）", "lead", "记者:黄紫豪"),
    _row("中证网", "中证网讯（记者 张典阁）", "lead", "记者:张典阁"),
    _row("证券日报", "■本报记者 矫 月", "line", "记者:矫月"),
    _row("经济参考报", "□本报记者 袁军宝", "line", "记者:袁军宝"),
    _row("中国科学报", "■本报记者 贡晓丽", "line", "记者:贡晓丽"),
    _row(
        "中国水利网",
        "中国水利网站2017年7月26日讯 （记者 熊渤 特约记者 谢奇）",
        "lead",
        "记者:熊渤 记者:谢奇",
    ),
    _row("环球时报", "【环球时报驻台北特约记者 林曦】", "lead", "记者:林曦"),
    _row("环球时报", "【环球时报驻香港特约记者杨伟民】", "lead", "记者:杨伟民"),
    _row("财联社", "财联社2月12日讯（记者 徐昊）", "lead", "记者:徐昊"),
    # --- commentary signatures ----------------------------------------------------------
    _row("人民日报", "本报评论员", "line", "", "commentary"),
    _row("人民日报", "人民日报评论员", "line", "", "commentary"),
    _row("新华社", "新华社评论员", "line", "", "commentary"),
    _row("南方日报", "南方日报评论员", "line", "", "commentary"),
    _row("河池市政协网", "（作者：本报评论员）", "end_glued", "", "commentary"),
    # --- metropolitan and provincial papers ----------------------------------------------
    _row("新京报", "新京报讯（记者 顾志娟）", "lead", "记者:顾志娟"),
    _row("新京报", "新京报讯（记者 张彤）", "lead", "记者:张彤"),
    _row("新京报", "新京报快讯（记者 徐美慧）", "lead", "记者:徐美慧"),
    _row("新京报", "新京报讯（记者 张姝欣）", "lead", "记者:张姝欣"),
    _row("新京报", "新京报讯（记者 陈维城）", "lead", "记者:陈维城"),
    _row("北京商报", "北京商报讯（记者 吴文治 王运）", "lead", "记者:吴文治 记者:王运"),
    _row("法制晚报", "法制晚报讯(记者 李文姬)", "lead", "记者:李文姬"),
    _row("法制晚报", "法制晚报讯（记者 崔毅飞）", "lead", "记者:崔毅飞"),
    _row(
        "法制晚报",
        "法制晚报讯（记者 唐宁 实习记者 金春妮）",
        "lead",
        "记者:唐宁 记者:金春妮",
    ),
    _row("法制晚报", "法制晚报讯（记者 温如军）", "lead", "记者:温如军"),
    _row("法制晚报", "法制晚报讯（记者 王选辉）", "lead", "记者:王选辉"),
    _row("扬子晚报", "扬子晚报讯（记者 梅建明）", "lead", "记者:梅建明"),
    _row("扬子晚报", "扬子晚报讯（记者 朱姝）", "lead", "记者:朱姝"),
    _row("扬子晚报", "扬子晚报讯（记者郭小川）", "lead", "记者:郭小川"),
    _row("扬子晚报", "扬子晚报讯（记者 韩飞）", "lead", "记者:韩飞"),
    # 文/摄 after two glued names: both wrote and both photographed; writers first
    # (UNSETTLED 3).
    _row(
        "现代快报",
        "现代快报讯（记者徐岑卢河燕文/摄）",
        "lead",
        "记者:徐岑 记者:卢河燕 摄影:徐岑 摄影:卢河燕",
    ),
    _row("新民晚报", "新民晚报讯（记者 孙云）", "lead", "记者:孙云"),
    _row("新民晚报", "新民晚报首席记者方翔", "line", "记者:方翔"),
    _row("新民晚报", "新民晚报记者王凯摄(下同)", "caption", "摄影:王凯", "photo"),
    _row("兰州晚报", "兰州晚报讯（记者朱浩源文/图）", "lead", "记者:朱浩源 摄影:朱浩源"),
    _row("南方日报", "南方日报讯", "lead"),
    _row("南方日报", "南方日报讯 （记者/黄思华）", "lead", "记者:黄思华"),
    _row("南方日报", "南方日报讯 (记者/刘怀宇)", "lead", "记者:刘怀宇"),
    _row("南方日报", "南方日报讯 (记者/郑佳欣)", "lead", "记者:郑佳欣"),
    _row(
        "南方日报", "南方日报讯 （记者/闫昆仑实习生/周晓敏）", "lead", "记者:闫昆仑 实习生:周晓敏"
    ),
    _row(
        "南方日报",
        "南方日报讯 （记者/胡良光 实习生/杜静 通讯员/穗交宣）",
        "lead",
        "记者:胡良光 实习生:杜静 通讯员:穗交宣",
    ),
    _row("南方日报", "南方日报讯 （记者/张玮）", "lead", "记者:张玮"),
    _row("南方日报", "南方日报讯 (记者/廖奕文 苏仕日)", "lead", "记者:廖奕文 记者:苏仕日"),
    _row(
        "广州日报",
        "广州日报讯　（全媒体记者　 黎慧莹 通讯员 穗妇宣）",
        "lead",
        "记者:黎慧莹 通讯员:穗妇宣",
    ),
    _row(
        "广州日报",
        "广州日报讯(记者崔宁宁 通讯员瞿明光、 向江平)",
        "lead",
        "记者:崔宁宁 通讯员:瞿明光 通讯员:向江平",
    ),
    _row(
        "羊城晚报",
        "文/羊城晚报全媒体记者 林清清通讯员 穗卫健宣",
        "line",
        "记者:林清清 通讯员:穗卫健宣",
    ),
    # The byline runs up to 报道 and its colon; compound surname 诸葛.
    _row("羊城晚报", "羊城晚报讯 记者诸葛万报道：", "lead", "记者:诸葛万"),
    _row(
        "惠州日报",
        "惠州日报讯（记者黄宇翔 通讯员龙门宣）",
        "lead",
        "记者:黄宇翔 通讯员:龙门宣",
    ),
    _row("长江日报", "长江日报讯（记者孙珺）", "lead", "记者:孙珺"),
    _row("湖北日报", "湖北日报讯（记者王兵、通讯员郭斯）", "lead", "记者:王兵 通讯员:郭斯"),
    _row("湖北日报", "湖北日报消息", "lead"),
    # A caption credit list ending in 摄: everyone listed took the photographs (UNSETTLED 4).
    _row(
        "湖北日报",
        "（湖北日报全媒记者 张鸿 通讯员 谢丹 齐艳 摄）",
        "caption",
        "摄影:张鸿 摄影:谢丹 摄影:齐艳",
        "photo",
    ),
    _row("河北日报", "河北日报讯（记者四建磊）", "lead", "记者:四建磊"),
    _row(
        "华声在线",
        "华声在线7月6日讯（文/视频 全媒体记者 王智芳 实习生 罗斯妮 黄静静 通讯员 王钟莞）",
        "lead",
        "记者:王智芳 实习生:罗斯妮 实习生:黄静静 通讯员:王钟莞",
    ),
    _row("华龙网", "华龙网7月5日22时讯（首席记者 黄军）", "lead", "记者:黄军"),
    _row("青岛新闻网", "青岛新闻网6月27日讯（记者 张晓楠）", "lead", "记者:张晓楠"),
    _row("青岛新闻网", "青岛新闻网7月3日讯（见习记者 宋波鸿）", "lead", "记者:宋波鸿"),
    _row("长株潭报", "长株潭报4月10日讯（记者 欧亚琦）", "lead", "记者:欧亚琦"),
    _row("陕西网", "陕西网讯（记者 唐双燕 实习记者 王香林）", "lead", "记者:唐双燕 记者:王香林"),
    _row("陕西网", "陕西网讯（记者 郝豆）", "lead", "记者:郝豆"),
    _row("中国江苏网", "中国江苏网讯（记者聂龙妃）", "lead", "记者:聂龙妃"),
    _row("四川旅游新闻网", "四川旅游新闻网消息(记者 李晋平)", "lead", "记者:李晋平"),
    _row("海南网络广播电视台", "海南网台12月8日消息(记者高文婷)", "lead", "记者:高文婷"),
    _row(
        "秦楚网",
        "秦楚网讯 特约记者 杨洪霞 通讯员 王文勤 报道：",
        "lead",
        "记者:杨洪霞 通讯员:王文勤",
    ),
    _row("甘肃张掖网", "甘肃张掖网讯（张掖日报融媒体记者 杨静文）", "lead", "记者:杨静文"),
    _row(
        "大公报",
        "【大公报讯】实习记者孟书扬、聂杨铮、洪泺然义乌报道：",
        "lead",
        "记者:孟书扬 记者:聂杨铮 记者:洪泺然",
    ),
    _row("大公报", "大公报实习记者苏璇摄", "caption", "摄影:苏璇", "photo", "/"),
    _row(
        "贵大新闻网", "贵大新闻网讯（见习记者 梁昱坤 摄影 陈恒）", "lead", "记者:梁昱坤 摄影:陈恒"
    ),
    _row("武科大网", "武科大网讯（记者周嘉豪）", "lead", "记者:周嘉豪"),
    # --- bylines on a line of their own, and end credits -----------------------------------
    _row("辽沈晚报", "辽沈晚报首席记者 赵天乙", "after_lead", "记者:赵天乙"),
    _row(
        "徐州日报",
        "◎文/徐报融媒记者 王正喜 图/徐报融媒记者 陈艳",
        "line",
        "记者:王正喜 摄影:陈艳",
        "photo",
    ),
    _row("蚌埠日报", "□袁成文/文 李扬/图", "line", "记者:袁成文 摄影:李扬", "photo"),
    _row("成都日报", "本报记者 徐璨", "end_line", "记者:徐璨"),
    _row("华商报", "华商报记者 马虎振", "end_line", "记者:马虎振"),
    _row("华商报", "华商报记者 汤晓燕", "end_line", "记者:汤晓燕"),
    _row("成都商报", "成都商报记者 姚永忠", "end_line", "记者:姚永忠"),
    _row("山东商报", "山东商报记者郑芷南", "end_glued", "记者:郑芷南"),
    _row(
        "玉溪日报", "（ 玉溪日报全媒体记者  熊长青  文/图）", "end_glued", "记者:熊长青 摄影:熊长青"
    ),
    _row("潮州日报", "潮州日报全媒体记者 江马铎", "after_lead", "记者:江马铎"),
    _row("《求学·考研》", "特约记者/《求学·考研》杂志 王薇", "end_line", "记者:王薇"),
    _row("浙江民建", "(民建永康市基层委 胡思卉供稿)", "end_glued", "供稿:胡思卉"),
    _row("吉林省公安厅", "（厅出入境管理局供稿）", "end_glued"),
    _row("澎湃新闻", "澎湃新闻记者 栾锴韬", "line", "记者:栾锴韬"),
    _row("澎湃新闻", "澎湃新闻记者 栾晓娜", "after_lead", "记者:栾晓娜"),
    _row("澎湃新闻", "澎湃新闻记者 龚思量、杨小舟", "line", "记者:龚思量 记者:杨小舟"),
    _row("澎湃新闻", "澎湃新闻记者 吕新文", "line", "记者:吕新文"),
    _row("澎湃新闻", "澎湃新闻记者 王嘉赓 图", "caption", "摄影:王嘉赓", "photo"),
    # Bare names under a headline are the writers (UNSETTLED 1); compound surname 端木.
    _row("澎湃新闻", "陆晔 端木异", "line", "记者:陆晔 记者:端木异"),
    _row("澎湃新闻", "季寺，贾敏", "line", "记者:季寺 记者:贾敏"),
    _row("澎湃新闻", "邹碧航、朱嘉祺、赵晓梅", "line", "记者:邹碧航 记者:朱嘉祺 记者:赵晓梅"),
    # --- Zhejiang ---------------------------------------------------------------------------
    _row("浙江日报", "浙江日报记者 黄宏 通讯员 王华卫", "after_lead", "记者:黄宏 通讯员:王华卫"),
    _row("浙江在线", "浙江在线11月27日讯（记者 刘乐平）", "lead", "记者:刘乐平"),
    _row(
        "浙江在线",
        "浙江在线杭州4月25日讯（记者 施宇翔 通讯员 方英）",
        "lead",
        "记者:施宇翔 通讯员:方英",
    ),
    _row("杭州日报", "杭州日报讯", "lead"),
    _row("金华日报", "记者 时宽兵 文/摄", "line", "记者:时宽兵 摄影:时宽兵", "photo"),
    # --- more datelines -----------------------------------------------------------------
    _row("新华社", "新华社北京12月5日电（记者白洁）", "lead", "记者:白洁"),
    _row("新华社", "新华社俄罗斯喀山3月23日电（记者 魏良磊）", "lead", "记者:魏良磊"),
    _row("新华社", "新华社“科学”号7月24日电（记者 张旭东）", "lead", "记者:张旭东"),
    _row("新华社", "新华社北京４月２８日电（记者 刘奕湛）", "lead", "记者:刘奕湛"),
    _row("新华社", "新华社天津8月23日电（记者 王慧慧）", "lead", "记者:王慧慧"),
    _row(
        "新华社",
        "新华社巴黎11月30日电（记者 应强、霍小光、王丰丰）",
        "lead",
        "记者:应强 记者:霍小光 记者:王丰丰",
    ),
    _row("新华网", "新华网深圳3月23日电（记者 赵瑞西）", "lead", "记者:赵瑞西"),
    _row("新华网", "新华网北京4月14日电（记者 李童）", "lead", "记者:李童"),
    _row("新华网", "新华网北京4月28日电", "lead"),
    _row("中国新闻网", "中新网伦敦9月24日电(记者 欧阳开宇)", "lead", "记者:欧阳开宇"),
    _row("中国新闻网", "中新网伦敦10月9日电 (记者 欧阳开宇)", "lead", "记者:欧阳开宇"),
    _row("中国新闻社", "中新社伦敦10月4日电 (记者 欧阳开宇)", "lead", "记者:欧阳开宇"),
    _row("中国新闻社", "中新社伦敦10月6日电 (记者 欧阳开宇)", "lead", "记者:欧阳开宇"),
    _row("中国新闻网", "中新网陕西渭南9月29日电 (记者 阿琳娜)", "lead", "记者:阿琳娜"),
    _row("中国新闻网", "中新网西安10月4日电 (记者 阿琳娜)", "lead", "记者:阿琳娜"),
    _row("中国新闻网", "中新网北京9月28日电（记者 李金磊）", "lead", "记者:李金磊"),
    _row("中国新闻网", "中新网温州10月11日电（记者 李婷婷）", "lead", "记者:李婷婷"),
    _row("中国新闻网", "张茵 摄", "caption", "摄影:张茵", "photo", "　"),
    _row(
        "西工大新闻网",
        "西工大新闻网7月7日电（记者 王丽 摄影记者 郭友军）",
        "lead",
        "记者:王丽 摄影:郭友军",
    ),
    _row("浙江在线", "浙江在线-金华频道11月8日(浙江在线 通讯员 徐正达)", "lead", "通讯员:徐正达"),
    _row("浙江在线", "浙江在线01月22日讯", "lead"),
    _row("浙江在线", "浙江在线10月05日讯", "lead"),
    _row("浙江在线", "魏志阳 李震宇 摄", "caption", "摄影:魏志阳 摄影:李震宇", "photo"),
    # --- photographs ----------------------------------------------------------------------
    _row("新华社", "新华社记者 张笑宇 摄", "caption", "摄影:张笑宇", "photo"),
    _row("新华社", "新华社记者 刘颖 摄", "caption", "摄影:刘颖", "photo"),
    _row("新华社", "新华社记者 鞠鹏 摄", "caption", "摄影:鞠鹏", "photo", " "),
    _row("新华社", "新华社记者 陈思汗摄", "caption", "摄影:陈思汗", "photo"),
    _row("新华社", "新华社记者 刘潇 摄", "caption", "摄影:刘潇", "photo"),
    _row("新华社", "新华社记者 张端 摄", "caption", "摄影:张端", "photo"),
    _row("新华社", "新华社记者 谢环驰 摄", "caption", "摄影:谢环驰", "photo", " "),
    _row("新华社", "新华社记者 翁忻旸 摄", "caption", "摄影:翁忻旸", "photo"),
    _row("新华社", "新华社记者 王晔 摄", "caption", "摄影:王晔", "photo", " "),
    _row("新华社", "新华社记者 任珂 李奥", "end_line", "记者:任珂 记者:李奥"),
    _row(
        "人民日报", "司 伟 董自军摄影报道（人民视觉）", "caption", "摄影:司伟 摄影:董自军", "photo"
    ),
    _row("华山网", "华山网记者王长江/摄影报道", "caption", "摄影:王长江", "photo"),
    _row("成都商报", "成都商报记者 蒋麟 张柄尧 摄影报道", "line", "摄影:蒋麟 摄影:张柄尧", "photo"),
    _row("农村信息报", "吴铁鸣 吴绍阳 摄", "caption", "摄影:吴铁鸣 摄影:吴绍阳", "photo"),
    _row("今日婺城", "李丹 摄", "caption", "摄影:李丹", "photo", " "),
    _row("婺城新闻网", "记者吴潮宏摄", "caption", "摄影:吴潮宏", "photo"),
    _row(
        "婺城新闻网", "记者 李健帅 通讯员 李鹏程 摄", "caption", "摄影:李健帅 摄影:李鹏程", "photo"
    ),
    _row("兰江导报", "记者 姜一峰 通讯员 戴汉卫 摄", "caption", "摄影:姜一峰 摄影:戴汉卫", "photo"),
    # ``A/文 B/摄`` over a short item is a photo piece (issue 11, family 5): the writer wrote
    # the caption.
    _row(
        "浙江法制报",
        "本报记者 王志浩/摄 实习生 张扬/文",
        "line",
        "摄影:王志浩 实习生:张扬",
        "photo",
    ),
    # --- Zhejiang city and county ---------------------------------------------------------
    _row("金华日报", "记者 胡肖飞 文/摄", "line", "记者:胡肖飞 摄影:胡肖飞", "photo"),
    _row("金华日报", "记者 陈芮 文/摄", "line", "记者:陈芮 摄影:陈芮", "photo"),
    _row("金华晚报", "本报记者 俞佳妮 文/摄", "end_glued", "记者:俞佳妮 摄影:俞佳妮", "photo", " "),
    _row("金华晚报", "本报记者 周轩", "end_glued", "记者:周轩", "news", " "),
    _row("今日金东", "本报讯(记者 徐盼 文/摄)", "lead", "记者:徐盼 摄影:徐盼"),
    _row("歌画东阳", "歌画东阳客户端记者 黄战涛", "after_lead", "记者:黄战涛"),
    _row(
        "金华日报",
        "（金华日报 记者 黄晓华 浙江新闻客户端 记者 何贤君）",
        "end_glued",
        "记者:黄晓华 记者:何贤君",
    ),
    _row(
        "金华日报",
        "（金华日报 记者 黄晓华 浙江新闻客户端 记者 沈超）",
        "end_glued",
        "记者:黄晓华 记者:沈超",
    ),
    _row("浙江新闻客户端", "（浙江新闻客户端 记者 郎擎宇）", "end_glued", "记者:郎擎宇"),
    _row("浙江新闻客户端", "（浙江新闻客户端 记者 叶星辰）", "end_glued", "记者:叶星辰"),
    _row(
        "浙江新闻客户端",
        "（浙江新闻客户端 通讯员 来怡 记者 郎擎宇 摄影 时补法）",
        "end_glued",
        "通讯员:来怡 记者:郎擎宇 摄影:时补法",
    ),
    # --- end credits glued to the last paragraph -------------------------------------------
    _row("经济日报", "（记者 陈果静）", "end_glued", "记者:陈果静"),
    _row("河南日报", "（记者 朱殿勇 屈芳）", "end_glued", "记者:朱殿勇 记者:屈芳"),
    _row("新华社", "（记者 王秉阳）", "end_glued", "记者:王秉阳"),
    _row("人民日报", "（记者 吴齐强 颜珂）", "end_glued", "记者:吴齐强 记者:颜珂"),
    _row("新京报", "(记者郭少峰 实习生何叶青)", "end_glued", "记者:郭少峰 实习生:何叶青"),
    _row("新华社", "(记者朱国亮)", "end_glued", "记者:朱国亮"),
    _row("新华社", "(记者靳若成)", "end_glued", "记者:靳若成"),
    _row("北京日报", "(记者 任敏)", "end_glued", "记者:任敏"),
    _row(
        "湖北日报",
        "(记者胡信松 通讯员晏鄂龙 肖羽含)",
        "end_glued",
        "记者:胡信松 通讯员:晏鄂龙 通讯员:肖羽含",
    ),
    _row(
        "法治日报", "法治日报全媒体记者 陈丽平 通讯员 杨璐", "after_lead", "记者:陈丽平 通讯员:杨璐"
    ),
    _row(
        "海南日报", "海南日报全媒体记者 李艳玫 通讯员 陈宏", "after_lead", "记者:李艳玫 通讯员:陈宏"
    ),
    _row("重庆商报", "重庆商报-上游财经首席记者 郑友", "after_lead", "记者:郑友"),
    _row("法制生活报", "■记者 田儒森", "line", "记者:田儒森"),
    _row("江海晚报", "■ 王虹蔚", "line", "记者:王虹蔚"),
    _row("光明日报", "田恩华摄", "caption", "摄影:田恩华", "photo", " "),
    _row("厦门网", "厦门网讯(厦门日报记者 卢琛 图/记者 林铭鸿)", "lead", "记者:卢琛 摄影:林铭鸿"),
    _row(
        "成都晚报",
        "成都晚报掌上成都12月21日讯（全媒体记者 李静 通讯员 黄辉 实习生 陈德钰）",
        "lead",
        "记者:李静 通讯员:黄辉 实习生:陈德钰",
    ),
    _row(
        "广州日报", "广州日报讯 （全媒体记者 黄岸/文 王维宣/图）", "lead", "记者:黄岸 摄影:王维宣"
    ),
    _row("四川日报", "本报讯（四川日报全媒体记者 兰楠）", "lead", "记者:兰楠"),
    _row(
        "长沙晚报",
        "长沙晚报掌上长沙9月25日讯（全媒体记者 朱敏 黄汝兮）",
        "lead",
        "记者:朱敏 记者:黄汝兮",
    ),
    # --- signatures at the end (河池市政协网 reprints; 口 is an OCR'd □) -------------------
    _row("河池市政协网", "口潘剑", "end_line", "记者:潘剑"),
    _row("河池市政协网", "口黄正华", "end_line", "记者:黄正华"),
    _row("河池市政协网", "（黄荞丹 覃可论）", "end_glued", "记者:黄荞丹 记者:覃可论"),
    _row("河池市政协网", "（韦瑞展 袁文展）", "end_glued", "记者:韦瑞展 记者:袁文展"),
    _row("河池市政协网", "（作者：本报首席记者 罗昌亮）", "end_glued", "记者:罗昌亮"),
    # A named commentator: role 其他, and the piece is commentary.
    _row("中国青年网", "（中国青年网特约评论员 邓海建）", "end_glued", "其他:邓海建", "commentary"),
    _row("中国新闻网", "中新网记者 范丽芳", "line", "记者:范丽芳"),
    _row("中国新闻网", "范丽芳 摄", "caption", "摄影:范丽芳", "photo"),
    _row(
        "中国新闻网",
        "中新网温州12月16日电(记者 柴燕菲 汪恩民 通讯员 吴水斌)",
        "lead",
        "记者:柴燕菲 记者:汪恩民 通讯员:吴水斌",
    ),
    _row("中国新闻网", "吴水斌 摄", "caption", "摄影:吴水斌", "photo", " "),
    # 报道 glued to the name inside the bracket.
    _row("新疆日报", "石榴云/新疆日报讯(记者 郑卓报道)", "lead", "记者:郑卓"),
    _row("新疆日报", "石榴云/新疆日报记者周鹏摄", "caption", "摄影:周鹏", "photo"),
    _row("新疆日报", "石榴云/新疆日报记者 谢慧变", "line", "记者:谢慧变"),
    _row("新疆日报", "石榴云/新疆日报记者 谢慧变摄", "caption", "摄影:谢慧变", "photo"),
    _row("中华工商时报", "本报记者张雷/摄", "caption", "摄影:张雷", "photo"),
    _row("浙江工人日报", "通讯员刘振清 摄", "caption", "摄影:刘振清", "photo"),
    # The photographs are a reader's; the credited writer makes it news, not photo.
    _row("浙江老年报", "本报记者 王兴", "end_glued", "记者:王兴", "news", " "),
    _row("台州日报", "望潮客户端记者 徐颖晔", "line", "记者:徐颖晔"),
    _row("中国台湾网", "中国台湾网12月11日湖州消息", "lead"),
    _row("中国台湾网", "（中国台湾网、湖州市台办联合报道）", "end_glued"),
    _row("桂林日报", "本报讯(记者徐莹波通讯员甘文芳)", "lead", "记者:徐莹波 通讯员:甘文芳"),
    # A source unit, a compound-surname 通讯员, then the editing chain (其他).
    _row(
        "应城市教育局",
        "(来源:应城市教育局 通讯员:欧阳辉 一审编辑: 程国辉 二审校对:陈雨欣 终审核发:姜涛)",
        "end_line",
        "通讯员:欧阳辉 其他:程国辉 其他:陈雨欣 其他:姜涛",
    ),
    # --- lines of their own --------------------------------------------------------------
    _row(
        "中国城市报",
        "■中国城市报记者 张兴旺 通讯员 蒋守洋 楼雅琪 毛旭倩",
        "line",
        "记者:张兴旺 通讯员:蒋守洋 通讯员:楼雅琪 通讯员:毛旭倩",
    ),
    _row(
        "法治日报",
        "□ 本报记者 张驰　　□ 本报见习记者 范瑞恒　　□ 本报通讯员 张晓斌",
        "line",
        "记者:张驰 记者:范瑞恒 通讯员:张晓斌",
    ),
]

# Forms the conventions above did not settle, and the choice made for each.
UNSETTLED = {
    1: "bare names with no role (中新社 datelines, a line or an end credit of names only, "
    "口/■ before a name): read as the writers, role 记者",
    2: "press-office pen names in the 通讯员 slot (穗交宣, 穗妇宣, 穗卫健宣, 清公宣, 龙门宣): "
    "credited as 通讯员, since they stand where a person's name stands and nothing in the "
    "byline marks them as units",
    3: "文/摄 after several names: every name is credited as 记者, then every name as 摄影",
    4: "a caption credit list ending in 摄 (记者 A 通讯员 B C 摄): every name is 摄影, "
    "and the job titles 记者/通讯员 give no pair of their own",
    5: "a printed role beats a slash: 实习生 张扬/文 is (实习生, 张扬), not 记者",
    6: "文/视频 before the role: 视频 gives no pair of its own",
    7: "a colon after the dateline (报道：, (记者 A):) and suffixes such as (下同) or "
    "（人民视觉） belong to the byline as printed; the body starts after them",
    8: "outlet names inside the credit list (（金华日报 记者 A 浙江新闻客户端 记者 B）, "
    "特约记者/《求学·考研》杂志 王薇, 中国城市报记者) are never names",
    9: "an editing chain in an end credit (一审编辑/二审校对/终审核发) credits each person "
    "as 其他; the 来源 unit gives no pair",
    10: "kind of a short item credited A/文 B/摄 (本报记者 A/摄 实习生 B/文): photo, as issue "
    "11 lists that line among the photo pieces; a short item whose credits also name a "
    "reporter without a 文 mark (通讯员 A 记者 B 摄影 C) is a report with a picture: news",
    11: "实习记者 is a 记者 (the rule: every 记者 but 摄影记者), not 实习生",
    12: "the byline keeps its spaces as printed, after the project's own whitespace "
    "normalisation of every line (runs of spaces, full-width ones included, become one "
    "space); a separator between caption and credit ('/' "
    "in …讲解/大公报实习记者苏璇摄) is not part of the byline",
    13: "摄影报道 after names (成都商报记者 蒋麟 张柄尧 摄影报道) credits them as 摄影 only",
}


def shape(row: Row) -> str:
    """A short label for the byline's form, used to count the shapes the table covers."""
    text = row.byline
    parts = [row.position]
    if row.kind == "commentary":
        parts.append("评论员")
    elif row.position == "lead":
        verb = re.search(r"(快讯|讯|电|消息|报道)", text)
        parts.append(verb.group(1) if verb else "no-verb")
        if re.search(r"\d+月\d+日", text):
            parts.append("date")
        if not row.credits:
            parts.append("no-names")
    if "供稿" in text:
        parts.append("供稿:" + ("person" if row.credits else "unit"))
    if re.search(r"文/图|文/摄|/文|/图|/摄|图/|摄影", text):
        parts.append("slash-or-photo")
    elif text.rstrip("）)").endswith("摄") or text.endswith(" 图"):
        parts.append("摄")
    if text[:1] in "■□◎":
        parts.append("bullet")
    if re.search(r"(记者|通讯员|实习生)[\u4e00-\u9fff]{2}", text):
        parts.append("glued-name")
    if len(row.credits) >= 3:
        parts.append("3+names")
    roles = {role for role, _ in row.credits}
    if len(roles) >= 2:
        parts.append("mixed-roles")
    return " ".join(parts)


def summary() -> str:
    outlets = Counter(row.outlet for row in ROWS)
    shapes = Counter(shape(row) for row in ROWS)
    positions = Counter(row.position for row in ROWS)
    lines = [
        f"byline table: {len(ROWS)} rows, {len(outlets)} distinct outlets, "
        f"{len(shapes)} distinct shapes",
        "positions: " + ", ".join(f"{p} {n}" for p, n in positions.most_common()),
        "kinds: " + ", ".join(f"{k} {n}" for k, n in Counter(r.kind for r in ROWS).most_common()),
        "shapes:",
    ]
    lines += [f"  {n:3d}  {s}" for s, n in sorted(shapes.items(), key=lambda i: (-i[1], i[0]))]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary())
