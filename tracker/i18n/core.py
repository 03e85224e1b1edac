"""The core's words: errors, results, labels of statuses and lights, the
names of fields. Part of the one catalogue (tracker.i18n)."""

from tracker.i18n.plural import Plural

DATE_FORMATS = "2024-10-15, 2024/10/15, 20241015, 2024年10月15日"

MESSAGES: dict[str, tuple[str, str | Plural]] = {
    # errors
    "bad_date": ("日期无效：{value!r}；可用格式：{formats}", "invalid date: {value!r}; accepted: {formats}"),
    "date_out_of_range": (
        "日期超出范围：{value!r}；可用 1900-01-01 至 2099-12-31 之间的日期",
        "date out of range: {value!r}; accepted: 1900-01-01 to 2099-12-31",
    ),
    "control_chars": (
        "文字中有空字符（NUL）：{value!r}；请删去后再输入",
        "the text holds a NUL character: {value!r}; remove it and try again",
    ),
    "bad_lang": ("语言无效：{value!r}；可选：zh、en", "invalid language: {value!r}; accepted: zh, en"),
    "unknown_kind": ("未知类型：{value!r}；可选：{accepted}", "unknown kind: {value!r}; accepted: {accepted}"),
    "empty_kind": (
        "类型为空；请填写类型，如 交办任务、督办函、行政复议答复",
        "the kind is empty; give one, such as 交办任务 (task)",
    ),
    "unknown_rule": (
        "未知期限规则：{value!r}；可选：{accepted}，或 N d（日）、N wd（工作日）、N m（月），如 5wd",
        "unknown rule: {value!r}; accepted: {accepted}, or Nd, Nwd, Nm such as 5wd",
    ),
    "unknown_status": ("未知状态：{value!r}；可选：{accepted}", "unknown status: {value!r}; accepted: {accepted}"),
    "no_item": ("没有编号为 {value} 的事项", "no item with id {value}"),
    "bad_id": ("事项编号无效：{value!r}；应为正整数", "invalid item id: {value!r}; expected a positive whole number"),
    "no_campaign": (
        "没有名为 {value!r} 的专项整治；可用 tracker campaign add 新建",
        "no campaign named {value!r}; create it with tracker campaign add",
    ),
    "campaign_exists": ("专项整治 {value!r} 已存在", "campaign {value!r} already exists"),
    "ref_exists": ("文号 {value!r} 已被事项 {id} 使用", "ref_no {value!r} is already used by item {id}"),
    "need_due": (
        "类型 {kind} 没有默认期限规则：请给出 --due 日期或 --rule 规则",
        "kind {kind} has no default rule: give --due DATE or --rule RULE",
    ),
    "need_received": (
        "按规则 {rule} 计算期限需要收文日期 --received",
        "rule {rule} needs the received date --received",
    ),
    "due_and_rule": ("--due 与 --rule 只能给出一个", "give either --due or --rule, not both"),
    "due_before_received": (
        "办结时限 {due} 早于收文日期 {received}",
        "due date {due} is before the received date {received}",
    ),
    "done_in_future": (
        "办结日期 {value} 晚于今天 {today}；办结日期须是已经过去的日子",
        "the done date {value} is after today {today}; a done date must have come",
    ),
    "received_in_future": (
        "注意：收文日期 {value} 晚于今天 {today}，请确认",
        "note: the received date {value} is after today {today}; check it",
    ),
    "due_before_original": (
        "办结时限 {due} 早于延期前的原时限 {original}；延期事项的时限不能提前到原时限之前",
        "due date {due} is before the original deadline {original} of this extended item",
    ),
    "end_before_start": ("结束日期 {end} 早于开始日期 {start}", "the end {end} is before the start {start}"),
    "empty_title": ("事项名称不能为空", "the title must not be empty"),
    "empty_text": ("{what}不能为空", "{what} must not be empty"),
    "bad_transition": ("事项 {id} 状态为{status}，不能{action}", "item {id} is {status}; cannot {action}"),
    "extend_not_later": (
        "延期后的时限 {value} 须晚于当前时限 {due}",
        "the extended date {value} must be after the current due date {due}",
    ),
    "closed_before_received": (
        "办结日期 {value} 早于收文日期 {received}",
        "closed date {value} is before the received date {received}",
    ),
    "conflict": (
        "事项 {id} 已被他人修改（版本 {expected} → {actual}），未保存；请重新载入后再改",
        "item {id} was changed by someone else (version {expected} → {actual}); nothing saved, reload and retry",
    ),
    "db_newer": (
        "数据库 {path} 的结构版本 {found} 比本程序支持的 {supported} 新；请升级 tracker",
        "database {path} has schema version {found}, newer than this tracker supports ({supported}); upgrade tracker",
    ),
    "db_upgrade_failed": (
        "数据库 {path} 无法从结构版本 {found} 升级到 {supported}（{problem}）；文件未改动，请先用备份核对",
        "database {path} could not be upgraded from schema version {found} to {supported} ({problem}); "
        "the file is unchanged, check it against a backup",
    ),
    "db_corrupt": (
        "数据库 {path} 已损坏（{problem}）；请运行 tracker check 查看，并用 tracker restore 恢复最近的备份",
        "database {path} is damaged ({problem}); run tracker check, and bring back the latest backup with tracker restore",
    ),
    "db_full": (
        "磁盘已满，数据库 {path} 无法写入（{problem}）；未保存",
        "the disk is full: {path} cannot be written ({problem}); nothing saved",
    ),
    "db_readonly": (
        "数据库 {path} 只读，无法写入（{problem}）；请检查该文件、所在文件夹及其 -wal、-shm 文件的权限",
        "database {path} is read-only ({problem}); check the permissions of the file, its folder and its -wal and -shm files",
    ),
    "db_io": (
        "读写数据库 {path} 时出错（{problem}）；请检查磁盘，并运行 tracker check",
        "reading or writing {path} failed ({problem}); check the disk and run tracker check",
    ),
    "db_not_sqlite": (
        "{path} 不是 tracker 数据库（不是 SQLite 文件）",
        "{path} is not a tracker database (not an SQLite file)",
    ),
    "db_missing": (
        "数据库 {path} 不存在；新建请运行 tracker --db {path} init，或检查 --db 的路径是否写错",
        "database {path} does not exist; create it with tracker --db {path} init, or check the --db path",
    ),
    "db_folder_readonly": (
        "数据库 {path} 所在的文件夹 {dir} 只读（或无权写入），台账无法打开；请检查该文件夹的权限或磁盘挂载",
        "the folder {dir} of database {path} is read-only (or not writable by you), so the ledger cannot be opened; "
        "check the folder's permissions or how the disk is mounted",
    ),
    "db_side_file": (
        "数据库 {path} 的 {file} 属于其他经办人且您无权读写；请用 tracker init --group 设置共用的用户组",
        "{file} of database {path} belongs to another clerk and you may not read and write it; "
        "share the ledger with tracker init --group",
    ),
    "db_cantopen": (
        "无法打开数据库 {path}（{problem}）；请检查文件和所在文件夹的权限",
        "cannot open database {path} ({problem}); check the permissions of the file and its folder",
    ),
    "db_not_tracker": (
        "{path} 是 SQLite 文件但不是 tracker 数据库",
        "{path} is an SQLite file but not a tracker database",
    ),
    "db_busy": ("数据库 {path} 正忙，请稍后再试", "database {path} is busy; try again in a moment"),
    "bad_year": ("年份无效：{value!r}；应为 1900–2099 的四位数", "invalid year: {value!r}; expected 1900–2099"),
    "bad_daytype": (
        "日期类型无效：{value!r}；可选：workday（上班）、holiday（休息）",
        "invalid day type: {value!r}; accepted: workday, holiday",
    ),
    "bad_calendar_file": (
        "日历文件 {path} 第 {line} 行无效：{problem}",
        "calendar file {path} line {line} is invalid: {problem}",
    ),
    "import_bad_rows": (
        "{path} 有 {count} 行有误，未导入任何内容：",
        Plural(
            "count", "{path} has {count} bad row; nothing imported:", "{path} has {count} bad rows; nothing imported:"
        ),
    ),
    "import_row_error": (
        "  第 {line} 行，{column} 列：{value!r}：{problem}",
        "  line {line}, column {column}: {value!r}: {problem}",
    ),
    "import_too_large": ("{path} 超出合理大小（{what}），未读取", "{path} is beyond reason ({what}); not read"),
    "import_dup_column": (
        "{path} 有两列都是 {other!r}/{value!r}；请删去或改名其中一列",
        "{path} has two columns for {other!r}/{value!r}; remove or rename one of them",
    ),
    "import_ref_exists": (
        "文号 {value!r} 已被事项 {id} 使用（更新已有事项请加 --update）",
        "ref_no {value!r} is already used by item {id} (use --update to update it)",
    ),
    "import_dup_id": ("编号与第 {other} 行重复", "the id repeats line {other}"),
    "import_conflict": (
        "导入 {path} 时他人同时录入了相同的文号（{problem}）；未导入任何内容，请重试",
        "while {path} was imported someone entered the same ref_no ({problem}); nothing imported, try again",
    ),
    "import_helper_stopped": (
        "导入 {path} 时读取文件的辅助进程意外停止（退出状态 {status}）；未导入任何内容",
        "the helper process reading {path} stopped unexpectedly (exit status {status}); nothing imported",
    ),
    "import_helper_failed": (
        "导入 {path} 时读取文件的辅助进程出错（{problem}）；未导入任何内容",
        "the helper process reading {path} failed ({problem}); nothing imported",
    ),
    "import_skipped": (
        "跳过 {count} 行（只有序号的空行、表格下方的注释行）",
        Plural(
            "count",
            "skipped {count} row (a row number alone, notes under the table)",
            "skipped {count} rows (row numbers alone, notes under the table)",
        ),
    ),
    "import_date_unknown": (
        "{count} 项已办结但没有办结日期：按已办结导入，办结日期未知（不计为按时）",
        Plural(
            "count",
            "{count} item is done without a closed date: imported as done, date unknown (never counted on time)",
            "{count} items are done without a closed date: imported as done, date unknown (never counted on time)",
        ),
    ),
    "import_binary": (
        "{path} 不是文本表格（含二进制内容）；可导入 CSV（UTF-8 或 GB18030）、XLSX、XLS 或 ODS",
        "{path} is not a text table (binary content); accepted: CSV (UTF-8 or GB18030), XLSX, XLS or ODS",
    ),
    "import_encoding": (
        "{path} 的编码无法识别；可用 UTF-8、带 BOM 的 UTF-8、UTF-16（Excel 的“Unicode 文本”）或 GB18030",
        "{path}: unknown encoding; accepted: UTF-8, UTF-8 with BOM, UTF-16 (Excel's Unicode text), GB18030",
    ),
    "import_empty": ("{path} 是空文件：没有表头", "{path} is empty: no header row"),
    "import_csv": ("{path} 第 {line} 行不是有效的 CSV：{problem}", "{path} line {line} is not valid CSV: {problem}"),
    "import_xlsx": (
        "{path} 不是有效的电子表格文件（XLSX、XLS 或 ODS；{problem}）",
        "{path} is not a valid spreadsheet (XLSX, XLS or ODS; {problem})",
    ),
    "import_unknown_column": (
        "{path} 有未知列 {value!r}；可用列：{accepted}",
        "{path} has an unknown column {value!r}; accepted: {accepted}",
    ),
    "import_missing_columns": (
        "{path} 缺少必需的列：{value}（没有类型列时可用 --kind 指定）",
        "{path} lacks required columns: {value} (without a kind column, give --kind)",
    ),
    "import_dup_ref": ("文号与第 {other} 行重复", "ref_no repeats line {other}"),
    "import_done": (
        "已导入 {rows} 行：新增 {added}，更新 {updated}，无变化 {unchanged}",
        Plural(
            "rows",
            "imported {rows} row: {added} added, {updated} updated, {unchanged} unchanged",
            "imported {rows} rows: {added} added, {updated} updated, {unchanged} unchanged",
        ),
    ),
    "import_checked": (
        "已检查 {rows} 行，全部有效（--dry-run：未写入）：将新增 {added}，更新 {updated}",
        Plural(
            "rows",
            "checked {rows} row, valid (--dry-run: nothing written): {added} to add, {updated} to update",
            "checked {rows} rows, all valid (--dry-run: nothing written): {added} to add, {updated} to update",
        ),
    ),
    "created_campaigns": ("新建专项整治：{names}", "new campaigns: {names}"),
    "exported": (
        "已导出 {count} 项到 {path}",
        Plural("count", "exported {count} item to {path}", "exported {count} items to {path}"),
    ),
    "output_is_dir": ("{path} 是文件夹；请给出文件名", "{path} is a folder; give a file name"),
    "output_no_dir": ("无法写入 {path}：文件夹 {dir} 不存在", "cannot write {path}: folder {dir} does not exist"),
    "output_failed": (
        "无法写入 {path}（{problem}）；未写入任何内容",
        "could not write {path} ({problem}); nothing written",
    ),
    "output_is_database": (
        "{path} 是台账数据库 {db}（或其 -wal/-shm 文件）；输出不能写到台账上，请另选文件名",
        "{path} is the ledger {db} (or its -wal/-shm); an output can never be written over the ledger, choose another name",
    ),
    "file_exists": ("{path} 已存在；加 --force 覆盖", "{path} exists; add --force to overwrite it"),
    "need_output": ("{fmt} 格式须用 -o 指定输出文件", "the {fmt} format needs an output file: -o FILE"),
    "demo_not_demo": (
        "{path} 是在用的台账，不是演示库；演示库请另选文件（--db）",
        "{path} is a working ledger, not a demo; choose another file for the demo (--db)",
    ),
    "demo_built": (
        "演示库已建成：{path}（{count} 项，截至 {as_of}）",
        Plural(
            "count",
            "demo database built: {path} ({count} item, as of {as_of})",
            "demo database built: {path} ({count} items, as of {as_of})",
        ),
    ),
    "restore_not_ledger": (
        "{path} 不是 tracker 台账的备份，未恢复",
        "{path} is not a backup of a tracker ledger; nothing restored",
    ),
    "restore_needs_force": (
        "台账 {path} 中已有 {items} 项事项；恢复将用备份替换整个台账（当前台账会先另存为 {keep}）。确认请加 --force",
        "the ledger {path} holds {items} items; restoring replaces the whole ledger (it is first kept as {keep}); "
        "add --force to go ahead",
    ),
    "restore_bad_backup": (
        "备份 {path} 检查未通过，未恢复：",
        "the backup {path} did not pass the check; nothing restored:",
    ),
    "restored": (
        "已从 {path} 恢复台账（{items} 项事项，{events} 条办理记录）；原台账已另存为 {keep}",
        "restored the ledger from {path} ({items} items, {events} history entries); the ledger as it was is kept as {keep}",
    ),
    "restored_fresh": (
        "已从 {path} 恢复台账（{items} 项事项，{events} 条办理记录）",
        "restored the ledger from {path} ({items} items, {events} history entries)",
    ),
    "unknown_group": (
        "没有名为 {value!r} 的用户组；请先由管理员建立（groupadd）",
        "no OS group named {value!r}; ask the administrator to create it (groupadd)",
    ),
    "group_failed": (
        "无法把 {path} 设为用户组 {group} 共用（{problem}）；请由文件夹的所有者或管理员运行",
        "cannot share {path} with group {group} ({problem}); run this as the folder's owner or the administrator",
    ),
    "check_ok": (
        "检查通过：{items} 项事项，{events} 条办理记录，完整性、外键和台账规则均无问题",
        "check passed: {items} items, {events} history entries; integrity, foreign keys and ledger rules OK",
    ),
    "check_failed": (
        "检查发现 {count} 类问题：",
        Plural("count", "check found {count} kind of problem:", "check found {count} kinds of problem:"),
    ),
    "backup_done": (
        "已备份到 {path}（{items} 项事项，{events} 条办理记录，副本检查通过）",
        "backed up to {path} ({items} items, {events} history entries; the copy checks OK)",
    ),
    "file_missing": ("文件不存在：{path}", "file not found: {path}"),
    "input_failed": ("无法读取 {path}：{problem}", "cannot read {path}: {problem}"),
    "bad_int": (
        "数值无效：{value!r}；应为 {low} 到 {high} 的整数",
        "invalid number: {value!r}; expected a whole number {low}–{high}",
    ),
    "usage_error": ("用法错误：{message}{hint}", "usage error: {message}{hint}"),
    "usage_hint": ("（{command} -h 查看用法）", " ({command} -h shows how)"),
    "unknown_setting": ("未知设置项：{value!r}；可选：{accepted}", "unknown setting: {value!r}; accepted: {accepted}"),
    "bad_format": ("格式无效：{value!r}；可选：{accepted}", "invalid format: {value!r}; accepted: {accepted}"),
    # results
    "added": ("已新增事项 {id}", "added item {id}"),
    "saved": ("已保存：事项 {id}", "saved: item {id}"),
    "init_done": ("数据库已就绪：{path}（结构版本 {version}）", "database ready: {path} (schema version {version})"),
    "recomputed": (
        "已重算按规则计算的期限：{changed} 条变化，{confirmed} 条由暂定转为确定（共检查 {checked} 条）",
        "recomputed rule-based deadlines: {changed} changed, {confirmed} no longer provisional ({checked} checked)",
    ),
    "calendar_set": ("{date} 已设为{daytype}", "{date} set as a {daytype}"),
    "calendar_announced": ("{year} 年放假安排已标记为公布", "the {year} holiday schedule is marked announced"),
    "calendar_imported": (
        "已导入 {count} 个日历条目",
        Plural("count", "imported {count} calendar entry", "imported {count} calendar entries"),
    ),
    "campaign_added": ("已新增专项整治 {id}：{name}", "added campaign {id}: {name}"),
    "created_units": ("新建单位：{names}", "new units: {names}"),
    "none": ("（无）", "(none)"),
    "provisional_mark": ("暂定", "provisional"),
    # time left (tracker.timeleft): one way everywhere
    "left_overdue": ("逾期{n}天", Plural("n", "{n} day overdue", "{n} days overdue")),
    "left_today": ("今日到期", "due today"),
    "left_workdays": ("剩{n}个工作日", Plural("n", "{n} working day left", "{n} working days left")),
}

