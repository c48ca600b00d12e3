/* CSV tables (appendix.csv, focal_points.csv) into struct rows, via libcsv. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "base/buf.h"
#include "base/msg.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "load/rows.h"

/*
 * One record as libcsv delivered it.  Fields past ROWS_MAX_COLS are
 * counted but not kept: such a record is either ragged or belongs to
 * a header that is refused anyway.
 */
struct rec {
	size_t		 line;		/* line where the record starts */
	size_t		 nf;		/* fields in the record */
	size_t		 last;		/* 1 + index of last non-empty field */
	char		**f;		/* min(nf, ROWS_MAX_COLS) fields, NULL if empty */
};

/* Where a header field starts, for messages about it. */
struct pos {
	size_t		 line;		/* 1-based */
	size_t		 col;		/* 1-based, in characters */
};

struct parse {
	size_t		 line;		/* physical line being fed */
	size_t		 start;		/* line where the current record began */
	int		 inq;		/* at end of fed input, inside quotes */
	size_t		 qline;		/* where the open quoted field began: */
	const char	*qls, *qp;	/* its line's start, its quote */
	size_t		 cline, coff;	/* last closing quote: line, byte */
	struct rec	 cur;		/* record being built */
	struct rec	*rec;		/* complete records, header first */
	size_t		 nrec;
	size_t		 maxrec;
	size_t		 toomany;	/* line of the row over the limit, or 0 */
	int		 flags;		/* ROWS_* of rows_parse_flags */
};

/*
 * A cell as stored: line breaks inside a quoted field become LF, so a
 * cell typed in Excel with Alt+Enter reads the same from a CRLF file
 * and from an LF one.  A lone CR counts as a line break too.
 */
static char *
cell_copy(const char *s, size_t len)
{
	char	*p, *q;
	size_t	 i;

	p = q = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			*q++ = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else
			*q++ = s[i];
	}
	*q = '\0';
	return p;
}

static void
rec_free(struct rec *r)
{
	size_t	 i, n;

	if (r->f == NULL)
		return;
	n = r->nf < ROWS_MAX_COLS ? r->nf : ROWS_MAX_COLS;
	for (i = 0; i < n; i++)
		free(r->f[i]);
	free(r->f);
	r->f = NULL;
}

/* libcsv's field callback; field is NULL for an empty unquoted field. */
static void
on_field(void *field, size_t len, void *arg)
{
	struct parse	*p = arg;
	struct rec	*r = &p->cur;

	if (p->toomany)
		return;
	if (r->nf < ROWS_MAX_COLS) {
		if (r->f == NULL)
			r->f = xcalloc(ROWS_MAX_COLS, sizeof(*r->f));
		r->f[r->nf] = field == NULL || len == 0 ? NULL :
		    cell_copy(field, len);
	}
	r->nf++;
	if (len > 0)
		r->last = r->nf;
}

/* libcsv's record callback: the record is complete. */
static void
on_record(int term, void *arg)
{
	struct parse	*p = arg;

	if (p->toomany) {
		rec_free(&p->cur);
		memset(&p->cur, 0, sizeof(p->cur));
		return;
	}
	p->cur.line = p->start;
	/* Record 0 is the header; every later one is a row. */
	if (p->nrec > ROWS_MAX_ROWS) {
		p->toomany = p->cur.line;
		rec_free(&p->cur);
		memset(&p->cur, 0, sizeof(p->cur));
		return;
	}
	if (p->cur.last == 0)
		rec_free(&p->cur);	/* empty: only its line is needed */
	if (p->nrec == p->maxrec) {
		p->maxrec = p->maxrec ? p->maxrec * 2 : 64;
		p->rec = xreallocarray(p->rec, p->maxrec, sizeof(*p->rec));
	}
	p->rec[p->nrec++] = p->cur;
	memset(&p->cur, 0, sizeof(p->cur));
}

