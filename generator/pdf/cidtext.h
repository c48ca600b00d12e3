/* The text of a CID font's ToUnicode CMap and /W array. */
#ifndef CIDTEXT_H
#define CIDTEXT_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Sort glyph ids gid[0..n) ascending, as cid_w_text wants them. */
void	 cid_sort(unsigned int *gid, size_t n);

/* Append the pair (gid, cp), 2 + 3 bytes big-endian, to a CMap key. */
void	 cid_pair_add(struct buf *k, unsigned int gid, uint32_t cp);

/*
 * b (replaced) = a ToUnicode CMap: bfchar of the n pairs (cid_pair_add)
 * from CID = GID to the code point shown, in blocks of 100, never one
 * big bfrange (LIBS.md §2, §13); UTF-16 surrogates above U+FFFF.
 */
void	 cid_cmap_text(struct buf *b, const unsigned char *pair, size_t n);

/*
 * b (replaced) = "/DW d /W [...]" for glyphs gid[0..n) (ascending) of
 * advances w (1/1000 em): the commonest width as /DW, runs of the
 * others in the shortest form.
 */
void	 cid_w_text(struct buf *b, const unsigned int *gid,
	    const unsigned int *w, size_t n);

#endif /* CIDTEXT_H */
