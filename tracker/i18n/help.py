"""Help texts in Chinese, shown by --help unless the language is English.

The code carries the English help (click's docstrings and option help);
these are the same texts for the clerks. Keys: a command's path, and
(command path, option) with "*" for an option that means the same everywhere.
"""

COMMANDS = {
    "": "督办台账：应急管理局的交办任务、督办函、挂牌督办、专项整治和行政复议应诉期限，按中国工作日日历计算。\n\n"
    "不带命令运行即打开终端界面。",
    "demo": "建立演示台账（单独的文件，不动您的台账），日期相对今天或 --as-of，然后打开界面。--db 指定文件"
    "（默认：用户数据目录下的 demo.db）。",
    "init": "创建数据库，或升级旧版本的数据库（可重复执行）。",
    "due": "按规则 RULE 计算收文（触发）日期 DATE 的办结时限；第一行是 ISO 日期。\n\n"
    "RULE：review-reply、litigation-defence、proposal-reply、penalty-decision、petition-handle、foi-reply 等"
    "（见 tracker rules），或通用规则 5d（日，顺延）、10wd（工作日）、3m（月，顺延）。",
    "rules": "期限规则和事项类型，附法律依据。",
    "add": "新增一项 KIND 类型的事项，名称为 TITLE。\n\nKIND：task、supervision、reminder、suggestion、listed、"
    "campaign-task、review、litigation、proposal，或中文类型名。不给 --due 时，按类型的规则（或 --rule）"
    "从 --received 起算办结时限。输出新事项编号和期限依据。",
    "list": "列出事项，最紧急的在前（默认只列办理中的）。",
    "show": "查看一项事项：全部字段、期限依据和完整办理记录。",
    "note": "记录事项 ID 的办理进展。",
    "remind": "记录已对事项 ID 催办。",
    "extend": "将事项 ID 延期至 DATE；原办结时限保留在记录中。法定期限只能依法延期（须 --reason 和 --approver，"
    "不超过法定上限；见 tracker rules）。",
    "done": "将事项 ID 办结。",
    "reopen": "重新打开已办结或已撤销的事项 ID。",
    "cancel": "撤销事项 ID。",
    "edit": "更正事项 ID 的字段；每项修改都记入办理记录。",
    "campaign": "专项整治及其进度。",
    "calendar announce": "用 calendar set 录入某年全部放假和调休上班日后，标记 YEAR 年放假安排已公布：其期限不再是暂定，并重新计算。",
    "restore": "用备份文件 FILE 替换台账（先检查备份）：通过 SQLite 写入，其他经办人正在使用台账时也安全；原台账先另存一份。",
    "hearing": "案件的庭审（开庭、听证、调解）及出庭情况。",
    "hearing add": "为案件 ID 新增一次日期为 DATE 的庭审；第一个输出的数字是新庭审的编号。",
    "hearing record": "记录庭审 HID（已举行）本局的出庭人员。",
    "hearing list": "庭审列表：所属案件、日期、时间、地点、出庭情况。",
    "outcome": "记录案件 ID 的结果 WORD：复议决定（upheld 维持、dismissed 驳回、revoked 撤销、varied 变更、"
    "unlawful 确认违法、ordered 责令履行、mediated 调解、terminated 终止）或法院判决、裁定（dismissed 驳回诉讼请求、"
    "withdrawn 撤诉、revoked 撤销、unlawful 确认违法、varied 变更、ordered 判决履行、mediated 调解、"
    "rejected 裁定驳回起诉），也可用中文。判决后新增关联事项“决定是否上诉”；复议决定撤销、变更或责令履行的，"
    "新增履行复议决定的关联事项。",
    "annual": "YEAR 年法治政府建设年度报告的数据（截至 --as-of）：行政复议、行政应诉（开庭、出庭、败诉）、"
    "督办函件、挂牌督办、交办事项和专项整治。",
    "campaign add": "新增专项整治 NAME。",
    "campaign list": "专项整治列表：完成/总数、逾期任务和起止日期。",
    "campaign show": "一项专项整治：进度、滞后单位和全部任务。",
    "report": "督办晨报：逾期、今日到期、临期（按责任单位分组），近期开庭，专项整治进度。\n\n"
    "用 cron 定时生成并发邮件时用 --format text 或 html。",
    "stats": "按时办结统计：某期间内应办结事项按类型的按时办结率，以及发出的函件数。",
    "export": "导出督办事项清单，可用 list 的全部筛选条件。",
    "import": "从 CSV（UTF-8、带 BOM 的 UTF-8 或 GB18030）、XLSX、XLS 或 ODS 导入台账，中文或英文表头。\n\n"
    "只要有一行有误就不导入任何内容，并逐行列出有误的行号、列和值。",
    "backup": "在他人继续工作的同时，将数据库一致地复制到 FILE（SQLite 在线备份），副本检查通过才保留。",
    "check": "检查数据库：SQLite 完整性、外键，以及台账规则（办理中的事项都有办结时限、每条办理记录都属于某个事项……）。"
    "有问题时列出并以状态 1 退出。",
    "calendar": "工作日日历：法定节假日、调休上班日和本局设置。",
    "calendar show": "查看 YEAR 年的节假日和调休上班日（json：每一天）。",
    "calendar set": "把 DATE 设为工作日（workday）或休息日（holiday），本局自行设置。\n\n受影响的按规则计算的期限会重算。",
    "letter": "就事项发函：tracker letter ID KIND [选项]。\n\n"
    "KIND：reminder 提醒函、supervision 督办函、suggestion 建议函、listed 挂牌督办通知书（也可用中文）。"
    "函件作为一项该类型的事项登记，关联事项 ID，主送 ID 的责任单位，按本类函件当年的下一个文号编号，并生成 DOCX。"
    "tracker letter template KIND -o FILE 写出内置模板，供本局修改。",
    "letter issue": "就事项 ID 发出 KIND 类函件并生成 DOCX。\n\n先输出新函件的事项编号，再输出文号、主送单位、回复期限和文件。",
    "letter template": "把 KIND 类函件的内置 DOCX 模板写到 FILE，供本局修改（保留其中的 {{ 字段 }}），"
    "再用 --template 或 tracker config set template.KIND FILE 使用。",
    "config": "设置：本局名称（office.name）和简称（office.short）、各类函件的编号格式"
    "（numbering.KIND，可用 {short} {year} {n}）、默认回复期限（reply.KIND）、本局的函件模板（template.KIND），"
    "保存在台账中；您在办理记录中的署名（user），保存在您的个人配置文件中。",
    "config set": '把设置项 KEY 设为 VALUE（如 numbering.supervision "东应急督〔{year}〕{n}号"）。',
    "config get": "输出设置项 KEY 的值（未设置时为默认值）。",
    "config list": "列出全部设置项及其值；未设置的注明（默认）。",
    "calendar import": "从 FILE 导入一年的放假安排：calendar show --format json 的输出，或 CSV：日期,workday|holiday,说明。\n\n"
    "受影响的按规则计算的期限会重算。",
}

