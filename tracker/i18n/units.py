"""Catalogue fragment: responsible units, their reports, the forms and the
bulletin (tracker.units, tracker.unit_forms, tracker.bulletin, tracker.cli.units)."""

from __future__ import annotations

from tracker.i18n.plural import Plural

MESSAGES: dict[str, tuple[str, str | Plural]] = {
    "units_colon": ("：", ": "),
    "units_share_line": ("{unit}（{role}，{state}{extra}）", "{unit} ({role}, {state}{extra})"),
    "units_returned_times": ("，退回 {n} 次", Plural("n", ", returned {n} time", ", returned {n} times")),
    "units_assists_in": ("{lead}（{unit}配合）", "{lead} ({unit} assists)"),
    "units_awaiting_mark": ("（待销号）", " (awaiting review)"),
    # errors
    "units_bad_cadence": (
        "无法识别的报送频次：{value!r}；可用 daily（每日一报）、weekly（每周一报）、monthly（每月一报）",
        "unknown reporting cadence {value!r}; accepted: daily (每日一报), weekly (每周一报), monthly (每月一报)",
    ),
    "units_no_unit": (
        "没有名为 {value!r} 的单位（tracker unit list 列出全部单位）",
        "no unit named {value!r} (tracker unit list shows them)",
    ),
    "units_bad_figure_value": (
        "数据 {value!r} 格式不对：应为 名称=非负整数，如 检查企业数=35",
        "bad figure {value!r}: give NAME=N with N a whole number ≥ 0, e.g. 检查企业数=35",
    ),
    "units_no_share": (
        "{unit} 不是事项 {id} 的牵头或配合单位，不能反馈",
        "{unit} neither leads nor assists in item {id}; it cannot report on it",
    ),
    "units_bad_figure": (
        "事项 {id} 所属专项整治没有数据项 {name!r}；可用：{accepted}",
        "item {id}'s campaign has no figure {name!r}; it has: {accepted}",
    ),
    "units_not_awaiting": (
        "事项 {id} 不在待销号状态（牵头单位尚未报办结）；确需退回请加 --force",
        "item {id} is not awaiting review (its lead unit has not reported done); add --force to return it anyway",
    ),
    "units_target_unknown": (
        "目标 {name!r} 不是本专项整治的数据项；数据项：{accepted}",
        "target {name!r} is not one of the campaign's figures: {accepted}",
    ),
    "units_exists": (
        "已有名为 {value!r} 的单位；合并两个单位请用 tracker unit merge",
        "a unit named {value!r} exists already; use tracker unit merge to merge the two",
    ),
    "units_merge_same": ("不能把单位 {value!r} 合并到它自己", "cannot merge unit {value!r} into itself"),
    "units_no_open_shares": (
        "没有需要反馈的办理中事项（单位：{unit}）",
        "no open items to report on (unit: {unit})",
    ),
    "units_forms_bad": (
        "反馈表有 {count} 行有误（{files} 个文件），未导入任何内容：",
        Plural(
            "count",
            "{count} bad row in the forms ({files} file(s)); nothing imported:",
            "{count} bad rows in the forms ({files} file(s)); nothing imported:",
        ),
    ),
    "units_form_too_big": (
        "{path} 超出反馈表的合理大小，拒绝读取",
        "{path} is far larger than any feedback form; refused",
    ),
    "units_form_no_unit": (
        "找不到填报单位（表头上方的“填报单位”或“填报单位”列）",
        "no reporting unit (the 填报单位 cell above the header, or a 填报单位 column)",
    ),
    "units_form_no_header": (
        "找不到表头（须有“编号”和“事项名称”两列）",
        "no header row (it needs the columns 编号 and 事项名称)",
    ),
    "units_form_bad_id": ("编号 {value!r} 不是事项编号", "编号 {value!r} is not an item number"),
    "units_form_bad_number": (
        "{name} 应为非负整数，而不是 {value!r}",
        "{name} must be a whole number ≥ 0, not {value!r}",
    ),
    "units_form_bad_done": ("是否办结应为“是”或“否”，而不是 {value!r}", "是否办结 must be 是 or 否, not {value!r}"),
    "units_form_bad_date": ("日期 {value!r} 无法识别", "cannot read the date {value!r}"),
    "units_form_mismatch": (
        "编号 {id} 与事项名称 {title!r} 不符（表中的事项信息被改动过？）",
        "编号 {id} does not match the title {title!r} (were the item columns changed?)",
    ),
    "units_form_closed": ("事项 {id} 已不在办理中", "item {id} is no longer open"),
    # results
    "units_now_awaiting": (
        "事项 {id} 牵头单位已报办结，待销号",
        "item {id}: the lead unit reports done; awaiting review",
    ),
    "units_forms_written": (
        "已生成 {n} 个单位的反馈表：{path}",
        Plural("n", "wrote the feedback form of {n} unit: {path}", "wrote the feedback forms of {n} units: {path}"),
    ),
    "units_imported": (
        "已导入 {n} 条反馈（{files} 个文件）",
        Plural("n", "imported {n} report ({files} file(s))", "imported {n} reports ({files} file(s))"),
    ),
    "units_checked": (
        "检查通过：{n} 条反馈（{files} 个文件），未写入",
        Plural(
            "n",
            "checked: {n} report ({files} file(s)); nothing written",
            "checked: {n} reports ({files} file(s)); nothing written",
        ),
    ),
    "units_imported_done": (
        "其中 {n} 条报告办结",
        Plural("n", "{n} of them reports done", "{n} of them report done"),
    ),
    "units_returned": ("已将事项 {id} 退回 {unit} 重办", "returned item {id} to {unit} to redo"),
    "units_bulletin_written": ("已写入督查通报：{path}", "wrote the bulletin: {path}"),
    "units_renamed": (
        "已将单位 {old} 改名为 {new}（涉及 {n} 项事项）",
        Plural("n", "renamed {old} to {new} ({n} item)", "renamed {old} to {new} ({n} items)"),
    ),
    "units_merged": (
        "已将单位 {old} 合并到 {new}（{n} 项事项转移）",
        Plural("n", "merged {old} into {new} ({n} item moved)", "merged {old} into {new} ({n} items moved)"),
    ),
    "units_contact_saved": ("已保存 {unit} 的联系人", "saved {unit}'s contact"),
    # words and headers
    "units_role_lead": ("牵头", "lead"),
    "units_role_assist": ("配合", "assisting"),
    "units_yes": ("是", "yes"),
    "units_h_on": ("反馈日期", "date"),
    "units_h_id": ("编号", "id"),
    "units_h_unit": ("单位", "unit"),
    "units_h_role": ("角色", "role"),
    "units_h_text": ("反馈内容", "report"),
    "units_h_done": ("办结", "done"),
    "units_h_figures": ("数据", "figures"),
    "units_h_contact": ("联系人", "contact"),
    "units_h_phone": ("电话", "phone"),
    "units_h_lead": ("牵头在办", "leads (open)"),
    "units_h_assist": ("配合在办", "assists (open)"),
    "units_h_awaiting": ("待销号", "awaiting review"),
    "units_h_state": ("状态", "state"),
    "units_shares": ("承办单位", "Responsible units"),
    "units_awaiting_line": (
        "待销号：{unit} 于 {on} 报办结，待审核销号或退回",
        "awaiting review: {unit} reported done on {on}; close it (done) or return it",
    ),
    "units_awaiting_title": ("待销号（牵头单位已报办结）", "Awaiting review (lead unit reports done)"),
    "units_missing_title": ("未按时报送", "Reports missing"),
    "units_missing_line": (
        "{unit}：{what} 截至 {period_end} 的一期未报（近30天漏报 {missed} 期）",
        Plural(
            "missed",
            "{unit}: {what}, period ending {period_end} not reported ({missed} missed in 30 days)",
            "{unit}: {what}, period ending {period_end} not reported ({missed} missed in 30 days)",
        ),
    ),
    "units_item_ref": ("事项 {id}", "item {id}"),
    "units_figures_title": ("数据统计", "Figures"),
    "units_figure_line": ("{name}：{total}{target}", "{name}: {total}{target}"),
    "units_unreported": (
        "截至 {period_end} 的一期未报送：{units}",
        "not reported for the period ending {period_end}: {units}",
    ),
    "units_all_reported": ("最近一期（截至 {period_end}）均已报送", "all reported for the period ending {period_end}"),
    "units_cadence_daily": ("每日一报", "daily"),
    "units_cadence_weekly": ("每周一报", "weekly"),
    "units_cadence_monthly": ("每月一报", "monthly"),
    # bulletin
    "units_b_rank": ("排名", "rank"),
    "units_b_unit": ("责任单位", "unit"),
    "units_b_due": ("应办结", "due"),
    "units_b_done_on_time": ("按时办结", "on time"),
    "units_b_on_time_rate": ("按时办结率", "on-time rate"),
    "units_b_open_overdue": ("逾期未办", "open overdue"),
    "units_b_returned": ("退回重办", "returned"),
    "units_b_reminders": ("催办", "reminders"),
    "units_b_missed_reports": ("漏报", "missed reports"),
    "units_b_title": ("督查通报（{start} 至 {end}）", "Supervision bulletin ({start} to {end})"),
    "units_b_summary": (
        "截至 {as_of}：{units} 个单位，应办结 {due} 项，按时办结 {on_time} 项（{rate}），"
        "逾期未办 {overdue} 项，退回重办 {returned} 次，漏报 {missed} 期",
        "as of {as_of}: {units} units, {due} due, {on_time} done on time ({rate}), {overdue} open overdue, "
        "{returned} returned, {missed} reports missed",
    ),
    "units_b_note": (
        "排名依次按按时办结率、逾期未办、退回重办、漏报、催办次数，相同者并列。",
        "Ranked by on-time rate, then open overdue, returns, missed reports and reminders; equal ones share a rank.",
    ),
    "units_b_sheet": ("督查通报", "Bulletin"),
    # the terminal UI (tracker.tui.units): the awaiting-review view, its keys
    "key_units_awaiting": ("待销号", "Awaiting review"),
    "cmd_units_awaiting": ("待销号事项（牵头单位已报办结）", "Items awaiting review (lead unit reports done)"),
    "key_units_close": ("销号", "Close (done)"),
    "tip_units_close": ("办结销号，办结日期为今日", "Close the item as done today"),
    "key_units_return": ("退回重办", "Return"),
    "tip_units_return": ("退回牵头单位重办（须填理由）", "Return it to the lead unit to redo (a reason is required)"),
    "units_tui_title": (
        "待销号（牵头单位已报办结）：{n}项",
        Plural(
            "n",
            "Awaiting review (lead unit reports done): {n} item",
            "Awaiting review (lead unit reports done): {n} items",
        ),
    ),
    "units_tui_none": (
        "没有待销号的事项：牵头单位报办结后，事项列在这里，由本局销号或退回重办。",
        "Nothing awaiting review: when a lead unit reports an item done, it is listed here to close or return.",
    ),
    "units_tui_reported_on": ("报办结日期", "Reported"),
    "units_tui_closed": ("事项 {id} 已办结销号", "Item {id} closed as done"),
    "units_tui_return_title": ("退回重办：#{id} {title}（{unit}）", "Return to redo: #{id} {title} ({unit})"),
    "form_units_reason": ("退回理由", "Reason"),
    "form_units_new_due": ("新办结时限", "New due date"),
    "units_tui_due_placeholder": ("不改可不填", "leave empty to keep the due date"),
    # the campaign screen's figures: 检查企业数 35 / 500 (7%)  茶山镇 35
    "units_tui_figure": ("{name} {total}", "{name} {total}"),
    "units_tui_figure_target": (" / {target} ({pct}%)", " / {target} ({pct}%)"),
    "units_tui_figure_unit": ("{unit} {n}", "{unit} {n}"),
}

LABELS: dict[str, tuple[str, str | Plural]] = {
    "ev_feedback": ("反馈", "report"),
    "ev_return": ("退回重办", "returned"),
    "ev_unit": ("单位变更", "unit changed"),
    "units_act_feedback": ("反馈", "report on"),
    "units_act_return": ("退回", "return"),
    "units_w_feedback": ("反馈内容", "the report"),
    "units_w_return_reason": ("退回理由", "the reason for returning"),
    "units_w_unit_name": ("单位名称", "the unit's name"),
    "units_state_open": ("办理中", "working"),
    "units_state_reported": ("已报办结", "reported done"),
    "units_state_returned": ("退回重办", "returned"),
    "units_awaiting": ("待销号", "awaiting review"),
    "units_shares_wrong": ("承办单位记录与事项不符", "units' shares that disagree with their items"),
    "shares_campaign_wrong": (
        "承办单位记录的专项整治与事项不符",
        "units' shares whose campaign disagrees with their item's",
    ),
}

FIELDS: dict[str, tuple[str, str | Plural]] = {
    "cadence": ("报送频次", "reporting cadence"),
}
