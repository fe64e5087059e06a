#!/usr/bin/env python3
"""Generates the spreadsheet fixtures under Tests/OfficeTests/Fixtures (committed; re-run to refresh).

Good rosters: one written by openpyxl (merged title row, synonyms, dates typed every way, IDs Excel mangled),
one converted from CSV by LibreOffice, CSVs in UTF-8 with BOM and in GBK. Bad files: truncated, old .xls,
renamed .docx, empty, no header, 16,384 columns, a 50 MB cell, a zip bomb, an external entity.
Needs openpyxl; the LibreOffice fixture needs `soffice` (libreoffice-calc-nogui).
"""
import datetime
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl

OUT = Path(__file__).resolve().parent.parent / "Tests" / "OfficeTests" / "Fixtures"
OUT.mkdir(parents=True, exist_ok=True)


def id_number(body17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights)) % 11]


HEADER = ["序号", "姓名", "公民身份号码", "联系电话", "性别", "民族", "学历", "政治面貌", "入会时间", "所在单位", "是否农民工", "备注"]


def roster_openpyxl():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "会员花名册"
    ws.append(["示例公司工会会员花名册"])
    ws.merge_cells("A1:L1")
    ws.append([])
    ws.append(HEADER)
    ws.append([1, "张三", "11010519491231002x", "13800138000", "女", "汉族", "高中", "群众", datetime.date(2023, 5, 1), "示例公司", "是", ""])
    ws.append([2, "李四", "１１０１０５４９１２３１００２", "139 0013 9000", "女", "汉族", "本科", "中共党员", "2023.5.1", "示例公司", "否", "旧号码"])
    ws.append([3, "王五", id_number("44060619900315123"), "+86 137-1111-2222", "男", "壮族", "大专", "群众", 45047, "示例公司", "", "序列日期"])
    ws.append([])
    ws.append([4, "赵六", 441900198001010000, "13711113333", "男", "汉族", "初中", "群众", "2023年5月1日", "示例公司", "是", "整数ID"])
    ws.append([5, "钱七", 4.41900198001012e17, "13711114444", "男", "汉族", "初中", "群众", "2023/5/1", "示例公司", "是", "浮点ID"])
    ws.append([6, "孙八", id_number("44060619851120001"), "13711115555", "女", "汉族", "中专", "群众", "2024-02-29", "示例公司", "否", "性别不符"])
    ws.append([7, "周九", "11010519491231002X", "13711116666", "女", "汉族", "高中", "群众", "2022-01-01", "示例公司", "否", "文件内重复"])
    ws["I6"].number_format = "General"
    notes = wb.create_sheet("说明")
    notes.append(["本表仅供测试"])
    wb.save(OUT / "roster-openpyxl.xlsx")


def roster_csv():
    rows = [",".join(HEADER),
            "1,张三,11010519491231002X,13800138000,女,汉族,高中,群众,2023-05-01,示例公司,是,",
            '2,"李, 四",130503670401001,13900139000,男,汉族,本科,中共党员,2023/5/1,示例公司,否,"带""引号"""',
            "3,王五,%s,13711112222,男,壮族,大专,群众,2023年5月1日,示例公司,,跨行" % id_number("44060619900315123")]
    text = "\r\n".join(rows) + "\r\n"
    (OUT / "roster-utf8-bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (OUT / "roster-gbk.csv").write_bytes(text.encode("gbk"))
    return text


def roster_libreoffice(text):
    if not shutil.which("soffice"):
        print("soffice not found: roster-libreoffice.xlsx not refreshed")
        return
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "roster-libreoffice.csv"
    src.write_text(text, encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp), str(src)],
                   check=True, capture_output=True)
    shutil.copy(tmp / "roster-libreoffice.xlsx", OUT / "roster-libreoffice.xlsx")


def raw_xlsx(path, sheet_xml, extra=None):
    """A minimal workbook with a hand-written sheet (for the hostile cases)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        if isinstance(sheet_xml, str):
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        else:
            sheet_xml(z)
        for name, data in (extra or {}).items():
            z.writestr(name, data)


SHEET_HEAD = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def bad_files():
    good = (OUT / "roster-openpyxl.xlsx").read_bytes()
    (OUT / "bad-truncated.xlsx").write_bytes(good[: len(good) // 2])
    (OUT / "bad-old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    (OUT / "bad-empty.xlsx").write_bytes(b"")
    with zipfile.ZipFile(OUT / "bad-renamed-docx.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    raw_xlsx(OUT / "bad-no-header.xlsx", SHEET_HEAD + '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
             '<row r="2"><c r="A2"><v>3</v></c></row></sheetData></worksheet>')
    cells = "".join(f'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(16384))
    raw_xlsx(OUT / "bad-wide.xlsx", SHEET_HEAD + f'<row r="1">{cells}</row></sheetData></worksheet>')

    def big_cell(z):
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write((SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode())
            chunk = b"a" * (1 << 20)
            for _ in range(50):
                f.write(chunk)
            f.write(b"</t></is></c></row></sheetData></worksheet>")
    raw_xlsx(OUT / "bad-big-cell.xlsx", big_cell)

    def bomb(z):
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(SHEET_HEAD.encode())
            chunk = b" " * (1 << 20)
            for _ in range(600):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
    raw_xlsx(OUT / "bad-zip-bomb.xlsx", bomb)
    raw_xlsx(OUT / "bad-xxe.xlsx", '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
             '<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')


if __name__ == "__main__":
    roster_openpyxl()
    roster_libreoffice(roster_csv())
    bad_files()
    for p in sorted(OUT.iterdir()):
        print(f"{p.stat().st_size:>10}  {p.name}")