OPTIONS = {
    ("*", "--db"): "数据库文件；也可用 TRACKER_DB；默认：用户数据目录下的 tracker.db。",
    ("*", "--lang"): "输出语言：zh（默认）或 en；也可用 TRACKER_LANG。",
    ("*", "--as-of"): "把 DATE 当作今天（2024-10-15、2024/10/15、20241015、2024年10月15日）。",
    ("*", "--help"): "显示本帮助并退出。",
    ("*", "--version"): "显示版本并退出。",
    ("*", "--format"): "输出格式。",
    ("*", "--force"): "FILE 已存在时覆盖。",
    ("*", "--output"): "写入文件 FILE，而不是终端。",
    ("*", "--kind"): "只要此类型（英文 id 或中文类型名）。",
    ("*", "--unit"): "只要此责任单位牵头的事项。",
    ("*", "--owner"): "只要此责任人的事项。",
    ("*", "--status"): "办理状态：open、done、cancelled 或 all（也可用中文：办理中、已办结、已撤销）。",
    ("*", "--campaign"): "只要此专项整治的任务（名称或编号）。",
    ("*", "--overdue"): "只要已逾期的办理中事项（以 --as-of 为准）。",
    ("*", "--due-before"): "只要办结时限早于 DATE 的事项。",
    ("*", "--due-after"): "只要办结时限晚于 DATE 的事项。",
    ("*", "--search"): "在事项名称、文号、责任人、单位中查找文字。",
    ("demo", "--items"): "演示台账的事项数。",
    ("demo", "--no-ui"): "只建演示库，不打开界面。",
    ("init", "--group"): "与该操作系统用户组的经办人共用台账（文件夹设 setgid，文件组可写）。",
    ("restore", "--force"): "台账中已有事项时也替换（原台账先另存一份）。",
    ("add", "--ref"): "文号或案号，唯一，如 东应急〔2022〕115号。",
    ("add", "--unit"): "责任单位（牵头）；首次使用时自动建立。",
    ("add", "--assist"): "配合单位，用 ; ； 或 、 分隔。",
    ("add", "--owner"): "责任人。",
    ("add", "--received"): "收文/交办日期：期限的起算日。",
    ("add", "--due"): "办结时限（来函或交办给出时）。",
    ("add", "--rule"): "按规则 RULE 从 --received 起算期限（见 tracker rules）。",
    ("add", "--campaign"): "所属专项整治；首次使用时自动建立。",
    ("add", "--source"): "来源。",
    ("add", "--note"): "备注。",
    ("add", "--party"): "复议申请人或原告。",
    ("add", "--organ"): "复议机关或法院。",
    ("add", "--hearing"): "行政复议/应诉：在此日期新增一次庭审。",
    ("add", "--quiet"): "只输出新事项编号。",
    ("list", "--limit"): "最多列出这么多项。",
    ("remind", "--note"): "催办说明（说了什么、发了什么）。",
    ("extend", "--reason"): "延期理由（必填）。",
    ("extend", "--approver"): "批准人。",
    ("done", "--on"): "办结日期（默认：今天或 --as-of）。",
    ("done", "--note"): "办结说明。",
    ("reopen", "--reason"): "重新打开的理由。",
    ("cancel", "--reason"): "撤销理由（必填）。",
    ("cancel", "--on"): "撤销日期（默认：今天或 --as-of）。",
    ("edit", "--kind"): "改为此类型（英文 id 或中文类型名）。",
    ("edit", "--title"): "新的事项名称。",
    ("edit", "--ref"): "新的文号或案号。",
    ("edit", "--source"): "新的来源。",
    ("edit", "--unit"): "改由此单位牵头（责任单位）；首次使用时自动建立。",
    ("edit", "--owner"): "新的责任人。",
    ("edit", "--received"): "新的收文日期；按规则计算的期限随之重算。",
    ("edit", "--campaign"): "改属此专项整治。",
    ("edit", "--party"): "复议申请人或原告。",
    ("edit", "--organ"): "复议机关或法院。",
    ("edit", "--assist"): "配合单位，用 ; ； 或 、 分隔（留空则清除）。",
    ("edit", "--due"): "直接给出新的办结时限（不是延期；法定规则的期限不能直接修改）。",
    ("edit", "--hearing"): "行政复议/应诉：在此日期新增一次庭审。",
    ("edit", "--rule"): "按规则 RULE 从收文日期重新计算期限。",
    ("edit", "--note"): "备注。",
    ("edit", "--if-version"): "只有事项仍是此版本时才修改（防止覆盖他人的修改）。",
    ("campaign add", "--start"): "开始日期。",
    ("campaign add", "--end"): "结束日期。",
    ("campaign add", "--unit"): "牵头单位。",
    ("campaign add", "--cadence"): "报送频次，如 每日一报、每周一报。",
    ("report", "--soon"): "临期：N 个工作日内到期。",
    ("report", "--all"): "列出全部事项，而不是每个单位每节的前 20 项（一节超过 200 项时每个单位只列最紧急的几项）。",
    ("stats", "--from"): "统计期间第一天（默认：--as-of 所在年的 1 月 1 日）。",
    ("stats", "--to"): "统计期间最后一天（默认：--as-of）。",
    ("export", "--output"): "输出文件（xlsx 必须给出；其他格式默认输出到终端）。",
    ("export", "--headers"): "表头：zh（中文）或 en（英文键名）。",
    ("import", "--dry-run"): "只检查文件，不写入。",
    ("import", "--update"): "文号已存在的事项按文件更新（记入办理记录）。",
    ("import", "--kind"): "未写类型的行按此类型导入（只有一类事项的表格常无“类型”列）。",
    ("check", "--quick"): "用 SQLite 的 quick_check 代替完整的 integrity_check。",
    ("hearing add", "--time"): "开庭时间，如 09:30。",
    ("hearing add", "--place"): "地点（法庭、听证室）。",
    ("hearing add", "--type"): "trial（开庭）、hearing（听证）或 mediation（调解）。",
    ("hearing record", "--attended"): "本局出庭人员。",
    ("hearing record", "--head"): "亲自出庭的负责人（局长或分管副局长）。",
    ("hearing list", "--from"): "自此日起。",
    ("hearing list", "--to"): "至此日止。",
    ("outcome", "--on"): "收到决定或判决的日期（默认：今天或 --as-of）。",
    ("outcome", "--ruling"): "行政应诉：法院裁定（而非判决）；上诉期10日。",
    ("outcome", "--note"): "备注。",
    ("outcome", "--due"): "行政复议：履行复议决定的期限（后续事项的办结时限）。",
    ("annual", "--output"): "输出文件（xlsx 必须给出）。",
    ("letter issue", "--on"): "发函日期（默认：今天或 --as-of）。",
    ("letter issue", "--due"): "回复期限（日期）。",
    ("letter issue", "--rule"): "按规则 RULE 从发函日期起算回复期限（默认：设置项 reply.KIND，如 5wd）。",
    ("letter issue", "--output"): "写入的 DOCX 文件（默认：以文号命名的 .docx）。",
    ("letter issue", "--template"): "本局自己的 DOCX 模板（默认：设置项 template.KIND，未设置则用内置模板）。",
    ("letter issue", "--quiet"): "只输出新函件的事项编号。",
    ("letter template", "--output"): "写入的 DOCX 文件。",
    ("calendar set", "--note"): "这一天是什么，如 春节、春节调休上班。",
}


