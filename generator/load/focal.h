/* The focal-point directory (danh bạ đầu mối): replies collated by agency. */
#ifndef FOCAL_H
#define FOCAL_H

#include <stddef.h>

struct rows;

struct contact {
	size_t		 line;		/* line in focal_points.csv */
	char		*name;		/* Họ và tên */
	char		*unit;		/* Đơn vị */
	char		*title;		/* Chức danh */
	char		*phone;		/* Điện thoại */
	char		*email;		/* E-mail */
};

struct agency {
	char		*name;		/* the recipient, as the letter names it */
	struct contact	*contact;	/* ncontact contacts, in file order */
	size_t		 ncontact;
};

struct directory {
	struct agency	*agency;	/* nagency agencies, in appendix order */
	size_t		 nagency;
	size_t		 nreplied;	/* agencies with at least one contact */
};

/*
 * Collate focal_points.csv (path; a missing file means no replies yet)
 * against the recipients of the letters: recipient[i] is the first
 * kinh_gui entry as filled in for data row i (SPEC.md "Inputs",
 * focal_points.csv).  Names are compared after NFC, case folding and
 * collapsing whitespace; two rows with the same recipient make one
 * agency.  A name that matches no recipient is an error at its line
 * naming the closest recipient; a malformed e-mail or phone number is a
 * warning at its line.  Returns the directory (caller frees with
 * directory_free) or NULL after reporting errors.
 */
struct directory *directory_load(const char *path,
		    char *const *recipient, size_t nrecipient);

/* A phone or e-mail cell may hold several, separated by these. */
#define PHONE_SEPS	";,/"
#define EMAIL_SEPS	";,"

/*
 * The next item of a cell that may hold several, separated by one of
 * seps ("024.3826.0471; 0913.204.586"): *item and *len get it without
 * the spaces around it; returns where to continue, or NULL at the end.
 * Empty items are skipped.
 */
const char	*focal_item_next(const char *s, const char *seps,
		    const char **item, size_t *len);

/* 1 if s[0..len) is a phone number: digits with spaces, dots, hyphens
 * and one level of parentheses, "+" only in front, 8 to 15 digits. */
int		 focal_phone_ok(const char *s, size_t len);

/* The tel: URI (RFC 3966) of a number focal_phone_ok accepts, in global
 * form where it can be (0963… is +84963…).  Caller frees. */
char		*focal_tel_uri(const char *s, size_t len);


void		 directory_free(struct directory *);

#endif /* FOCAL_H */
