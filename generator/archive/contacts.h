/* The focal-point directory as directory.csv and directory.vcf. */
#ifndef CONTACTS_H
#define CONTACTS_H

#include <stddef.h>

struct directory;

/*
 * The directory as CSV, UTF-8 with a byte-order mark so that Excel keeps
 * the diacritics, CRLF line ends, RFC 4180 quoting; one row per contact
 * and one per agency without reply, which says no_reply (the template's
 * "Chưa cung cấp", as directory.pdf does).  Returns a malloc'd buffer
 * (caller frees) of *len bytes.
 */
char		*directory_csv(const struct directory *,
		    const char *no_reply, size_t *len);

/*
 * The contacts as vCard 4.0 (RFC 6350): one card per contact with FN, N,
 * ORG (agency;unit), TITLE, TEL, EMAIL; CRLF line ends, lines folded at
 * 75 octets without splitting a UTF-8 character, text values escaped.
 * Returns a malloc'd buffer (caller frees) of *len bytes.
 */
char		*directory_vcf(const struct directory *, size_t *len);

#endif /* CONTACTS_H */
