#!/usr/bin/env python3
"""Seeded generator of realistic Vietnamese administrative dispatches.

    gen.py SEED DIR      write DIR/dispatch.md, DIR/appendix.csv and
                         DIR/expect.json (what the letters must show)

generate(seed) is deterministic: the same seed gives the same bytes on
every machine (random.Random(seed), no clock, no hash order).  The
dispatches are written as clerks of many offices write them (ministries,
provinces, departments, districts, communes, schools, hospitals), mostly
ordinary letters with a fat tail: 1-40 body blocks, nested lists (ordered
and bulleted, 2 levels), headings, **bold** and *italic*, 1-80 "Nơi nhận"
entries, a trích yếu of 20-400 characters, URLs, e-mails, file paths and
codes of 30-150 characters (with and without / ? & = . - _ : and some
with none), amounts (1.500.000.000), percentages (47,5%), dates
(02/03/2022), legal references, agency names of 10-90 characters and
appendix tables of 2-12 columns and 1-300 rows with cells up to 300
characters.  Letters (CSV rows) are 1-4 for most dispatches, up to 12,
and up to 300 when the table is long (the checker then builds one shard).

expect.json holds, per letter, the body as blocks of text (placeholders
filled in, Markdown removed, list markers as null: the checker accepts
whatever marker congvan numbers them with), the Nơi nhận entries as
printed ("- X;" ... "- Lưu: ...."), the signer, and the appendix table
(header and cells of the columns shown) when there is one.
Stdlib only (Python 3.9+).
"""
import csv
import io
import json
import os
import random
import sys

PROVINCES = ["Hà Nội", "Quảng Ngãi", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu",
             "Cà Mau", "Lào Cai", "Điện Biên", "Hải Phòng", "Đắk Lắk",
             "Thanh Hóa", "Nghệ An", "Kiên Giang", "Bắc Ninh", "Quảng Nam",
             "Hà Giang", "Sóc Trăng", "Thành phố Hồ Chí Minh", "Cần Thơ",
             "Lâm Đồng", "Tuyên Quang", "Khánh Hòa", "Bình Định"]
DISTRICTS = ["Tân Hiệp", "Mường Nhé", "Cầu Giấy", "Đông Anh", "Ba Tơ",
             "Sơn Tịnh", "Phong Điền", "Ngọc Hồi", "Krông Pắc",
             "Thạch Hà", "Quỳnh Lưu", "Châu Thành", "Đầm Dơi", "Yên Minh",
             "Bảo Lâm", "Nam Trực", "Hoài Nhơn", "Cam Lâm"]
COMMUNES = ["Tân Hiệp", "Bình Châu", "Nghĩa Hà", "Phước Thạnh", "Đồng Văn",
            "Ea Tu", "Tịnh Khê", "Hòa Bình", "Sơn Kỳ", "An Phú", "Xuân Lộc",
            "Thượng Nhật", "Quảng Phú", "Lũng Cú"]
FIELDS = ["THÔNG TIN VÀ TRUYỀN THÔNG", "GIÁO DỤC VÀ ĐÀO TẠO", "Y TẾ",
          "TÀI CHÍNH", "KẾ HOẠCH VÀ ĐẦU TƯ", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
          "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "TÀI NGUYÊN VÀ MÔI TRƯỜNG",
          "VĂN HÓA, THỂ THAO VÀ DU LỊCH", "GIAO THÔNG VẬN TẢI", "XÂY DỰNG",
          "TƯ PHÁP", "NỘI VỤ", "CÔNG THƯƠNG", "KHOA HỌC VÀ CÔNG NGHỆ"]
SHORT = {"THÔNG TIN VÀ TRUYỀN THÔNG": "TTTT", "GIÁO DỤC VÀ ĐÀO TẠO": "GDĐT",
         "Y TẾ": "YT", "TÀI CHÍNH": "TC", "KẾ HOẠCH VÀ ĐẦU TƯ": "KHĐT",
         "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN": "NNPTNT",
         "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI": "LĐTBXH",
         "TÀI NGUYÊN VÀ MÔI TRƯỜNG": "TNMT", "VĂN HÓA, THỂ THAO VÀ DU LỊCH": "VHTTDL",
         "GIAO THÔNG VẬN TẢI": "GTVT", "XÂY DỰNG": "XD", "TƯ PHÁP": "TP",
         "NỘI VỤ": "NV", "CÔNG THƯƠNG": "CT", "KHOA HỌC VÀ CÔNG NGHỆ": "KHCN"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
            "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc",
          "Thu", "Hoài", "Xuân", "Kim"]
