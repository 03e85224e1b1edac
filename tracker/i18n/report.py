"""The words of the human outputs: the morning report and the statistics
(rep_, st_), the CLI's text layouts (cli_), and the descriptions of
history entries (evd_). Part of the one catalogue (tracker.i18n)."""

from tracker.i18n.plural import Plural

MESSAGES: dict[str, tuple[str, str | Plural]] = {
    # the morning report
    "rep_heading": ("督办事项晨报  {date}{filters}", "Overdue report  {date}{filters}"),
    "rep_summary": (
        "在办 {open} 项：逾期 {overdue}，今日到期 {due_today}，临期 {due_soon}",
        "{open} open: {overdue} overdue, {due_today} due today, {due_soon} due soon",
    ),
    "rep_sec_overdue": ("逾期  {n} 项", "Overdue  {n}"),
    "rep_sec_due_today": ("今日到期  {n} 项", "Due today  {n}"),
    "rep_sec_due_soon": (
        "临期（{days}个工作日内，至{until}）  {n} 项",
        Plural(
            "days",
            "Due soon (within {days} working day, to {until})  {n}",
            "Due soon (within {days} working days, to {until})  {n}",
        ),
    ),
    "rep_unit": ("【{unit}】{n} 项", Plural("n", "{unit}: {n} item", "{unit}: {n} items")),
    "rep_unit_count": ("{n} 项", Plural("n", "{n} item", "{n} items")),
    "rep_no_unit": ("未指定单位", "no unit"),
    "rep_more": ("……另有 {n} 项（--all 显示全部）", "... {n} more (--all shows all)"),
    "rep_more_short": ("……另有 {n} 项", "... {n} more"),
    "rep_provisional_note": (
        "* 暂定：期限跨越放假安排未公布的年份",
        "* provisional: the period crosses an unannounced year",
    ),
    "rep_hearings": (
        "近期开庭（至{until}，负责人出庭应诉）  {n} 项",
        "Hearings (to {until})  {n}",
    ),
    "rep_campaigns": ("专项整治进度", "Campaign progress"),
    "rep_campaign": (
        "{name}  {bar} {done}/{total}（{pct}）  逾期 {overdue}",
        "{name}  {bar} {done}/{total} ({pct})  {overdue} overdue",
    ),
    "rep_campaign_overdue": ("逾期 {n}", "{n} overdue"),
    "rep_campaign_done": ("{done}/{total}（{pct}）", "{done}/{total} ({pct})"),
    "rep_lagging": ("  滞后：{units}", "  lagging: {units}"),
    "rep_lagging_short": ("滞后：{units}", "lagging: {units}"),
    # statistics
    "st_heading": (
        "按时办结统计  {date_from} 至 {date_to}（截至 {as_of}）",
        "On-time statistics  {date_from} to {date_to} (as of {as_of})",
    ),
    "st_letters_none": ("期间发出函件：0", "letters sent in the period: 0"),
    "st_letters": (
        "期间发出函件 {n} 份：{parts}",
        Plural("n", "{n} letter sent in the period ({parts})", "{n} letters sent in the period ({parts})"),
    ),
    # CLI layouts
    "rep_due_provisional": ("{due}（暂定）", "{due} (provisional)"),
    "cli_changed_fields": ("（{fields}）", " ({fields})"),
    "cli_campaign_progress": (
        "完成 {done}/{total}（{pct}），逾期 {overdue}",
        "done {done}/{total} ({pct}), {overdue} overdue",
    ),
    "cli_generic_rules": (
        "Nd / Nwd / Nm: N日（顺延）/ N个工作日 / N个月（顺延），如 5wd",
        "Nd / Nwd / Nm: N days (rolled) / N working days / N months (rolled), e.g. 5wd",
    ),
    "cli_period_d": ("{n}日", Plural("n", "{n} day", "{n} days")),
    "cli_period_wd": ("{n}个工作日", Plural("n", "{n} working day", "{n} working days")),
    "cli_period_m": ("{n}个月", Plural("n", "{n} month", "{n} months")),
    "cli_rolled": ("，顺延", " (rolled)"),
    "cli_year_provisional": (
        "暂定：放假安排未公布，按周末和法定节假日计算，不含调休上班日",
        "provisional: no announced schedule; weekends and the statutory holidays, no make-up working days",
    ),
    "cli_year_announced": ("已公布放假安排", "announced"),
    "cli_problem_examples": ("{label}: {count}（{examples}）", "{label}: {count} ({examples})"),
    "cli_progress_demo": ("演示数据", "demo data"),
    "cli_progress_import": ("导入", "import"),
    # history entries (tracker.text.describe_event)
    "evd_due": ("办结时限 {due}", "due {due}"),
    "evd_basis": ("（{basis}）", " ({basis})"),
    "evd_more": ("；{text}", "; {text}"),
    "evd_imported": ("（导入自 {name}）", " (imported from {name})"),
    "evd_reason": ("，理由：{reason}", "; reason: {reason}"),
    "evd_approver": ("，批准人：{approver}", "; approved by {approver}"),
    "evd_done": ("{on}（时限 {due}，{mark}）", "on {on} (due {due}, {mark})"),
    "evd_on_time": ("按时", "on time"),
    "evd_late": ("超期", "late"),
    "evd_was": ("原为{status}", "was {status}"),
    "evd_reopen_reason": ("，{reason}", "; {reason}"),
    "evd_change": ("{field} {old} → {new}", "{field} {old} → {new}"),
    "evd_sep": ("；", "; "),
    "cli_colon": ("：", ": "),
}

