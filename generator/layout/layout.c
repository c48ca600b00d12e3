/* A layout's pages, flipped to PDF coordinates, dumped (-T layout) and
 * freed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/lay.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/doc.h"
#include "load/focal.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"


/* Boxes are placed with y down from the top: flip them to PDF space. */
void
lay_flip(struct layout *lo)
{
	size_t	 i, j;

	for (i = 0; i < lo->npage; i++)
		for (j = 0; lo->page[i].id == 0 && j < lo->page[i].nbox; j++) {
			struct box *b = &lo->page[i].box[j];

			b->y = lo->height - b->y;
			if (b->type == BOX_LINE || b->type == BOX_MARK)
				b->y2 = lo->height - b->y2;
		}
}

/* The boxes of page pg inside the type area?  -1 and *fault (its page
 * 0-based here) for the first one outside. */
static int
area_page(const struct lay *L, const struct page *pg,
    struct layout_fault *fault)
{
	const struct layout *lo = L->out;
	const struct box *b;
	double		 xl = L->x0 - 0.01, xr = L->x0 + L->w + 0.01;
	double		 yt = lo->height - L->t->top + 0.01;
	double		 yb = lo->height - L->ybot - 0.01, right, sp;
	size_t		 j, n;
	int		 out;

	for (j = 0; j < pg->nbox; j++) {
		b = &pg->box[j];
		if (b->type == BOX_MARK && strcmp(b->text, MARK_DAU) == 0)
			/* The seal overlaps the title and the name above and
			 * below the signature (PL I II.8.a): it may reach into
			 * the bottom margin, never off the page. */
			out = b->x < 0 || b->x2 < 0 || b->x > lo->width ||
			    b->x2 > lo->width || b->y < 0 || b->y2 < 0 ||
			    b->y > lo->height || b->y2 > lo->height;
		else if (b->type == BOX_LINE || b->type == BOX_MARK)
			out = b->x < xl || b->x2 < xl || b->x > xr ||
			    b->x2 > xr || b->y > yt || b->y2 > yt ||
			    b->y < yb || b->y2 < yb;
		else if (b->margin)
			continue;
		else {
			n = strlen(b->text);
			sp = n > 0 && b->text[n - 1] == ' ' ?
			    lay_tw(L, b->face, b->size, " ", 1) : 0;
			right = b->x + b->w - sp;
			out = b->x < xl || right > xr ||
			    b->y + ASCENT * b->size > yt ||
			    b->y - DESCENT * b->size < yb;
		}
		if (!out)
			continue;
		fault->why = LAYOUT_OUTSIDE;
		fault->page = 0;
		fault->x = b->x;
		fault->y = b->y;
		n = b->text != NULL ? text_cut(b->text,
		    sizeof(fault->text) - 1) : 0;
		memcpy(fault->text, b->text != NULL ? b->text : "", n);
		fault->text[n] = '\0';
		return -1;
	}
	return 0;
}

/*
 * The type area holds every box (issue 13; FORMAT.md §1): a text box
 * from its x to its advance without the trailing space, from its
 * ascender to its descender (hhea of Times New Roman and its twins);
 * a rule from end to end.  The page number, in the top margin on
 * purpose, is not checked.  The appendix pages a memo shares are
 * checked once for all the letters that borrow them.  Call after
 * lay_flip.  Returns 0, or -1 with *fault (when not NULL) filled for
 * the first box outside (0.01 pt tolerance).
 */
int
lay_check_area(const struct lay *L, struct layout_fault *fault)
{
	struct layout	*lo = L->out;
	struct memo_pages *mp = lo->shared;
	struct layout_fault f;
	size_t		 i, k;

	for (i = 0; i < lo->npage; i++) {
		if (lo->page[i].id != 0 && mp != NULL) {
			/* The memo's pages, in a row: checked once. */
			for (k = 0; mp->area == 0 && k < mp->npage; k++)
				if (area_page(L, &mp->page[k], &mp->fault) != 0) {
					mp->fault.page = k;
					mp->area = -1;
				}
			if (mp->area == 0)
				mp->area = 1;
			if (mp->area < 0) {
				if (fault != NULL) {
					*fault = mp->fault;
					fault->page = i + mp->fault.page + 1;
				}
				return -1;
			}
			i += mp->npage - 1;
			continue;
		}
		if (area_page(L, &lo->page[i], &f) != 0) {
			if (fault != NULL) {
				*fault = f;
				fault->page = i + 1;
			}
			return -1;
		}
	}
	return 0;
}

struct layout *
lay_finish(struct lay *L, struct layout_fault *fault)
{
	if (L->toolong) {
		if (fault != NULL)
			fault->why = LAYOUT_TOO_LONG;
		layout_free(L->out);
		return NULL;
	}
	lay_flip(L->out);
	if (lay_check_area(L, fault) != 0) {
		layout_free(L->out);
		return NULL;
	}
	return L->out;
}

static const char *const face_names[FACE__MAX] = {
	"R",	/* FACE_REGULAR */
	"B",	/* FACE_BOLD */
	"I",	/* FACE_ITALIC */
	"BI",	/* FACE_BOLDITALIC */
};

void
layout_dump(const struct layout *lo, FILE *f)
{
	const struct box *b;
	size_t		 i, j;

	fprintf(f, "layout %.2f x %.2f, %zu pages, letter %zu\n", lo->width,
	    lo->height, lo->npage, lo->nletter);
	for (i = 0; i < lo->npage; i++) {
		fprintf(f, "page %zu\n", i + 1);
		for (j = 0; j < lo->page[i].nbox; j++) {
			b = &lo->page[i].box[j];
			if (b->type == BOX_LINE)
				fprintf(f, "  line %.2f %.2f %.2f %.2f w %.2f\n",
				    b->x, b->y, b->x2, b->y2, b->w);
			else if (b->type == BOX_MARK && b->size > 0)
				fprintf(f, "  mark %s %.2f %.2f %.2f %.2f %s "
				    "%.1f\n", b->text, b->x, b->y, b->x2,
				    b->y2, face_names[b->face], b->size);
			else if (b->type == BOX_MARK)
				fprintf(f, "  mark %s %.2f %.2f %.2f %.2f\n",
				    b->text, b->x, b->y, b->x2, b->y2);
			else
				fprintf(f, "  text %.2f %.2f %s %.1f w %.2f "
				    "\"%s\"\n", b->x, b->y, face_names[b->face],
				    b->size, b->w, b->text);
		}
	}
}

void
layout_free(struct layout *lo)
{
	size_t	 i;

	if (lo == NULL)
		return;
	for (i = 0; i < lo->npage; i++)
		if (lo->page[i].id == 0)
			lay_page_clear(&lo->page[i]);
	free(lo->page);
	lay_memo_pages_drop(lo->shared);
	free(lo);
}