GIVEN = ["Dũng", "Hà", "Bảo", "Lan", "Hùng", "Tuấn", "Hương", "Phương",
         "Sơn", "Khánh", "Thảo", "Long", "Nghĩa", "Yến", "Trường", "Vy"]

WORDS = ("thực hiện|triển khai|công tác|quản lý nhà nước|trên địa bàn|các cơ quan|"
         "đơn vị|địa phương|kịp thời|nghiêm túc|hiệu quả|báo cáo|kết quả|"
         "tổng hợp|số liệu|đề nghị|phối hợp|chỉ đạo|hướng dẫn|kiểm tra|giám sát|"
         "đánh giá|tình hình|nhiệm vụ|giải pháp|kế hoạch|năm tới|bảo đảm|an toàn|"
         "thông tin|mạng|chuyển đổi số|dịch vụ công trực tuyến|người dân|doanh "
         "nghiệp|hồ sơ|thủ tục hành chính|cấp xã|cấp huyện|cấp tỉnh|theo quy định|"
         "hiện hành|của pháp luật|nội dung|sau đây|trước ngày|gửi về|thường trực|"
         "tiếp nhận|xử lý|phản ánh|kiến nghị|tăng cường|rà soát|cập nhật|"
         "cơ sở dữ liệu|dùng chung|kinh phí|nguồn ngân sách nhà nước|"
         "Ủy ban nhân dân|Sở Thông tin và Truyền thông|cán bộ, công chức|"
         "viên chức|học sinh|bệnh nhân|trang thiết bị|phòng, chống dịch bệnh").split("|")
SHORTW = ["và", "các", "để", "về", "là", "có", "tại", "của", "cho", "đã",
          "sẽ", "từ", "nếu", "khi", "do", "bị", "với", "ra", "vào", "nay"]
OPENERS = ["Thực hiện", "Căn cứ", "Theo đề nghị của", "Nhằm", "Để",
           "Triển khai", "Ngày"]
LEGAL = ["Nghị định số {n}/{y}/NĐ-CP", "Thông tư số {n}/{y}/TT-BTTTT",
         "Quyết định số {n}/QĐ-TTg", "Chỉ thị số {n}/CT-UBND",
         "Kế hoạch số {n}/KH-UBND", "Công văn số {n}/{y}/UBND-VX",
         "Thông tư liên tịch số {n}/{y}/TTLT-BTC-BNV", "Nghị quyết số {n}/NQ-HĐND"]
BREAK = "/?&=.-_:"
LOWER = "abcdefghijklmnopqrstuvwxyz"
HEADINGS = ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THỰC HIỆN", "TỔ CHỨC THỰC HIỆN",
            "KINH PHÍ", "CHẾ ĐỘ BÁO CÁO", "Đánh giá tình hình", "Kết quả đạt được",
            "Tồn tại, hạn chế và nguyên nhân", "Nhiệm vụ trọng tâm năm 2024",
            "Phân công trách nhiệm"]


def fat(r, lo, hi, typical):
    """An integer in [lo, hi]: usually in [lo, typical], a tail up to hi."""
    x = r.random()
    if x < 0.8:
        return r.randint(lo, min(typical, hi))
    if x < 0.95:
        return r.randint(lo, min(hi, typical * 3))
    return r.randint(lo, hi)


def person(r):
    return "%s %s %s" % (r.choice(SURNAMES), r.choice(MIDDLE), r.choice(GIVEN))


def slugpart(r, n):
    return "".join(r.choice(LOWER) for _ in range(n))


def date(r):
    return "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2025))


def amount(r):
    n = r.choice([r.randint(1, 999), r.randint(1000, 999999),
                  r.randint(10**6, 10**10), 1500000000])
    return "{:,}".format(n).replace(",", ".")


def percent(r):
    return "%d,%d%%" % (r.randint(0, 99), r.randint(0, 9))


def legal(r):
    return r.choice(LEGAL).format(n=r.randint(1, 999), y=r.randint(2010, 2024))