/*
 * Follow quotes through a line that libcsv accepted, to know where a
 * record starts and where an unterminated quoted field opened.  Strict
 * mode lets a quote appear only at the start of a field or inside a
 * quoted one, so in accepted input every quote toggles the state; a
 * quote right after a closing one is an escaped "" and keeps the
 * field's opening position.  Its column is counted only when needed:
 * counting at every quote would be quadratic on a long line.
 */
static void
quotes_scan(struct parse *p, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		if (p->inq) {
			p->inq = 0;
			p->cline = p->line;
			p->coff = i;
		} else {
			p->inq = 1;
			if (p->cline != p->line || p->coff + 1 != i) {
				p->qline = p->line;
				p->qls = s;
				p->qp = s + i;
			}
		}
	}
}

/*
 * Offset of the header record: the start of the first line that holds
 * more than spaces, tabs and line ends (libcsv skips such lines).
 * Returns len if there is none.
 */
static size_t
header_start(const char *s, size_t len, size_t *line)
{
	size_t	 i, ls = 0;

	*line = 1;
	for (i = 0; i < len; i++) {
		if (s[i] == '\n') {
			(*line)++;
			ls = i + 1;
		} else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return ls;
	}
	return len;
}

/*
 * Count separators outside quotes in the header record.  It ends at
 * the first line end outside quotes; a quoted header name may span
 * lines.
 */
static void
header_count(const char *s, size_t len, size_t *comma, size_t *semi,
    size_t *tab)
{
	size_t	 i;
	int	 inq = 0;

	*comma = *semi = *tab = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (s[i] == '\n' || s[i] == '\r')
			break;
		else if (s[i] == ',')
			(*comma)++;
		else if (s[i] == ';')
			(*semi)++;
		else if (s[i] == '\t')
			(*tab)++;
	}
}

/* Start of each of the first max header fields, for messages. */
static void
header_pos(const char *s, size_t len, size_t line, char delim,
    struct pos *pos, size_t max)
{
	size_t	 i, ls = 0, n = 0;
	int	 inq = 0;

	if (max == 0)
		return;
	pos[n].line = line;
	pos[n++].col = 1;
	for (i = 0; i < len && n < max; i++) {
		if (s[i] == '\n') {
			if (!inq)
				break;
			line++;
			ls = i + 1;
		} else if (s[i] == '"')
			inq = !inq;
		else if (s[i] == '\r' && !inq)
			break;
		else if (s[i] == delim && !inq) {
			pos[n].line = line;
			pos[n++].col = text_column(s + ls, i + 1 - ls);
		}
	}
	for (; n < max; n++)
		pos[n] = pos[n - 1];
}

/*
 * A header name without surrounding spaces, tabs, line breaks or
 * no-break spaces (U+00A0, common in text pasted from the web), and
 * with each run of them inside made one space: Excel's Alt+Enter in a
 * header cell ("Tên<LF>cơ quan") still names the column {{Tên cơ quan}}.
 */