LABELS: dict[str, tuple[str, str | Plural]] = {
    "open": ("办理中", "open"),
    "done": ("已办结", "done"),
    "cancelled": ("已撤销", "cancelled"),
    "red": ("逾期", "overdue"),
    "yellow": ("临期", "due soon"),
    "green": ("正常", "on track"),
    "workday": ("工作日", "working day"),
    "holiday": ("休息日", "rest day"),
    # problems with a file
    "too_large": ("文件过大", "the file is too large"),
    "bad_encoding": ("编码无法识别", "unknown encoding"),
    "calendar_days_list": ('应有 "days" 列表', 'a "days" list is expected'),
    "import_zip_bomb": ("解压后过大", "it unpacks too large"),
    "import_not_spreadsheet": ("内容不是电子表格", "its content is not a spreadsheet"),
    "import_damaged": ("文件已损坏或不完整，无法读取", "the file is damaged or incomplete"),
    "import_too_many_cells": ("声明的行数或列数过多", "it declares too many rows or columns"),
    "calendar_workday_bool": (
        '"workday" 须为 true 或 false（不带引号）',
        '"workday" must be true or false (no quotes)',
    ),
    # check problems
    "integrity": ("数据库文件损坏（integrity_check）", "database file damaged (integrity_check)"),
    "foreign_keys": ("外键指向不存在的记录", "foreign keys pointing nowhere"),
    "open_without_due": ("办理中的事项没有办结时限", "open items without a due date"),
    "open_with_closed_date": ("办理中的事项却有办结日期", "open items with a closed date"),
    "event_without_item": ("办理记录指向不存在的事项", "history entries of no item"),
    "item_without_history": ("事项没有立项记录", "items without a create entry"),
    "due_before_received": ("办结时限早于收文日期", "due date before the received date"),
    "extension_shortened": ("延期后的时限早于原时限", "extended due date before the original"),
    "bad_event_json": ("办理记录内容不是有效 JSON", "history entries with invalid JSON"),
    "bad_date": ("日期不是有效的 YYYY-MM-DD", "dates that are not valid YYYY-MM-DD"),
    "bad_status": ("状态不是 办理中/已办结/已撤销", "statuses other than open, done, cancelled"),
    "unknown_kind": ("事项类型不存在", "items of an unknown kind"),
    "campaign_counts_wrong": ("专项整治任务计数与事项不符", "campaign task counts that disagree with the items"),
    "due_counts_wrong": ("按到期日的事项计数与事项不符", "counts of items by due date that disagree with the items"),
    "unit_due_counts_wrong": (
        "按到期日和责任单位的事项计数与事项不符",
        "counts of items by due date and unit that disagree with the items",
    ),
    "derived_columns_wrong": (
        "事项记载的配合单位或最新进展与其记录不符",
        "items whose stored assisting units or latest note disagree with their records",
    ),
    "note_text_wrong": (
        "事项记载的最新进展与该条进展记录不符",
        "items whose stored latest note disagrees with that note's record",
    ),
    "history_rewritten": (
        "办理记录被改写或删除（哈希链断开，自此条起）",
        "history entries rewritten or removed (the hash chain breaks from these)",
    ),
    "item_disagrees_with_history": (
        "事项的办结时限、状态或办结日期与办理记录不符（未经记录被修改）",
        "items whose due date, status or closed date disagree with their history (changed without a record)",
    ),
    "append_only_missing": ("办理记录的只增不改保护缺失", "the append-only protection of the history is missing"),
    # event types
    "ev_create": ("立项", "created"),
    "ev_edit": ("修改", "edited"),
    "ev_note": ("进展", "progress"),
    "ev_remind": ("催办", "reminder sent"),
    "ev_extend": ("延期", "extended"),
    "ev_done": ("办结", "done"),
    "ev_reopen": ("重新打开", "reopened"),
    "ev_cancel": ("撤销", "cancelled"),
    "ev_recompute": ("期限重算", "deadline recomputed"),
    "ev_import": ("导入更新", "import update"),
    # actions (for bad_transition)
    "act_done": ("办结", "mark done"),
    "act_reopen": ("重新打开", "reopen"),
    "act_cancel": ("撤销", "cancel"),
    "act_extend": ("延期", "extend"),
    "act_remind": ("催办", "send a reminder for"),
    "act_edit": ("修改", "edit"),
    # things that must not be empty
    "w_note": ("进展内容", "the progress note"),
    "w_extend_reason": ("延期理由", "the reason for the extension"),
    "w_cancel_reason": ("撤销理由", "the reason for cancelling"),
    "w_campaign_name": ("专项整治名称", "the campaign name"),
}


