"""Build the built-in letter templates, tracker/templates/KIND.docx.

Run from the repository root after changing the wording or the layout:

    python docs/make_templates.py

Each template is an ordinary DOCX with docxtpl fields ({{ ref_no }} ...;
see tracker/letters.py TEMPLATE_FIELDS) laid out as an official letter
(GB/T 9704-2012 信函格式): A4, margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm; 22 lines of 28 characters (exact 28.95 pt lines, 3号 type
condensed 0.25 pt); the issuing office in red above a red double rule in
the first page's header; the number under it on the right; the title in
小标宋 2号; the addressee, the body in 仿宋_GB2312 3号, the office's name
and the date in Chinese centred over each other at the right; the page
number (— 1 —) in the footer. Font fallbacks (宋体 SimSun, 仿宋 FangSong)
are named in the font table for computers without the official fonts.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "tracker" / "templates"

TITLE_FONT = "方正小标宋简体"  # fallback (w:altName): 宋体 SimSun
BODY_FONT = "仿宋_GB2312"  # fallback: 仿宋 FangSong
FALLBACK = {TITLE_FONT: "SimSun", BODY_FONT: "FangSong"}
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
# 22 lines on the 225 mm type area: 28.95 pt a line (579 twips); 28
# characters on 156 mm (442.2 pt): 3号 characters condensed by 0.25 pt
# (15.75 pt each, 441 pt a line). Condensed type rather than Word's
# character grid, which LibreOffice and WPS each lay out their own way.
LINE = Pt(28.95)
LINE_PITCH_TWIPS = 579
CONDENSE_TWENTIETHS = -5  # w:spacing, 1/20 pt
RED = RGBColor(0xE6, 0x00, 0x12)

# The schema's order of children (Word refuses a file that breaks it).
RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)

BODIES = {
    "reminder": [
        "你单位承办的“{{ matter_title }}”{{ matter_ref }}，办结时限为{{ matter_due }}，{{ matter_state }}。"
        "{{ previous }}请你单位对照时限要求抓紧办理，于{{ reply_by }}前将办理情况书面反馈我局{{ reply_basis }}。",
        "特此函告。",
    ],
    "supervision": [
        "你单位承办的“{{ matter_title }}”{{ matter_ref }}，办结时限为{{ matter_due }}，{{ matter_state }}。"
        "{{ previous }}根据督查督办工作有关规定，现予督办。",
        "请你单位高度重视，压实责任，加快办理，于{{ reply_by }}前办结并将办理结果书面报送我局"
        "{{ reply_basis }}。逾期仍未办结的，我局将按规定提请挂牌督办。",
        "特此函告。",
    ],
    "suggestion": [
        "你单位承办的“{{ matter_title }}”{{ matter_ref }}，办结时限为{{ matter_due }}，{{ matter_state }}。"
        "{{ previous }}为推动该事项按时保质办结，我局建议你单位进一步明确责任分工，细化工作措施，"
        "加强跟踪落实，确保按期完成。",
        "请于{{ reply_by }}前将采纳和落实情况书面反馈我局{{ reply_basis }}。",
        "特此函告。",
    ],
    "listed": [
        "你单位承办的“{{ matter_title }}”{{ matter_ref }}，办结时限为{{ matter_due }}，{{ matter_state }}。"
        "{{ previous }}经研究，决定对该事项实行挂牌督办。",
        "请你单位主要负责同志亲自部署，制定工作方案，明确责任人和完成时限，于{{ reply_by }}前办结"
        "并将办理结果书面报告我局{{ reply_basis }}。我局将跟踪督办，直至办结销号。",
        "特此通知。",
    ],
}


def _fonts(run, name: str, size, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _para(
    doc_or_cell,
    text: str,
    *,
    font=BODY_FONT,
    size=SIZE_3,
    align=None,
    indent_chars=0,
    right_chars=0,
    line=LINE,
    color=None,
    before=0,
):
    p = doc_or_cell.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)
    fmt.widow_control = False
    if align is not None:
        p.alignment = align
    if indent_chars:
        fmt.first_line_indent = Pt(16 * indent_chars)
        # Word counts the indent in characters too, so it follows the grid
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(100 * indent_chars))
    if right_chars:
        fmt.right_indent = Pt(16 * right_chars)
    if text:
        _fonts(p.add_run(text), font, size, color=color)
    return p


def _red_rule(p) -> None:
    """A red double rule under the paragraph (the 版头 separator)."""
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"w:val": "thinThickSmallGap", "w:sz": "24", "w:space": "6", "w:color": "E60012"}.items():
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.insert_element_before(bdr, *PPR_AFTER_PBDR)


def _page(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(37), Mm(35)
    s.left_margin, s.right_margin = Mm(28), Mm(26)
    s.header_distance, s.footer_distance = Mm(15), Mm(28)
    grid = s._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        s._sectPr.append(grid)
    # no snapping grid (w:type): a 2号 title line would take two grid lines
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _defaults(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = SIZE_3
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), BODY_FONT)
    # no extra space between Chinese and figures (2026年3月2日, not 2026 年)
    ppr = normal.element.get_or_add_pPr()
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(name)
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, *PPR_AFTER_PBDR[PPR_AFTER_PBDR.index(name) + 1 :])
    rpr = normal.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
    rpr.insert_element_before(spacing, *RPR_AFTER_SPACING)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _font_table(doc) -> None:
    """Name the fallbacks: a computer without 方正小标宋简体 or 仿宋_GB2312
    shows 宋体 and 仿宋 rather than a sans-serif."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            table = rel.target_part
            break
    else:
        return
    from docx.oxml import parse_xml

    root = parse_xml(table.blob)
    for name, alt in FALLBACK.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_el = OxmlElement("w:altName")
        alt_el.set(qn("w:val"), alt)
        font.append(alt_el)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(charset)
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "roman")
        font.append(family)
        root.append(font)
    from lxml import etree

    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _letterhead(doc) -> None:
    """The office's name in red over a red double rule, in the first page's
    header above the type area (信函格式: the name 30 mm from the top of the
    paper), and the page number on every page (— 1 —, 4号 宋体)."""
    s = doc.sections[0]
    s.different_first_page_header_footer = True
    s.header_distance = Mm(20)
    header = s.first_page_header
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    _fonts(p.add_run("{{ office }}"), TITLE_FONT, Pt(30), color=RED)
    _red_rule(p)
    for footer in (s.first_page_footer, s.footer):
        f = footer.paragraphs[0]
        f.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        f.paragraph_format.right_indent = Pt(14)
        _fonts(f.add_run("— "), "宋体", Pt(14))
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        field.append(r)
        f._p.append(field)
        _fonts(f.add_run(" —"), "宋体", Pt(14))


