"""Legal cases' words: the law of extensions, hearings, outcomes, the
year's figures. Part of the one catalogue (tracker.i18n).

The law's text comes from the rule catalogue in both languages ({basis} in
zh, {basis_en} in en); each message names both, the other one formatted
empty (`:.0`), so the two forms keep the same placeholders."""

from tracker.i18n.plural import Plural

MESSAGES: dict[str, tuple[str, str | Plural]] = {
    # the law of extensions
    "legal_no_extension": (
        "事项 {id} 的期限（{rule}）依法不得延长：{basis}{basis_en:.0}",
        "item {id}: the {rule} deadline cannot be extended by law: {basis_en}{basis:.0}",
    ),
    "legal_extension_needs": (
        "法定期限（{rule}）延期须写明理由和批准人（--reason、--approver）：{basis}{basis_en:.0}",
        "extending a statutory deadline ({rule}) needs --reason and --approver: {basis_en}{basis:.0}",
    ),
    "legal_extension_too_far": (
        "延期至 {value} 超过法定上限 {limit}：{basis}{basis_en:.0}",
        "extension to {value} is past the lawful limit {limit}: {basis_en}{basis:.0}",
    ),
    "legal_due_statutory": (
        "事项 {id} 的办结时限由法定规则 {rule} 计算（{basis}{basis_en:.0}），不能直接修改；"
        "请修改收文日期（--received）重新计算，或依法延期（tracker extend）",
        "item {id}: the deadline is fixed by the statutory rule {rule} ({basis_en}{basis:.0}) and cannot be "
        "edited; change the received date (--received) to recompute it, or extend it lawfully (tracker extend)",
    ),
    # hearings
    "legal_bad_time": (
        "时间无效：{value!r}；格式：HH:MM，如 09:30",
        "invalid time: {value!r}; accepted: HH:MM, e.g. 09:30",
    ),
    "legal_bad_hearing_type": (
        "庭审类型无效：{value!r}；可选：{accepted}",
        "invalid hearing type: {value!r}; accepted: {accepted}",
    ),
    "legal_not_a_case": (
        "事项 {id}（{kind}）不是行政复议或行政应诉案件；开庭和结果只记在 review、litigation 事项上",
        "item {id} ({kind}) is not a case; hearings and outcomes belong to review and litigation items",
    ),
    "legal_hearing_before_received": (
        "开庭日期 {value} 早于收案日期 {received}",
        "hearing date {value} is before the case was received ({received})",
    ),
    "legal_received_after_case_dates": (
        "收案日期 {received} 晚于此案已有的庭审或结果日期 {value}",
        "received date {received} is after this case's hearing or outcome on {value}",
    ),
    "legal_need_attended": ("请用 --attended 写明出庭人员", "name who appeared with --attended"),
    "legal_no_hearing": ("没有编号为 {value} 的庭审", "no hearing with id {value}"),
    "legal_hearing_not_held": (
        "庭审 {id} 定于 {date}，截至 {as_of} 尚未举行，不能记录出庭情况",
        "hearing {id} is on {date}: it has not happened by {as_of}; attendance cannot be recorded yet",
    ),
    "legal_hearing_added": ("{id}\t已添加庭审（事项 {item}，{when}）", "{id}\thearing added (item {item}, {when})"),
    "legal_attendance_saved": ("已记录庭审 {id} 的出庭情况", "attendance recorded for hearing {id}"),
    "legal_no_hearings": ("没有庭审", "no hearings"),
    # outcomes
    "legal_bad_outcome": (
        "结果无效：{value!r}（{kind}）；可选：{accepted}",
        "invalid outcome {value!r} for a {kind} case; accepted: {accepted}",
    ),
    "legal_ruling_litigation_only": (
        "--ruling 只用于行政应诉（法院裁定）",
        "--ruling applies to litigation only (a court's ruling)",
    ),
    "legal_outcome_before_received": (
        "结果日期 {value} 早于收案日期 {received}",
        "outcome date {value} is before the case was received ({received})",
    ),
    "legal_outcome_saved": ("已记录事项 {id} 的结果：{word}", "outcome of item {id} recorded: {word}"),
    "legal_linked_added": (
        "{id}\t已新增后续事项「{title}」，办结时限 {due}",
        "{id}\tfollow-up item added: {title}, due {due}",
    ),
    "legal_linked_moved": (
        "后续事项 {id} 按新的结果日期重算，办结时限 {due}",
        "follow-up item {id} follows the new outcome date: due {due}",
    ),
    "legal_carry_out_open": (
        "履行期限未定：暂按收到决定后30日计，请用 tracker edit {id} --due DATE 设定",
        "no time limit given to carry it out: 30 days from the decision for now; set it with tracker edit {id} --due DATE",
    ),
    # the UI (tracker.tui.legal): keys, palette entries, forms, the coming hearings
    "key_legal_hearing": ("庭审", "Hearing"),
    "key_legal_attend": ("出庭", "Appeared"),
    "key_legal_outcome": ("结果", "Outcome"),
    "key_legal_hearings": ("近期庭审", "Hearings"),
    "key_legal_open_case": ("查看案件", "Open case"),
    "key_legal_show_options": ("展开选项", "Show options"),
    "key_legal_toggle": ("勾选/取消", "Toggle"),
    "tip_legal_hearing": ("安排开庭、听证或调解", "Add a trial, hearing or mediation"),
    "tip_legal_attend": ("记录出庭人员和负责人出庭", "Record who appeared, and the head in person"),
    "tip_legal_outcome": ("记录复议决定或判决、裁定", "Record the decision, judgment or ruling"),
    "tip_legal_hearings": ("今天起的庭审", "Hearings from today on"),
    "cmd_legal_hearing": ("安排庭审（当前案件）", "Add a hearing (this case)"),
    "cmd_legal_attend": ("记录出庭（当前案件）", "Record who appeared (this case)"),
    "cmd_legal_outcome": ("记录结果（当前案件）", "Record the outcome (this case)"),
    "cmd_legal_hearings": ("近期庭审", "Coming hearings"),
    "form_legal_date": ("日期", "Date"),
    "form_legal_time": ("时间", "Time"),
    "form_legal_place": ("地点", "Place"),
    "form_legal_type": ("类型", "Type"),
    "form_legal_attended": ("出庭人员", "Appeared"),
    "form_legal_head": ("负责人出庭", "Head in person"),
    "form_legal_outcome": ("结果", "Outcome"),
    "form_legal_decided_on": ("收到日期", "Received on"),
    "form_legal_ruling": ("裁定（非判决）", "Ruling (not judgment)"),
    "form_legal_hearing": ("庭审", "Hearing"),
    "form_legal_carry_out_by": ("履行期限", "Carry out by"),
    "form_legal_note": ("备注", "Note"),
    "legal_tui_not_a_case": (
        "事项 {id}（{kind}）不是复议或应诉案件：庭审、出庭和结果只记在案件上",
        "item {id} ({kind}) is not a case: hearings, attendance and outcomes belong to review and litigation",
    ),
    "legal_tui_labelled": ("{field}：{value}", "{field}: {value}"),
    "legal_tui_no_held": ("此案还没有已举行的庭审", "this case has no hearing held yet"),
    "legal_tui_hearing_title": ("安排庭审：事项 {id}  {title}", "Add a hearing: item {id}  {title}"),
    "legal_tui_attend_title": ("出庭情况：庭审 {id}（{date}）", "Who appeared: hearing {id} ({date})"),
    "legal_tui_outcome_title": ("记录结果：事项 {id}  {title}", "Outcome: item {id}  {title}"),
    "legal_tui_need_date": ("请填写日期", "give the date"),
    "legal_tui_attend_hint": (
        "出庭人员可写多人，用顿号分隔；负责人亲自出庭时填其姓名",
        "Name everyone who appeared; give the head's name when he or she appeared in person",
    ),
    "legal_tui_carry_out_hint": (
        "撤销、变更、责令履行时新增履行事项；履行期限不填则暂按30日计",
        "Revoked, varied or ordered adds an item to carry it out; with no date, 30 days for now",
    ),
    "legal_tui_coming": ("近期庭审（{as_of} 起）", "Coming hearings (from {as_of})"),
    "legal_tui_no_coming": ("{as_of} 起没有庭审", "No hearings from {as_of} on"),
    "legal_tui_saved_hearing": ("已添加庭审", "Hearing added"),
    "legal_tui_saved_attend": ("已记录出庭情况", "Attendance recorded"),
    "legal_tui_saved_outcome": ("已记录结果", "Outcome recorded"),
    "legal_annual_written": (
        "已写入{year}年度法治政府建设数据：{path}",
        "wrote the rule-of-law figures {year}: {path}",
    ),
    "legal_annual_title": ("{year}年度法治政府建设数据（截至 {as_of}）", "Rule-of-law figures {year} (as of {as_of})"),
}

