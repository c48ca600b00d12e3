#!/usr/bin/env python3
"""Until the renderer writes its page-piece boxes (issue 15, on main), add
the ô 7c box to a congvan letter the way it will: box.py PDF.  The box lies
between the signer's title and name on the page that has the name, 45 mm
wide, centred on the name; written as an incremental update replacing that
page's dictionary with /PieceInfo << /congvan << /Private << /ChuKy <<
/Rect [...] /Ink [0 0.2 0.8] >> >> >> >>."""
import re, subprocess, sys

path = sys.argv[1]
name = sys.argv[2] if len(sys.argv) > 2 else 'Dũng'
d = open(path, 'rb').read()
html = subprocess.run(['pdftotext', '-bbox', path, '-'], capture_output=True, text=True).stdout
pages = html.split('<page ')[1:]
for k, pg in enumerate(pages):
    ph = float(re.search(r'height="([\d.]+)"', pg).group(1))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pg)
    hit = [w for w in words if w[4] == name]
    if hit:
        break
else:
    sys.exit('box.py: no %s in %s' % (name, path))
x0, y0, x1, y1 = map(float, hit[0][:4])
# the line above the name: the nearest word higher up whose line is the title
above = [float(w[3]) for w in words if float(w[3]) < y0 - 1 and abs((float(w[0]) + float(w[2])) / 2 - (x0 + x1) / 2) < 120]
top = max(above)
cx = (x0 + x1) / 2 - 30  # the name's line centre: about "Nguyễn Huy Dũng"
line = [w for w in words if abs(float(w[1]) - y0) < 1]
cx = (min(float(w[0]) for w in line) + max(float(w[2]) for w in line)) / 2
bw = 45 / 25.4 * 72
rect = (cx - bw / 2, ph - y0 + 2, cx + bw / 2, ph - top - 2)

kids = re.search(rb'/Type /Pages\s*/Kids \[([^\]]*)\]', d).group(1)
num = int(re.findall(rb'(\d+) 0 R', kids)[k])
m = list(re.finditer(rb'(?m)^%d 0 obj\r?\n<<(.*?)>>\r?\nendobj' % num, d, re.S))[-1]
body = m.group(1).rstrip()
piece = ('/PieceInfo << /congvan << /Private << /ChuKy << /Rect [%.2f %.2f %.2f %.2f] '
         '/Ink [0 0.2 0.8] >> >> >> >>' % rect).encode()
prev = int(re.findall(rb'startxref\s+(\d+)', d)[-1])
size = int(re.findall(rb'/Size (\d+)', d)[-1])
off = len(d)
obj = b'%d 0 obj\n<<%s\n%s\n>>\nendobj\n' % (num, body, piece)
xref = off + len(obj)
tr = re.findall(rb'trailer\s*<<(.*?)>>', d, re.S)[-1]
info = re.search(rb'/Info \d+ 0 R', tr)
ident = re.search(rb'/ID\s*\[[^\]]*\]', tr)
upd = obj + b'xref\n%d 1\n%010d 00000 n\r\ntrailer\n<< /Size %d /Root 1 0 R %s %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n' % (
    num, off, size, info.group(0) if info else b'', ident.group(0) if ident else b'', prev, xref)
open(path, 'wb').write(d + upd)
