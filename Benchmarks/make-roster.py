#!/usr/bin/env python3
"""Writes a synthetic member roster for the import benchmark: valid, unique ID numbers and phones.

usage: make-roster.py ROWS OUT.csv [OUT.xlsx]   (ROSTER_OFFSET=K starts at person K: other people, other numbers)
"""
import datetime
import os
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "建志明永国海春晓丽秀桂玉美金伟文子俊嘉雅思佳欣家宏华平军强英芳敏静涛"
HEADER = ["姓名", "身份证号", "手机号码", "性别", "民族", "文化程度", "政治面貌", "入会日期", "是否农民工"]


def rows(n):
    start = datetime.date(1966, 1, 1)
    offset = int(os.environ.get("ROSTER_OFFSET", "0"))
    for i in range(offset, offset + n):
        birth = start + datetime.timedelta(days=i // 900)
        body = "110101" + birth.strftime("%Y%m%d") + "%03d" % (i % 900 + 100)
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]
        male = int(body[16]) % 2 == 1
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)] + GIVEN[(i // 131) % len(GIVEN)]
        yield [name, body + check, "139%08d" % i, "男" if male else "女", "汉族", "高中", "群众", "2020-05-01", "是" if i % 3 == 0 else "否"]


def main():
    n, csv_path = int(sys.argv[1]), sys.argv[2]
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for r in rows(n):
            f.write(",".join(r) + "\n")
    if len(sys.argv) > 3:
        import openpyxl
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("会员名册")
        ws.append(HEADER)
        for r in rows(n):
            ws.append(r)
        wb.save(sys.argv[3])


if __name__ == "__main__":
    main()