LABELS: dict[str, tuple[str, str | Plural]] = {
    "cli_office": ("本局设置", "office"),
    "cli_wd_0": ("周一", "Mon"),
    "cli_wd_1": ("周二", "Tue"),
    "cli_wd_2": ("周三", "Wed"),
    "cli_wd_3": ("周四", "Thu"),
    "cli_wd_4": ("周五", "Fri"),
    "cli_wd_5": ("周六", "Sat"),
    "cli_wd_6": ("周日", "Sun"),
    "cli_list_sep": ("、", ", "),
    "rep_parts_sep": ("，", ", "),
}

# Column names of the human tables (the export's columns are core FIELDS).
FIELDS: dict[str, tuple[str, str | Plural]] = {
    "col_time_left": ("剩余时间", "Time left"),
    "col_lagging": ("滞后", "Lagging"),
    "col_case_no": ("案号", "Case no"),
    "col_court": ("法院", "Court"),
    "col_name": ("名称", "Name"),
    "col_start_on": ("开始", "Start"),
    "col_end_on": ("结束", "End"),
    "col_lead_unit": ("牵头单位", "Lead unit"),
    "col_progress": ("完成/总数", "Done/total"),
    "col_overdue_count": ("逾期", "Overdue"),
    "col_cadence": ("报送", "Cadence"),
    "col_rule_id": ("规则", "Rule"),
    "col_period": ("期间", "Period"),
    "col_effective_from": ("起用", "From"),
    "col_legal_basis": ("依据", "Basis"),
    "col_kind_id": ("类型代码", "Kind"),
    "col_kind_label": ("类型", "Label"),
    "col_default_rule": ("默认规则", "Default rule"),
    "col_date": ("日期", "Date"),
    "col_weekday": ("星期", "Day"),
    "col_day_type": ("类型", "Type"),
    "col_day_note": ("说明", "Note"),
    "col_day_source": ("来源", "Source"),
    "st_kind": ("类型", "Kind"),
    "st_due": ("应办结", "Due"),
    "st_done": ("已办结", "Done"),
    "st_on_time": ("按时办结", "On time"),
    "st_rate": ("按时办结率", "On-time rate"),
    "st_open_overdue": ("逾期未办", "Open overdue"),
    "st_extended": ("延期", "Extended"),
    "st_date_unknown": ("办结日期不详", "Done, date unknown"),
    "st_total": ("合计", "Total"),
    "st_letters_sent": ("发出函件", "Letters sent"),
    "col_item_ref_kind": ("文号 / 类型", "Ref no / kind"),
    "col_unit_owner": ("责任单位 / 责任人", "Lead unit / owner"),
}
