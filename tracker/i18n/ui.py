"""The terminal UI's words: key labels and tooltips (key_*, tip_*), command
palette entries (cmd_*), form labels (form_*), everything else a screen
says (ui_*), and the names of views, sorts and list columns. Part of the
one catalogue (tracker.i18n)."""

from tracker.i18n.plural import Plural

MESSAGES: dict[str, tuple[str, str | Plural]] = {
    # ---- key labels (the footer and the key panel); short, so the English
    # footer fits 80 columns
    "key_new": ("新建", "New"),
    "key_edit": ("修改", "Edit"),
    "key_note": ("进展", "Note"),
    "key_remind": ("催办", "Remind"),
    "key_extend": ("延期", "Extend"),
    "key_done": ("办结", "Done"),
    "key_reopen": ("重新打开", "Reopen"),
    "key_cancel": ("撤销", "Cancel item"),
    "key_search": ("搜索", "Search"),
    "key_unit": ("单位", "Unit"),
    "key_owner": ("责任人", "Owner"),
    "key_kind": ("类型", "Kind"),
    "key_sort": ("排序", "Sort"),
    "key_reverse": ("倒序", "Reverse"),
    "key_clear_filters": ("清除筛选", "Clear filters"),
    "key_campaigns": ("专项整治", "Campaigns"),
    "key_dashboard": ("仪表盘", "Dashboard"),
    "key_help": ("帮助", "Help"),
    "key_quit": ("退出", "Quit"),
    "key_refresh": ("刷新", "Refresh"),
    "key_back": ("返回", "Back"),
    "key_close": ("关闭", "Close"),
    "key_tasks": ("查看任务", "Tasks"),
    "key_up": ("上一项", "Up"),
    "key_down": ("下一项", "Down"),
    "key_page_up": ("上一页", "Page up"),
    "key_page_down": ("下一页", "Page down"),
    "key_first": ("首项", "First"),
    "key_last": ("末项", "Last"),
    "key_open": ("查看", "Open"),
    "key_scroll_up": ("向上滚动", "Scroll up"),
    "key_scroll_down": ("向下滚动", "Scroll down"),
    "key_scroll_left": ("向左滚动", "Scroll left"),
    "key_scroll_right": ("向右滚动", "Scroll right"),
    "key_scroll_home": ("滚到顶部", "Scroll to top"),
    "key_scroll_end": ("滚到底部", "Scroll to bottom"),
    "key_page_left": ("向左翻页", "Page left"),
    "key_page_right": ("向右翻页", "Page right"),
    "key_cancel_form": ("取消", "Cancel"),
    "key_save": ("保存", "Save"),
    "key_palette": ("命令", "Commands"),
    "key_focus_next": ("下一个输入框", "Next field"),
    "key_focus_previous": ("上一个输入框", "Previous field"),
    "key_copy": ("复制所选文字", "Copy selected text"),
    "key_view_open": ("在办", "Open"),
    "key_view_overdue": ("逾期", "Overdue"),
    "key_view_soon": ("临期", "Due soon"),
    "key_view_legal": ("复议应诉", "Review & litigation"),
    "key_view_done": ("已办结", "Done items"),
    "key_view_all": ("全部", "All"),
    # Textual's text input keys (the key panel, while typing)
    "key_input_left": ("光标左移", "Move cursor left"),
    "key_input_select_left": ("向左选择", "Move cursor left and select"),
    "key_input_left_word": ("左移一个词", "Move cursor left a word"),
    "key_input_select_left_word": ("向左选择一个词", "Move cursor left a word and select"),
    "key_input_right": ("光标右移，或接受补全", "Move cursor right or accept the completion"),
    "key_input_select_right": ("向右选择", "Move cursor right and select"),
    "key_input_right_word": ("右移一个词", "Move cursor right a word"),
    "key_input_select_right_word": ("向右选择一个词", "Move cursor right a word and select"),
    "key_input_delete_left": ("删除左边一个字", "Delete character left"),
    "key_input_select_all": ("全选", "Select all"),
    "key_input_home": ("到开头", "Go to start"),
    "key_input_end": ("到末尾", "Go to end"),
    "key_input_select_home": ("选择到开头", "Select to the start"),
    "key_input_select_end": ("选择到末尾", "Select to the end"),
    "key_input_delete_right": ("删除右边一个字", "Delete character right"),
    "key_input_submit": ("完成", "Submit"),
    "key_input_delete_left_word": ("删除左边一个词", "Delete left to start of word"),
    "key_input_delete_left_all": ("删除左边全部", "Delete all to the left"),
    "key_input_delete_right_word": ("删除右边一个词", "Delete right to start of word"),
    "key_input_delete_right_all": ("删除右边全部", "Delete all to the right"),
    "key_input_cut": ("剪切所选文字", "Cut selected text"),
    "key_input_copy": ("复制所选文字", "Copy selected text"),
    "key_input_paste": ("粘贴", "Paste text from the clipboard"),
    # ---- tooltips (the key panel shows them after the label)
    "tip_new": ("新建事项", "New item"),
    "tip_edit": ("修改事项", "Edit the item"),
    "tip_note": ("记录进展", "Record progress"),
    "tip_remind": ("记录催办", "Record a reminder sent"),
    "tip_extend": ("延期（须填理由）", "Extend, with a reason"),
    "tip_done": ("办结", "Mark done"),
    "tip_reopen": ("重新打开已办结或已撤销的事项", "Reopen a done or cancelled item"),
    "tip_cancel": ("撤销（须填理由）", "Cancel the item, with a reason"),
    "tip_palette": ("打开命令面板", "Open the command palette"),
    "tip_quit": ("退出 tracker", "Quit tracker"),
    "tip_help": ("按键与颜色说明", "Keys and colours"),
    # ---- the command palette
    "cmd_new": ("新建事项", "New item"),
    "cmd_edit": ("修改（当前事项）", "Edit (this item)"),
    "cmd_note": ("进展（当前事项）", "Progress note (this item)"),
    "cmd_remind": ("催办（当前事项）", "Reminder sent (this item)"),
    "cmd_extend": ("延期（当前事项）", "Extend (this item)"),
    "cmd_done": ("办结（当前事项）", "Mark done (this item)"),
    "cmd_reopen": ("重新打开（当前事项）", "Reopen (this item)"),
    "cmd_cancel": ("撤销（当前事项）", "Cancel (this item)"),
    "cmd_view_overdue": ("逾期事项", "Overdue items"),
    "cmd_view_soon": ("临期事项", "Items due soon"),
    "cmd_view_open": ("在办事项", "Open items"),
    "cmd_view_legal": ("复议应诉", "Review & litigation"),
    "cmd_view_done": ("已办结事项", "Done items"),
    "cmd_view_all": ("全部事项", "All items"),
    "cmd_search": ("搜索", "Search"),
    "cmd_unit": ("按责任单位筛选", "Filter by unit"),
    "cmd_owner": ("按责任人筛选", "Filter by owner"),
    "cmd_kind": ("按类型筛选", "Filter by kind"),
    "cmd_sort": ("排序", "Sort"),
    "cmd_campaigns": ("专项整治", "Campaigns"),
    "cmd_dashboard": ("仪表盘", "Dashboard"),
    "cmd_help": ("帮助", "Help"),
    "cmd_refresh": ("刷新", "Refresh"),
    "cmd_keys": ("显示/隐藏按键面板", "Show or hide the keys panel"),
    "cmd_quit": ("退出", "Quit"),
    "ui_palette_placeholder": ("搜索命令…（如 延期、办结、逾期）", "Search for commands… (extend, done, overdue)"),
    "ui_no_command": ("没有匹配的命令（Esc 关闭）", "No matching command (Esc closes)"),
    # ---- the ledger screen
    "ui_app_title": (" 督办台账 ", " Supervision ledger "),
    "ui_today": ("今天 {date}", "today {date}"),
    "ui_read_only": ("  只读", "  read-only"),
    "ui_title_keys": ("? 帮助  ctrl+p 命令", "? help  ctrl+p commands"),
    "ui_search_placeholder": (
        "搜索：文号、事项名称、单位、责任人（Enter 完成，Esc 清除）",
        "Search ref_no, title, unit, owner (Enter: done, Esc: clear)",
    ),
    "ui_filter_search": ("搜索“{value}”", "search “{value}”"),
    "ui_filter_unit": ("单位：{value}", "unit: {value}"),
    "ui_filter_owner": ("责任人：{value}", "owner: {value}"),
    "ui_filter_kind": ("类型：{value}", "kind: {value}"),
    "ui_filter_campaign": ("专项整治：{value}", "campaign: {value}"),
    "ui_filter_sort": ("排序：{value}", "sort: {value}"),
    "ui_filter_clear": ("Esc 清除筛选", "Esc clears filters"),
    "ui_no_items": ("没有符合条件的事项", "No items"),
    "ui_list_empty": ("（没有符合条件的事项）", "(nothing here)"),
    "ui_closed_late": ("超期{n}天办结", Plural("n", "closed {n} day late", "closed {n} days late")),
    "ui_provisional_note": ("  暂定期限：跨越未公布放假安排的年份", "  provisional: crosses a year not yet announced"),
    "ui_provisional": ("  （暂定）", "  (provisional)"),
    "ui_provisional_short": ("（暂定）", " (provisional)"),
    "ui_saved": ("已保存", "Saved"),
    "ui_added": ("已新增事项 {id}", "Added item {id}"),
    "ui_saving": ("保存中…", "saving…"),
    "ui_db_busy": (
        "数据库正忙（他人正在大量写入），未保存；请稍后再按 Ctrl+S",
        "the database is busy (someone is writing a lot); not saved, press Ctrl+S again",
    ),
    "ui_no_terminal": (
        "tracker 界面需要终端；在脚本或定时任务中请使用子命令（如 tracker report）",
        "the tracker UI needs a terminal; in scripts and cron jobs use a command (such as tracker report)",
    ),
    # pickers
    "ui_pick_unit": ("按责任单位筛选", "Filter by unit"),
    "ui_pick_all_units": ("（全部单位）", "(all units)"),
    "ui_pick_owner": ("按责任人筛选", "Filter by owner"),
    "ui_pick_everyone": ("（全部）", "(everyone)"),
    "ui_pick_kind": ("按类型筛选", "Filter by kind"),
    "ui_pick_all_kinds": ("（全部类型）", "(all kinds)"),
    "ui_pick_sort": ("排序", "Sort by"),
    "ui_pick_filter": ("筛选…", "filter…"),
    # the item page
    "ui_col_when": ("时间", "When"),
    "ui_col_who": ("经办人", "Who"),
    "ui_col_what": ("事项", "What"),
    # campaigns and the dashboard
    "ui_campaigns_title": (" 专项整治 ", " Campaigns "),
    "ui_no_campaigns": (
        "还没有专项整治。用 tracker campaign add 新建。",
        "No campaigns yet. Add one with tracker campaign add.",
    ),
    "ui_campaign_done": ("完成 {done}/{total}", "done {done}/{total}"),
    "ui_campaign_overdue": ("逾期 {n}", "{n} overdue"),
    "ui_campaign_lagging": ("滞后：{units}", "lagging: {units}"),
    "ui_dashboard_title": (" 仪表盘 ", " Dashboard "),
    "ui_dash_rate": ("{year}年按时办结率 ", "On-time rate {year} "),
    "ui_dash_rate_detail": (
        "    应办结 {due}，按时 {on_time}，逾期未办 {overdue}",
        "   due {due}, on time {on_time}, open overdue {overdue}",
    ),
    "ui_dash_next_days": ("未来{n}天到期", "Due in the next {n} days"),
    "ui_dash_items": ("共 {n} 项", Plural("n", "{n} item", "{n} items")),
    "ui_dash_units": ("各单位在办事项", "Open items by unit"),
    # ---- forms
    "ui_button_save": ("保存 Ctrl+S", "Save Ctrl+S"),
    "ui_button_cancel": ("取消 Esc", "Cancel Esc"),
    "form_title_new": ("新建事项", "New item"),
    "form_title_edit": ("修改事项", "Edit item"),
    "form_title_note": ("记录进展：{title}", "Record progress: {title}"),
    "form_title_remind": ("记录催办：{title}", "Record a reminder: {title}"),
    "form_title_extend": ("延期：{title}", "Extend: {title}"),
    "form_title_done": ("办结：{title}", "Mark done: {title}"),
    "form_title_reopen": ("重新打开：{title}", "Reopen: {title}"),
    "form_title_cancel": ("撤销：{title}", "Cancel item: {title}"),
    "form_kind": ("类型", "Kind"),
    "form_title": ("事项名称", "Title"),
    "form_received": ("收文日期", "Received"),
    "form_due": ("办结时限", "Due"),
    "form_rule": ("期限规则", "Rule"),
    "form_ref_no": ("文号", "Ref no"),
    "form_unit": ("责任单位", "Lead unit"),
    "form_owner": ("责任人", "Owner"),
    "form_assist": ("配合单位", "Assisting"),
    "form_campaign": ("专项整治", "Campaign"),
    "form_source": ("来源", "Source"),
    "form_notes": ("备注", "Notes"),
    "form_party": ("申请人/原告", "Applicant"),
    "form_organ": ("复议机关/法院", "Organ/court"),
    "form_hearing": ("开庭日期", "Hearing"),
    "form_note_text": ("进展内容", "Progress"),
    "form_remind_text": ("催办说明（可空）", "What was sent (optional)"),
    "form_extend_reason": ("延期理由", "Reason"),
    "form_extend_to": ("延期至", "New due date"),
    "form_done_text": ("办结说明（可空）", "How it was closed (optional)"),
    "form_done_on": ("办结日期", "Done on"),
    "form_reopen_reason": ("理由（可空）", "Reason (optional)"),
    "form_cancel_reason": ("撤销理由", "Reason"),
    "form_approver": ("批准人（可空）", "Approved by (optional)"),
    "form_due_placeholder": ("空：按规则计算", "empty: by rule"),
    "form_ref_placeholder": ("东应急〔{year}〕1号", "东应急〔{year}〕1号"),
    "form_assist_placeholder": ("多个用；分隔", "separate with ;"),
    "form_due_preview": ("办结时限：{due}{mark}", "Due: {due}{mark}"),
    "form_due_unknown": ("办结时限：—  {why}", "Due: —  {why}"),
    "form_need_due": ("请填写办结时限，或期限规则和收文日期", "give a due date, or a rule and the received date"),
    "form_need_received": ("按规则计算期限需要收文日期", "the rule needs the received date"),
    "form_due_and_rule": ("办结时限与期限规则只填一个", "give either a due date or a rule, not both"),
    "form_unit_new": ("没有责任单位“{unit}”：保存时将新建此单位", "no unit “{unit}” yet: saving creates it"),
    "form_unit_existing": ("已有：{units}（→ 键补全）", "existing: {units} (→ completes)"),
    "form_conflict": (
        "事项 {id} 已被他人修改：{changes}。未保存；你的输入仍在，核对后再按 Ctrl+S 保存，或 Esc 放弃",
        "item {id} was changed by someone else: {changes}. Not saved; what you typed is kept: "
        "check, then Ctrl+S saves it, or Esc drops it",
    ),
    "ui_list_sep": ("、", ", "),
    "ui_changed_field": ("{field}：{value}", "{field}: {value}"),
    # ---- help
    "ui_help_close": ("按 Esc、q 或 ? 关闭帮助", "Press Esc, q or ? to close this help"),
    "ui_help": (
        """\
[b]督办台账 · 帮助[/b]

[b]看什么[/b]
  1 在办   2 逾期   3 临期   4 复议应诉   5 已办结   0 全部
  /  搜索（文号、事项名称、单位、责任人，边输边查）
  u  按责任单位筛选    w  按责任人筛选    t  按类型筛选
  s  选择排序列        S  倒序            Esc  清除筛选
  c  专项整治（进度条；Enter 查看任务）    b  仪表盘
  h  近期庭审    v  待销号（单位报办结，待审核销号）
  ↑↓ PgUp PgDn Home End 移动；Enter 打开事项（Esc 返回）

[b]做什么[/b]（在列表或事项页）
  n  新建事项（输入类型和收文日期即显示办结时限）
  e  修改    p  记录进展    r  记录催办    x  延期（须填理由）
  d  办结    o  重新打开    Delete  撤销（须填理由）
  l  发函（提醒函 → 督办函 → 挂牌督办通知书，预览文号和回复期限）
  H  安排庭审    A  记录出庭    O  记录复议决定或判决（行政复议、行政应诉事项）
  表单中 Ctrl+S 保存，Esc 取消（不写入任何内容）
  新的责任单位：表单提示将新建；输入时按 → 补全已有单位

[b]颜色[/b]
  [red]● 红 逾期[/red]：办结时限已过    [yellow]● 黄 临期[/yellow]：3个工作日内到期    [green]● 绿 正常[/green]
  剩余一栏：逾期N天 / 今日到期 / 剩N个工作日；已办结：办结日期，或 [red]! 超期N天办结[/red]
  办结时限后的 * 表示暂定：期限跨越放假安排尚未公布的年份。

[b]其他[/b]
  Ctrl+P 命令面板（可输入 延期、办结 等，作用于当前事项）
  ?  本帮助    q  退出
  别人修改了数据库，本页几秒内自动刷新。""",
        """\
[b]Supervision ledger · help[/b]

[b]Views[/b]
  1 open   2 overdue   3 due soon   4 review & litigation   5 done   0 all
  /  search (ref_no, title, unit, owner, as you type)
  u  filter by unit    w  by owner    t  by kind
  s  sort column       S  reverse      Esc  clear filters
  c  campaigns (progress bars; Enter shows tasks)    b  dashboard
  h  coming hearings    v  awaiting review (a unit reported done)
  ↑↓ PgUp PgDn Home End move; Enter opens an item (Esc goes back)

[b]Actions[/b] (in the list or an item)
  n  new item (the deadline shows as you type kind and received date)
  e  edit    p  progress note    r  reminder sent    x  extend (reason required)
  d  done    o  reopen    Delete  cancel (reason required)
  l  issue a letter (reminder → supervision → listed notice; number and reply date previewed)
  H  add a hearing    A  who appeared    O  the decision or judgment (review and litigation items)
  In a form Ctrl+S saves, Esc cancels (nothing is written)
  A new lead unit: the form says it will be created; → completes an existing one

[b]Colours[/b]
  [red]● red overdue[/red]: past due    [yellow]● yellow due soon[/yellow]: within 3 working days    [green]● green on track[/green]
  Time left: N days overdue / due today / N working days left; done: the date closed, or [red]! closed N days late[/red]
  A * after a due date: provisional, the period crosses a year whose holidays are not announced.

[b]Other[/b]
  Ctrl+P command palette (type extend, done ...: acts on the item at hand)
  ?  this help    q  quit
  When another clerk changes the database, the view refreshes within seconds.""",
    ),
}

