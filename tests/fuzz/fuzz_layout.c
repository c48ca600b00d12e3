/*
 * libFuzzer harness: layout with fake metrics (every character 500/1000
 * em, or widths from 0 to 60 em by option).  The first byte holds
 * options (struct issue: --number, --date, --draft; which rows; the
 * metrics); the rest is dispatch.md, NUL or
 * "\n====\n", appendix.csv.  When the inputs pass check_run, every
 * check build makes (the page limit of up to 3 letters included), those
 * letters are laid out again, with and without the appendix memo.  The template
 * is $CONGVAN_TEMPLATE, by default templates/cong-van.yaml (run from
 * the top of the source tree).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/text.h"
#include "check/check.h"
#include "fuzz.h"
#include "layout/layout.h"
#include "load/dispatch.h"
#include "load/rows.h"
#include "load/tmpl.h"
#include "merge/letter.h"
#include "merge/merge.h"

#define MAX_LETTERS	3

#define OPT_NUMBER	0x01	/* --number 7 */
#define OPT_DATE	0x02	/* --date 2022-02-05 */
#define OPT_DRAFT	0x04	/* --draft */
#define OPT_LAST	0x08	/* the last rows rather than the first */
#define OPT_BIGNUM	0x10	/* --number 999999999 */
#define OPT_ZERO	0x20	/* widths 0..1000 by code point, some 0 */
#define OPT_HUGE	0x40	/* some characters 60 em, wider than a page */

static struct tmpl	*tp;

static long
fake_width(void *arg, enum face f, const char *s, size_t len)
{
	int		 opt = *(const int *)arg;
	uint32_t	 cp;
	size_t		 n;
	long		 w = 0;

	while (len > 0 && (n = text_decode(s, len, &cp)) > 0) {
		if ((opt & OPT_HUGE) && cp % 5 == 0)
			w += 60000;
		else if (opt & OPT_ZERO)
			w += (long)(cp % 11) * 100;
		else
			w += 500;
		s += n;
		len -= n;
	}
	return w;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*path;

	msg_set_silent(1);
	if ((path = getenv("CONGVAN_TEMPLATE")) == NULL)
		path = "templates/cong-van.yaml";
	if ((tp = tmpl_load(path)) == NULL) {
		msg_set_silent(0);
		msg_flush();
		fprintf(stderr, "fuzz_layout: cannot load %s\n", path);
		exit(1);
	}
	msg_reset();
	return 0;
}

static int
fake_covers(void *arg, uint32_t cp)
{
	return 1;
}

static int
same_layout(const struct layout *a, const struct layout *b)
{
	const struct box *x, *y;
	size_t		 i, j;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->npage != b->npage || a->nletter != b->nletter)
		return 0;
	for (i = 0; i < a->npage; i++) {
		if (a->page[i].nbox != b->page[i].nbox)
			return 0;
		for (j = 0; j < a->page[i].nbox; j++) {
			x = &a->page[i].box[j];
			y = &b->page[i].box[j];
			if (x->type != y->type || x->x != y->x ||
			    x->y != y->y || x->w != y->w ||
			    (x->type == BOX_LINE && (x->x2 != y->x2 ||
			    x->y2 != y->y2)) || (x->type == BOX_TEXT &&
			    (x->face != y->face || x->size != y->size ||
			    strcmp(x->text, y->text) != 0)))
				return 0;
		}
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct metrics	 m = { fake_width, fake_covers, "Fake", NULL };
	struct inputs	 inp;
	struct check_env env;
	struct issue	 is = { 0, { 0, 0, 0 }, 0 };
	struct dispatch	*d = NULL;
	struct rows	*t;
	struct letter	*l;
	struct layout	*lo, *lo2;
	struct layout_memo *memo;
	const char	*in, *csv;
	char		*buf;
	size_t		 mdlen, csvlen, len, i, from;
	int		 opt, rc;

	if (size < 1)
		return 0;
	opt = data[0];
	m.arg = &opt;
	in = (const char *)data + 1;
	size--;
	if (opt & OPT_NUMBER)
		is.so = opt & OPT_BIGNUM ? 999999999 : 7;
	if (opt & OPT_DATE) {
		is.ngay.y = 2022;
		is.ngay.m = 2;
		is.ngay.d = 5;
	}
	is.draft = (opt & OPT_DRAFT) != 0;

	fuzz_split(in, size, &mdlen, &csv, &csvlen);
	if ((buf = text_load(in, mdlen, "dispatch.md", &len)) != NULL) {
		d = dispatch_parse(buf, len, "dispatch.md");
		free(buf);
	}
	t = rows_parse(csv, csvlen, "appendix.csv");
	from = 0;
	if (t != NULL && (opt & OPT_LAST) && t->nrow > MAX_LETTERS)
		from = t->nrow - MAX_LETTERS;
	memset(&inp, 0, sizeof(inp));
	inp.t = tp;
	inp.tpath = "cong-van.yaml";
	inp.d = d;
	inp.rows = t;
	memo = layout_memo_new();
	memset(&env, 0, sizeof(env));
	env.issue = &is;
	env.metrics = &m;
	env.memo = memo;
	env.pages = 1;
	env.from = from;
	env.to = t != NULL && t->nrow < from + MAX_LETTERS ? t->nrow :
	    from + MAX_LETTERS;
	/* Every check build makes before rendering (check_run). */
	rc = check_run(&inp, &env, (d == NULL || d->errors > 0) +
	    (t == NULL));
	/* Never a box outside the type area (issue 13): the layout
	 * stage's own check is the oracle, unless a single character is
	 * wider than a page (OPT_HUGE; no real font has one). */
	if (!(opt & OPT_HUGE) && (msg_seen(MSGT_CHECK_LETTER_OUTSIDE) > 0 ||
	    msg_seen(MSGT_CHECK_DIRECTORY_OUTSIDE) > 0))
		abort();
	if (rc == 0) {
		for (i = env.from; i < env.to; i++) {
			l = letter_new(d, t, i, tp, &is);
			lo = layout_letter(l, tp, &m, memo, NULL);
			/* Within the page limit, as check_run found; and the
			 * memo's shared pages are what the letter would
			 * have laid out itself. */
			if (lo == NULL)
				abort();
			lo2 = layout_letter(l, tp, &m, NULL, NULL);
			if (!same_layout(lo, lo2))
				abort();
			layout_free(lo);
			layout_free(lo2);
			letter_free(l);
		}
	}
	inputs_release(&inp);
	layout_memo_free(memo);
	rows_free(t);
	dispatch_free(d);
	msg_reset();
	return 0;
}
