/*
 * A reader of a PDF's revisions (issue 15; SIGNING.md §2.2 A): the
 * classic cross-reference sections and trailers along /Prev, objects
 * by number, the pages, a page's fonts and congvan's page-piece boxes,
 * and every signature field's value.  Enough for congvan's own output
 * (libharu), its incremental updates and a classic-xref update another
 * tool appends; cross-reference streams are refused.  Bounded on
 * hostile input: every count, depth and length has a limit, and a
 * broken file is a message (exit 1), never a crash.
 */
#ifndef PDFREV_H
#define PDFREV_H

#include <stddef.h>

/* Limits (a letter is far below each). */
#define PDFREV_MAX_BYTES	(256u << 20)	/* file size */
#define PDFREV_MAX_OBJS		(1u << 20)	/* objects (/Size) */
#define PDFREV_MAX_REVS		256		/* xref sections */
#define PDFREV_MAX_DEPTH	32		/* nesting of [ and << */
#define PDFREV_MAX_PAGES	10000
#define PDFREV_MAX_SIGS		64

enum pobj_type {
	POBJ_NULL,
	POBJ_BOOL,	/* i: 0 or 1 */
	POBJ_INT,	/* i */
	POBJ_REAL,	/* r; s: the number as written */
	POBJ_NAME,	/* s, len: without the /, #xx decoded */
	POBJ_STR,	/* s, len: a (literal) string, escapes decoded */
	POBJ_HEX,	/* s, len: a <hex> string, decoded */
	POBJ_ARRAY,	/* v[0..n) */
	POBJ_DICT,	/* v[0..2n): key (a NAME), value, ... */
	POBJ_REF,	/* i: object number, gen */
	POBJ__MAX
};

/* A parsed object: a tree, owned by whoever parsed it (pobj_free). */
struct pobj {
	enum pobj_type	 type;
	long long	 i;		/* BOOL, INT, REF */
	int		 gen;		/* REF */
	double		 r;		/* REAL, and INT as a double */
	char		*s;		/* NAME, STR, HEX, REAL: NUL-ended */
	size_t		 len;		/* bytes of s */
	struct pobj	*v;		/* ARRAY items, DICT key/value pairs */
	size_t		 n;		/* ARRAY items, DICT pairs */
	size_t		 nv;		/* items in v (2n for a DICT) */
	size_t		 off, end;	/* the object's bytes in the file
					   (for a HEX: '<' and after '>') */
};

/* One signature field with a value (PDF 32000-1 §12.7.4.5, §12.8.1). */
struct pdfsig {
	char		*field;		/* /T, UTF-8 (the full name: parent
					   names joined with '.') */
	long		 obj;		/* the /V dictionary's object, 0 direct */
	long		 br[4];		/* /ByteRange; all -1 when absent or
					   not four non-negative integers */
	unsigned char	*contents;	/* /Contents, decoded; owned */
	size_t		 clen;
	size_t		 c_off, c_end;	/* /Contents' hex string in the
					   file: '<' and after '>'; both 0
					   when it is no hex string */
	char		*m;		/* /M as written, or NULL */
	char		*subfilter;	/* /SubFilter, or NULL */
	size_t		 rev;		/* the revision (0 first) whose end
					   its byte range reaches, or nrev
					   when none */
};

/* An object slot of the merged cross-reference table. */
struct pent {
	size_t		 off;		/* "N G obj" in the file */
	int		 used;		/* 'n' entry seen (newest wins) */
	int		 state;		/* 0 unread, 1 read, 2 broken,
					   3 being read */
	struct pobj	*o;		/* the object, once read */
	size_t		 soff, slen;	/* its stream's data, when it has
					   one (slen from a direct /Length) */
};

struct pdfrev {
	const unsigned char *buf;	/* the file; not owned */
	size_t		 len;
	const char	*name;		/* for messages; not owned */
	struct pent	*x;		/* x[0..nx): by object number */
	size_t		 nx;
	size_t		*rev_end;	/* after each revision's %%EOF
					   line, oldest first */
	size_t		*rev_xref;	/* its xref section's offset */
	size_t		 nrev;
	size_t		 startxref;	/* the newest xref section's offset */
	struct pobj	*trailer;	/* the newest trailer; owned */
	long		 size;		/* its /Size */
	long		 root;		/* the catalog's object number */
	long		*page;		/* the pages' objects, in order */
	size_t		 npage;
	struct pdfsig	*sig;		/* signature fields with a /V, in
					   /Fields order */
	size_t		 nsig;
};

/*
 * Read the PDF buf[0..len) (not copied: it must outlive r) into r: its
 * revisions, the catalog, the pages and the signature fields.  Returns
 * 0, or -1 after a message "NAME: error: …" (exit 1 for the caller);
 * r is then empty.  Free with pdfrev_free in both cases.
 */
int		 pdfrev_open(struct pdfrev *r, const unsigned char *buf,
		    size_t len, const char *name);
void		 pdfrev_free(struct pdfrev *r);

/* Object num's value (a tree owned by r), or NULL when it is missing,
 * free or broken (no message: the caller says what it needed). */
const struct pobj *pdfrev_obj(struct pdfrev *r, long num);

/* o, with a reference followed (up to 8 in a chain), or NULL. */
const struct pobj *pdfrev_resolve(struct pdfrev *r, const struct pobj *o);

/* The value of key in dictionary d (NULL when d is no dictionary or has
 * no such key), unresolved (pobj_get) or with references followed. */
const struct pobj *pobj_get(const struct pobj *d, const char *key);
const struct pobj *pdfrev_get(struct pdfrev *r, const struct pobj *d,
		    const char *key);

/* A number's value (INT or REAL) in *v: 0, or -1 when o is none. */
int		 pobj_num(const struct pobj *o, double *v);

/*
 * Page k's (0 first) font resource called name ("F1"): its object
 * number, or 0 when the page has none by that name (or it is direct).
 * For an appearance stream that draws text with the page's own fonts.
 */
long		 pdfrev_page_font(struct pdfrev *r, size_t k,
		    const char *name);

/*
 * congvan's page-piece box key (PDF 32000-1 §14.5, written by the
 * renderer: /PieceInfo << /congvan << /Private << /KEY << /Rect [x0 y0
 * x1 y1] /Ink [r g b] >> >> >> >>, or the brief's first form /KEY [x0 y0
 * x1 y1] /KEYInk [r g b]), on the first page that has it: 0 with the
 * page (0 first), the rectangle in pt (PDF user space) and the ink (0
 * to 1; black when absent), or -1 when no page has it (no message).
 */
int		 pdfrev_box(struct pdfrev *r, const char *key, size_t *page,
		    double rect[4], double ink[3]);

/* Text of a PDF text string (STR or HEX; UTF-16BE with its BOM, else
 * PDFDocEncoding taken as Latin-1) as UTF-8; malloc'd, the caller
 * frees; NULL when o is no string. */
char		*pobj_text(const struct pobj *o);

/* Free a parsed tree (NULL is fine). */
void		 pobj_free(struct pobj *o);

#endif /* PDFREV_H */
