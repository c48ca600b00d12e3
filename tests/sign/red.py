#!/usr/bin/env python3
"""red.py PAGE.ppm LETTER.pdf: the seal's red pixels reach into the
signature box from the left and no further than its first third
(Decree 30 Phụ lục I II.8.a)."""
import re, sys
ppm = open(sys.argv[1], 'rb').read()
w, h, body = re.match(rb'P6\s+(\d+)\s+(\d+)\s+255\s(.*)', ppm, re.S).groups()
w, h = int(w), int(h)
r = [float(x) * 80 / 72 for x in re.search(rb'/ChuKy\s*<<\s*/Rect\s*\[([^\]]*)\]', open(sys.argv[2], 'rb').read()).group(1).split()]
third = r[0] + (r[2] - r[0]) / 3
red = [x for y in range(h) for x in range(w)
       if body[(y * w + x) * 3] > 150 and body[(y * w + x) * 3 + 1] < 90 and body[(y * w + x) * 3 + 2] < 90]
sys.exit(0 if red and r[0] < max(red) <= third + 2 else 1)