def longtoken(r, lo=30, hi=150):
    """A URL, e-mail, path or code of lo..hi characters, or a code with no
    break character at all."""
    n = r.randint(lo, hi) if r.random() < 0.3 else r.randint(lo, min(hi, 80))
    kind = r.choice(["url", "url", "url", "mail", "path", "code", "none"])
    if kind == "url":
        s = "https://" + r.choice(["dichvucong", "mic", "soyte", "sgddt", "ubnd"]) + "." + \
            r.choice(["gov.vn", "hanoi.gov.vn", "quangngai.gov.vn", "edu.vn"])
        while len(s) < n:
            sep = r.choice(["/", "/", "-", "-", "_", ".", "?", "&", "="])
            if sep in "?&":
                s += sep + slugpart(r, r.randint(2, 6)) + "=" + str(r.randint(1, 2025))
            else:
                s += sep + slugpart(r, r.randint(2, 12))
    elif kind == "mail":
        s = slugpart(r, r.randint(3, 10))
        while len(s) < n - 12:
            s += r.choice([".", "_", "-"]) + slugpart(r, r.randint(2, 9))
        s += "@" + r.choice(["gmail.com", "mic.gov.vn", "hanoi.edu.vn"])
    elif kind == "path":
        s = r.choice(["/srv/vanthu", "D:/HoSo", "/mnt/share/bao-cao"])
        while len(s) < n - 5:
            s += "/" + slugpart(r, r.randint(3, 10)) + r.choice(["", "_", "-"]) + \
                 slugpart(r, r.randint(2, 6))
        s += r.choice([".pdf", ".xlsx", ".docx"])
    elif kind == "code":
        s = r.choice(["H27", "G01", "BTTTT", "QNg"])
        while len(s) < n:
            s += r.choice([".", "-", ":", "_"]) + str(r.randint(10, 999999))
    else:
        chars = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        s = "".join(r.choice(chars) for _ in range(n))
    return s


def sentence(r, special):
    """One sentence of administrative prose, with the odd number, date,
    reference or long token (appended to special, for the expectations)."""
    w = [r.choice(OPENERS)]
    for _ in range(fat(r, 4, 40, 18)):
        x = r.random()
        if x < 0.03:
            w.append(legal(r))
        elif x < 0.05:
            w.append("ngày " + date(r))
        elif x < 0.065:
            w.append(amount(r) + " đồng")
        elif x < 0.075:
            w.append("đạt " + percent(r))
        elif x < 0.09:
            t = longtoken(r)
            special.append(t)
            w.append(r.choice(["tại địa chỉ", "qua", "theo mã", "tệp"]) + " " + t)
        elif x < 0.17:
            w.append(r.choice(SHORTW))
        else:
            w.append(r.choice(WORDS))
    s = " ".join(w)
    return s + r.choice([".", ".", ".", ";", ":"])


def emphasise(r, text):
    """Markdown with some words in **bold** or *italic*, and the plain text."""
    words = text.split(" ")
    md = []
    i = 0
    while i < len(words):
        wd = words[i]
        if r.random() < 0.04 and all(c not in wd for c in "*_") and wd[-1:].isalpha():
            k = min(len(words) - i, r.randint(1, 3))
            span = words[i:i + k]
            inside = text.split(" ")[:i + k]
            opened = sum(x.count("{{") - x.count("}}") for x in inside[:i])
            if opened == 0 and not any("{" in s or "}" in s for s in span) and \
                    all(s[-1:].isalpha() and s[:1].isalpha() for s in span):
                mark = r.choice(["**", "*"])
                md.append(mark + " ".join(span) + mark)
                i += k
                continue
        md.append(wd)
        i += 1
    return " ".join(md)


def paragraph(r, special, ph):
    n = fat(r, 1, 8, 3)
    s = " ".join(sentence(r, special) for _ in range(n))
    if ph and r.random() < 0.3:
        s += " đề nghị " + r.choice(ph) + " " + r.choice(WORDS) + " " + r.choice(WORDS) + "."
    return s


