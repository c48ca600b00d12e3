/* Allocation that cannot fail: out of memory exits with status 3. */
#ifndef XALLOC_H
#define XALLOC_H

#include <stddef.h>

/* Each returns memory the caller frees with free(3); never NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a new string. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif /* XALLOC_H */
