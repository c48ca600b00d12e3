#!/usr/bin/env python3
"""Layout invariants of congvan's letters, on generated dispatches.

    check.py --seed S [-v]               one dispatch: generate, build, check
    check.py --seeds A:B [-j N] [--out DIR] [--summary] [--log FILE]
                                         dispatches A..B-1; print each broken
                                         invariant; --out: write each failing
                                         dispatch to DIR/<kinds>-<seed>/
                                         (its kinds joined by "+")
    check.py --seed S --shrink KIND [--match TEXT] [--out DIR]
                                         cut the dispatch down while it still
                                         breaks KIND, into DIR/<kind>-<seed>/
                                         (tests/gen/found/ by default)
    check.py --dir DIR                   check a saved dispatch (expect.json)
    check.py --dump FILE --expect FILE   check a layout dump (-T layout) alone
    check.py --self-test                 doctored dumps must be caught

Each dispatch comes from gen.py (same seed, same bytes).  It is built with
the real congvan (congvan build -q, the letters' PDFs) and laid out again
with congvan -T layout (every box: "text X Y FACE SIZE w W "TEXT"" with X,Y
the baseline start in pt from the page's bottom-left and W the advance
width including a trailing space; "line X1 Y1 X2 Y2 w LW").  Text placed
wholly off a page is invisible to pdftotext, so positions come from the
dump; the PDF (pdftotext -bbox-layout) is held to the dump and to the
margins as well.

The invariants, each a "kind" in the reports:

margin      every text box and rule lies inside the type area: x >= left
            margin, x + width-without-trailing-space <= right margin, the
            baseline >= the bottom margin and baseline + ascender (0.891 em,
            Liberation Serif) <= the top margin; tolerance 0.01 pt (plus
            0.01 pt for the dump's two printed decimals).  The page number
            is the one box allowed in the top margin.
pageno      pages 2, 3, ... of the letter, and of the appendix (numbered on
            its own, its first page unnumbered), carry their number, right,
            centred between the margins (0.05 pt), in the top margin; page 1
            carries none.
pdf         the letter's PDF has the dump's pages, and on each page the same
            characters (a box off the page is missing from the PDF); every
            word of the PDF lies inside the margins (pdftotext's boxes,
            0.01 pt), the page number excepted.
lost        no word lost: the body, read line by line, is the dispatch's
            text (placeholders filled in, Markdown removed): the first and
            last word of every paragraph, every word in order, list markers
            where the lists are.
space       no space drawn inside a token ("…/bao-cao-773 )", ". /.").
split       a token split over two lines only after one of its own
            / ? & = . - _ : characters, never between two digits (never
            inside 1.500.000.000, 47,5%, 02/03/2022), with no hyphen added; a
            token with no such break that is wider than the measure may be
            cut at any character.
gap         on a justified body line (every line of a paragraph or list item
            but its last), every word gap (between the glyph extents of
            consecutive words) is at least word_gap_min x and at most word_gap_max x the
            natural space (0.25 em).
ragged      a justified line of two words or more reaches the right margin
            (0.05 pt), unless all its gaps are at the word_gap_max bound.
short       no justified line holds only one or two short words (<= 4
            characters each) when the next line's first word, up to its
            first space or its first break opportunity, would have fitted
            after them at the natural space (with 0.5 pt to spare; widths
            from the font's hmtx, so only sure cases are flagged).
noinhan     every "Nơi nhận" entry present, whole, in order ("- X;" ...,
            "- Lưu: ….") — the list may continue at the top of the next page.
signature   quyen_han, chuc_vu and the signer's name present; the signature
            block is on the page of the body's last line, below it, so that
            that page holds at least one body line.
cell        every appendix cell's text present (split only as a token may
            be) and inside its column's rule lines.

Stdlib only; needs congvan, pdftotext (poppler-utils).
"""
import argparse
import collections
import json
import multiprocessing
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import gen  # noqa: E402

BREAK = "/?&=.-_:"
ASC = 0.891          # Liberation Serif ascender, em (hhea 1825/2048)
DESC = 0.216         # descender, em (443/2048)
SPACE = 0.25         # the space, em (512/2048)
TOL = 0.01           # margins, pt
DUMP = 0.01          # the dump prints two decimals: x and w each +-0.005
GAP_TOL = 0.02       # a gap is computed from three printed numbers
# Word gaps of a justified line, times the space: body.word_gap_min and
# word_gap_max of the template (geometry reads them).


# --- Geometry: templates/cong-van.yaml ------------------------------------
def geometry(tmpl):
    """Page size and margins in pt from the template's page: block."""
    v = {}
    sect = None
    for line in open(tmpl, encoding="utf-8"):
        m = re.match(r"^(\w+):", line)
        if m:
            sect = m.group(1)
            continue
        m = re.match(r"^\s+(\w+):\s*([\d.]+)", line)
        if m and sect == "page":
            v[m.group(1)] = float(m.group(2)) * 72 / 25.4
        m = re.match(r"^\s+(word_gap_min|word_gap_max):\s*([\d.]+)", line)
        if m and sect == "body":
            v[m.group(1)] = float(m.group(2))
        m = re.match(r"^\s+cell_padding_pt:\s*([\d.]+)", line)
        if m and sect == "phu_luc":
            v["pad"] = float(m.group(1))
        m = re.match(r"^\s+(regular|bold|italic|bold_italic):\s*(\S+)", line)
        if m and sect == "fonts":
            v["font_" + m.group(1)] = m.group(2)
    g = {"W": v["width_mm"], "H": v["height_mm"], "L": v["margin_left_mm"],
         "R": v["width_mm"] - v["margin_right_mm"], "B": v["margin_bottom_mm"],
         "T": v["height_mm"] - v["margin_top_mm"]}
    g["pad"] = v.get("pad", 4.0)
    g["gmin"], g["gmax"] = v["word_gap_min"], v["word_gap_max"]
    g["fonts"] = {"R": v.get("font_regular"), "B": v.get("font_bold"),
                  "I": v.get("font_italic"), "BI": v.get("font_bold_italic")}
    return g


