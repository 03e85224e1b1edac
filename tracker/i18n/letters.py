"""The words of letters (督办函、提醒函、建议函、挂牌督办通知书) and of
`tracker config`. Part of the one catalogue (tracker.i18n)."""

from tracker.i18n.plural import Plural

MESSAGES: dict[str, tuple[str, str | Plural]] = {
    "evd_letter": (
        "{name} {ref_no}（#{id}，{on} 发出，{due} 前回复）",
        "{name} {ref_no} (#{id}, sent {on}, reply by {due})",
    ),
    # errors
    "letter_bad_kind": (
        "函件类型无效：{value!r}；可选：{accepted}",
        "not a kind of letter: {value!r}; accepted: {accepted}",
    ),
    "letter_cancelled": (
        "事项 {id} 已撤销，不能再发函",
        "item {id} is cancelled; no letter can be issued about it",
    ),
    "letter_no_unit": (
        "事项 {id} 没有责任单位，函件无主送单位；请先用 tracker edit {id} --unit 单位 指定",
        "item {id} has no lead unit to address the letter to; set one with tracker edit {id} --unit UNIT",
    ),
    "letter_format_no_n": (
        "编号格式 {value!r} 缺少 {{n}}（序号）；例如 {{short}}督〔{{year}}〕{{n}}号",
        "numbering format {value!r} lacks {{n}} (the number); e.g. {{short}}督〔{{year}}〕{{n}}号",
    ),
    "letter_format_unknown": (
        "编号格式 {value!r} 含未知占位符 {name}；可用：{{short}}（简称）、{{year}}（年份）、{{n}}（序号）",
        "numbering format {value!r} has an unknown placeholder {name}; accepted: {{short}}, {{year}}, {{n}}",
    ),
    "letter_format_bad": (
        "编号格式 {value!r} 无效（花括号不成对？）；例如 {{short}}督〔{{year}}〕{{n}}号",
        "numbering format {value!r} is invalid (unpaired braces?); e.g. {{short}}督〔{{year}}〕{{n}}号",
    ),
    "letter_due_before": (
        "回复期限 {due} 早于发函日期 {on}",
        "the reply date {due} is before the day the letter is sent, {on}",
    ),
    "letter_template_missing": ("找不到模板文件 {path}", "template file {path} not found"),
    "letter_template_bad": (
        "模板 {path} 不是有效的 DOCX 模板（{problem}）",
        "template {path} is not a valid DOCX template ({problem})",
    ),
    "letter_template_lacks": (
        "模板 {path} 缺少必需字段：{fields}",
        "template {path} lacks required fields: {fields}",
    ),
    "letter_template_unknown": (
        "模板 {path} 使用了未知字段：{fields}；可用：{accepted}",
        "template {path} uses unknown fields: {fields}; accepted: {accepted}",
    ),
    "config_empty": ("设置项 {name} 的值不能为空", "the value of {name} must not be empty"),
    "config_no_db": (
        "设置项 {name} 保存在台账中，但 {path} 不存在；请先运行 tracker init",
        "{name} is kept in the ledger, but {path} does not exist; run tracker init first",
    ),
    # results
    "letter_issued": (
        "已发出{doc}：{ref_no}，主送{unit}，请于{reply_by}前回复；文件：{path}",
        "issued {doc} {ref_no} to {unit}, reply by {reply_by}; file: {path}",
    ),
    "letter_template_written": ("已写出{doc}模板：{path}", "wrote the {doc} template: {path}"),
    "letter_preview": (
        "将发出{doc} {ref_no}，主送{unit}，回复期限 {reply_by}{basis}",
        "will issue {doc} {ref_no} to {unit}, reply by {reply_by}{basis}",
    ),
    "config_saved": ("已设置 {name} = {value}", "set {name} = {value}"),
    "config_user_saved": ("已设置 {name} = {value}（保存在 {path}）", "set {name} = {value} (saved in {path})"),
    "config_default": ("（默认）", " (default)"),
    "config_unset": ("（未设置）", "(not set)"),
    # the UI: the key on an item, the form, the panel on the item page
    "key_letter_issue": ("发函", "Letter"),
    "tip_letter_issue": (
        "就本事项发出下一份函件（提醒函 → 督办函 → 挂牌督办通知书）",
        "Issue the next letter about this item (reminder → supervision → listing)",
    ),
    "cmd_letter_issue": ("发函（当前事项）", "Issue a letter (this item)"),
    "key_letter_show_options": ("展开选项", "Show options"),
    "letter_ui_title": ("发函：事项 {id}  {title}", "Issue a letter: item {id}  {title}"),
    "form_letter_kind": ("函件类型", "Kind of letter"),
    "form_letter_on": ("发函日期", "Date sent"),
    "form_letter_due": ("回复期限", "Reply by"),
    "form_letter_rule": ("或期限规则", "or a rule"),
    "form_letter_out": ("保存为", "Save as"),
    "letter_ui_hint": (
        "回复期限：填日期或规则（如 5wd），都不填按本局默认。\n保存为：文件夹或文件名，不填存入当前文件夹。",
        "Reply by: a date or a rule (e.g. 5wd); neither: the office's default.\n"
        "Save as: a folder or a file; empty: the current folder.",
    ),
    "letter_ui_due_placeholder": ("空：按规则或默认", "empty: rule or default"),
    "letter_ui_basis": ("（{basis}）", " ({basis})"),
    "letter_ui_file": ("文件：{path}", "file: {path}"),
    "letter_ui_issue": ("发函 Ctrl+S", "Issue Ctrl+S"),
    "letter_ui_no_unit": (
        "事项 {id} 没有责任单位，函件无主送单位；请先按 e 修改事项，指定责任单位",
        "item {id} has no lead unit to address the letter to; press e to edit the item and give one",
    ),
    "letter_ui_file_exists": (
        "{path} 已存在；请在“保存为”另填文件名或文件夹",
        "{path} exists; give another file or folder in Save as",
    ),
    "letter_ui_done": ("已发出 {ref_no}（事项 {id}），文件：{path}", "issued {ref_no} (item {id}); file: {path}"),
    "letter_ui_line": ("{doc} {ref_no}  {on} 发出，{due} 前回复", "{doc} {ref_no}  sent {on}, reply by {due}"),
    # the XLSX list
    "xlsx_sheet_list": ("督办事项清单", "Supervision list"),
    "xlsx_sheet_about": ("说明", "About"),
    "xlsx_title": ("督办事项清单（截至{date}）", "Supervision list (as of {date})"),
    "xlsx_footer": ("&C第 &P 页，共 &N 页", "&CPage &P of &N"),
    "xlsx_as_of": ("截至日期", "as of"),
    "xlsx_filters": ("筛选条件", "Filters"),
    "xlsx_no_filter": ("无（全部事项）", "none (every item)"),
    "xlsx_counts": ("数量", "Counts"),
    "xlsx_items": ("事项数", "items"),
    "xlsx_all": ("全部", "all"),
    "xlsx_yes": ("是", "yes"),
}

LABELS: dict[str, tuple[str, str | Plural]] = {
    "ev_letter": ("发函", "letter issued"),
    "act_letter": ("发函", "issue a letter"),
    "letter_reminder": ("提醒函", "reminder letter"),
    "letter_supervision": ("督办函", "supervision letter"),
    "letter_suggestion": ("建议函", "suggestion letter"),
    "letter_listed": ("挂牌督办通知书", "listing notice"),
}

FIELDS: dict[str, tuple[str, str | Plural]] = {
    "letters": ("函件", "Letters"),
    "letter_about": ("所涉事项", "About item"),
    "setting_key": ("设置项", "setting"),
    "setting_value": ("值", "value"),
    "setting_scope": ("保存位置", "kept in"),
    "xlsx_overdue": ("只含逾期", "overdue only"),
    "xlsx_due_before": ("办结时限早于", "due before"),
    "xlsx_due_after": ("办结时限晚于", "due after"),
    "xlsx_search": ("包含文字", "containing"),
}
