/* A dispatch (công văn) as written in dispatch.md: front matter + body. */
#ifndef DISPATCH_H
#define DISPATCH_H

#include <stddef.h>

#include "base/date.h"

struct doc;

/* Scalar front-matter keys (SPEC.md "Inputs", dispatch.md). */
enum fm_key {
	FM_CO_QUAN_CHU_QUAN,	/* parent agency (optional) */
	FM_CO_QUAN,		/* issuing agency */
	FM_CO_QUAN_CHU_THUONG,	/* issuing agency in normal case (extension) */
	FM_KY_HIEU,		/* symbol */
	FM_SO,			/* number, digits */
	FM_DIA_DANH,		/* place */
	FM_NGAY,		/* date YYYY-MM-DD */
	FM_NAM,			/* year of an undated draft */
	FM_TRICH_YEU,		/* subject */
	FM_QUYEN_HAN,		/* authority prefix line (optional) */
	FM_CHUC_VU,		/* signer's title */
	FM_NGUOI_KY,		/* signer's name */
	FM_THAY_THE,		/* the dispatch this one replaces */
	FM_DINH_CHINH,		/* the dispatch this one corrects */
	FM_SO_DANG_KY,		/* the register (number series) */
	FM__SCALARS
};

struct fval {
	char		*text;		/* NFC text; NULL when absent or empty */
	size_t		 line, col;	/* position in dispatch.md (key's when absent: 0) */
};

struct flist {
	struct fval	*v;		/* n values */
	size_t		 n;
	size_t		 line;		/* line of the key */
};

/*
 * The dispatch that this one replaces or corrects (Decree 30 Điều 18.3,
 * FORMAT.md §11: an error of content is mended by a replacement, one of
 * format or procedure by a correcting công văn), as the register writes
 * it: "01/UBND-VP ngày 05/03/2022".
 */
#define DREF_THAY_THE	1	/* thay_the: replaces */
#define DREF_DINH_CHINH	2	/* dinh_chinh: corrects */
struct dref {
	int		 kind;		/* 0: none */
	long		 so;
	char		*ky_hieu;
	struct date	 dt;
	size_t		 line, col;	/* of the key's value */
};

struct dispatch {
	char		*file;		/* name used in messages */
	struct fval	 f[FM__SCALARS];	/* indexed by enum fm_key; a
					   header's name (co_quan, …) holds
					   its lines, '\n' between them */
	char		*oneline[FM__SCALARS];	/* f[k].text on one line
					   (text_one_line: the PDF's Author,
					   messages); NULL when absent */
	struct flist	 kinh_gui;	/* recipients; may hold {{name}} */
	struct flist	 noi_nhan;	/* Nơi nhận entries, last "Lưu: …" */
	int		 has_phu_luc;	/* front matter has phu_luc */
	struct fval	 pl_tieu_de;	/* phu_luc.tieu_de */
	struct flist	 pl_cot;	/* phu_luc.cot: columns shown */
	int		 has_danh_ba;	/* front matter has danh_ba */
	struct fval	 db_tieu_de;	/* danh_ba.tieu_de */
	struct fval	 db_han;	/* danh_ba.han */
	long		 so;		/* number, 0 when none */
	struct date	 ngay;		/* date, y 0 when none */
	int		 nam;		/* year for a draft, 0 when none */
	struct dref	 ref;		/* thay_the or dinh_chinh */
	const char	*series;	/* so_dang_ky, NULL: the main register */
	size_t		 close_line;	/* line of the closing --- */
	int		 errors;	/* errors reported while loading */
	struct doc	*body;		/* the body's model */
};

/* Name of a scalar key as written in front matter ("co_quan"). */
const char	*fm_key_name(enum fm_key);

/* Scalar key by name, or -1. */
int		 fm_key_find(const char *);

/*
 * Load dispatch.md from buf[0..len) (already checked UTF-8, NFC, no BOM;
 * NUL-terminated), named file in messages.  Reads the front matter with
 * libyaml (through ytree), checks every key (SPEC.md "Rules": types,
 * required keys at the closing ---, unknown keys as warnings with the
 * closest known key, dates and numbers), then the body.  Returns the
 * dispatch, which the caller frees with dispatch_free; d->errors counts
 * the problems reported, and when it is not 0 the dispatch holds what
 * could be read (body never NULL), for later checks to report theirs.
 */
struct dispatch	*dispatch_parse(const char *buf, size_t len, const char *file);

void		 dispatch_free(struct dispatch *);

/*
 * Parse "YYYY-MM-DD" as a calendar date of the Gregorian calendar, years
 * 1900 to 2999.  Returns 0 on success; DATE_SHAPE when the text is not of
 * that shape, DATE_NO_SUCH_DAY when it is but names no day (2022-02-30,
 * 2023-02-29, month 13), DATE_YEAR when the year is out of range.
 */
enum { DATE_SHAPE = -1, DATE_NO_SUCH_DAY = -2, DATE_YEAR = -3 };
int		 date_parse(const char *, struct date *);

/* Parse a number of 1..9 digits, value 1..999999999; -1 if not one. */
long		 number_parse(const char *);

#endif /* DISPATCH_H */