class Font:
    """Advance widths from a TrueType file's cmap (format 4) and hmtx."""

    def __init__(self, path):
        d = open(path, "rb").read()
        n = struct.unpack(">H", d[4:6])[0]
        t = {}
        for i in range(n):
            tag, _, off, ln = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
            t[tag.decode()] = (off, ln)
        self.upem = struct.unpack(">H", d[t["head"][0] + 18:t["head"][0] + 20])[0]
        nh = struct.unpack(">H", d[t["hhea"][0] + 34:t["hhea"][0] + 36])[0]
        ho = t["hmtx"][0]
        self.adv = [struct.unpack(">H", d[ho + 4 * i:ho + 4 * i + 2])[0] for i in range(nh)]
        co = t["cmap"][0]
        self.cmap = {}
        for i in range(struct.unpack(">H", d[co + 2:co + 4])[0]):
            pid, eid, off = struct.unpack(">HHI", d[co + 4 + 8 * i:co + 12 + 8 * i])
            s = co + off
            if struct.unpack(">H", d[s:s + 2])[0] != 4 or pid != 3:
                continue
            segx2 = struct.unpack(">H", d[s + 6:s + 8])[0]
            seg = segx2 // 2
            ends = struct.unpack(">%dH" % seg, d[s + 14:s + 14 + segx2])
            starts = struct.unpack(">%dH" % seg, d[s + 16 + segx2:s + 16 + 2 * segx2])
            deltas = struct.unpack(">%dh" % seg, d[s + 16 + 2 * segx2:s + 16 + 3 * segx2])
            ro = s + 16 + 3 * segx2
            ranges = struct.unpack(">%dH" % seg, d[ro:ro + segx2])
            for k in range(seg):
                for c in range(starts[k], ends[k] + 1):
                    if c == 0xFFFF:
                        continue
                    if ranges[k] == 0:
                        g = (c + deltas[k]) & 0xFFFF
                    else:
                        a = ro + 2 * k + ranges[k] + 2 * (c - starts[k])
                        g = struct.unpack(">H", d[a:a + 2])[0]
                        if g:
                            g = (g + deltas[k]) & 0xFFFF
                    self.cmap[c] = g
            break

    def width(self, s, size):
        """Advance width of s in pt at size (no kerning)."""
        u = 0
        for ch in s:
            g = self.cmap.get(ord(ch), 0)
            u += self.adv[min(g, len(self.adv) - 1)]
        return u * size / self.upem


# --- The layout dump -------------------------------------------------------
class Box:
    __slots__ = ("page", "x", "y", "face", "size", "w", "text")

    def __init__(self, page, x, y, face, size, w, text):
        self.page, self.x, self.y, self.face = page, x, y, face
        self.size, self.w, self.text = size, w, text

    def end(self):
        """x where the glyphs end (the trailing space left out)."""
        return self.x + self.w - (SPACE * self.size if self.text.endswith(" ") else 0)


TEXT_RE = re.compile(r'^  text (\S+) (\S+) (\S+) (\S+) w (\S+) "(.*)"$')
LINE_RE = re.compile(r"^  line (\S+) (\S+) (\S+) (\S+) w (\S+)$")


def parse_dump(text):
    """[{name, pages: [{"boxes": [Box], "rules": [(x1,y1,x2,y2)]}]}]."""
    letters = []
    cur = None
    for ln in text.splitlines():
        if ln.startswith("letter "):
            cur = {"name": ln[7:], "pages": []}
            letters.append(cur)
        elif ln.startswith("page "):
            cur["pages"].append({"boxes": [], "rules": []})
        elif ln.startswith("  text "):
            m = TEXT_RE.match(ln)
            if m:
                p = len(cur["pages"])
                cur["pages"][-1]["boxes"].append(Box(p, float(m.group(1)), float(m.group(2)),
                                                     m.group(3), float(m.group(4)),
                                                     float(m.group(5)), m.group(6)))
        elif ln.startswith("  line "):
            m = LINE_RE.match(ln)
            if m:
                cur["pages"][-1]["rules"].append(tuple(float(m.group(i)) for i in range(1, 5)))
    return letters


def lines_of(boxes):
    """Boxes grouped into lines (same page, same baseline), in reading order."""
    d = collections.OrderedDict()
    for b in boxes:
        d.setdefault((b.page, round(b.y, 1)), []).append(b)
    keys = sorted(d, key=lambda k: (k[0], -k[1]))
    return [sorted(d[k], key=lambda b: b.x) for k in keys]


def words_of(line):
    """A line's words: runs of boxes that touch with no space between.
    Each word: (text, [boxes])."""
    out = []
    for b in line:
        t = b.text
        if out and not out[-1][1][-1].text.endswith(" ") and \
                abs(b.x - (out[-1][1][-1].x + out[-1][1][-1].w)) < 0.3:
            out[-1][1].append(b)
            out[-1][0].append(t)
            continue
        out.append(([t], [b]))
    res = []
    for parts, bs in out:
        s = "".join(parts)
        # a box holding inner spaces is several words drawn as one
        pieces = s.strip(" ").split(" ")
        if len(pieces) == 1:
            res.append((pieces[0], bs))
        else:
            for p in pieces:
                if p:
                    res.append((p, bs))
    return res


# --- Reading text back against what was written -----------------------------
def split_ok(tok, k):
    """May tok be broken after its k-th character?  As congvan's
    lay_brk_ok: after a run of / ? & = . - _ : that follows a letter or
    digit, unless the run is of . / - : between two digits (a number, a
    date, a time) or no letter or digit follows."""
    if k <= 0 or k >= len(tok) or tok[k - 1] not in BREAK or tok[k] in BREAK:
        return False
    q = k - 1
    while q > 0 and tok[q - 1] in BREAK:
        q -= 1
    if q == 0:
        return False
    if tok[q - 1].isdigit() and tok[k].isdigit() and \
            all(c in "./-:" for c in tok[q:k]):
        return False
    return any(c.isalnum() for c in tok[k:])


def has_break(tok):
    return any(split_ok(tok, k) for k in range(1, len(tok)))