static char *
name_trim(const char *s)
{
	char	*out, *o;
	size_t	 n;
	int	 sp = 0;

	if (s == NULL)
		return xstrdup("");
	o = out = xmalloc(strlen(s) + 1);
	while (*s != '\0') {
		if (strchr(" \t\r\n", *s) != NULL)
			n = 1;
		else if ((unsigned char)s[0] == 0xC2 &&
		    (unsigned char)s[1] == 0xA0)
			n = 2;
		else
			n = 0;
		if (n > 0) {
			sp = o > out;
			s += n;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/*
 * Excel's "sep=X" first line (X one of , ; | or a tab; "SEP=" too),
 * which Excel writes and reads to fix the separator: returns X, and
 * blanks the line so that libcsv skips it and the lines keep their
 * numbers; 0 when the header record is not such a line; -1 when it is
 * a "sep=" line naming no separator ("sep=", "sep=;;").
 */
static int
sep_line(char *s, size_t len)
{
	size_t	 i, e;
	char	 c;

	if (len < 4 || strncasecmp(s, "sep=", 4) != 0)
		return 0;
	for (e = 4; e < len && s[e] != '\n'; e++)
		;
	while (e > 4 && s[e - 1] == '\r')
		e--;
	if (e != 5 || strchr(",;|\t", s[4]) == NULL)
		return -1;
	c = s[4];
	for (i = 0; i < 5; i++)
		s[i] = ' ';
	return (unsigned char)c;
}

/*
 * The header row: columns past the last one with a name or a cell are
 * what Excel leaves after the table, and are dropped (*keep is how many
 * stay); ragged rows are errors of their own and keep no column.  Then
 * every kept column needs a name of its own, not too long.  Returns the
 * number of errors reported.
 */
static size_t
header_check(const struct parse *p, const char *name, char delim,
    const char *text, size_t hoff, size_t tlen, char **names, size_t ncheck,
    size_t *keep, struct pos **posp)
{
	const struct rec *h = &p->rec[0];
	struct pos	*pos;
	size_t		 i, j, k, len, nerr = 0;

	*keep = 0;
	for (j = 0; j < ncheck; j++)
		if (names[j][0] != '\0')
			*keep = j + 1;
	if (h->last > ROWS_MAX_COLS)
		*keep = h->last;
	for (i = 1; i < p->nrec; i++)
		if (p->rec[i].nf == h->nf && p->rec[i].last > *keep)
			*keep = p->rec[i].last;
	if (*keep > ROWS_MAX_COLS) {
		MSGT(ROWS_TOO_MANY_COLUMNS_LIMIT, name, h->line, 0,
		    *keep, ROWS_MAX_COLS);
		nerr++;
		*keep = ROWS_MAX_COLS;
	} else if (*keep == 0) {
		MSGT(ROWS_HEADER_ROW_HAS_NO, name, h->line, 0);
		nerr++;
	}

	pos = xcalloc(*keep ? *keep : 1, sizeof(*pos));
	header_pos(text + hoff, tlen - hoff, h->line, delim, pos, *keep);
	for (j = 0; j < *keep; j++) {
		if (names[j][0] == '\0') {
			MSGT(ROWS_COLUMN_HAS_NO_HEADER, name, pos[j].line,
			    pos[j].col, j + 1);
			nerr++;
			continue;
		}
		if ((len = strlen(names[j])) > ROWS_MAX_CELL) {
			MSGT(ROWS_NAME_COLUMN_TOO_LONG, name, pos[j].line,
			    pos[j].col, j + 1, len, ROWS_MAX_CELL);
			nerr++;
			continue;
		}
		for (k = 0; k < j; k++)
			if (strcmp(names[k], names[j]) == 0)
				break;
		if (k < j) {
			MSGT(ROWS_DUPLICATE_COLUMN_NAME_ALSO, name, pos[j].line,
			    pos[j].col, names[j], k + 1);
			nerr++;
		}
	}
	*posp = pos;
	return nerr;
}

/*
 * The data rows: empty ones skipped with a warning (one per run of
 * them), a row of another width than the header an error, a cell too
 * long an error.  *ndata gets the rows that stay.  Returns the number
 * of errors reported.
 */
static size_t
data_check(const struct parse *p, const char *name, char **names,
    size_t keep, size_t *ndata)
{
	const struct rec *r;
	size_t		 i, j, k, len, nh = p->rec[0].nf, nerr = 0;

	*ndata = 0;
	for (i = 1; i < p->nrec; i++) {
		r = &p->rec[i];
		if (r->last == 0) {
			/*
			 * Excel exports rows that were cleared but keep
			 * their formatting as ",,": one warning per run.
			 */
			for (k = i; k + 1 < p->nrec &&
			    p->rec[k + 1].last == 0; k++)
				continue;
			if (k == i)
				MSGT(ROWS_EMPTY_ROW_SKIPPED, name, r->line, 0);
			else
				MSGT(ROWS_EMPTY_ROWS_SKIPPED_LINES, name,
				    r->line, 0, k - i + 1, r->line,
				    p->rec[k].line);
			i = k;
			continue;
		}
		(*ndata)++;
		if (r->nf != nh) {
			if (r->nf == 1)
				MSGT(ROWS_ROW_HAS_ONE_FIELD, name, r->line, 0,
				    nh);
			else
				MSGT(ROWS_ROW_HAS_FIELDS, name, r->line, 0,
				    r->nf, nh);
			nerr++;
			continue;
		}
		for (j = 0; j < keep; j++)
			if (r->f[j] != NULL &&
			    (len = strlen(r->f[j])) > ROWS_MAX_CELL) {
				MSGT(ROWS_CELL_COLUMN_TOO_LONG, name, r->line,
				    0, names[j][0] != '\0' ? names[j] : "?",
				    len, ROWS_MAX_CELL);
				nerr++;
			}
	}
	return nerr;
}

/*
 * Check what libcsv returned, report every problem in line order and
 * build the table if there was none (and no parse error, perr).
 * Returns NULL after reporting.
 */
static struct rows *
validate(struct parse *p, const char *name, char delim, const char *text,
    size_t hoff, size_t tlen, int perr)
{
	struct rows	*rs = NULL;
	struct rec	*r;
	char		**names = NULL;
	struct pos	*pos = NULL;
	size_t		 i, j, n, keep, ncheck, ndata = 0;
	size_t		 nerr = perr ? 1 : 0;

	ncheck = p->rec[0].nf < ROWS_MAX_COLS ? p->rec[0].nf : ROWS_MAX_COLS;
	names = xcalloc(ncheck, sizeof(*names));
	for (j = 0; j < ncheck; j++)
		names[j] = name_trim(p->rec[0].f == NULL ? NULL :
		    p->rec[0].f[j]);
	nerr += header_check(p, name, delim, text, hoff, tlen, names, ncheck,
	    &keep, &pos);
	nerr += data_check(p, name, names, keep, &ndata);
	if (p->toomany) {
		MSGT(ROWS_TOO_MANY_ROWS_LIMIT, name, p->toomany, 0,
		    ROWS_MAX_ROWS);
		nerr++;
	} else if (ndata == 0 && nerr == 0 && !(p->flags & ROWS_EMPTY_OK)) {
		MSGT(ROWS_NO_DATA_ROWS, name, 0, 0);
		nerr++;
	}
	if (nerr > 0)
		goto out;

	rs = xcalloc(1, sizeof(*rs));
	rs->file = xstrdup(name);
	rs->delim = delim;
	rs->ncol = keep;
	rs->header = xcalloc(keep, sizeof(*rs->header));
	rs->hline = xcalloc(keep + 1, sizeof(*rs->hline));
	rs->hcol = xcalloc(keep + 1, sizeof(*rs->hcol));
	for (j = 0; j < keep; j++) {
		rs->header[j] = names[j];
		names[j] = NULL;
		rs->hline[j] = pos[j].line;
		rs->hcol[j] = pos[j].col;
	}
	rs->row = xcalloc(ndata, sizeof(*rs->row));
	for (i = 1, n = 0; i < p->nrec; i++) {
		r = &p->rec[i];
		if (r->last == 0)
			continue;
		rs->row[n].line = r->line;
		rs->row[n].cell = xcalloc(keep, sizeof(char *));
		for (j = 0; j < keep; j++) {
			rs->row[n].cell[j] = r->f[j] != NULL ? r->f[j] :
			    xstrdup("");
			r->f[j] = NULL;
		}
		n++;
	}
	rs->nrow = n;
out:
	for (j = 0; j < ncheck; j++)
		free(names[j]);
	free(names);
	free(pos);
	return rs;
}

/*
 * Cells keep libcsv's default trimming: spaces and tabs around an
 * unquoted cell are dropped (Excel never writes them on purpose, and a
 * hand-edited "1, Bộ Tài chính" should mean "Bộ Tài chính"), while a
 * quoted cell keeps every character between its quotes.
 */
struct rows *
rows_parse(const char *buf, size_t len, const char *name)
{
	return rows_parse_flags(buf, len, name, 0);
}

/*
 * Where the header is (*hoff, *hline) and the separator (*delim): the one
 * Excel's "sep=" line names, else the commoner of comma and semicolon in
 * the header.  Returns -1 after a message (an empty file, a "sep=" line
 * naming none, a file separated by tabs).
 */
static int
delimiter(char *text, size_t tlen, const char *name, size_t *hoff,
    size_t *hline, char *delim)
{
	size_t	 comma, semi, tab;
	int	 sep;

	if ((*hoff = header_start(text, tlen, hline)) == tlen) {
		MSGT(ROWS_EMPTY_FILE_NO_HEADER, name, 0, 0);
		return -1;
	}
	if ((sep = sep_line(text + *hoff, tlen - *hoff)) == -1) {
		MSGT(ROWS_SEP_LINE_DOES_NOT, name, *hline, 1);
		return -1;
	}
	if ((*delim = (char)sep) != 0) {
		/* Excel's own line: the separator it names, the next line
		 * the header. */
		if ((*hoff = header_start(text, tlen, hline)) == tlen) {
			MSGT(ROWS_NO_HEADER_ROW_AFTER, name, 0, 0);
			return -1;
		}
		return 0;
	}
	header_count(text + *hoff, tlen - *hoff, &comma, &semi, &tab);
	if (comma == 0 && semi == 0 && tab > 0) {
		MSGT(ROWS_COLUMNS_SEPARATED_TABS_SAVE, name, *hline, 0);
		return -1;
	}
	*delim = semi > comma ? ';' : ',';
	return 0;
}

/* A parse error where libcsv stopped, and the line its message names. */
struct perr {
	enum msgt	 id;		/* MSGT__MAX: none */
	size_t		 line, col;	/* where */
	size_t		 named;		/* the line the text names, or 0 */
};

/*
 * Feed text to libcsv one physical line per call, so that we know the
 * line of every record and of a parse error (libcsv itself has no line
 * numbers).  The records go into p; a parse error into e.
 */
static void
feed(struct csv_parser *cp, struct parse *p, const char *text, size_t tlen,
    const char *name, struct perr *e)
{
	struct parse	 q;
	const char	*nl;
	size_t		 off, end, n, blk;

	for (off = 0, p->line = 1; off < tlen; off = end, p->line++) {
		nl = memchr(text + off, '\n', tlen - off);
		end = nl != NULL ? (size_t)(nl - text) + 1 : tlen;
		if (!p->inq)
			p->start = p->line;
		/*
		 * libcsv grows its field buffer by a fixed block; make the
		 * block as large as the line or the buffer, so that a long
		 * field costs a few reallocs instead of one per 128 bytes.
		 */
		blk = csv_get_buffer_size(cp);
		if (blk < end - off + 1)
			blk = end - off + 1;
		csv_set_blk_size(cp, blk < 128 ? 128 : blk);
		n = csv_parse(cp, text + off, end - off, on_field, on_record,
		    p);
		if (n < end - off) {
			if (csv_error(cp) != CSV_EPARSE)
				DIE(SYS_FILE, name,
				    csv_strerror(csv_error(cp)));
			/*
			 * libcsv stopped at the offending byte: a quote in
			 * an unquoted field, or anything but a separator
			 * after a closing quote.  Its partial record is
			 * dropped; csv_fini would flush it.
			 */
			e->line = p->line;
			e->col = text_column(text + off, n);
			if (!cp->quoted) {
				e->id = MSGT_ROWS_QUOTE_IN_UNQUOTED;
				return;
			}
			/*
			 * A quote left open lines above is usually what is
			 * wrong, and libcsv only notices at the next quote:
			 * name the line where that field began.
			 */
			q = *p;
			quotes_scan(&q, text + off, n);
			if (q.qline < p->line) {
				e->id = MSGT_ROWS_QUOTE_NOT_CLOSED;
				e->named = q.qline;
			} else
				e->id = MSGT_ROWS_TEXT_AFTER_QUOTE;
			return;
		}
		quotes_scan(p, text + off, end - off);
		if (p->toomany)
			return;
	}
	if (!p->toomany && csv_fini(cp, on_field, on_record, p) != 0) {
		e->line = p->qline;
		e->col = text_column(p->qls, (size_t)(p->qp - p->qls));
		e->id = MSGT_ROWS_UNTERMINATED;
	}
}

struct rows *
rows_parse_flags(const char *buf, size_t len, const char *name, int flags)
{
	struct csv_parser	 cp;
	struct parse		 p;
	struct perr		 e = { MSGT__MAX, 0, 0, 0 };
	struct rows		*rs = NULL;
	char			*text;
	size_t			 tlen, hoff, hline, i;
	char			 delim;

	if ((text = text_load(buf, len, name, &tlen)) == NULL)
		return NULL;
	if (delimiter(text, tlen, name, &hoff, &hline, &delim) != 0) {
		free(text);
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.flags = flags;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_EMPTY_IS_NULL) != 0)
		DIE(ROWS_SYS_CSV_INIT_FAILED);
	csv_set_delim(&cp, (unsigned char)delim);
	csv_set_realloc_func(&cp, xrealloc);
	feed(&cp, &p, text, tlen, name, &e);

	/*
	 * The records before a parse error are still checked, so that one
	 * run lists every problem (msg_id sorts them by line).
	 */
	if (p.nrec > 0)
		rs = validate(&p, name, delim, text, hoff, tlen,
		    e.id != MSGT__MAX);
	if (e.id != MSGT__MAX) {
		/* Each of these texts takes the one line number, or none. */
		msg_id(e.id, name, e.line, e.col, e.named);
		rows_free(rs);
		rs = NULL;
	}

	csv_free(&cp);
	rec_free(&p.cur);
	for (i = 0; i < p.nrec; i++)
		rec_free(&p.rec[i]);
	free(p.rec);
	free(text);
	return rs;
}

int
rows_col(const struct rows *rs, const char *name)
{
	char	*s;
	size_t	 i, len = strlen(name);
	int	 found = -1;

	s = text_utf8_valid(name, len, NULL) ? text_nfc(name, len, NULL) :
	    xstrdup(name);
	for (i = 0; i < rs->ncol; i++)
		if (strcmp(rs->header[i], s) == 0) {
			found = (int)i;
			break;
		}
	free(s);
	return found;
}

void
rows_free(struct rows *rs)
{
	size_t	 i, j;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nrow; i++) {
		for (j = 0; j < rs->ncol; j++)
			free(rs->row[i].cell[j]);
		free(rs->row[i].cell);
	}
	free(rs->row);
	for (j = 0; j < rs->ncol; j++)
		free(rs->header[j]);
	free(rs->header);
	free(rs->hline);
	free(rs->hcol);
	free(rs->file);
	free(rs);
}

static void	 put(struct buf *, const char *, int, int);

void
rows_put(struct buf *b, const char *s, int last)
{
	put(b, s, last, 1);
}

void
rows_put_verbatim(struct buf *b, const char *s, int last)
{
	put(b, s, last, 0);
}

static void
put(struct buf *b, const char *s, int last, int neutral)
{
	size_t	 n = strlen(s);
	int	 q, f;

	/* A cell a spreadsheet would take for a formula (OWASP "CSV
	 * injection": = + - @, tab, CR first) gets a leading apostrophe:
	 * replies from other agencies reach directory.csv. */
	f = neutral && n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	q = strpbrk(s, ",;\"\r\n") != NULL || (n > 0 && (s[0] == ' ' ||
	    s[n - 1] == ' '));
	buf_grow(b, 2 * n + 6);
	if (q)
		buf_addc(b, '"');
	if (f)
		buf_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	if (q)
		buf_addc(b, '"');
	if (last)
		buf_adds(b, "\r\n");
	else
		buf_addc(b, ',');
}
