/* Layout definitions read from templates/ (data, not code). */
#ifndef TMPL_H
#define TMPL_H

#include "base/face.h"

struct style {
	double		 size;		/* pt */
	enum face	 face;
};

/* The columns of the register book: Phụ lục IV's ten (FORMAT.md §10;
 * archive/regbook.h's REG_NCOL). */
#define TMPL_RB_NCOL	10

/* A list of texts from the template (header_breaks). */
struct tlist {
	char		**v;		/* n entries, in capitals, words
					   one space apart */
	size_t		 n;
};

/*
 * The công văn template (Decree 30 Mẫu 1.5, FORMAT.md §1, §3, §9).
 * Lengths are in pt here; the file gives page geometry in mm.
 */
struct tmpl {
	double		 page_w, page_h;	/* pt */
	double		 top, bottom, left, right;	/* margins, pt */
	char		*font[FACE__MAX];	/* TrueType paths */
	char		*font_package;		/* Debian package of the fonts */
	double		 leading;		/* baseline distance / size */
	double		 rule_width;		/* stroke of the rules, pt */

	/* Header: two columns (ô 1–5b). */
	double		 hdr_left_w;		/* left column width, pt */
	struct style	 chu_quan;		/* parent agency */
	struct style	 co_quan;		/* issuing agency */
	double		 co_quan_rule;		/* its rule / text width */
	struct style	 so;			/* "Số: …" */
	char		*so_label;		/* "Số:" */
	struct style	 trich_yeu;		/* "V/v …" */
	char		*trich_yeu_label;	/* "V/v" */
	double		 trich_yeu_gap;		/* space above V/v, pt */
	struct style	 quoc_hieu;
	char		*quoc_hieu_text;
	struct style	 tieu_ngu;
	char		*tieu_ngu_text;
	struct style	 dia_danh;		/* place and date */
	double		 rule_gap;		/* baseline to rule, pt */
	double		 so_gap;		/* rule to Số baseline, pt */
	char		*blank;			/* a blank left in a draft */

	/* Kính gửi (ô 9a). */
	struct style	 kinh_gui;
	char		*kinh_gui_label;	/* "Kính gửi:" */
	double		 kinh_gui_x;		/* label's x from left margin, pt */
	double		 kinh_gui_gap;		/* space above, pt */

	/* Body (ô 6). */
	struct style	 body;
	double		 indent;		/* first-line indent, pt */
	double		 para_gap;		/* space before a paragraph, pt */
	double		 body_gap;		/* space above the body, pt */
	char		*bullet;		/* bullet list marker ("-") */
	double		 gap_min, gap_max;	/* word gaps of a justified line,
						   times the natural space */

	/* Nơi nhận (ô 9b) and signature (ô 7a–7c). */
	double		 nn_w;			/* Nơi nhận column width, pt */
	struct style	 nn_head;
	char		*nn_label;		/* "Nơi nhận:" */
	struct style	 nn_entry;
	struct style	 sign;			/* quyền hạn, chức vụ, name */
	double		 sign_space;		/* room for signature and seal, pt */
	double		 bottom_gap;		/* body to bottom block, pt */
	double		 keep_lines;		/* body lines kept with the
						   signature (a whole number) */
	double		 ck_w, ck_h;		/* ô 7c: the signature image's
						   box, pt (FORMAT.md §7) */
	char		*ck_ink_text;		/* its ink, "#0033CC" */
	double		 ck_ink[3];		/* the same, 0..1 RGB */
	double		 dau_d;			/* ô 8: the seal's diameter, pt */
	double		 dau_overlap;		/* the part of the signature's
						   width the seal covers, from
						   its left (PL I II.8.a: 1/3) */
	char		*dau_ink_text;		/* "#DA251D" */
	double		 dau_ink[3];

	struct style	 page_no;		/* page numbers from page 2 */

	/* Where the header's names break (header_breaks; issue 13). */
	struct tlist	 brk_units;		/* kinds of body, titles, fields:
						   never broken inside, a break
						   at their edges is good */
	struct tlist	 brk_places;		/* XÃ, HUYỆN, …: start a place
						   name, unbroken up to the
						   next listed word */
	struct tlist	 brk_joins;		/* VÀ, -: where a unit breaks
						   when it must */
	double		 brk_other;		/* cost of a break at no unit
						   boundary, share of the
						   column */

	/* Appendix page (phụ lục, FORMAT.md §8). */
	struct style	 pl_label;		/* "Phụ lục" */
	char		*pl_label_text;
	struct style	 pl_title;
	struct style	 pl_ref;		/* "(Kèm theo …)" */
	char		*pl_ref_text;		/* "Kèm theo Công văn số" */
	struct style	 tbl;			/* table cells */
	struct style	 tbl_head;		/* header row */
	double		 cell_pad;		/* cell padding, pt */
	double		 tbl_gap;		/* space above the table, pt */
	char		*pl_serial;		/* headers of serial-number
						   columns, centred; "|"
						   between */

	/* The focal-point directory (danh bạ). */
	char		*db_orientation;	/* "portrait" or "landscape" */
	char		*db_title_text;		/* when danh_ba has no tieu_de */
	struct style	 db_title;
	struct style	 db_summary;		/* "(12/15 cơ quan …)" */
	char		*db_replied;		/* "cơ quan đã cung cấp" */
	char		*db_deadline;		/* "hạn cung cấp" */
	char		*db_no_reply;		/* "Chưa cung cấp" */
	char		*db_columns;		/* headers, "|" between */
	struct style	 db_table;
	struct style	 db_table_head;
	struct style	 db_section;		/* agency rows */
	struct style	 db_note;		/* "Chưa cung cấp" rows */

	/* The printed register book (register-YYYY.pdf: Decree 30 Phụ lục
	 * IV, FORMAT.md §10), landscape, the page's margins. */
	char		*rb_title_text;		/* "SỔ ĐĂNG KÝ VĂN BẢN ĐI" */
	struct style	 rb_title;
	struct style	 rb_year_st;		/* "Năm: 2022" */
	struct style	 rb_cover;		/* Từ ngày, Từ số, Quyển số */
	char		*rb_year;		/* "Năm:" */
	char		*rb_from_date;		/* "Từ ngày" */
	char		*rb_to_date;		/* "đến ngày" */
	char		*rb_from_no;		/* "Từ số" */
	char		*rb_to_no;		/* "đến số" */
	char		*rb_volume;		/* "Quyển số:" */
	char		*rb_series;		/* "Sổ:", before so_dang_ky */
	char		*rb_columns;		/* TMPL_RB_NCOL headers, "|"
						   between */
	char		*rb_widths_text;	/* their widths, "|" between */
	double		 rb_widths[TMPL_RB_NCOL]; /* the same, shares of the
						   type area (sum 1) */
	struct style	 rb_table;		/* cells */
	struct style	 rb_table_head;		/* header row */
	struct style	 rb_number;		/* the row "(1)" … "(10)" */
};

/*
 * Load the template file path (YAML).  Every key is required, checked
 * for its type and, where Decree 30 gives one, its range (FORMAT.md §1,
 * §3); problems are reported with their line.  Returns the template
 * (caller frees with tmpl_free) or NULL.
 */
struct tmpl	*tmpl_load(const char *path);

/* tmpl_load of the bytes raw[0..len) of the file named path (messages
 * name it).  Caller frees with tmpl_free. */
struct tmpl	*tmpl_parse(const char *raw, size_t len, const char *path);

void		 tmpl_free(struct tmpl *);

#endif /* TMPL_H */