class Reader:
    """Aligns rendered lines with expected blocks of words.  Records for
    each line whether it ends its block, and every broken invariant."""

    def __init__(self, blocks, report, where, kind_lost, kind_split="split", font=None):
        self.exp = []
        for bi, b in enumerate(blocks):
            ws = b["text"].split()
            if b.get("marker"):
                self.exp.append((bi, -1, None))
            for wi, w in enumerate(ws):
                self.exp.append((bi, wi, w))
        self.pos = 0
        self.partial = 0
        self.pieces = []     # widths of the current split token's pieces
        self.measure = 0.0
        self.report = report
        self.where = where
        self.kind_lost = kind_lost
        self.kind_split = kind_split
        self.dead = False
        self.font = font     # a Font: the width of a piece of a token

    def line(self, words, measure):
        """Consume one line's words; return (ends_block, block index)."""
        if self.dead:
            return None
        self.measure = max(self.measure, measure)
        last_block = None
        for j, (rw, bs) in enumerate(words):
            if self.pos >= len(self.exp):
                self.fail(self.kind_lost, bs[0], "text after the end: \"%s\"" % rw)
                return None
            bi, wi, ew = self.exp[self.pos]
            last_block = bi
            if ew is None:          # a list marker: whatever congvan numbers
                if self.partial == 0 and len(rw) <= 5:
                    self.pos += 1
                    continue
                self.fail(self.kind_lost, bs[0], "list marker missing before \"%s\"" % rw)
                return None
            rest = ew[self.partial:]
            wdt = bs[-1].end() - bs[0].x
            if rw == rest:
                if self.partial:
                    self.pieces.append(wdt)
                    self.judge(ew, bs[0])
                self.pos += 1
                self.partial = 0
                self.pieces = []
                continue
            if j == len(words) - 1 and rest.startswith(rw):
                if not self.partial:
                    self.splits = []
                self.pieces.append(wdt)
                self.splits.append(self.partial + len(rw))
                self.partial += len(rw)
                return (False, bi)
            # a mismatch: name it
            nxt = words[j + 1][0] if j + 1 < len(words) else None
            if nxt is not None and rest.startswith(rw) and rest[len(rw):].startswith(nxt[:1]):
                self.fail("space", bs[0], "space inside \"%s\": drawn \"%s %s\"" % (ew, rw, nxt))
            elif j == len(words) - 1 and rw.endswith("-") and rest.startswith(rw[:-1]):
                self.fail(self.kind_split, bs[0], "hyphen added in \"%s\": line ends \"%s\"" % (ew, rw))
            else:
                self.fail(self.kind_lost, bs[0], "expected \"%s\", found \"%s\"" % (rest, rw))
            return None
        if self.partial:
            return (False, last_block)
        ends = self.pos >= len(self.exp) or self.exp[self.pos][0] != self.exp[self.pos - 1][0]
        return (ends, self.exp[self.pos - 1][0] if self.pos else None)

    def judge(self, tok, box):
        """A token split over lines: each split must be allowed.  Where the
        piece between two break opportunities (the whole token, when it has
        none) is wider than the measure, a cut inside it is the last resort
        and allowed; its width from the font, or from the drawn pieces."""
        total = sum(self.pieces)
        legal = [0] + [k for k in range(1, len(tok)) if split_ok(tok, k)] + [len(tok)]
        for k in self.splits:
            if split_ok(tok, k):
                continue
            lo = max(x for x in legal if x <= k)
            hi = min(x for x in legal if x >= k)
            seg = tok[lo:hi]
            wide = total if (lo, hi) == (0, len(tok)) else None
            if wide is None and self.font is not None:
                wide = self.font.width(seg, box.size)
            if wide is not None and wide > self.measure - 0.5:
                continue
            digits = tok[k - 1].isdigit() and tok[k].isdigit() or tok[k - 1] in BREAK
            why = "inside a number" if digits else "not after / ? & = . - _ :"
            self.fail(self.kind_split, box, "\"%s\" split as \"%s|%s\" (%s)" % (tok, tok[:k], tok[k:], why))

    def finish(self, box):
        if self.dead:
            return
        if self.partial:
            self.fail(self.kind_lost, box, "text ends inside \"%s\"" % self.exp[self.pos][2])
        elif self.pos < len(self.exp):
            w = self.exp[self.pos][2]
            self.fail(self.kind_lost, box, "missing from \"%s\" on" % (w if w else "(list marker)"))

    def fail(self, kind, box, msg):
        self.report(kind, box.page if box else 0, msg)
        if kind in (self.kind_lost, "space"):
            self.dead = True