def office(r):
    """(co_quan_chu_quan, co_quan, ky_hieu, dia_danh, signer's lines)."""
    kind = r.choice(["bo", "tinh", "so", "huyen", "xa", "truong", "benhvien", "ban"])
    prov = r.choice(PROVINCES)
    up = prov.upper()
    if kind == "ban":       # the long names: 50-90 characters
        name = r.choice(["BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG CÔNG TRÌNH DÂN DỤNG VÀ CÔNG NGHIỆP TỈNH ",
                         "TRUNG TÂM KIỂM SOÁT BỆNH TẬT TỈNH ",
                         "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP VÀ KHU KINH TẾ TỈNH ",
                         "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH "]) + up
        return ("ỦY BAN NHÂN DÂN TỈNH " + up, name[:90], "BQLDA-KH", prov,
                r.choice(["KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", ""]),
                r.choice(["PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "TRƯỞNG PHÒNG KẾ HOẠCH - KỸ THUẬT"]))
    if kind == "bo":
        f = r.choice(FIELDS)
        return ("", "BỘ " + f, "B" + SHORT[f] + "-" + r.choice(["VP", "KHTC", "CATTT", "PC"]),
                "Hà Nội", r.choice(["KT. BỘ TRƯỞNG", "TL. BỘ TRƯỞNG", ""]),
                r.choice(["THỨ TRƯỞNG", "CHÁNH VĂN PHÒNG", "BỘ TRƯỞNG"]))
    if kind == "tinh":
        return ("", "ỦY BAN NHÂN DÂN TỈNH " + up, "UBND-" + r.choice(["VX", "KT", "NC"]),
                prov, r.choice(["TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"]),
                r.choice(["PHÓ CHỦ TỊCH", "CHỦ TỊCH"]))
    if kind == "so":
        f = r.choice(FIELDS)
        return ("UBND TỈNH " + up if r.random() < 0.5 else "ỦY BAN NHÂN DÂN TỈNH " + up,
                "SỞ " + f, "S" + SHORT[f] + "-" + r.choice(["VP", "KHTC", "BCVT"]),
                prov, r.choice(["KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", ""]),
                r.choice(["PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "TRƯỞNG PHÒNG " + f]))
    if kind == "huyen":
        d = r.choice(DISTRICTS)
        return ("", "ỦY BAN NHÂN DÂN HUYỆN " + d.upper(), "UBND-" + r.choice(["VP", "TCKH"]),
                d, "TM. ỦY BAN NHÂN DÂN", r.choice(["CHỦ TỊCH", "PHÓ CHỦ TỊCH"]))
    if kind == "xa":        # sometimes with the break forced where it belongs
        c = r.choice(COMMUNES)
        return ("", "ỦY BAN NHÂN DÂN" + r.choice([" ", "\n"]) + "XÃ " + c.upper(), "UBND", c,
                "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    if kind == "truong":
        return ("SỞ GIÁO DỤC VÀ ĐÀO TẠO " + up,
                "TRƯỜNG TRUNG HỌC PHỔ THÔNG " + r.choice(SURNAMES).upper() + " " +
                r.choice(GIVEN).upper(), "THPT-VP", prov, "KT. HIỆU TRƯỞNG",
                "PHÓ HIỆU TRƯỞNG")
    return ("SỞ Y TẾ " + up, "BỆNH VIỆN ĐA KHOA TỈNH " + up, "BVĐK-KHTH", prov,
            r.choice(["KT. GIÁM ĐỐC", ""]), r.choice(["PHÓ GIÁM ĐỐC", "GIÁM ĐỐC"]))


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def cell(r, col, i, name):
    if col == "STT":
        return str(i + 1)
    if col == "Tên cơ quan":
        return name
    if col.startswith("Kinh phí") or col.startswith("Số tiền"):
        return amount(r)
    if col.startswith("Tỷ lệ"):
        return percent(r)
    if col.startswith("Ngày"):
        return date(r)
    if col in ("Địa chỉ trang", "Thư điện tử"):
        return longtoken(r, 30, 100)
    if col == "Người liên hệ":
        return person(r)
    n = fat(r, 1, 300, 40)
    s = []
    while len(" ".join(s)) < n:
        s.append(r.choice(WORDS + SHORTW))
    return " ".join(s)[:n].strip() or "x"


def recipient(r, i):
    kind = r.random()
    if kind < 0.3:
        return "Sở " + r.choice(list(SHORT)).title().replace(" Và ", " và ") + " tỉnh " + r.choice(PROVINCES)
    if kind < 0.5:
        return "Ủy ban nhân dân huyện " + r.choice(DISTRICTS)
    if kind < 0.7:
        return "Ủy ban nhân dân xã " + r.choice(COMMUNES) + " " + str(i + 1)
    if kind < 0.85:
        return "Bộ " + r.choice(list(SHORT)).capitalize()
    return "Trường Trung học phổ thông " + r.choice(SURNAMES) + " " + r.choice(GIVEN) + " " + str(i + 1)


EXTRA_COLS = ["Kinh phí (đồng)", "Tỷ lệ hoàn thành", "Ngày báo cáo", "Địa chỉ trang",
              "Thư điện tử", "Người liên hệ", "Nội dung nhiệm vụ", "Ghi chú",
              "Số tiền hỗ trợ", "Kết quả", "Tham chiếu nhiệm vụ", "Đơn vị phối hợp",
              "Ngày hoàn thành"]


def model(seed):
    """The dispatch as data (render() writes it): what a shrinker may cut."""
    r = random.Random(seed)
    chu_quan, co_quan, ky_hieu, dia_danh, quyen_han, chuc_vu = office(r)
    signer = person(r)
    # Letters: the CSV rows.  Most 1-4; long tables shard in the checker.
    table = r.random() < 0.45
    nrows = fat(r, 1, 12, 4)
    if table and r.random() < 0.15:
        nrows = r.randint(13, 300)
    ncols = fat(r, 2, 12, 5) if table else r.randint(2, 4)
    cols = ["STT", "Tên cơ quan"] + r.sample(EXTRA_COLS, min(len(EXTRA_COLS), max(0, ncols - 2)))
    ph_cols = [c for c in cols if c not in ("STT",)]
    names = []
    rows = []
    for i in range(nrows):
        name = recipient(r, i)
        while name in names:
            name += " " + str(i + 1)
        names.append(name)
        rows.append([cell(r, c, i, name) for c in cols])
    placeholders = ["{{%s}}" % c for c in ph_cols]

    special = []
    blocks = []     # (kind, markdown, plain) ; kind p, h1, h2, li1, li2
    nblocks = fat(r, 1, 40, 6)
    while len(blocks) < nblocks:
        x = r.random()
        if x < 0.1 and blocks:
            h = r.choice(HEADINGS)
            lvl = r.choice([1, 2])
            blocks.append(("h", "#" * lvl + " " + h, h))
        elif x < 0.3:
            ordered = r.random() < 0.6
            for k in range(fat(r, 1, 8, 3)):
                t = paragraph(r, special, placeholders) if r.random() < 0.5 else sentence(r, special)
                m = emphasise(r, t)
                blocks.append(("li", ("%d. " % (k + 1) if ordered else "- ") + m, t))
                if r.random() < 0.25:
                    sub_ord = r.random() < 0.5
                    for j in range(r.randint(1, 4)):
                        t = sentence(r, special)
                        m = emphasise(r, t)
                        pre = "   " if ordered else "  "
                        blocks.append(("li", pre + ("%d. " % (j + 1) if sub_ord else "- ") + m, t))
            blocks.append(("end", "", ""))
        else:
            t = paragraph(r, special, placeholders)
            blocks.append(("p", emphasise(r, t), t))
    blocks.append(("p", "Trân trọng./.", "Trân trọng./."))
    # Two lists in a row would merge: the "end" blank line is not enough in
    # CommonMark, so a list is always followed by a paragraph or heading.
    prev_end = False
    fixed = []
    for kind, m, t in blocks:
        if kind == "end":
            prev_end = True
            continue
        if prev_end and kind == "li":
            p = paragraph(r, special, placeholders)
            fixed.append(("p", p, p))
        prev_end = False
        fixed.append((kind, m, t))
    blocks = fixed

    noi = ["Như trên"]
    x = r.random()
    nn = r.randint(0, 5) if x < 0.75 else r.randint(6, 25) if x < 0.9 else r.randint(26, 78)
    for _ in range(nn):
        noi.append(r.choice([recipient(r, r.randint(0, 99)),
                             "Chủ tịch, các Phó Chủ tịch UBND tỉnh (để b/c)",
                             "Cổng thông tin điện tử " + r.choice(PROVINCES),
                             "Văn phòng " + r.choice(["Tỉnh ủy", "HĐND tỉnh", "Bộ"]),
                             person(r) + " (để biết)"]))
    noi.append("Lưu: VT, " + r.choice(["KHTC", "VP", "BCVT", "TCKH"]) + " (%d)" % r.randint(1, 5))

    # trích yếu of 20-400 characters
    ty = r.choice(["triển khai", "báo cáo", "hướng dẫn", "đề nghị cung cấp",
                   "tăng cường", "rà soát"]) + " " + " ".join(
        r.choice(WORDS) for _ in range(r.randint(3, 8)))
    target = fat(r, 20, 400, 120)
    while len(ty) < target:
        ty += " " + r.choice(WORDS + [legal(r), "năm " + str(r.randint(2020, 2025))])
    ty = ty[:400].rstrip()

    kg_list = r.random() < 0.12
    if kg_list:
        kg = ["{{Tên cơ quan}}"] + [recipient(r, 200 + k) for k in range(r.randint(0, 11))]
    else:
        kg = "{{Tên cơ quan}}"
    nam = r.randint(2019, 2025)
    shown = title = None
    if table:
        shown = cols if r.random() < 0.5 else [c for c in cols if c == "STT" or r.random() < 0.8]
        shown = shown[:12]
        if len(shown) < 2:
            shown = cols[:2]
        title = "Danh sách " + " ".join(r.choice(WORDS) for _ in range(r.randint(2, 14)))
    return {"seed": seed, "chu_quan": chu_quan, "co_quan": co_quan, "ky_hieu": ky_hieu,
            "dia_danh": dia_danh, "quyen_han": quyen_han, "chuc_vu": chuc_vu,
            "signer": signer, "nam": nam, "trich_yeu": ty, "kinh_gui": kg,
            "noi_nhan": noi, "blocks": blocks, "cols": cols, "rows": rows,
            "shown": shown, "title": title, "special": special}


def render(m):
    """(files, expect) of a model: files maps a name to its text."""
    seed = m["seed"]
    chu_quan, co_quan, ky_hieu = m["chu_quan"], m["co_quan"], m["ky_hieu"]
    dia_danh, quyen_han, chuc_vu, signer = m["dia_danh"], m["quyen_han"], m["chuc_vu"], m["signer"]
    ty, kg, noi, blocks = m["trich_yeu"], m["kinh_gui"], m["noi_nhan"], m["blocks"]
    cols, rows, shown, special = m["cols"], m["rows"], m["shown"], m["special"]
    table = shown is not None
    kg_list = isinstance(kg, list)
    body = "\n\n".join(md for _, md, _ in blocks) + "\n"
    body_blocks = [{"kind": kind, "text": t, "marker": kind == "li"} for kind, _, t in blocks]
    fm = ["---"]
    if chu_quan:
        fm.append("co_quan_chu_quan: " + q(chu_quan))
    fm.append("co_quan: " + q(co_quan))
    fm.append("co_quan_chu_thuong: " + q(co_quan.replace("\n", " ").title()))
    fm.append("ky_hieu: " + q(ky_hieu))
    fm.append("so:")
    fm.append("dia_danh: " + q(dia_danh))
    fm.append("ngay:")
    fm.append("nam: %d" % m["nam"])
    fm.append("trich_yeu: " + q(ty))
    if kg_list:
        fm.append("kinh_gui:")
        fm.extend("  - " + q(x) for x in kg)
    else:
        fm.append("kinh_gui: " + q(kg))
    fm.append("noi_nhan:")
    fm.extend("  - " + q(x) for x in noi)
    if quyen_han:
        fm.append("quyen_han: " + q(quyen_han))
    fm.append("chuc_vu: " + q(chuc_vu))
    fm.append("nguoi_ky: " + q(signer))
    if table:
        fm.append("phu_luc:")
        fm.append("  tieu_de: " + q(m["title"]))
        fm.append("  cot: [" + ", ".join(q(c) for c in shown) + "]")
    fm.append("---")
    dispatch = "\n".join(fm) + "\n" + body

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    w.writerows(rows)

    letters = []
    for i, row in enumerate(rows):
        vals = dict(zip(cols, row))
        vals.update({"co_quan": co_quan, "ky_hieu": ky_hieu, "nguoi_ky": signer})

        def fill(s):
            for c, v in vals.items():
                s = s.replace("{{%s}}" % c, v)
            return s
        letters.append({"recipient": row[1],
                        "blocks": [dict(b, text=fill(b["text"])) for b in body_blocks]})
    expect = {
        "seed": seed,
        "letters": letters,
        "noi_nhan": ["- " + x + (";" if k < len(noi) - 1 else ".") for k, x in enumerate(noi)],
        "signer": signer,
        "quyen_han": quyen_han,
        "chuc_vu": chuc_vu,
        "special": special,
        "table": {"header": shown,
                  "rows": [[dict(zip(cols, row))[c] for c in shown] for row in rows]} if table else None,
    }
    return {"dispatch.md": dispatch, "appendix.csv": out.getvalue()}, expect




def generate(seed):
    """Return (files, expect) of the seed's dispatch."""
    return render(model(seed))


def write(seed, d, m=None):
    """Write the seed's dispatch (or the model m) into folder d."""
    files, expect = render(m) if m is not None else generate(seed)
    os.makedirs(d, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(d, "expect.json"), "w", encoding="utf-8") as f:
        json.dump(expect, f, ensure_ascii=False, indent=0)
    return expect


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gen.py SEED DIR")
    write(int(sys.argv[1]), sys.argv[2])
