"""Replaces one generated section of docs/performance.md (between <!-- bench:NAME --> and <!-- /bench:NAME -->)
with the text read from stdin, keeping every other section and the hand-written notes as they are.
Usage: ... | python3 Benchmarks/write-section.py NAME"""
import pathlib
import sys

name = sys.argv[1]
path = pathlib.Path("docs/performance.md")
text = path.read_text() if path.exists() else "# Performance\n\n\n<!-- notes -->\n"
start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
block = f"{start}\n{sys.stdin.read().strip()}\n{end}"
if start in text and end in text:
    head, rest = text.split(start, 1)
    text = head + block + rest.split(end, 1)[1]
else:
    # A new section goes before the notes.
    head, sep, notes = text.partition("\n<!-- notes -->\n")
    text = head.rstrip() + "\n\n" + block + "\n" + sep + notes
path.write_text(text)
print(f"wrote the {name} section of {path}")
