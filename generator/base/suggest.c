/* "Did you mean": the distance between two names, in code points. */
#include <stdint.h>
#include <string.h>

#include "base/suggest.h"
#include "base/text.h"

size_t
edit_distance(const char *a, const char *b)
{
	uint32_t	 ca[101], cb[101];
	size_t		 na = 0, nb = 0, i, j, row[102], prev, tmp, len;

	for (len = strlen(a); *a != '\0' && na < 100; na++)
		a += text_decode(a, len, &ca[na]), len = strlen(a);
	for (len = strlen(b); *b != '\0' && nb < 100; nb++)
		b += text_decode(b, len, &cb[nb]), len = strlen(b);
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			tmp = row[j];
			row[j] = prev + (ca[i - 1] != cb[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[nb];
}

void
suggest_init(struct suggest *s, const char *name)
{
	const char	*p = name;
	size_t		 len = strlen(name), n = 0, k;
	uint32_t	 cp;

	while (len > 0 && n < 100 && (k = text_decode(p, len, &cp)) > 0) {
		p += k;
		len -= k;
		n++;
	}
	s->name = name;
	s->ncp = n;
	s->best = NULL;
	s->bestd = (size_t)-1;
}

void
suggest_try(struct suggest *s, const char *cand, const char *show)
{
	size_t	 d;

	if (s->bestd == 0)
		return;
	if ((d = edit_distance(s->name, cand)) < s->bestd) {
		s->bestd = d;
		s->best = show;
	}
}

void
suggest_exact(struct suggest *s, const char *show)
{
	if (s->bestd != 0) {
		s->bestd = 0;
		s->best = show;
	}
}

int
suggest_near(const char *name, size_t d)
{
	struct suggest	 s;

	suggest_init(&s, name);
	return d <= 2 + s.ncp / 3;
}

const char *
suggest_best(const struct suggest *s)
{
	return s->best != NULL && s->bestd <= 2 + s->ncp / 3 ? s->best :
	    NULL;
}