def _signature(doc) -> None:
    """The office's name centred over the date, the date two characters
    from the right margin (GB/T 9704-2012 7.3.5.2, without a seal)."""
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    table.autofit = False
    cell = table.cell(0, 0)
    width = Pt(16 * 11)
    cell.width = width
    table.columns[0].width = width
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _para(cell, "{{ office }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(cell, "{{ date }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    # the table's right edge two characters in from the margin
    tblpr = table._tbl.tblPr
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), "0")
    ind.set(qn("w:type"), "dxa")
    tblpr.insert_element_before(ind, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    cell_mar = OxmlElement("w:tblCellMar")
    for side, w in (("left", 0), ("right", 0)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(w))
        m.set(qn("w:type"), "dxa")
        cell_mar.append(m)
    tblpr.insert_element_before(cell_mar, "w:tblLook")


def build(kind: str) -> Path:
    doc = Document()
    doc.core_properties.title = "{{ doc_title }}"
    doc.core_properties.author = ""
    doc.core_properties.comments = "tracker letter template; fields: see tracker/letters.py TEMPLATE_FIELDS"
    _page(doc)
    _defaults(doc)
    _font_table(doc)
    body = doc.paragraphs[0]._p if doc.paragraphs else None
    if body is not None:
        body.getparent().remove(body)
    _letterhead(doc)
    _para(doc, "{{ ref_no }}", align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=1, before=6)
    _para(doc, "")
    _para(doc, "{{ doc_title }}", font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "")
    _para(doc, "{{ to_unit }}：", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for text in BODIES[kind]:
        _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2)
    _para(doc, "")
    _signature(doc)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{kind}.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    for kind in BODIES:
        print(build(kind))
