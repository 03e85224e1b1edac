"""The terminal UI (Textual). A shell over tracker's core: no SQL here.

Key labels are written in Chinese in the BINDINGS; with --lang en, every
screen and widget swaps them for the English of EN when it is created.
"""

from __future__ import annotations

from dataclasses import replace

LANG = "zh"  # set by TrackerApp before any screen is made

EN = {
    "新建": "New",
    "修改": "Edit",
    "进展": "Progress",
    "催办": "Remind",
    "延期": "Extend",
    "办结": "Done",
    "重开": "Reopen",
    "撤销": "Cancel item",
    "搜索": "Search",
    "单位": "Unit",
    "责任人": "Owner",
    "类型": "Kind",
    "排序": "Sort",
    "倒序": "Reverse",
    "清除筛选": "Clear filters",
    "专项整治": "Campaigns",
    "仪表盘": "Dashboard",
    "帮助": "Help",
    "退出": "Quit",
    "刷新": "Refresh",
    "返回": "Back",
    "查看任务": "Tasks",
    "上": "Up",
    "下": "Down",
    "关闭": "Close",
    "取消": "Cancel",
    "保存": "Save",
    "在办": "Open",
    "逾期": "Overdue",
    "临期": "Due soon",
    "复议应诉": "Review & litigation",
    "已办结": "Done items",
    "全部": "All",
    "上一项": "Up",
    "下一项": "Down",
    "上一页": "Page up",
    "下一页": "Page down",
    "首项": "First",
    "末项": "Last",
    "查看": "Open",
}


class Localized:
    """Mixin: with LANG 'en', this node's key labels are in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if LANG == "en":
            kb = self._bindings.key_to_bindings
            self._bindings.key_to_bindings = {
                key: [replace(b, description=EN.get(b.description, b.description)) for b in bindings]
                for key, bindings in kb.items()
            }
