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

/*
 * A build of an issued dispatch over letters issued electronically:
 * each rendered row [from, to) (staged as dir/NAME) whose archived
 * letter (adir/NAME) carries the organisation's signature and, as its
 * first revision, this render (numbered before signing) or this row's
 * draft (issued from a draft) is the same letter, as it was issued: the
 * archived file replaces the staged render and R->hex[i] its hash, so
 * that the archive is not changed and letters/ gets the sealed letter
 * back (SIGNING.md §3: a rerun never re-signs, never unsigns).
 * Returns how many; a system error exits.
 */
int	 issue_adopt(struct run *R, size_t from, size_t to, const char *adir,
	    const char *dir);

#endif /* ISSUE_H */