LABELS: dict[str, tuple[str, str | Plural]] = {
    # the ledger's views (tabs), full and short (narrow terminals)
    "view_open": ("在办", "Open"),
    "view_overdue": ("逾期", "Overdue"),
    "view_soon": ("临期", "Due soon"),
    "view_legal": ("复议应诉", "Review & litigation"),
    "view_done": ("已办结", "Done"),
    "view_all": ("全部", "All"),
    "view_short_open": ("在办", "Open"),
    "view_short_overdue": ("逾期", "Late"),
    "view_short_soon": ("临期", "Soon"),
    "view_short_legal": ("复议", "Legal"),
    "view_short_done": ("办结", "Done"),
    "view_short_all": ("全部", "All"),
    # the sorts
    "sort_due_on": ("办结时限", "due date"),
    "sort_received_on": ("收文日期", "received"),
    "sort_closed_on": ("办结日期", "closed"),
    "sort_ref_no": ("文号", "ref_no"),
    "sort_title": ("事项名称", "title"),
    "sort_kind": ("类型", "kind"),
    "sort_unit": ("责任单位", "unit"),
    "sort_owner": ("责任人", "owner"),
    "sort_id": ("编号", "id"),
    # the list's column headings
    "col_ref_no": ("文号", "Ref"),
    "col_title": ("事项名称", "Title"),
    "col_kind": ("类型", "Kind"),
    "col_unit": ("责任单位", "Unit"),
    "col_owner": ("责任人", "Owner"),
    "col_due_on": ("办结时限", "Due"),
    "col_left": ("剩余", "Left"),
    "col_closed": ("办结日期", "Closed"),
    "col_status": ("状态", "Status"),
}
