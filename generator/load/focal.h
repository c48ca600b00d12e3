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

/*
 * The directory as CSV, UTF-8 with a byte-order mark so that Excel keeps
 * the diacritics, CRLF line ends, RFC 4180 quoting; one row per contact
 * and one per agency without reply, which says no_reply (the template's
 * "Chưa cung cấp", as directory.pdf does).  Returns a malloc'd buffer
 * (caller frees) of *len bytes.
 */
char		*directory_csv(const struct directory *,
		    const char *no_reply, size_t *len);

/*
 * The contacts as vCard 4.0 (RFC 6350): one card per contact with FN, N,
 * ORG (agency;unit), TITLE, TEL, EMAIL; CRLF line ends, lines folded at
 * 75 octets without splitting a UTF-8 character, text values escaped.
 * Returns a malloc'd buffer (caller frees) of *len bytes.
 */
char		*directory_vcf(const struct directory *, size_t *len);

void		 directory_free(struct directory *);

#endif /* FOCAL_H */
