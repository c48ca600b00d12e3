/* The number and the date filled into a draft's blanks at issue (issue 15). */
#ifndef FILL_H
#define FILL_H

#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/face.h"

struct fonts;
struct layout;

/*
 * One blank filled in: an annotation of its own (PDF 32000-1 §12.5.6.6,
 * a FreeText with an appearance stream), so that the person's signature
 * over the draft stays valid (SIGNING.md §2.7: an update that adds
 * annotations).
 */
struct fill {
	size_t		 page;		/* 0-based */
	const char	*name;		/* MARK_SO, MARK_NGAY, MARK_THANG */
	double		 rect[4];	/* llx lly urx ury, pt: the blank from
					   the descent to the ascent */
	enum face	 face;		/* the font the blank's line is in */
	double		 size;		/* pt */
	char		*text;		/* "07", "05", "02": UTF-8, owned */
	struct buf	 ap;		/* the appearance's content stream, in
					   the form's space [0 0 w h], its
					   font named /F0 (the page's font of
					   face, which the caller puts in the
					   form's /Resources) */
};

/*
 * What filling the blanks of lo (a draft's layout: its MARK_SO,
 * MARK_NGAY, MARK_THANG marks) with number so and date dt gives, as
 * an issued letter prints them (FORMAT.md §4: "07", "ngày 05 tháng
 * 02", months 3 to 12 without a 0): the number ends where the blank
 * ends, against the "/" of the symbol; the day and the month are
 * centred in theirs.  Glyphs and widths from f (CID = glyph id, the
 * draft's fonts, whose subsets hold the digits: pdf.c page_marks).
 * Returns the count and a malloc'd array in *out (free with
 * fill_free); -1 after a message (MSGT FILL_TOO_WIDE) when a number is
 * wider than its blank.  A layout without blanks gives 0.
 */
int	 fill_plan(const struct layout *lo, const struct fonts *f, long so,
	    struct date dt, struct fill **out);

void	 fill_free(struct fill *, size_t n);

#endif /* FILL_H */
