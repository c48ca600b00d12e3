#!/usr/bin/env python3
"""append.py PDF: append a valid incremental update to PDF (the catalog
written again, unchanged, with its own xref section and a trailer whose
/Prev is the last one's), as an edit after signing would (SIGNING.md §2.7
t4): every signature stays valid, but bytes follow the last one."""
import re, sys

path = sys.argv[1]
d = open(path, 'rb').read()
prev = int(re.findall(rb'startxref\s+(\d+)', d)[-1])
tr = re.findall(rb'trailer\s*<<(.*?)>>\s*startxref', d, re.S)[-1]
root = int(re.search(rb'/Root (\d+) 0 R', tr).group(1))
size = int(re.search(rb'/Size (\d+)', tr).group(1))
objs = list(re.finditer(rb'(?m)^%d 0 obj\r?\n(.*?)endobj' % root, d, re.S))
body = objs[-1].group(1)
off = len(d)
obj = b'%d 0 obj\n%sendobj\n' % (root, body)
xref = off + len(obj)
keep = b' '.join(m.group(0) for m in re.finditer(rb'/(Info \d+ 0 R|ID\s*\[[^\]]*\])', tr))
upd = obj + (b'xref\n%d 1\n%010d 00000 n\r\ntrailer\n<< /Size %d /Root %d 0 R %s /Prev %d >>\n'
             b'startxref\n%d\n%%%%EOF\n') % (root, off, size, root, keep, prev, xref)
open(path, 'wb').write(d + upd)
