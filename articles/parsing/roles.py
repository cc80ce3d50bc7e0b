"""The role words of Chinese bylines, in one table.

A printed role is an optional outlet or house prefix (本报, 金华日报, 商报), any number of
modifiers (融媒, 全媒体, 首席, 见习, 特约 …) and a base role (记者, 通讯员, 摄影 …):
``金华日报全媒体首席记者``. Marks after or before a name say who wrote and who took the
pictures: ``王一/文``, ``李二/摄``, ``文/图 王一``, ``王一 摄``.
"""

from __future__ import annotations

import re

from .names import OUTLET

# Base role -> the role stored and filtered on.
BASE_ROLES = {
    "记者": "记者",
    "通讯员": "通讯员",
    "报道组": "通讯员",
    "通讯组": "通讯员",
    "实习生": "实习生",
    "摄影": "摄影",
    "摄像": "摄影",
    "评论员": "其他",
    "编辑": "其他",
    "责任编辑": "其他",
    "责编": "其他",
    "编译": "其他",
    "整理": "其他",
    "撰稿": "其他",
    "撰文": "其他",
    "作者": "其他",
    "策划": "其他",
    "统筹": "其他",
    "制图": "其他",
    "美编": "其他",
    "主编": "其他",
    "监制": "其他",
    "校对": "其他",
    "核发": "其他",
}
# Desks and networks whose members are credited like correspondents: 浙江日报's
# ``共享联盟永康站``, a paper's ``夜间报道组``.
NETWORK_ROLE = r"共享联盟[\u4e00-\u9fff]{1,4}站|[\u4e00-\u9fff]{2}报道组"
# Who prints the role (本报记者, 金华日报记者) and what kind of staff (首席记者).
HOUSE_PREFIXES = ("本报", "本台", "本刊", "本网", "本社")
MODIFIERS = (
    "融媒体", "融媒", "全媒体", "全媒", "新媒体", "首席", "见习", "特约", "特邀", "资深", "特派",
    "驻站", "高级", "主任", "实习", "摄影", "视频", "文字", "商报", "晚报", "日报", "一审",
    "二审", "三审", "终审",
)  # fmt: skip


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# An outlet may print two names for itself: ``石榴云/新疆日报``, ``重庆商报-上游财经``.
HOUSE = (
    rf"(?:{_alternation(HOUSE_PREFIXES)}|(?:[\u4e00-\u9fff]{{2,6}}/)?{OUTLET}"
    rf"(?:-[\u4e00-\u9fff]{{2,8}}?)?)"
)
_MODIFIER = rf"(?:{_alternation(MODIFIERS)}|驻[\u4e00-\u9fff]{{1,3}}?)"
ROLE = rf"(?:{HOUSE})?{_MODIFIER}*(?:{_alternation(BASE_ROLES)})|{NETWORK_ROLE}"
ROLE_RE = re.compile(ROLE)
# Commentary signed by the outlet's voice: 本报评论员, 金华日报评论员, 本报编辑部.
COMMENTATOR = rf"(?:{HOUSE})?(?:特约|特邀|融媒体|融媒|首席)*评论员|(?:{HOUSE})(?:编辑部|评论部)"

# Words-and-pictures marks. Both: 文/图, 图/文, 文/摄; one side: 王一/文, 李二/摄, 文/ 王一.
BOTH = ("文/图", "图/文", "文/摄", "摄/文", "文图", "图文")
# A prefix mark (``文/本报记者 王一``) opens a token; ``袁成文/文`` is a name and a suffix.
MARK = re.compile(
    r"文/图|图/文|文/摄|摄/文|摄影报道|/文|/图|/摄影|/摄|(?<![\u4e00-\u9fff])(?:文|图|摄)/"
)
SUPPLY = ("供稿", "供图", "提供")


def normalise_role(printed: str) -> str:
    """Map a printed role to one of 记者, 通讯员, 摄影, 实习生, 供稿, 其他."""
    if printed.startswith(BOTH) or printed.startswith("文/"):
        return "记者"
    if printed.endswith("/文"):  # the writer keeps the role printed: ``实习生 王一/文``
        return normalise_role(printed[:-2]) if printed[:-2] else "记者"
    if re.search(r"/[图摄]|^[图摄]/|^[摄图]$|摄|图片", printed):
        return "摄影"
    if "实习" in printed and "记者" not in printed:
        return "实习生"
    if printed in SUPPLY:
        return "供稿"
    if re.search(rf"(?:{NETWORK_ROLE})$", printed):
        return "通讯员"
    base = re.search(rf"(?:{_alternation(BASE_ROLES)})$", printed)
    return BASE_ROLES[base.group()] if base else "其他"
