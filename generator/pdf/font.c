/* Font metrics and coverage from the four TrueType faces, read with HarfBuzz. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "base/face.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "layout/layout.h"
#include "pdf/font.h"

/*
 * Widths are cached for the code points a Vietnamese letter is made
 * of: everything below U+2000 (Latin, Latin Extended-A/B, combining
 * marks) and Latin Extended Additional (U+1E00-1EFF, the precomposed
 * tone marks).  Everything else asks HarfBuzz each time.
 */
#define LOW_MAX		0x2000		/* cache [0, LOW_MAX) */
#define EXT_FIRST	0x1E00		/* and [EXT_FIRST, EXT_LAST] */
#define EXT_LAST	0x1EFF
#define NCACHE		(LOW_MAX + (EXT_LAST - EXT_FIRST + 1))

struct face_m {
	char		*path;		/* as given to fonts_load */
	hb_blob_t	*blob;		/* the file, mapped */
	hb_face_t	*face;
	hb_font_t	*font;		/* scale = upem: advances in font units */
	unsigned int	 upem;		/* unitsPerEm from 'head' */
	uint16_t	 notdef;	/* width of glyph 0, 1/1000 em */
	uint16_t	 width[NCACHE];	/* 1/1000 em, truncated as libharu */
	uint16_t	 gid[NCACHE];	/* glyph id, 0 if missing */
};

struct fonts {
	struct face_m	 f[FACE__MAX];	/* indexed by enum face */
	char		*family;	/* family name of the regular face */
	uint8_t		 cover[NCACHE];	/* bit (1 << face) set: face has cp */
};

#define ALL_FACES	((1u << FACE__MAX) - 1)

static int
cache_index(uint32_t cp)
{
	if (cp < LOW_MAX)
		return (int)cp;
	if (cp >= EXT_FIRST && cp <= EXT_LAST)
		return (int)(LOW_MAX + (cp - EXT_FIRST));
	return -1;
}

/*
 * Advance of a glyph in 1/1000 em, truncated to an integer exactly as
 * libharu's HPDF_TTFontDef_GetCharWidth (aw * 1000 / upem, unsigned
 * integer division), which is also what it writes into /W.
 */
static uint16_t
gid_width(const struct face_m *fm, hb_codepoint_t gid)
{
	hb_position_t	 aw;

	aw = hb_font_get_glyph_h_advance(fm->font, gid);
	if (aw < 0)
		aw = 0;
	return (uint16_t)((unsigned int)aw * 1000u / fm->upem);
}

/*
 * Width of code point cp without the cache.  libharu's UTF-8 encoder
 * turns code points above U+FFFF into U+0020 (LIBS.md §6), so they
 * measure as a space here too; a missing glyph measures as .notdef.
 */
static uint16_t
cp_width(const struct face_m *fm, uint32_t cp)
{
	hb_codepoint_t	 gid;

	if (cp > 0xFFFF)
		cp = 0x20;
	if (!hb_font_get_nominal_glyph(fm->font, cp, &gid))
		return fm->notdef;
	return gid_width(fm, gid);
}

static void
face_free(struct face_m *fm)
{
	if (fm->font != NULL)
		hb_font_destroy(fm->font);
	if (fm->face != NULL)
		hb_face_destroy(fm->face);
	if (fm->blob != NULL)
		hb_blob_destroy(fm->blob);
	free(fm->path);
	memset(fm, 0, sizeof(*fm));
}

/*
 * Open one face.  The file is checked with open(2) first, because
 * HarfBuzz only says "no" and we want to say why.  libharu 2.3.0
 * embeds only glyf-outline TrueType (LIBS.md §1), so refuse anything
 * else here rather than at the first PDF.
 */
