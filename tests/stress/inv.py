#!/usr/bin/env python3
"""The invariants of a congvan output folder (issue 14; SPEC.md "Builds" and
"The register"; README "Issuing and the register", "Reruns and kills").

    inv.py OUT [--after-kill] [--year Y]... [--once TEXT]... [--no-text]

Prints each broken invariant on a line of its own ("OUT/…: what") and exits
1 when there is one; "note: …" lines are states the README allows after a
kill (they never change the status).  --after-kill: the folder right after a
kill -9, where the README allows a missing top SHA256SUMS, a staging folder,
temporary files and an archive folder not yet registered; without it the
folder after a completed run, where none of these may be left.  --year
limits the PDF and printed-number checks of archive/, and the register
rows' archive folders, to those years (the register's numbers and the
archive folders' names are always checked whole).  --once
TEXT: exactly one register row (of the --year years, if given) has TEXT in
its subject; --once-k "K …": one row whose subject ends "(đợt K)" (the
dispatches of tests/stress/lib.sh), for each K.  --no-text skips pdftotext (the printed numbers).
"""
import argparse
import csv
import hashlib
import json
import os
import re
import subprocess
import sys

problems = []
notes = []
cache = {}   # SHA-256 of a PDF -> {'qpdf': [rc, last line], 'num': [NN, KYHIEU]}


def bad(msg):
    problems.append(msg)


def note(msg):
    notes.append(msg)


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 16), b''):
            h.update(chunk)
    return h.hexdigest()


def check_sums(folder, sums, strict_list):
    """Every line of SUMS true (sha256sum -c); with strict_list, every PDF of
    FOLDER (superseded/ aside) listed."""
    listed = set()
    try:
        with open(sums, 'rb') as f:
            data = f.read()
    except OSError as e:
        bad('%s: unreadable: %s' % (sums, e))
        return
    false, total = [], 0
    for n, line in enumerate(data.split(b'\n'), 1):
        line = line.rstrip(b'\r')
        if not line:
            continue
        total += 1
        m = re.match(rb'^([0-9a-f]{64}) [ *](.+)$', line)
        if not m:
            false.append('line %d is not a sha256sum line' % n)
            continue
        rel = m.group(2).decode('utf-8', 'replace')
        listed.add(rel)
        p = os.path.join(folder, rel)
        if not os.path.isfile(p):
            false.append('%s (line %d) is absent' % (rel, n))
        elif sha256(p) != m.group(1).decode():
            false.append('%s (line %d) does not match' % (rel, n))
    if false:
        bad('%s: %d of %d lines false (sha256sum -c): %s%s' % (
            sums, len(false), total, false[0],
            ', …' if len(false) > 1 else ''))
    if strict_list:
        for name in sorted(os.listdir(folder)):
            if name.endswith('.pdf') and name not in listed:
                bad('%s: %s is not listed' % (sums, name))
    return listed


def printed_number(pdf):
    """The "Số: NN/KYHIEU" the letter prints on its first page, or None."""
    c = cache.setdefault(sha256(pdf), {})
    if 'num' not in c:
        c['num'] = printed_number_1(pdf)
    return tuple(c['num']) if c['num'] else None


