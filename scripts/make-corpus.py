"""Writes the seed corpus of the fuzz targets (Tests/FuzzTests/Corpus/<target>/): the inputs that stopped the server
(issue 13), valid inputs of each parser, and the workbook fixtures. `make fuzz` adds what libFuzzer finds to a work
copy, never here; a crash or hang it finds is added here by hand (hang-*, crash-*), so CI replays it for ever."""
import json
import shutil
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Tests" / "FuzzTests" / "Corpus"
FIXTURES = ROOT / "Tests" / "OfficeTests" / "Fixtures"


def put(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def extremes(*numbers):
    return b"".join(struct.pack("<q", n) for n in numbers)


# Dates: the two inputs that stopped the server, then dates as people type them, then extreme arithmetic.
put("dates", "crash-20-digit-year", "99999999999999999999-01-01")
put("dates", "crash-year-9999", "from=2026-01-01\nto=9999-12-31")
put("dates", "typed", "2023-05-01\n2023/5/1\n2023年5月1日\n２０２３－０５－０１")
put("dates", "leap-day", "2024-02-29\n2023-02-29\n1900-02-29\n2000-02-29")
put("dates", "period-half", "year=2026\nhalf=2")
put("dates", "period-range", "from=2026-03-01\nto=2026-08-31")
put("dates", "extreme-arithmetic", extremes(2**63 - 1, -(2**63), 10000, 3))
put("dates", "extreme-negative", extremes(-(2**63), 2**63 - 1, -(2**63), -1))
# Identifiers, money and text.
put("identifiers", "ids", "11010519491231002X\n440524188001010014\n110105491231002\n11010519491231002x")
put("identifiers", "bad-ids", "4.419E+17\n110105194912310021\n１１０１０５１９４９１２３１００２Ｘ\n11010519491331002X")
put("identifiers", "credit-codes", "91440606MA4W5CKL0R\n81440606MA1234567X\n91440606ma4w5ckl0r")
put("identifiers", "phones", "13800138000\n+86 138-0013-8000\n0757-12345678\n1380013800")
put("identifiers", "money", "1,234.50\n1.2万\n3万元\n¥1234\n１２３４")
put("identifiers", "money-edges", "10000万\n10000.000001万\n0.001\n-5\n999999999999\n1,23,4")
put("identifiers", "extreme-fen", extremes(-(2**63), 2**63 - 1))
# Inputs.
put("inputs", "names", "\u202e张三\u202c\n李\u200b四\n阿依古丽·买买提\n<script>\n" + "长" * 40)
put("inputs", "numbers", "123\n-1\n99999999999999999999\n１２３\n0")
put("inputs", "choices", "active\n在会\napprove\nfederationStaff\n\n \t")
put("inputs", "passwords", "P@ssw0rd\nUnion#Desk77\nstaff#2026A\n" + "a" * 200)
put("inputs", "period", "from=99999999999999999999-01-01\nto=2026-12-31\nyear=2026")
# JSON bodies of the API.
put("json", "member", json.dumps({"name": "张三", "idNumber": "11010519491231002X", "phone": "13800138000", "unionId": 2,
                                  "joinDate": "2020-03-01", "migrantWorker": True}, ensure_ascii=False))
put("json", "employer", json.dumps({"name": "甲公司", "creditCode": "91440606MA4W5CKL0R", "headcount": 30, "orgId": 1}, ensure_ascii=False))
put("json", "organization", json.dumps({"name": "甲公司工会", "level": "union", "unionType": "enterprise", "parentId": 1,
                                        "electedOn": "2023-05-01", "termYears": 3}, ensure_ascii=False))
put("json", "relief-step", json.dumps({"action": "upperApprove", "amount": "10000万", "reason": "批复，2026"}, ensure_ascii=False))
put("json", "relief-application", json.dumps({"roundId": 1, "memberId": 2, "documents": ["applicationForm", "idCopies"],
                                              "hospitalDays": 99999999999, "admittedOn": "2026-10-01", "dischargedOn": "2026-10-13"}))
put("json", "petition", json.dumps({"source": "transferred", "receivedOn": "2026-11-01", "petitionerName": "王五", "category": "wages",
                                    "workers": 12, "transferBody": "市总工会", "transferReplyDue": "9999-12-31"}, ensure_ascii=False))
put("json", "period", json.dumps({"from": "99999999999999999999-01-01", "to": "2026-12-31"}))
put("json", "loose-types", json.dumps({"name": None, "idNumber": 11010519491231002, "unionId": 1.5, "joinDate": False}))
put("json", "deep", "[" * 400 + "]" * 400)
put("json", "array", "[1,2,3]")
# CSV rosters.
put("csv", "roster", "姓名,身份证号,手机号码,入会日期\n张三,11010519491231002X,13800138000,2020-03-01\n李四,4.419E+17,,2099-01-01\n")
put("csv", "quoted", '姓名,身份证号\n"王""五",440524188001010014\n"多\n行",1\n"未结束')
put("csv", "gbk", "姓名,身份证号\n张三,11010519491231002X\n".encode("gbk"))
put("csv", "bom", b"\xef\xbb\xbf" + "姓名,身份证号\r\n赵六,360426199101010071\r\n".encode())
put("csv", "crash-date-in-roster", "姓名,身份证号,入会日期\n张三,11010519491231002X,99999999999999999999-01-01\n")
# Workbooks: the fixtures (the zip bomb is left out: it only tests a cap a small limit already meets).
for f in sorted(FIXTURES.glob("*.xlsx")):
    if f.name != "bad-zip-bomb.xlsx" and f.stat().st_size > 0:
        shutil.copy(f, CORPUS / "xlsx" / f.name)
# The workbook whose shared strings held `<\xe5ne=`: Foundation's XMLParser trapped on it (found by make fuzz).
import io
import zipfile
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types><Override PartName="/xl/workbook.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
               '2006/relationships"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships><Relationship Id="rId1" '
               'Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet {NS}><sheetData/></worksheet>')
    z.writestr("xl/sharedStrings.xml", b"<\xe5ne=")
put("xlsx", "crash-invalid-utf8-element.xlsx", buf.getvalue())
print(f"corpus: {sum(1 for _ in CORPUS.rglob('*') if _.is_file())} files in {CORPUS}")
