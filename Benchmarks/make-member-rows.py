#!/usr/bin/env python3
"""Writes N rows already in the shape of the `members` table (what an import has computed by the time it writes:
ciphertexts, keyed hashes, masked forms, card numbers), for the "same schema" floor of the import benchmark:
the database's own bulk loader into the real table with its indexes, with none of the checking or encrypting.

usage: make-member-rows.py ROWS FIRST_CARD UNION_ID OUT.csv
"""
import base64
import os
import sys


def main():
    n, first, union, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(path, "w", encoding="utf-8", newline="") as f:
        for i in range(n):
            rnd = os.urandom(112)
            id_enc = base64.b64encode(rnd[:46]).decode()  # nonce + 18 bytes + tag, as AES-GCM gives
            id_hash = rnd[46:78].hex()
            phone_enc = base64.b64encode(rnd[78:89] + rnd[:28]).decode()
            phone_hash = rnd[80:112].hex()
            f.write(",".join([
                "张三%d" % i, id_enc, id_hash, "110101********%04d" % (i % 10000), "1980-01-01", "male",
                phone_enc, phone_hash, "139****%04d" % (i % 10000), "汉族", "seniorHigh", "masses", union, "",
                "2020-05-01", "GH%08d" % (first + i), "1" if i % 3 == 0 else "0", "0", "active", "2020-05-01",
                "2026-11-26 10:00:00", "2026-11-26 10:00:00",
            ]) + "\n")


main()
