/* "Did you mean": the distance between two names. */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b in code points (UTF-8), each
 * counted up to its first 100 code points; 0 when equal. */
size_t		 edit_distance(const char *a, const char *b);

#endif /* SUGGEST_H */