# Field names as shown to a reader (zh, en): the export columns in SPEC order,
# then fields shown only by `tracker show`. English spreadsheet headers are
# the keys themselves (ledger.headers).
FIELDS: dict[str, tuple[str, str | Plural]] = {
    "ref_no": ("文号", "Ref no"),
    "kind": ("类型", "Kind"),
    "title": ("事项名称", "Title"),
    "source": ("来源", "Source"),
    "unit": ("责任单位", "Lead unit"),
    "assist_units": ("配合单位", "Assisting units"),
    "owner": ("责任人", "Owner"),
    "received_on": ("收文日期", "Received"),
    "due_on": ("办结时限", "Due"),
    "rule": ("期限规则", "Rule"),
    "status": ("状态", "Status"),
    "closed_on": ("办结日期", "Closed"),
    "campaign": ("专项整治", "Campaign"),
    "notes": ("备注", "Notes"),
    "light": ("预警", "Light"),
    "days_left": ("剩余天数", "Days left"),
    "latest_progress": ("最新进展", "Latest progress"),
    # shown by `tracker show` and the item view
    "id": ("编号", "Id"),
    "party": ("申请人/原告", "Applicant/plaintiff"),
    "organ": ("复议机关/法院", "Review organ/court"),
    "hearing_on": ("开庭日期", "Hearing"),
    "original_due_on": ("原办结时限", "Original due"),
    "basis": ("期限依据", "Deadline basis"),
    "version": ("版本", "Version"),
    "history": ("办理记录", "History"),
}