LABELS: dict[str, tuple[str, str | Plural]] = {
    "ev_hearing": ("庭审安排", "hearing"),
    "ev_attend": ("出庭记录", "attendance"),
    "ev_outcome": ("结果", "outcome"),
    "ev_link": ("后续事项", "follow-up"),
    "act_hearing": ("安排庭审", "add a hearing to"),
    "act_outcome": ("记录结果", "record the outcome of"),
    "legal_trial": ("开庭", "trial"),
    "legal_hearing": ("听证", "hearing"),
    "legal_mediation": ("调解", "mediation"),
    "legal_appeal": ("决定是否上诉", "decide on appeal"),
    "legal_carry-out": ("履行复议决定", "carry out the decision"),
    "legal_lost": ("纠错/败诉", "lost"),
    "legal_no_ext": ("不得延长", "no extension"),
}

FIELDS: dict[str, tuple[str, str | Plural]] = {
    "legal_hearing_id": ("庭审编号", "Hearing"),
    "legal_item_id": ("事项编号", "Item"),
    "legal_date": ("日期", "Date"),
    "legal_time": ("时间", "Time"),
    "legal_place": ("地点", "Place"),
    "legal_type": ("类型", "Type"),
    "legal_attended": ("出庭人员", "Appeared"),
    "legal_head": ("负责人出庭", "Head in person"),
    "legal_hearing_list": ("庭审", "Hearings"),
    "legal_outcome": ("结果", "Outcome"),
    "legal_linked": ("后续事项", "Follow-up items"),
    "legal_case": ("所属案件", "Case"),
    "legal_extension": ("延期规定", "Extension"),
    # the year's figures
    "legal_sec_review": ("行政复议", "Administrative review"),
    "legal_sec_litigation": ("行政应诉", "Litigation"),
    "legal_sec_letters": ("督办函件", "Letters"),
    "legal_sec_listed": ("挂牌督办", "Listed cases"),
    "legal_sec_tasks": ("交办事项", "Tasks"),
    "legal_sec_campaigns": ("专项整治", "Campaigns"),
    "legal_received": ("收案数", "received"),
    "legal_replied": ("已答复", "replied"),
    "legal_replied_on_time": ("按时答复", "replied on time"),
    "legal_defended": ("已答辩", "defended"),
    "legal_defended_on_time": ("按时举证答辩", "defended on time"),
    "legal_on_time_rate": ("按时率", "on-time rate"),
    "legal_decided": ("已决定", "decided"),
    "legal_lost": ("纠错/败诉", "lost"),
    "legal_hearings": ("开庭次数", "hearings"),
    "legal_appeared": ("出庭应诉", "appeared"),
    "legal_appearance_rate": ("出庭应诉率", "appearance rate"),
    "legal_head_appeared": ("负责人出庭应诉", "head appeared"),
    "legal_head_appearance_rate": ("负责人出庭应诉率", "head appearance rate"),
    "legal_judged": ("已判决", "judged"),
    "legal_loss_rate": ("败诉率", "loss rate"),
    "legal_supervision": ("督办函", "supervision letters"),
    "legal_reminder": ("提醒函", "reminder letters"),
    "legal_suggestion": ("建议函", "suggestion letters"),
    "legal_total": ("合计", "total"),
    "legal_opened": ("立案", "opened"),
    "legal_closed": ("销号", "closed"),
    "legal_due": ("应办结", "due"),
    "legal_done_on_time": ("按时办结", "done on time"),
    "legal_count": ("数量", "count"),
    "legal_tasks": ("任务数", "tasks"),
    "legal_done": ("已完成", "done"),
}