# --- One letter ----------------------------------------------------------
class Letter:
    def __init__(self, g, fonts, dl, exp, letter_exp, report, pdf=None):
        self.g, self.fonts, self.dl = g, fonts, dl
        self.exp, self.lexp = exp, letter_exp
        self.report = report
        self.pdf = pdf
        self.justified = 0

    def r(self, kind, page, msg):
        self.report(kind, page, msg)

    def run(self):
        g = self.g
        pages = self.dl["pages"]
        # sections: the letter's pages, then the appendix from "Phụ lục"
        app_start = len(pages)
        for i, p in enumerate(pages):
            if i > 0 and p["boxes"] and p["boxes"][0].text == "Phụ lục" or \
                    (i > 0 and any(b.text == "Phụ lục" and b.face == "B" for b in p["boxes"][:2])):
                app_start = i
                break
        pnum = {}
        for i, p in enumerate(pages):
            sect_i = i + 1 if i < app_start else i - app_start + 1
            pnum[i + 1] = self.page_number(i + 1, p, sect_i)
        body_boxes, noi, sig, head = [], [], [], []
        state = "head"
        for i in range(app_start):
            for b in pages[i]["boxes"]:
                if b is pnum.get(i + 1):
                    continue
                if state == "head" and b.text.startswith("Kính ") and b.size == 14:
                    state = "kinh"
                    kinh_y = [b.y]
                    head.append(b)
                    continue
                if state == "kinh":
                    if b.page == 1 and (abs(b.y - kinh_y[-1]) < 0.05 or kinh_y[-1] - b.y < 20):
                        if b.y != kinh_y[-1]:
                            kinh_y.append(b.y)
                        head.append(b)
                        continue
                    state = "body"
                if state in ("head",):
                    head.append(b)
                elif b.text.startswith("Nơi nhận") and b.size == 12:
                    state = "tail"
                elif state == "body":
                    body_boxes.append(b)
                elif b.size < 13:
                    noi.append(b)
                else:
                    sig.append(b)
        for i, p in enumerate(pages):
            self.margins(i + 1, p, pnum.get(i + 1))
        last_body = self.body(body_boxes)
        self.noinhan(noi)
        self.signature(sig, last_body)
        if self.exp["table"]:
            self.table(pages[app_start:], app_start)
        if self.pdf:
            self.pdfcheck(pages, pnum)

    # -- page numbers and margins
    def page_number(self, page, p, k):
        g = self.g
        top = [b for b in p["boxes"] if b.y + ASC * b.size > g["T"] + TOL + DUMP]
        if k == 1:
            for b in top:
                self.r("margin", page, "\"%s\" in the top margin (y %.2f)" % (b.text, b.y))
            return None
        num = [b for b in top if b.text.strip() == str(k)]
        if not num:
            self.r("pageno", page, "page %d has no number %d in the top margin (found %s)"
                   % (page, k, ", ".join('"%s"' % b.text for b in top) or "nothing"))
            return None
        b = num[0]
        mid = (g["L"] + g["R"]) / 2
        if abs(b.x + b.w / 2 - mid) > 0.05:
            self.r("pageno", page, "page number %s not centred (%.2f, want %.2f)"
                   % (b.text, b.x + b.w / 2, mid))
        for o in top:
            if o is not b:
                self.r("margin", page, "\"%s\" in the top margin (y %.2f)" % (o.text, o.y))
        return b

    def margins(self, page, p, pn):
        g = self.g
        for b in p["boxes"]:
            if b is pn:
                continue
            t = TOL + DUMP
            why = []
            if b.x < g["L"] - t:
                why.append("left %.2f < %.2f" % (b.x, g["L"]))
            if b.end() > g["R"] + t:
                why.append("right %.2f > %.2f" % (b.end(), g["R"]))
            if b.y < g["B"] - t:
                why.append("baseline %.2f < %.2f" % (b.y, g["B"]))
            if b.y + ASC * b.size > g["T"] + t:
                why.append("top %.2f > %.2f" % (b.y + ASC * b.size, g["T"]))
            if why:
                self.r("margin", page, "\"%s\" outside the type area: %s" % (b.text, ", ".join(why)))
        for (x1, y1, x2, y2) in p["rules"]:
            t = TOL + DUMP
            if min(x1, x2) < g["L"] - t or max(x1, x2) > g["R"] + t or \
                    min(y1, y2) < g["B"] - t or max(y1, y2) > g["T"] + t:
                self.r("margin", page, "rule %.2f %.2f %.2f %.2f outside the type area" % (x1, y1, x2, y2))

    # -- the body
    def body(self, boxes):
        g = self.g
        blocks = self.lexp["blocks"]
        lines = lines_of(boxes)
        rd = Reader(blocks, self.r, "body", "lost", font=self.fonts.get("R"))
        info = []
        for ln in lines:
            ws = words_of(ln)
            res = rd.line(ws, g["R"] - min(b.x for b in ln))
            if res is None:
                break
            info.append((ln, ws, res[0], blocks[res[1]]["kind"] if res[1] is not None else "p"))
        else:
            rd.finish(lines[-1][-1] if lines else None)
        for i, (ln, ws, ends, kind) in enumerate(info):
            if ends or kind == "h":
                continue
            nxt = info[i + 1] if i + 1 < len(info) else None
            self.justified_line(ln, ws, nxt)
        return lines[-1] if lines else None

    def justified_line(self, ln, ws, nxt):
        g = self.g
        self.justified += 1
        page = ln[0].page
        sp = SPACE * ln[0].size
        gaps = []
        worst = None
        for (a, ab), (b, bb) in zip(ws, ws[1:]):
            if ab is bb:
                continue
            gap = bb[0].x - ab[-1].end()
            gaps.append(gap)
            if gap > g["gmax"] * sp + GAP_TOL or gap < g["gmin"] * sp - GAP_TOL:
                if worst is None or abs(gap / sp - 1.5) > abs(worst[0] / sp - 1.5):
                    worst = (gap, a, b)
        if worst:       # one report a line: its worst gap
            self.r("gap", page, "gap %.2fx the space between \"%s\" and \"%s\" (bounds %.1fx..%.1fx)"
                   % (worst[0] / sp, worst[1], worst[2], g["gmin"], g["gmax"]))
        end = ln[-1].end()
        if len(ws) >= 2 and end < g["R"] - 0.05 and \
                not (gaps and all(x >= g["gmax"] * sp - GAP_TOL for x in gaps)):
            self.r("ragged", page, "justified line \"%s … %s\" ends %.2f pt short of the margin"
                   % (ws[0][0], ws[-1][0], g["R"] - end))
        if len(ws) <= 2 and all(len(w) <= 4 for w, _ in ws) and nxt is not None:
            nws = nxt[1]
            if not nws:
                return
            first, fb = nws[0]
            cut = len(first)
            for k in range(1, len(first)):
                if split_ok(first, k):
                    cut = k
                    break
            font = self.fonts.get(fb[0].face)
            if font is None:
                return
            need = font.width(first[:cut], fb[0].size)
            natural = sum(bs[-1].end() - bs[0].x for _, bs in ws) + sp * (len(ws) - 1)
            room = (g["R"] - ln[0].x) - natural - sp
            if need <= room - 0.5:
                self.r("short", page, "justified line holds only \"%s\" though \"%s\" (%.1f pt) "
                       "fits in the %.1f pt left" % (" ".join(w for w, _ in ws), first[:cut], need, room))

    # -- Nơi nhận
    def noinhan(self, boxes):
        blocks = [{"text": e, "marker": False} for e in self.exp["noi_nhan"]]
        rd = Reader(blocks, self.r, "noinhan", "noinhan", "noinhan")
        lines = lines_of(boxes)
        for ln in lines:
            if rd.line(words_of(ln), self.g["R"] - self.g["L"]) is None:
                return
        rd.finish(lines[-1][-1] if lines else None)

    # -- the signature block
    def signature(self, boxes, last_body):
        lines = lines_of(boxes)
        texts = [" ".join(w for w, _ in words_of(ln)) for ln in lines]
        signer = self.exp["signer"]
        if signer not in texts:
            self.r("signature", lines[0][0].page if lines else 0,
                   "signer \"%s\" not found (signature lines: %s)" % (signer, texts))
        want = " ".join((self.exp["quyen_han"] + " " + self.exp["chuc_vu"]).split())
        got = " ".join(" ".join(texts[:-1]).split()) if texts else ""
        if want and got != want:
            self.r("signature", lines[0][0].page if lines else 0,
                   "authority and title \"%s\", found \"%s\"" % (want, got))
        if not lines or last_body is None:
            return
        sp = lines[0][0].page
        bp = last_body[0].page
        if sp != bp:
            self.r("signature", sp, "signature on page %d, the body's last line on page %d "
                   "(\"%s\")" % (sp, bp, "".join(b.text for b in last_body)[:60]))
        else:
            top = max(b.y + ASC * b.size for ln in lines for b in ln)
            if top > last_body[0].y:
                self.r("signature", sp, "signature block (top %.2f) not below the body's last "
                       "line (baseline %.2f)" % (top, last_body[0].y))

    # -- the appendix table
    def table(self, pages, first):
        """Bands between horizontal rules are rows; the vertical rules that
        cross a band bound its columns.  A row too tall for the page may
        continue in the first band under the next page's repeated header."""
        exp = self.exp["table"]
        header = exp["header"]
        rows = collections.deque(exp["rows"])
        pad = self.g.get("pad", 4.0)
        row_no = 0
        cur = None          # the readers of the row being read, one a column

        def done(rd):
            return rd.dead or (rd.pos >= len(rd.exp) and not rd.partial)

        def finish(cur):
            for rd, last in cur:
                if not done(rd):
                    rd.finish(last[0] if last else None)
        for pi, p in enumerate(pages):
            page = first + pi + 1
            hs = sorted({round(y1, 2) for (x1, y1, x2, y2) in p["rules"]
                         if abs(y1 - y2) < 0.01 and x2 - x1 > 100}, reverse=True)
            vs = [(x1, min(y1, y2), max(y1, y2)) for (x1, y1, x2, y2) in p["rules"] if abs(x1 - x2) < 0.01]
            cells = [b for b in p["boxes"] if b.size == 13 and b.face in ("R", "B")]
            first_band = True
            for top, bot in zip(hs, hs[1:]):
                xs = sorted({x for (x, lo, hi) in vs if lo <= bot + 0.01 and hi >= top - 0.01})
                band = [b for b in cells if bot < b.y < top]
                if len(xs) < 2:
                    continue
                cols = []
                for xl, xr in zip(xs, xs[1:]):
                    inside = [b for b in band if xl - 0.01 <= b.x < xr]
                    for b in inside:
                        if b.x < xl - TOL - DUMP or b.end() > xr + TOL + DUMP:
                            self.r("cell", page, "\"%s\" outside its column (%.2f..%.2f, text %.2f..%.2f)"
                                   % (b.text, xl, xr, b.x, b.end()))
                    cols.append((inside, xr - xl - 2 * pad))
                if band and all(b.face == "B" for b in band):
                    continue                     # the header row, repeated
                cont = cur is not None and first_band and pi > 0 and \
                    not all(done(rd) for rd, _ in cur)
                first_band = False
                if not cont:
                    if cur is not None:
                        finish(cur)
                    if not rows:
                        self.r("cell", page, "table row beyond the appendix's rows")
                        return
                    want = rows.popleft()
                    row_no += 1
                    cur = []
                    for ci, w in enumerate(want):
                        def rep(k, pg, m, ci=ci, row_no=row_no, page=page):
                            self.r(k, page, "row %d, column \"%s\": %s"
                                   % (row_no, header[ci] if ci < len(header) else ci, m))
                        cur.append((Reader([{"text": w, "marker": False}], rep, "cell", "cell",
                                           font=self.fonts.get("R")), []))
                for (rd, last), (inside, width) in zip(cur, cols):
                    for ln in lines_of(inside):
                        if rd.line(words_of(ln), width) is None:
                            break
                    if inside:
                        last[:] = [inside[-1]]
        if cur is not None:
            finish(cur)
        if rows:
            self.r("cell", first + len(pages), "%d appendix rows missing, from \"%s\""
                   % (len(rows), " | ".join(rows[0])[:80]))

    # -- the PDF
    def pdfcheck(self, pages, pnum):
        g = self.g
        try:
            html = subprocess.run(["pdftotext", "-bbox-layout", self.pdf, "-"],
                                  capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as e:
            self.r("pdf", 0, "pdftotext failed: %s" % e)
            return
        ppages = html.split("<page ")[1:]
        if len(ppages) != len(pages):
            self.r("pdf", 0, "PDF has %d pages, layout %d" % (len(ppages), len(pages)))
        wre = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
        for i, (pp, lp) in enumerate(zip(ppages, pages)):
            page = i + 1
            got = collections.Counter()
            for m in wre.finditer(pp):
                x0, y0, x1, y1 = (float(m.group(k)) for k in range(1, 5))
                t = unescape(m.group(5))
                got.update(t)
                size = (y1 - y0) / (ASC + DESC)
                base = y0 + ASC * size
                is_no = pnum.get(page) is not None and t == pnum[page].text.strip() and y0 < g["H"] - g["T"]
                if is_no:
                    continue
                why = []
                if x0 < g["L"] - TOL:
                    why.append("left %.3f" % x0)
                if x1 > g["R"] + TOL:
                    why.append("right %.3f > %.3f" % (x1, g["R"]))
                if y0 < g["H"] - g["T"] - TOL:
                    why.append("top")
                if base > g["H"] - g["B"] + TOL:
                    why.append("bottom")
                if why:
                    self.r("pdf", page, "PDF word \"%s\" outside the type area: %s" % (t, ", ".join(why)))
            want = collections.Counter()
            for b in lp["boxes"]:
                want.update(b.text.replace(" ", ""))
            if got != want:
                miss = want - got
                extra = got - want
                self.r("pdf", page, "PDF text differs from the layout: missing %s, extra %s"
                       % ("".join(sorted(miss.elements()))[:60], "".join(sorted(extra.elements()))[:60]))


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace(
        "&apos;", "'").replace("&amp;", "&")


# --- Driving ---------------------------------------------------------------
def congvan():
    return os.environ.get("CONGVAN", os.path.join(TOP, "congvan"))


def templates():
    return os.environ.get("CONGVAN_TEMPLATES", os.path.join(TOP, "templates"))


_fonts = None


def fonts(g):
    global _fonts
    if _fonts is None:
        _fonts = {}
        for k, p in g["fonts"].items():
            try:
                _fonts[k] = Font(p)
            except (OSError, KeyError, struct.error):
                pass
    return _fonts


def check_dump(g, text, expect, report, pdfdir=None):
    """Check every letter of a dump; report(kind, letter, page, msg).
    Returns (letters, justified lines)."""
    nl = nj = 0
    for dl in parse_dump(text):
        row = int(re.match(r"\d+", dl["name"]).group(0)) if re.match(r"\d+", dl["name"]) else 1
        lexp = expect["letters"][row - 1]
        pdf = os.path.join(pdfdir, dl["name"]) if pdfdir else None
        L = Letter(g, fonts(g), dl, expect, lexp,
                   lambda k, p, m, n=dl["name"]: report(k, n, p, m), pdf)
        L.run()
        nl += 1
        nj += L.justified
    return nl, nj


def table_too_wide(g, expect):
    """Is congvan right to refuse the appendix ("the appendix's N columns
    cannot share the page's … mm")?  Yes when the widest unbreakable
    pieces of its columns (a header word whole; in a cell a piece between
    spaces and break opportunities, split_ok), with the cell padding on
    both sides, are wider together than the type area (table_style,
    13 pt; the header row bold).  A refusal that is not so is a failure."""
    t = expect.get("table")
    f = fonts(g)
    if not t or "R" not in f or "B" not in f:
        return False
    need = 0.0
    for c, head in enumerate(t["header"]):
        w = max(f["B"].width(x, 13) for x in head.split()) if head.split() else 0
        for row in t["rows"]:
            for tok in str(row[c]).split():
                cuts = [0] + [k for k in range(1, len(tok)) if split_ok(tok, k)] + [len(tok)]
                for a, z in zip(cuts, cuts[1:]):
                    w = max(w, f["R"].width(tok[a:z], 13))
        need += w + 2 * g["pad"]
    return need > g["R"] - g["L"] + 0.5


def run_seed(seed, keep=None, m=None, src=None):
    """Generate (or take the model m, or the folder src holding
    expect.json), build and check one dispatch.  Returns a dict."""
    g = geometry(os.path.join(templates(), "cong-van.yaml"))
    tmp = tempfile.mkdtemp(prefix="congvan-gen-")
    res = {"seed": seed, "letters": 0, "justified": 0, "fails": []}
    try:
        d = os.path.join(tmp, "in")
        if src:
            shutil.copytree(src, d)
            expect = json.load(open(os.path.join(d, "expect.json"), encoding="utf-8"))
            res["seed"] = expect.get("seed", seed)
        else:
            expect = gen.write(seed, d, m)
        n = len(expect["letters"])
        shard = ["--shard", "1/%d" % n] if n > 12 else []
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        b = subprocess.run([congvan(), "build", "-q", "-t", templates(), "-i", d, "-o", out] + shard,
                           capture_output=True, text=True)
        lay = subprocess.run([congvan(), "-T", "layout", "-t", templates(), "-i", d] + shard,
                             capture_output=True, text=True)
        err = (b.stderr + lay.stderr).strip()
        if b.returncode == 1 and "cannot share the page's" in err and \
                table_too_wide(g, expect):
            res["refused"] = 1      # as it must: see table_too_wide
        elif b.returncode != 0 or lay.returncode != 0:
            res["fails"].append(("build", "-", 0, "congvan exit %d/%d: %s" %
                                 (b.returncode, lay.returncode, err[:300])))
        else:
            def report(k, letter, page, msg):
                res["fails"].append((k, letter, page, msg))
            res["letters"], res["justified"] = check_dump(g, lay.stdout, expect, report,
                                                          os.path.join(out, "letters"))
        res["fails"] = collapse(res["fails"])
        if keep and res["fails"]:       # once, named by all its kinds
            kinds = "+".join(sorted({f[0] for f in res["fails"]}))
            dst = os.path.join(keep, "%s-%d" % (kinds, res["seed"]))
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(d, dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def shrink(seed, kind, dst, budget=400, match=None):
    """Cut the seed's dispatch down while it still breaks kind: appendix
    rows, body blocks, Nơi nhận entries (the "Lưu" entry kept), extra
    recipients.  Writes the smallest into dst/<kind>-<seed>/."""
    m = gen.model(seed)
    tries = [0]

    def bad(mm):
        tries[0] += 1
        return any(f[0] == kind and (match is None or match in f[3])
                   for f in run_seed(seed, None, mm)["fails"])
    if not bad(m):
        print("seed %d does not break %s" % (seed, kind))
        return 1

    def reduce(key, least, fixed_tail=0):
        lst = m[key]
        n = max(1, (len(lst) - fixed_tail) // 2)
        while n >= 1 and tries[0] < budget:
            i = 0
            while i < len(lst) - fixed_tail and tries[0] < budget:
                cand = lst[:i] + lst[min(i + n, len(lst) - fixed_tail):]
                if len(cand) >= least and bad(dict(m, **{key: cand})):
                    lst = cand
                else:
                    i += n
            n //= 2
        m[key] = lst
    if isinstance(m["kinh_gui"], list) and bad(dict(m, kinh_gui=m["kinh_gui"][0])):
        m["kinh_gui"] = m["kinh_gui"][0]
    reduce("rows", 1)
    reduce("noi_nhan", 1, fixed_tail=1)
    reduce("blocks", 1)
    reduce("rows", 1)
    out = os.path.join(dst, "%s-%d" % (kind, seed))
    shutil.rmtree(out, ignore_errors=True)
    gen.write(seed, out, m)
    res = run_seed(seed, None, m)
    print_fails(res)
    print("%s: %d rows, %d blocks, %d Nơi nhận entries (%d tries)"
          % (out, len(m["rows"]), len(m["blocks"]), len(m["noi_nhan"]), tries[0]))
    return 0


def collapse(fails):
    """The same report in several letters (the body is the same in each)
    once, naming the first letter and how many more."""
    seen = collections.OrderedDict()
    for k, letter, page, msg in fails:
        ls = seen.setdefault((k, page, msg), [])
        if letter not in ls:
            ls.append(letter)
    out = []
    for (k, page, msg), letters in seen.items():
        name = letters[0] if len(letters) == 1 else "%s(+%d)" % (letters[0], len(letters) - 1)
        out.append((k, name, page, msg))
    return out


def print_fails(res, limit=None, out=sys.stdout):
    seen = collections.Counter()
    for k, letter, page, msg in res["fails"]:
        seen[k] += 1
        if limit and seen[k] > limit:
            continue
        print("%s seed=%d letter=%s page=%s: %s" % (k, res["seed"], letter, page, msg), file=out)


def self_test():
    """Doctored dumps: each must raise its kind, the clean dump must not."""
    g = geometry(os.path.join(templates(), "cong-van.yaml"))
    bad = 0
    seed = 2            # a short dispatch with full justified lines
    tmp = tempfile.mkdtemp(prefix="congvan-gen-self-")
    try:
        d = os.path.join(tmp, "in")
        expect = gen.write(seed, d)
        lay = subprocess.run([congvan(), "-T", "layout", "--shard", "1/%d" % len(expect["letters"]),
                              "-t", templates(), "-i", d], capture_output=True, text=True).stdout

        def kinds(text):
            ks = collections.Counter()
            check_dump(g, text, expect, lambda k, n, p, m: ks.update([k]))
            return ks
        clean = kinds(lay)
        lines = lay.splitlines()
        # 1. a box pushed past the right margin
        i = next(i for i, l in enumerate(lines) if '"Nơi nhận:"' in l) - 1
        m = TEXT_RE.match(lines[i])
        lines1 = list(lines)
        lines1[i] = '  text %.2f %s %s %s w %s "%s"' % (float(m.group(1)) + 400, m.group(2), m.group(3),
                                                       m.group(4), m.group(5), m.group(6))
        # 2. a word gap of 3x on a justified line: a full line of body
        # words (its last word at the right margin) whose second word and
        # the rest of the line are moved right
        parsed = [(i, TEXT_RE.match(l)) for i, l in enumerate(lines)]
        parsed = [(i, m) for i, m in parsed if m]
        kinh = next(float(m.group(2)) for i, m in parsed if m.group(6).startswith("Kính "))
        bylines = collections.OrderedDict()
        for i, m in parsed:
            if m.group(4) == "14.0" and m.group(3) == "R" and float(m.group(2)) < kinh - 20:
                bylines.setdefault(m.group(2), []).append((i, m))
        same = next(v for v in bylines.values() if len(v) >= 4 and
                    abs(float(v[-1][1].group(1)) + float(v[-1][1].group(5)) - g["R"]) < 0.05)
        a, b = same[0][1], same[1][1]
        sp = SPACE * 14
        shift = (float(a.group(1)) + float(a.group(5)) - sp + 3 * sp) - float(b.group(1))
        lines2 = list(lines)
        for k, t in same[1:]:
            lines2[k] = '  text %.2f %s %s %s w %s "%s"' % (float(t.group(1)) + shift, t.group(2), t.group(3),
                                                           t.group(4), t.group(5), t.group(6))
        # 2b. a word lost: the line's third word deleted
        lines4 = [l for idx, l in enumerate(lines) if idx != same[2][0]]
        # 3. a Nơi nhận entry lost: the boxes of its line deleted
        k = next(i for i, l in enumerate(lines) if '"Nơi nhận:"' in l) + 1
        k = next(i for i in range(k, len(lines)) if TEXT_RE.match(lines[i]) and
                 TEXT_RE.match(lines[i]).group(4) == "11.0")
        y = TEXT_RE.match(lines[k]).group(2)
        lines3 = [l for idx, l in enumerate(lines) if not (idx >= k and TEXT_RE.match(l) and
                                                           TEXT_RE.match(l).group(2) == y and
                                                           TEXT_RE.match(l).group(4) == "11.0")]
        for name, text, kind in (("box past the margin", lines1, "margin"),
                                 ("gap of 3x", lines2, "gap"),
                                 ("body word lost", lines4, "lost"),
                                 ("Nơi nhận entry lost", lines3, "noinhan")):
            got = kinds("\n".join(text) + "\n")
            if got[kind] <= clean[kind]:
                print("self-test: %s not caught (%s)" % (name, dict(got)))
                bad += 1
            else:
                print("self-test: %s caught as %s" % (name, kind))
        # 5. a number cut inside, in a dump written here: "1.500.000.00" at
        # a line's end, "0" at the next line's start
        expect5 = {"letters": [{"blocks": [{"kind": "p", "marker": False,
                                            "text": "Tổng kinh phí 1.500.000.000 đồng cho năm nay."}]}],
                   "noi_nhan": ["- Lưu: VT."], "signer": "Lê Văn A", "quyen_han": "",
                   "chuc_vu": "CHỦ TỊCH", "table": None}
        dump5 = "\n".join([
            "letter 1-x.pdf", "layout 595.28 x 841.89, 1 pages, letter 1", "page 1",
            '  text 150.00 700.00 R 14.0 w 31.49 "Kính "',
            '  text 181.49 700.00 R 14.0 w 25.83 "gửi: "',
            '  text 207.32 700.00 R 14.0 w 9.00 "X"',
            '  text 113.39 660.00 R 14.0 w 32.00 "Tổng "',
            '  text 145.39 660.00 R 14.0 w 30.00 "kinh "',
            '  text 175.39 660.00 R 14.0 w 20.00 "phí "',
            '  text 195.39 660.00 R 14.0 w 70.00 "1.500.000.00"',
            '  text 85.04 643.90 R 14.0 w 10.50 "0 "',
            '  text 95.54 643.90 R 14.0 w 30.00 "đồng "',
            '  text 125.54 643.90 R 14.0 w 20.00 "cho "',
            '  text 145.54 643.90 R 14.0 w 20.00 "năm "',
            '  text 165.54 643.90 R 14.0 w 20.00 "nay."',
            '  text 85.04 600.00 BI 12.0 w 51.43 "Nơi nhận:"',
            '  text 85.04 587.00 R 11.0 w 6.41 "- "',
            '  text 91.45 587.00 R 11.0 w 30.00 "Lưu: "',
            '  text 121.45 587.00 R 11.0 w 15.00 "VT."',
            '  text 350.00 600.00 B 14.0 w 80.00 "CHỦ TỊCH"',
            '  text 350.00 520.00 B 14.0 w 80.00 "Lê Văn A"']) + "\n"
        got5 = collections.Counter()
        msgs5 = []
        check_dump(g, dump5, expect5, lambda k, n, p, m: (got5.update([k]), msgs5.append(m)))
        if not any("1.500.000.00|0" in m and "inside a number" in m for m in msgs5):
            print("self-test: a number cut inside not caught (%s)" % msgs5)
            bad += 1
        else:
            print("self-test: a number cut inside caught as split")
        # 6. splits: the rule itself
        for tok, k, want in (("1.500.000.000", 2, False), ("47,5%", 3, False),
                             ("02/03/2022", 3, False), ("https://a.vn/bao-cao", 13, True),
                             ("bao-cao", 4, True), ("quyet-dinh", 7, False)):
            if split_ok(tok, k) != want:
                print("self-test: split_ok(%s, %d) is %s" % (tok, k, not want))
                bad += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int)
    ap.add_argument("--seeds")
    ap.add_argument("-j", type=int, default=1)
    ap.add_argument("--out", help="write each failing dispatch to OUT/<kinds>-<seed>/")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--each", action="store_true", help='print "ok seed=S" for each dispatch that holds')
    ap.add_argument("--log", help="write the broken invariants to LOG instead of stdout")
    ap.add_argument("--limit", type=int, default=3, help="reports per kind per dispatch")
    ap.add_argument("--shrink", metavar="KIND", help="with --seed: cut the dispatch down "
                    "while it still breaks KIND, into --out (tests/gen/found by default)")
    ap.add_argument("--match", help="with --shrink: the report must also contain MATCH")
    ap.add_argument("--dir", help="check the dispatch in DIR (dispatch.md, appendix.csv, expect.json)")
    ap.add_argument("--dump")
    ap.add_argument("--expect")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return 1 if self_test() else 0
    if a.dump:
        g = geometry(os.path.join(templates(), "cong-van.yaml"))
        expect = json.load(open(a.expect, encoding="utf-8"))
        n = [0]

        def report(k, letter, page, msg):
            n[0] += 1
            print("%s letter=%s page=%s: %s" % (k, letter, page, msg))
        check_dump(g, open(a.dump, encoding="utf-8").read(), expect, report)
        return 1 if n[0] else 0
    if a.shrink:
        return shrink(a.seed, a.shrink, a.out or os.path.join(HERE, "found"), match=a.match)
    if a.dir:
        res = run_seed(0, None, None, a.dir)
        print_fails(res, None)
        print("%s: %d letters, %d justified lines, %d invariants broken"
              % (a.dir, res["letters"], res["justified"], len(res["fails"])))
        return 1 if res["fails"] else 0
    if a.seed is not None:
        res = run_seed(a.seed, a.out)
        print_fails(res, None)
        print("seed %d: %d letters, %d justified lines, %d invariants broken"
              % (a.seed, res["letters"], res["justified"], len(res["fails"])))
        return 1 if res["fails"] else 0
    lo, hi = (int(x) for x in a.seeds.split(":"))
    seeds = range(lo, hi)
    if a.j > 1:
        with multiprocessing.Pool(a.j) as pool:
            results = pool.starmap(run_seed, [(s, a.out) for s in seeds], chunksize=4)
    else:
        results = [run_seed(s, a.out) for s in seeds]
    kinds_d = collections.Counter()
    kinds_l = collections.Counter()
    examples = collections.defaultdict(list)
    log = open(a.log, "w", encoding="utf-8") if a.log else sys.stdout
    for res in results:
        print_fails(res, a.limit, log)
        if a.each and not res["fails"]:
            print("ok seed=%d" % res["seed"], file=log)
        ks = {f[0] for f in res["fails"]}
        kinds_d.update(ks)
        most = {}
        for f in res["fails"]:      # letters: "NAME(+N)" is N + 1 of them
            m = re.search(r"\(\+(\d+)\)$", f[1])
            most[f[0]] = max(most.get(f[0], 0), 1 + (int(m.group(1)) if m else 0))
        kinds_l.update(most)
        for f in res["fails"]:
            if len(examples[f[0]]) < 3 and all(e[0] != res["seed"] for e in examples[f[0]]):
                examples[f[0]].append((res["seed"], f[1], f[2], f[3]))
    bad = sum(1 for r in results if r["fails"])
    if a.summary and a.out:
        print("each failing dispatch in %s/<kind>+<kind>…-<seed>/%s" % (a.out, ", every report in " + a.log if a.log else ""))
    if a.summary:
        print("dispatches %d, letters %d, justified lines %d, dispatches with a broken invariant %d"
              % (len(results), sum(r["letters"] for r in results),
                 sum(r["justified"] for r in results), bad))
        print("  (%d appendices refused as too wide for the page, rightly: "
              "their widest words need more than the type area)"
              % sum(r.get("refused", 0) for r in results))
        lk = kinds_l
        for k in sorted(kinds_d, key=lambda k: -kinds_d[k]):
            print("  %-10s %5d dispatches %5d letters" % (k, kinds_d[k], lk[k]))
            for s, letter, page, msg in examples[k]:
                print("      seed %d %s p.%s: %s" % (s, letter, page, msg[:150]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