static int
face_load(struct face_m *fm, const char *path, const char *hint)
{
	struct stat	 st;
	hb_blob_t	*tbl;
	unsigned int	 glyf_len;
	int		 fd, serr;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		serr = errno;
		if (fd != -1)
			close(fd);
		goto cannot;
	}
	close(fd);
	if (!S_ISREG(st.st_mode)) {
		serr = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto cannot;
	}

	fm->path = xstrdup(path);
	errno = 0;
	if ((fm->blob = hb_blob_create_from_file_or_fail(path)) == NULL) {
		serr = errno != 0 ? errno : EIO;
		goto cannot;
	}
	fm->face = hb_face_create(fm->blob, 0);
	fm->upem = hb_face_get_upem(fm->face);
	tbl = hb_face_reference_table(fm->face, HB_TAG('g', 'l', 'y', 'f'));
	glyf_len = hb_blob_get_length(tbl);
	hb_blob_destroy(tbl);
	if (hb_face_get_glyph_count(fm->face) == 0 || glyf_len == 0 ||
	    fm->upem == 0) {
		if (hint != NULL)
			MSGT(FONT_NOT_TRUETYPE_INSTALL, path, 0, 0, hint);
		else
			MSGT(FONT_NOT_TRUETYPE, path, 0, 0);
		return -1;
	}
	fm->font = hb_font_create(fm->face);
	hb_font_set_scale(fm->font, (int)fm->upem, (int)fm->upem);
	fm->notdef = gid_width(fm, 0);
	return 0;

cannot:
	/* Short of memory or descriptors, the font is fine: a system
	 * error (exit 3), not advice to install it. */
	if (serr == ENOMEM || serr == EMFILE || serr == ENFILE)
		DIE(SYS_FILE, path, strerror(serr));
	if (hint != NULL)
		MSGT(FONT_CANNOT_OPEN_FONT_INSTALL, path, 0, 0, strerror(serr),
		    hint);
	else
		MSGT(FONT_CANNOT_OPEN_FONT, path, 0, 0,
		    strerror(serr));
	return -1;
}

static char *
family_name(hb_face_t *face)
{
	static const hb_ot_name_id_t ids[] = {
		HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY,
		HB_OT_NAME_ID_FONT_FAMILY,
	};
	unsigned int	 len, size;
	size_t		 i;
	char		*s;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		len = hb_ot_name_get_utf8(face, ids[i], HB_LANGUAGE_INVALID,
		    NULL, NULL);
		if (len == 0)
			continue;
		size = len + 1;
		s = xmalloc(size);
		hb_ot_name_get_utf8(face, ids[i], HB_LANGUAGE_INVALID,
		    &size, s);
		return s;
	}
	return xstrdup("unknown");
}

struct fonts *
fonts_load(const char *const path[FACE__MAX], const char *hint)
{
	struct fonts	*f;
	struct face_m	*fm;
	hb_codepoint_t	 gid;
	uint32_t	 cp;
	int		 i, k, bad;

	f = xcalloc(1, sizeof(*f));
	bad = 0;
	for (i = 0; i < FACE__MAX; i++)
		if (face_load(&f->f[i], path[i], hint) == -1)
			bad = 1;
	if (bad) {
		fonts_free(f);
		return NULL;
	}
	f->family = family_name(f->f[FACE_REGULAR].face);

	for (i = 0; i < FACE__MAX; i++) {
		fm = &f->f[i];
		for (k = 0; k < NCACHE; k++) {
			cp = k < LOW_MAX ? (uint32_t)k :
			    (uint32_t)(k - LOW_MAX + EXT_FIRST);
			if (hb_font_get_nominal_glyph(fm->font, cp, &gid) &&
			    gid <= UINT16_MAX) {
				fm->width[k] = gid_width(fm, gid);
				fm->gid[k] = (uint16_t)gid;
				f->cover[k] |= 1u << i;
			} else
				fm->width[k] = fm->notdef;
		}
	}
	return f;
}

void
fonts_free(struct fonts *f)
{
	int	 i;

	if (f == NULL)
		return;
	for (i = 0; i < FACE__MAX; i++)
		face_free(&f->f[i]);
	free(f->family);
	free(f);
}

