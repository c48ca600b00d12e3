/* congvan issue: the electronic issue of signed drafts (issue 15). */
#ifndef ISSUE_H
#define ISSUE_H

#include <stddef.h>

struct run;

/*
 * The văn thư's step of Decree 30 Điều 14, 15.3 and 32.2.c–d for the
 * rows [from, to) of R (an issued build: R->o->issue has the number and
 * the date): each letter in OUT/letters/ must be the one these inputs
 * give, as a draft (blanks for the number and the date) or numbered and
 * dated already (the older order), its first revision byte for byte
 * (SIGNING.md §3), and carry the person's valid signature.  Every
 * letter is checked first, every problem reported (exit 1, nothing
 * made).  Then each gets, as incremental updates that leave the
 * signatures before valid, the number and the date in the draft's
 * blanks (sign/fill.c) and the organisation's signature with the seal
 * (o->key, o->image, o->tsa), and is staged as dir/NAME with its
 * SHA-256 in R->hex.  The key is opened (its PIN asked) only when every
 * letter passed.  Returns an exit status.
 */
int	 issue_render(struct run *R, size_t from, size_t to, const char *dir);

#endif /* ISSUE_H */
