/* The {{name}} placeholder lexer (SPEC.md "Inputs"): found in the body at
 * parse time (mdin.c) and in kinh_gui, checked (merge_check), filled in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/field.h"

/* The first "{{" (or "}}", pat) at or after s, from the memo when it
 * was searched for from s or before and found at s or after. */
static const char *
next_of(const char *s, const char *pat, const char **from, const char **at)
{
	if (*from == NULL || *from > s || (*at != NULL && *at < s)) {
		*from = s;
		*at = strstr(s, pat);
	}
	return *at;
}

enum field_scan
field_scan_r(const char *s, struct fscan *fs, const char **at,
    const char **end, const char **name, size_t *nlen)
{
	const char	*o, *c, *o2, *a, *b;

	o = next_of(s, "{{", &fs->ofrom, &fs->o);
	c = next_of(s, "}}", &fs->cfrom, &fs->c);
	if (o == NULL && c == NULL)
		return FIELD_NONE;
	if (c != NULL && (o == NULL || c < o)) {
		*at = c;
		*end = c + 2;
		return FIELD_STRAY;
	}
	*at = o;
	/* "{{{" and "{{{{": the placeholder starts at the last pair. */
	while (o[2] == '{')
		*at = ++o;
	c = next_of(o + 2, "}}", &fs->cfrom, &fs->c);
	o2 = next_of(o + 2, "{{", &fs->ofrom, &fs->o);
	if (c == NULL || (o2 != NULL && o2 < c)) {
		*end = o + 2;
		return FIELD_UNCLOSED;
	}
	*end = c + 2;
	a = o + 2;
	b = c;
	while (a < b && (*a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	*name = a;
	*nlen = b - a;
	return a == b ? FIELD_EMPTY : FIELD_OK;
}

char *
field_name(const char *nm, size_t nl)
{
	char	*out = xmalloc(nl + 1), *o = out;
	size_t	 i;

	for (i = 0; i < nl; i++) {
		if (nm[i] == ' ' || nm[i] == '\t') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = nm[i];
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

enum field_scan
field_scan(const char *s, const char **at, const char **end,
    const char **name, size_t *nlen)
{
	struct fscan	 fs;

	memset(&fs, 0, sizeof(fs));
	return field_scan_r(s, &fs, at, end, name, nlen);
}

/* Report a malformed placeholder of kind k at at in a line of file. */
void
field_error(enum field_scan k, const char *at, const char *file,
    size_t line)
{
	switch (k) {
	case FIELD_STRAY:
		MSGT(FIELD_WITHOUT_PLACEHOLDER_WRITTEN_NAME, file, line, 0);
		break;
	case FIELD_UNCLOSED:
		MSGT(FIELD_UNCLOSED_PLACEHOLDER_PLACEHOLDER_WRITTEN, file, line,
		    0, (int)text_cut(at, 40), at,
		    at[text_cut(at, 40)] != '\0' ? "…" : "");
		break;
	case FIELD_EMPTY:
		MSGT(FIELD_EMPTY_PLACEHOLDER, file, line, 0);
		break;
	default:
		break;
	}
}