long
fonts_width(const struct fonts *f, enum face fc, const char *s, size_t len)
{
	const struct face_m	*fm = &f->f[fc];
	const unsigned char	*p = (const unsigned char *)s;
	long			 w;
	uint32_t		 cp;
	size_t			 n;
	int			 k;

	w = 0;
	while (len > 0) {
		if (*p < 0x80) {
			w += fm->width[*p];
			p++;
			len--;
			continue;
		}
		n = text_decode((const char *)p, len, &cp);
		p += n;
		len -= n;
		if ((k = cache_index(cp)) >= 0)
			w += fm->width[k];
		else
			w += cp_width(fm, cp);
	}
	return w;
}

int
fonts_has(const struct fonts *f, uint32_t cp)
{
	hb_codepoint_t	 gid;
	int		 i, k;

	/* libharu cannot draw beyond the BMP (LIBS.md §6). */
	if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if ((k = cache_index(cp)) >= 0)
		return f->cover[k] == ALL_FACES;
	for (i = 0; i < FACE__MAX; i++)
		if (!hb_font_get_nominal_glyph(f->f[i].font, cp, &gid))
			return 0;
	return 1;
}

const char *
fonts_family(const struct fonts *f)
{
	return f->family;
}

static long
metrics_width(void *arg, enum face fc, const char *s, size_t len)
{
	return fonts_width(arg, fc, s, len);
}

static int
metrics_covers(void *arg, uint32_t cp)
{
	return fonts_has(arg, cp);
}

void
fonts_metrics(struct fonts *f, struct metrics *m)
{
	m->width = metrics_width;
	m->covers = metrics_covers;
	m->arg = f;
	m->family = f != NULL ? f->family : "";
}

const char *
fonts_path(const struct fonts *f, enum face fc)
{
	return f->f[fc].path;
}

unsigned int
fonts_glyph(const struct fonts *f, enum face fc, uint32_t cp)
{
	hb_codepoint_t	 gid;
	int		 k;

	if (cp > 0xFFFF)
		cp = 0x20;	/* as fonts_width measures it */
	if ((k = cache_index(cp)) >= 0)
		return f->f[fc].gid[k];
	if (!hb_font_get_nominal_glyph(f->f[fc].font, cp, &gid) ||
	    gid > UINT16_MAX)
		return 0;
	return gid;
}

unsigned int
fonts_glyph_width(const struct fonts *f, enum face fc, unsigned int gid)
{
	return gid_width(&f->f[fc], gid);
}

unsigned int
fonts_glyph_count(const struct fonts *f, enum face fc)
{
	return hb_face_get_glyph_count(f->f[fc].face);
}

/* Big-endian fields of a table, 0 beyond its end. */
static unsigned int
be16(const unsigned char *t, unsigned int len, unsigned int off)
{
	return off + 2 <= len ? (unsigned int)t[off] << 8 | t[off + 1] : 0;
}

