#!/usr/bin/env python3
"""extract.py PDF PREFIX: for each signature (its /ByteRange and /Contents,
in file order), write PREFIXn.content (the bytes it covers) and PREFIXn.p7s
(the DER CMS, zero padding cut).  Prints the number of signatures."""
import re, sys
d = open(sys.argv[1], 'rb').read()
n = 0
for m in re.finditer(rb'/ByteRange \[\s*(\d+) (\d+) (\d+) (\d+)\s*\]\s*/Contents <([0-9a-fA-F]*)>', d):
    a, b, c, e = map(int, m.groups()[:4])
    n += 1
    open('%s%d.content' % (sys.argv[2], n), 'wb').write(d[a:a + b] + d[c:c + e])
    der = bytes.fromhex(m.group(5).decode())
    # the DER's own length (a SEQUENCE, long form)
    l = der[1] & 0x7f if der[1] & 0x80 else 0
    size = (int.from_bytes(der[2:2 + l], 'big') + 2 + l) if l else der[1] + 2
    open('%s%d.p7s' % (sys.argv[2], n), 'wb').write(der[:size])
print(n)