def printed_number_1(pdf):
    r = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-l', '1', pdf, '-'],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    m = re.search(r'Số:\s*(\d+)/(\S+)', r.stdout.decode('utf-8', 'replace'))
    return (m.group(1), m.group(2)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--after-kill', action='store_true')
    ap.add_argument('--year', action='append', default=[])
    ap.add_argument('--once', action='append', default=[])
    ap.add_argument('--once-k', default='')
    ap.add_argument('--no-text', action='store_true')
    ap.add_argument('--cache')
    a = ap.parse_args()
    out = a.out.rstrip('/')
    years = set(a.year)
    strict = not a.after_kill

    # 1. No truncated PDF anywhere: letters, staging, archive, superseded.
    pdfs = []
    for root, dirs, files in os.walk(out):
        dirs.sort()
        rel = os.path.relpath(root, out)
        parts = rel.split(os.sep)
        if years and parts[0] == 'archive' and len(parts) > 1 \
                and parts[1] not in years:
            continue
        for f in sorted(files):
            p = os.path.join(root, f)
            if f.endswith('.pdf'):
                pdfs.append(p)
            if f.endswith('.congvan-tmp') or '.congvan-tmp' in f:
                (note if a.after_kill else bad)(
                    '%s: a temporary file left behind' % p)
        for d in dirs:
            if d.startswith('.congvan-staging'):
                (note if a.after_kill else bad)(
                    '%s: a staging folder left behind' % os.path.join(root, d))
    if a.cache and os.path.exists(a.cache):
        with open(a.cache) as f:
            cache.update(json.load(f))
    for p in pdfs:
        c = cache.setdefault(sha256(p), {})
        if 'qpdf' not in c:
            r = subprocess.run(['qpdf', '--check', p], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            c['qpdf'] = [r.returncode, r.stdout.decode(
                'utf-8', 'replace').strip().splitlines()[-1:]]
        if c['qpdf'][0] != 0:
            bad('%s: qpdf --check exit %d (%s)' % (p, c['qpdf'][0],
                                                   c['qpdf'][1]))

    # 2. SHA256SUMS of the folder: may be absent only right after a kill
    # (README "Reruns and kills"), never false.
    top = os.path.join(out, 'SHA256SUMS')
    if os.path.exists(top):
        check_sums(out, top, False)
        if strict:
            with open(top, 'rb') as f:
                listed = {l.split(b'  ', 1)[-1].decode('utf-8', 'replace')
                          for l in f.read().splitlines() if l}
            ld = os.path.join(out, 'letters')
            for f in sorted(os.listdir(ld)) if os.path.isdir(ld) else []:
                if f.endswith('.pdf') and 'letters/' + f not in listed:
                    bad('%s: letters/%s is not listed' % (top, f))
    elif strict and os.path.isdir(os.path.join(out, 'letters')):
        bad('%s: absent after a completed run' % top)
    elif os.path.isdir(os.path.join(out, 'letters')):
        note('%s absent' % top)

    # 3. The register: one number per dispatch per year.
    rows = []          # (line, year, nn, kyhieu, subject, note)
    reg = os.path.join(out, 'register.csv')
    if os.path.exists(reg):
        with open(reg, encoding='utf-8-sig', newline='') as f:
            rd = csv.reader(f)
            for rec in rd:
                line = rd.line_num
                if line == 1:
                    continue
                if len(rec) != 10:
                    bad('%s:%d: %d fields, not 10' % (reg, line, len(rec)))
                    continue
                m = re.match(r'^(\d+)/(\S+)$', rec[0])
                d = re.match(r'^\d\d/\d\d/(\d{4})$', rec[1])
                if not m or not d:
                    bad('%s:%d: number or date unreadable: %r %r'
                        % (reg, line, rec[0], rec[1]))
                    continue
                subj = re.sub(r'^Công văn V/v ', '', rec[2])
                rows.append((line, d.group(1), int(m.group(1)), m.group(2),
                             subj, rec[9], rec[1]))
    holders = {}       # (year, nn) -> {identity: where}
    seen = {}
    for line, y, nn, kh, subj, gc, date in rows:
        k = (y, nn)
        if k in seen:
            bad('%s:%d: number %02d of %s is also on line %d'
                % (reg, line, nn, y, seen[k]))
        seen[k] = line
        # A dispatch is its number, date, ky_hieu and subject (README
        # "Which build is which dispatch").
        holders.setdefault(k, {})[(date, kh, subj)] = 'register.csv:%d' % line
        m = re.match(r'^archive/(\d{4})/(\d+)-([^/]+)/', gc)
        if not m:
            bad('%s:%d: Ghi chú names no archive folder: %r' % (reg, line, gc))
        elif strict and (not years or y in years) \
                and not os.path.isdir(os.path.join(out, m.group(0))):
            bad('%s:%d: its archive folder %s is absent'
                % (reg, line, m.group(0)))
        elif int(m.group(2)) != nn or m.group(1) != y:
            bad('%s:%d: number %02d/%s, archive folder %s'
                % (reg, line, nn, y, m.group(0)))
    for t in a.once + ['(đợt %s)' % k for k in a.once_k.split()]:
        n = [r[0] for r in rows if (r[4].endswith(t) if t.startswith('(đợt ')
                                    else t in r[4])
             and (not years or r[1] in years)]
        if len(n) != 1:
            bad('%s: %d rows for "%s" (lines %s), want 1'
                % (reg, len(n), t, ' '.join(map(str, n))))

    # 4. The archive folders: their own SHA256SUMS true, their number held
    # by one dispatch, the number their letters print their own.
    arch = os.path.join(out, 'archive')
    registered = {r[5].split(';')[0].strip().rstrip('/') for r in rows}
    for y in sorted(os.listdir(arch)) if os.path.isdir(arch) else []:
        for fo in sorted(os.listdir(os.path.join(arch, y))):
            p = os.path.join(arch, y, fo)
            m = re.match(r'^(\d+)-(.+)$', fo)
            if not os.path.isdir(p) or not m:
                continue
            nn, kh = int(m.group(1)), m.group(2)
            # The directory files are archived too, and print no number.
            letters = sorted(f for f in os.listdir(p) if f.endswith('.pdf')
                             and not f.startswith('directory.'))
            ident = None
            idf = os.path.join(p, '.congvan-dispatch')
            if os.path.isfile(idf):
                with open(idf, encoding='utf-8', errors='replace') as f:
                    lines = f.read().split('\n')
                if len(lines) >= 5 and lines[0] == 'congvan-dispatch 2':
                    ident = (lines[2], lines[3], lines[4])
                elif len(lines) >= 3:
                    ident = (lines[0], lines[1], lines[2])
            if ident is None:
                ident = ('?', kh, 'folder ' + p)
            holders.setdefault((y, nn), {}).setdefault(ident, p)
            sums = os.path.join(p, 'SHA256SUMS')
            if os.path.exists(sums):
                check_sums(p, sums, strict)
            rel = 'archive/%s/%s' % (y, fo)
            if not os.path.exists(sums) and letters:
                # Unfinished: a run killed in its archive step, whose
                # dispatch's next run finishes it; not after that run.
                (note if a.after_kill or rel not in registered else bad)(
                    '%s: %d letters and no SHA256SUMS' % (p, len(letters)))
            # A folder without its row holds its number for the dispatch
            # whose run was killed before the row (README "Reruns and
            # kills"): the next run of that dispatch finishes it.
            if letters and rel not in registered:
                note('%s: letters and no register row (reserved)' % p)
            if a.no_text or (years and y not in years):
                continue
            for f in letters:
                got = printed_number(os.path.join(p, f))
                if got is None or int(got[0]) != nn or got[1] != kh:
                    bad('%s/%s: prints %s, its folder is %02d/%s'
                        % (p, f, got and '/'.join(got), nn, kh))
    for (y, nn), who in sorted(holders.items()):
        if len(who) > 1:
            bad('number %02d of %s on %d dispatches: %s' % (
                nn, y, len(who), '; '.join(sorted(who.values()))))

    # 5. The letters in place print a registered number (or none: a draft).
    ld = os.path.join(out, 'letters')
    if strict and not a.no_text and os.path.isdir(ld):
        for f in sorted(os.listdir(ld)):
            if not f.endswith('.pdf'):
                continue
            got = printed_number(os.path.join(ld, f))
            if got and not any(int(got[0]) == r[2] and got[1] == r[3]
                               for r in rows):
                bad('%s/%s: prints %s, which register.csv has no row for'
                    % (ld, f, '/'.join(got)))

    if a.cache:
        with open(a.cache + '.t', 'w') as f:
            json.dump(cache, f)
        os.replace(a.cache + '.t', a.cache)
    for n in notes:
        print('note: ' + n)
    for b in problems:
        print(b)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