static int
sbe16(const unsigned char *t, unsigned int len, unsigned int off)
{
	unsigned int	 v = be16(t, len, off);

	return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

/* A table of the face, copied into *len bytes (0 if absent). */
static unsigned char *
table(hb_face_t *face, const char *tag, unsigned int *len)
{
	hb_blob_t	*b;
	const char	*d;
	unsigned char	*t;

	b = hb_face_reference_table(face, HB_TAG(tag[0], tag[1], tag[2],
	    tag[3]));
	d = hb_blob_get_data(b, len);
	t = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(t, d, *len);
	hb_blob_destroy(b);
	return t;
}

static int
em(const struct face_m *fm, int v)
{
	double	 x = (double)v * 1000.0 / fm->upem;

	return (int)(x < 0 ? x - 0.5 : x + 0.5);
}

void
fonts_desc(const struct fonts *f, enum face fc, struct font_desc *d)
{
	const struct face_m *fm = &f->f[fc];
	unsigned char	*head, *hhea, *os2, *post;
	unsigned int	 lhead, lhhea, los2, lpost, len, weight, cls, i, n;
	long		 ia;
	char		 name[128];

	memset(d, 0, sizeof(*d));
	head = table(fm->face, "head", &lhead);
	hhea = table(fm->face, "hhea", &lhhea);
	os2 = table(fm->face, "OS/2", &los2);
	post = table(fm->face, "post", &lpost);

	/* The PostScript name, as a PDF name can hold it. */
	len = sizeof(name);
	if (hb_ot_name_get_utf8(fm->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, name) == 0)
		name[0] = '\0';
	for (i = n = 0; name[i] != '\0' && n + 1 < sizeof(d->name); i++)
		if ((name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-')
			d->name[n++] = name[i];
	if (n == 0)
		memcpy(d->name, "Font", n = 4);
	d->name[n] = '\0';

	d->bbox[0] = em(fm, sbe16(head, lhead, 36));
	d->bbox[1] = em(fm, sbe16(head, lhead, 38));
	d->bbox[2] = em(fm, sbe16(head, lhead, 40));
	d->bbox[3] = em(fm, sbe16(head, lhead, 42));
	d->ascent = em(fm, sbe16(hhea, lhhea, 4));
	d->descent = em(fm, sbe16(hhea, lhhea, 6));
	d->cap_height = d->ascent;
	if (be16(os2, los2, 0) >= 2 && los2 >= 90) {
		d->x_height = em(fm, sbe16(os2, los2, 86));
		d->cap_height = em(fm, sbe16(os2, los2, 88));
	}
	ia = (long)(be16(post, lpost, 4) << 16 | be16(post, lpost, 6));
	if (ia >= 0x80000000L)
		ia -= 0x100000000L;
	d->italic_angle = ia / 65536.0;
	weight = be16(os2, los2, 4);
	if (weight == 0)
		weight = be16(head, lhead, 44) & 1 ? 700 : 400;
	/* A common estimate (the stem width is not in the font). */
	d->stem_v = 50 + (int)((weight / 65.0) * (weight / 65.0) + 0.5);

	d->flags = 32;				/* Nonsymbolic */
	if (be16(post, lpost, 12) != 0 || be16(post, lpost, 14) != 0)
		d->flags |= 1;			/* FixedPitch */
	cls = be16(os2, los2, 30) >> 8;
	if ((cls >= 1 && cls <= 5) || cls == 7)
		d->flags |= 2;			/* Serif */
	if (be16(head, lhead, 44) & 2 || d->italic_angle != 0)
		d->flags |= 64;			/* Italic */
	free(head);
	free(hhea);
	free(os2);
	free(post);
}

unsigned char *
fonts_subset(const struct fonts *f, enum face fc, const unsigned int *gid,
    size_t n, size_t *len)
{
	/* What a PDF reader does not read from an embedded TrueType
	 * program (PDF 32000-1 §9.9): layout and naming tables.  The
	 * hinting tables go with HB_SUBSET_FLAGS_NO_HINTING. */
	static const char *const drop[] = {
		"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern", "name",
		"post", "cmap", "gasp", "hdmx", "VDMX", "LTSH", "DSIG",
		"PCLT", "meta",
	};
	hb_subset_input_t *in;
	hb_set_t	*gs, *ds;
	hb_face_t	*sub;
	hb_blob_t	*b;
	const char	*d;
	unsigned char	*out;
	unsigned int	 blen;
	size_t		 i;

	*len = 0;
	if ((in = hb_subset_input_create_or_fail()) == NULL)
		DIE(SYS_OUT_OF_MEMORY);
	gs = hb_subset_input_glyph_set(in);
	for (i = 0; i < n; i++)
		hb_set_add(gs, gid[i]);
	ds = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(ds, HB_TAG(drop[i][0], drop[i][1], drop[i][2],
		    drop[i][3]));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS |
	    HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(f->f[fc].face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return NULL;
	b = hb_face_reference_blob(sub);
	d = hb_blob_get_data(b, &blen);
	out = NULL;
	if (blen > 0) {
		out = xmalloc(blen);
		memcpy(out, d, blen);
		*len = blen;
	}
	hb_blob_destroy(b);
	hb_face_destroy(sub);
	return out;
}
