/* The focal-point directory as a spreadsheet (directory.csv) and as
 * vCard 4.0 cards (directory.vcf). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/contacts.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "load/focal.h"
#include "load/rows.h"

#define VCF_FOLD	75	/* octets per vCard line, RFC 6350 3.2 */

char *
directory_csv(const struct directory *dir, const char *no_reply,
    size_t *len)
{
	static const char *const head[] = { "STT", "Tên cơ quan",
	    "Họ và tên", "Đơn vị", "Chức danh", "Điện thoại", "E-mail",
	    "Ghi chú" };
	struct buf	 b = { NULL, 0, 0 };
	const struct agency *a;
	const struct contact *c;
	char		 stt[24];
	size_t		 i, j;

	buf_adds(&b, "\xEF\xBB\xBF");	/* BOM: Excel reads UTF-8 */
	for (i = 0; i < 8; i++)
		rows_put(&b, head[i], i == 7);
	for (i = 0; i < dir->nagency; i++) {
		a = &dir->agency[i];
		snprintf(stt, sizeof(stt), "%zu", i + 1);
		if (a->ncontact == 0) {
			rows_put(&b, stt, 0);
			rows_put(&b, a->name, 0);
			for (j = 0; j < 5; j++)
				rows_put(&b, "", 0);
			rows_put(&b, no_reply, 1);
			continue;
		}
		/* STT and agency on every row, so that sorting and
		 * filtering in a spreadsheet keep them. */
		for (j = 0; j < a->ncontact; j++) {
			c = &a->contact[j];
			rows_put(&b, stt, 0);
			rows_put(&b, a->name, 0);
			rows_put(&b, c->name, 0);
			rows_put(&b, c->unit, 0);
			rows_put(&b, c->title, 0);
			rows_put(&b, c->phone, 0);
			rows_put(&b, c->email, 0);
			rows_put(&b, "", 1);
		}
	}
	*len = b.len;
	return (char *)b.p;
}

/* A text value (RFC 6350 3.4): backslash, comma, semicolon and line
 * breaks escaped. */
static void
vcf_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case ',':
			buf_adds(b, "\\,");
			break;
		case ';':
			buf_adds(b, "\\;");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			break;
		default:
			buf_add(b, s, 1);
			break;
		}
}

/*
 * Move the content line in l to b, folded (RFC 6350 3.2): at most 75
 * octets per line, CRLF then a space before each continuation, and
 * never inside a UTF-8 sequence.
 */
static void
vcf_line(struct buf *b, struct buf *l)
{
	size_t	 i = 0, n, room = VCF_FOLD;

	while (l->len - i > room) {
		n = room;
		while (n > 0 && ((unsigned char)l->p[i + n] & 0xC0) == 0x80)
			n--;
		buf_add(b, l->p + i, n);
		buf_adds(b, "\r\n ");
		i += n;
		room = VCF_FOLD - 1;
	}
	buf_add(b, l->p + i, l->len - i);
	buf_adds(b, "\r\n");
	l->len = 0;
}

/*
 * N of a Vietnamese name: family name first, given name last, middle
 * names between ("Nguyễn Văn An" → "Nguyễn;An;Văn;;").  One word is
 * taken as the given name.
 */
static void
vcf_n(struct buf *l, const char *name)
{
	const char	*sp1, *sp2;
	char		*s;

	buf_adds(l, "N:");
	if ((sp1 = strchr(name, ' ')) == NULL) {
		buf_adds(l, ";");
		vcf_text(l, name);
		buf_adds(l, ";;;");
		return;
	}
	sp2 = strrchr(name, ' ');
	s = xstrndup(name, (size_t)(sp1 - name));
	vcf_text(l, s);
	free(s);
	buf_adds(l, ";");
	vcf_text(l, sp2 + 1);
	buf_adds(l, ";");
	if (sp2 > sp1) {
		s = xstrndup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
		vcf_text(l, s);
		free(s);
	}
	buf_adds(l, ";;");
}

static void
vcf_card(struct buf *b, struct buf *l, const struct agency *a,
    const struct contact *c)
{
	const char	*p, *it;
	size_t		 len;
	char		*s;

	buf_adds(b, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
	buf_adds(l, "FN:");
	vcf_text(l, c->name);
	vcf_line(b, l);
	vcf_n(l, c->name);
	vcf_line(b, l);
	buf_adds(l, "ORG:");
	vcf_text(l, a->name);
	if (c->unit[0] != '\0') {
		buf_adds(l, ";");
		vcf_text(l, c->unit);
	}
	vcf_line(b, l);
	if (c->title[0] != '\0') {
		buf_adds(l, "TITLE:");
		vcf_text(l, c->title);
		vcf_line(b, l);
	}
	/* A number that is not one goes in as text, not lost. */
	p = c->phone;
	while ((p = focal_item_next(p, PHONE_SEPS, &it, &len)) != NULL) {
		if (focal_phone_ok(it, len)) {
			s = focal_tel_uri(it, len);
			buf_adds(l, "TEL;TYPE=work;VALUE=uri:");
			buf_adds(l, s);
			free(s);
		} else {
			s = xstrndup(it, len);
			buf_adds(l, "TEL;TYPE=work;VALUE=text:");
			vcf_text(l, s);
			free(s);
		}
		vcf_line(b, l);
	}
	p = c->email;
	while ((p = focal_item_next(p, EMAIL_SEPS, &it, &len)) != NULL) {
		s = xstrndup(it, len);
		buf_adds(l, "EMAIL;TYPE=work:");
		vcf_text(l, s);
		free(s);
		vcf_line(b, l);
	}
	buf_adds(b, "END:VCARD\r\n");
}

char *
directory_vcf(const struct directory *dir, size_t *len)
{
	struct buf	 b = { NULL, 0, 0 }, l = { NULL, 0, 0 };
	size_t		 i, j;

	buf_add(&b, "", 0);
	for (i = 0; i < dir->nagency; i++)
		for (j = 0; j < dir->agency[i].ncontact; j++)
			vcf_card(&b, &l, &dir->agency[i],
			    &dir->agency[i].contact[j]);
	free(l.p);
	*len = b.len;
	return (char *)b.p;
}