# ------------------------------------------------ units and their reports --
# (tracker/cli/units.py; the list/export --unit, add --cadence and campaign
# add options those commands gained)
COMMANDS.update(
    {
        "feedback": "承办单位的反馈（进展反馈）：登记一条、列出、生成单位填写的反馈表、导入填好的反馈表。",
        "feedback add": "登记单位 U 对事项 ID 的反馈 TEXT。\n\n"
        "--done 表示该单位承办部分已办结；牵头单位报办结后事项进入待销号，"
        "由督查部门办结销号（tracker done）或退回重办（tracker return）。",
        "feedback list": "已收到的反馈，最新的在前（给出 ID 时只列该事项的）。",
        "feedback form": "生成各单位的反馈表（XLSX）：该单位办理中的事项，待填列为 本期进展、是否办结、办结日期"
        "及专项整治的数据项；事项信息列受保护。PATH 以 .xlsx 结尾时生成一个文件（每单位一个工作表），"
        "否则为文件夹，每单位一个文件。",
        "feedback import": "导入填好的反馈表（XLSX，含 WPS 另存的，或 CSV）：每一填写行即该单位的一条反馈。"
        "全部文件一起导入：任何一行有误则不导入任何内容，并列出每个有误的行及其文件。",
        "return": "退回重办事项 ID：事项仍在办理，各单位承办状态恢复为办理中，退回计入牵头单位。",
        "bulletin": "督查通报：按牵头单位统计期间内到期事项的应办结、按时办结、按时办结率、逾期未办、"
        "退回重办、催办和漏报次数，从好到差排名。",
        "unit": "单位（局内科室、镇街、园区）：列表、改名、合并重复单位、联系人和电话。",
        "unit list": "全部单位（按拼音排序），附联系人和办理中事项数。",
        "unit rename": "把单位 OLD 改名为 NEW（更正错字）：事项、承办和反馈都随之保留，每项事项记入办理记录。",
        "unit merge": "把单位 FROM 合并到 INTO：其事项、承办、反馈和记录都转到 INTO（每项事项记入办理记录），"
        "FROM 随之删除。",
        "unit set": "设置单位 U 的联系人和电话。",
    }
)
OPTIONS.update(
    {
        ("list", "--unit"): "只要此单位牵头或配合的事项。",
        ("export", "--unit"): "只要此单位牵头或配合的事项。",
        ("*", "--lead-only"): "与 --unit 同用：只要该单位牵头的事项。",
        ("add", "--cadence"): "各承办单位的报送频次：daily、weekly、monthly（每日一报、每周一报、每月一报）。",
        ("campaign add", "--figure"): "单位报送的数据项，如 检查企业数（可多次给出）。",
        ("campaign add", "--target"): "数据项的目标，如 检查企业数=500。",
        ("feedback add", "--unit"): "反馈单位（须是该事项的牵头或配合单位）。",
        ("feedback add", "--on"): "反馈所属日期（默认：今天或 --as-of）。",
        ("feedback add", "--done"): "该单位承办部分已办结；牵头单位报办结后待销号。",
        ("feedback add", "--figure"): "专项整治的本期数据，如 检查企业数=35（可多次给出）。",
        ("feedback list", "--unit"): "只要此单位的反馈。",
        ("feedback list", "--from"): "起始日期。",
        ("feedback list", "--to"): "截止日期。",
        ("feedback form", "--unit"): "只生成此单位的反馈表。",
        ("feedback form", "--campaign"): "只列此专项整治的任务（附其数据项）。",
        ("feedback form", "--output"): "一个 .xlsx 文件，或一个文件夹（每单位一个文件）。",
        ("feedback form", "--force"): "文件已存在时覆盖。",
        ("feedback import", "--on"): "反馈所属日期（默认：表中的填报日期，否则今天）。",
        ("feedback import", "--dry-run"): "只检查文件，不写入。",
        ("return", "--reason"): "退回理由（必填）。",
        ("return", "--due"): "重办的新办结时限。",
        ("return", "--force"): "事项不在待销号状态也退回。",
        ("bulletin", "--from"): "通报期间第一天（默认：--as-of 前一天所在月的 1 日）。",
        ("bulletin", "--to"): "通报期间最后一天（默认：--as-of 前一天）。",
        ("bulletin", "--output"): "写入文件 FILE（xlsx 必须给出）。",
        ("unit set", "--contact"): "联系人。",
        ("unit set", "--phone"): "电话。",
    }
)


def command_help(path: str) -> str | None:
    return COMMANDS.get(path)


def option_help(path: str, opt: str) -> str | None:
    return OPTIONS.get((path, opt)) or OPTIONS.get(("*", opt))
