#!/usr/bin/env python3
"""Test images for congvan sign (no PIL): mkpng.py OUT W H RRGGBB rgba|rgb|trns.
A thick wavy stroke like a handwritten signature, in the colour given, on a
transparent background (rgba: colour type 6; trns: palette + tRNS) or on
white (rgb: colour type 2, no transparency)."""
import math, struct, sys, zlib

out, w, h, col, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rgb = tuple(int(col[i:i + 2], 16) for i in (0, 2, 4))

def ink(x, y):
    # two strokes: a wave across and a loop
    t = x / w
    yc = h / 2 + h * 0.3 * math.sin(t * 3 * math.pi)
    if abs(y - yc) < max(2, h / 18):
        return True
    cx, cy, r = w * 0.3, h * 0.5, h * 0.3
    return abs(math.hypot(x - cx, y - cy) - r) < max(2, h / 22)

rows = []
for y in range(h):
    if mode == 'rgba':
        row = b''.join(bytes(rgb + (255,)) if ink(x, y) else b'\xff\xff\xff\x00' for x in range(w))
    elif mode == 'rgb':
        row = b''.join(bytes(rgb) if ink(x, y) else b'\xff\xff\xff' for x in range(w))
    else:
        row = bytes(1 if ink(x, y) else 0 for x in range(w))
    rows.append(b'\x00' + row)
raw = zlib.compress(b''.join(rows), 9)

def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)

ct = {'rgba': 6, 'rgb': 2, 'trns': 3}[mode]
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, ct, 0, 0, 0))
if mode == 'trns':
    png += chunk(b'PLTE', bytes((255, 255, 255)) + bytes(rgb)) + chunk(b'tRNS', b'\x00')
png += chunk(b'IDAT', raw) + chunk(b'IEND', b'')
open(out, 'wb').write(png)
