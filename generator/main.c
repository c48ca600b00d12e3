/* congvan: command line (SPEC.md "Command line"). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/outdir.h"
#include "archive/regpdf.h"
#include "base/msg.h"
#include "batch.h"
#include "load/dispatch.h"
#include "signcmd.h"


static const char usage_text[] =
"usage: congvan [build] [-i DIR] [-o DIR] [-t DIR] [--number N|auto]\n"
"               [--date YYYY-MM-DD] [--draft] [--force] [-j N]\n"
"               [--shard K/N] [-q] [-T model|layout]\n"
"       congvan check [-i DIR] [-t DIR] [--number N|auto] [--date DATE]\n"
"                     [--draft] [-q]\n"
"       congvan register --year YYYY [-i DIR] [-o DIR] [-t DIR] [-q]\n"
"       congvan sign [-o DIR] --key FILE|pkcs11:URI [--image PNG]\n"
"                    [--tsa URL] [-q]\n"
"       congvan issue [-i DIR] [-o DIR] [-t DIR] --number N|auto\n"
"                     --date YYYY-MM-DD --key FILE|pkcs11:URI\n"
"                     [--image PNG] [--tsa URL] [--force] [-q]\n"
"       congvan verify [--ca FILE] PATH...\n"
"       congvan --help | --version\n"
"\n"
"  build            render every letter into the output folder (default)\n"
"  check            check the inputs, write nothing\n"
"  register         print the register's book of a year from\n"
"                   register.csv: register-YYYY.pdf\n"
"  sign             sign every letter of the output folder as the\n"
"                   person with authority\n"
"  issue            give the signed letters their number and date,\n"
"                   register and archive them, and seal them with\n"
"                   the organisation's signature\n"
"  verify           check the signatures of letters, or of the\n"
"                   letters in folders\n"
"  -i DIR           input folder: dispatch.md, appendix.csv and, with\n"
"                   danh_ba, focal_points.csv (input)\n"
"  -o DIR           output folder (output)\n"
"  -t DIR           templates folder (./templates if there, else the\n"
"                   installed ones)\n"
"  --number N       the dispatch's number (overrides so:)\n"
"  --date DATE      the dispatch's date, YYYY-MM-DD (overrides ngay:)\n"
"  --draft          leave the number and the date blank\n"
"  --force          replace archived letters that differ\n"
"  -j N             render with N worker processes\n"
"  --shard K/N      render only the K-th of N slices of the rows\n"
"  -q               print only warnings and errors\n"
"  -T model|layout  print the body's model or each letter's layout\n"
"  --year YYYY      the year whose register book to print (register)\n"
"  --key FILE|URI   the signer's PKCS#12 file or token (pkcs11: URI);\n"
"                   the password or PIN from CONGVAN_PIN, else\n"
"                   CONGVAN_PIN_FILE, else a prompt (sign, issue)\n"
"  --image PNG      the signature's image, blue (sign), or the\n"
"                   seal's, red (issue): transparent background\n"
"  --tsa URL        a timestamp authority, RFC 3161 (sign, issue)\n"
"  --ca FILE        trust signers under these certificates, PEM\n"
"                   (verify)\n"
"\n"
"Exit status: 0 done, 1 invalid input or refused run (nothing written),\n"
"2 bad usage, 3 system error (unreadable input, unwritable output),\n"
"4 the output folder kept busy by another congvan past the wait.\n";

#ifndef CONGVAN_DATADIR
#define CONGVAN_DATADIR "/usr/local/share/congvan"
#endif

/*
 * The templates folder when -t is not given (README "Installing"):
 * ./templates when it holds cong-van.yaml (SPEC.md's default, a checkout),
 * else BIN/templates (the program run where it was built, from another
 * folder: "~/congvan/congvan check -i …"), else the installed copy beside
 * the program, BIN/../share/congvan/templates (so that a DESTDIR or moved
 * install finds its own), else
 * CONGVAN_DATADIR/templates, which the messages then name when it is
 * missing too.  Returns static storage.
 */
static const char *
templates_default(void)
{
	static char	 dir[PATH_MAX];
	char		 exe[PATH_MAX], *slash;
	ssize_t		 n;

	if (access("templates/cong-van.yaml", F_OK) == 0)
		return "templates";
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			static const char *const rel[] = {
				"templates",			/* built here */
				"../share/congvan/templates"	/* installed */
			};
			size_t	 k;

			*slash = '\0';
			for (k = 0; k < sizeof(rel) / sizeof(rel[0]); k++) {
				char	 f[PATH_MAX + 16];

				if ((size_t)snprintf(dir, sizeof(dir), "%s/%s",
				    exe, rel[k]) >= sizeof(dir))
					continue;
				snprintf(f, sizeof(f), "%s/cong-van.yaml", dir);
				if (access(f, F_OK) == 0)
					return dir;
			}
		}
	}
	return CONGVAN_DATADIR "/templates";
}

/*
 * At exit: the summary, the dumps and --help went to stdout; a write that
 * failed there (a full disk, /dev/full, a closed pipe) is an error, exit 3,
 * as in jq and mandoc.  Registered first, so it runs after every other
 * exit handler.
 */
static void
stdout_close(void)
{
	int	 bad_ = ferror(stdout);

	if (fclose(stdout) != 0 || bad_) {
		msg_say_id(MSGT_MAIN_STDOUT_WRITE,
		    strerror(errno != 0 ? errno : EIO));
		_exit(EXIT_SYSTEM);
	}
}

static void __attribute__((noreturn))
usage(int status)
{
	fputs(usage_text, status == 0 ? stdout : stderr);
	exit(status);
}

/* The long options' codes (getopt_long). */
enum { OPT_NUMBER = 256, OPT_DATE, OPT_DRAFT, OPT_FORCE, OPT_SHARD,
    OPT_HELP, OPT_VERSION, OPT_YEAR, OPT_KEY, OPT_IMAGE, OPT_TSA, OPT_CA };

/* The verbs (SPEC.md "Command line"; register: README "The register
 * book"). */
enum verb { VERB_NONE, VERB_BUILD, VERB_CHECK, VERB_REGISTER, VERB_SIGN,
    VERB_VERIFY, VERB_ISSUE };

/* The verb named s, or VERB_NONE. */
static enum verb
verb_of(const char *s)
{
	if (strcmp(s, "build") == 0)
		return VERB_BUILD;
	if (strcmp(s, "check") == 0)
		return VERB_CHECK;
	if (strcmp(s, "register") == 0)
		return VERB_REGISTER;
	if (strcmp(s, "sign") == 0)
		return VERB_SIGN;
	if (strcmp(s, "verify") == 0)
		return VERB_VERIFY;
	if (strcmp(s, "issue") == 0)
		return VERB_ISSUE;
	return VERB_NONE;
}

/* --year YYYY: 1900 to 2999, four digits; else exit 2. */
static int
year_parse(const char *s)
{
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 ||
	    atoi(s) < 1900 || atoi(s) > 2999)
		DIE(REGPDF_YEAR_TAKES, s);
	return atoi(s);
}

/*
 * congvan register: the options a build or check alone takes are
 * refused, naming the first one given (exit 2); then the book.
 */
static int
register_verb(const struct opts *o, int auto_number, int year)
{
	const char	*bad = auto_number || o->issue.so != 0 ? "--number" :
	    o->issue.ngay.y != 0 ? "--date" : o->issue.draft ? "--draft" :
	    o->force ? "--force" : o->jobs > 1 ? "-j" : o->shard_n > 0 ?
	    "--shard" : o->dump != DUMP_NONE ? "-T" : NULL;

	if (bad != NULL)
		DIE(REGPDF_NOT_OPTION, bad);
	if (year == 0)
		DIE(REGPDF_YEAR_NEEDED);
	(void)dir_lock_wait();
	return regpdf_run(o->in, o->out, o->tdir, o->tdir_given, year,
	    o->quiet);
}

/* The name of option c, for a message; NULL for one that exits. */
static const char *
opt_name(int c)
{
	switch (c) {
	case 'i': return "-i";
	case 't': return "-t";
	case 'j': return "-j";
	case 'T': return "-T";
	case OPT_NUMBER: return "--number";
	case OPT_DATE: return "--date";
	case OPT_DRAFT: return "--draft";
	case OPT_FORCE: return "--force";
	case OPT_SHARD: return "--shard";
	case OPT_YEAR: return "--year";
	default: return NULL;
	}
}

/*
 * congvan sign and congvan verify (README "Signing"): each refuses the
 * options that are not its own, naming the first one given (other, or
 * a foreign option of the two), exit 2.  Returns an exit status.
 */
static int
sign_verbs(enum verb verb, const struct opts *o, const char *other,
    const char *key, const char *image, const char *tsa, const char *ca,
    char *const paths[], int npaths)
{
	int	 rc;

	if (verb == VERB_SIGN) {
		if (other != NULL)
			DIE(MAIN_SIGN_OPTION, other, "sign");
		if (ca != NULL)
			DIE(MAIN_SIGN_OPTION, "--ca", "sign");
		if (npaths > 0)
			DIE(MAIN_UNEXPECTED_ARGUMENT, paths[0]);
		if (key == NULL)
			DIE(MAIN_SIGN_NEEDS_KEY);
		(void)dir_lock_wait();
		rc = signcmd_sign(o->out, key, image, tsa, o->quiet);
	} else {
		if (other != NULL || o->out_given || o->quiet)
			DIE(MAIN_SIGN_OPTION, other != NULL ? other :
			    o->out_given ? "-o" : "-q", "verify");
		if (key != NULL || image != NULL || tsa != NULL)
			DIE(MAIN_SIGN_OPTION, key != NULL ? "--key" :
			    image != NULL ? "--image" : "--tsa", "verify");
		rc = signcmd_verify(ca, paths, npaths);
	}
	msg_flush();
	return rc;
}

/*
 * One option c of getopt_long with its argument optarg into o; --help
 * and --version end the run here, a wrong value exits 2 naming the
 * values it takes.
 */
static void
option(int c, struct opts *o, int *auto_number)
{
	char		*end;
	long		 v;

	switch (c) {
	case 'i':
		o->in = optarg;
		break;
	case 'o':
		o->out = optarg;
		o->out_given = 1;
		break;
	case 't':
		o->tdir = optarg;
		o->tdir_given = 1;
		break;
	case 'j':
		v = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || v < 1 || v > 64)
			DIE(MAIN_J_NEEDS_NUMBER_WORKERS, optarg);
		o->jobs = (int)v;
		break;
	case 'q':
		o->quiet = 1;
		break;
	case 'T':
		if (strcmp(optarg, "model") == 0)
			o->dump = DUMP_MODEL;
		else if (strcmp(optarg, "layout") == 0)
			o->dump = DUMP_LAYOUT;
		else
			DIE(MAIN_T_TAKES_MODEL_LAYOUT, optarg);
		break;
	case OPT_NUMBER:
		if (strcmp(optarg, "auto") == 0)
			*auto_number = 1;
		else if ((o->issue.so = number_parse(optarg)) < 0)
			DIE(MAIN_NUMBER_TAKES_NUMBER_E, optarg);
		break;
	case OPT_DATE:
		switch (date_parse(optarg, &o->issue.ngay)) {
		case 0:
			break;
		case DATE_NO_SUCH_DAY:
			DIE(MAIN_DATE_NO_SUCH_DATE, optarg);
		case DATE_YEAR:
			DIE(MAIN_DATE_YEAR_NOT_BETWEEN, optarg);
		default:
			DIE(MAIN_DATE_TAKES_DATE_YYYY, optarg);
		}
		break;
	case OPT_DRAFT:
		o->issue.draft = 1;
		break;
	case OPT_FORCE:
		o->force = 1;
		break;
	case OPT_SHARD:
		if (sscanf(optarg, "%d/%d%n", &o->shard_k, &o->shard_n,
		    &c) != 2 || optarg[c] != '\0' || o->shard_n < 1 ||
		    o->shard_k < 1 || o->shard_k > o->shard_n)
			DIE(MAIN_SHARD_TAKES_K_N, optarg);
		break;
	case OPT_HELP:
		usage(EXIT_OK);
	case OPT_VERSION:
		puts("congvan " CONGVAN_VERSION);
		exit(EXIT_OK);
	default:
		usage(EXIT_USAGE);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "number", required_argument, NULL, OPT_NUMBER },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "draft", no_argument, NULL, OPT_DRAFT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "image", required_argument, NULL, OPT_IMAGE },
		{ "tsa", required_argument, NULL, OPT_TSA },
		{ "ca", required_argument, NULL, OPT_CA },
		{ NULL, 0, NULL, 0 }
	};
	struct opts	 o;
	enum verb	 verb = VERB_NONE;
	int		 c, auto_number = 0, year = 0;
	const char	*key = NULL, *image = NULL, *tsa = NULL, *ca = NULL;
	const char	*other = NULL;	/* an option sign or verify refuses */

	/* A ulimit -f becomes EFBIG from write(2), not a kill (STYLE §4). */
	signal(SIGXFSZ, SIG_IGN);
	atexit(stdout_close);
	memset(&o, 0, sizeof(o));
	o.in = "input";
	o.out = "output";
	o.tdir = NULL;
	o.jobs = 1;

	if (argc > 1 && (verb = verb_of(argv[1])) != VERB_NONE) {
		argv++;
		argc--;
	}
	while ((c = getopt_long(argc, argv, "i:o:t:j:qT:", lopts, NULL))
	    != -1) {
		if (c == OPT_YEAR)
			year = year_parse(optarg);
		else if (c == OPT_KEY)
			key = optarg;
		else if (c == OPT_IMAGE)
			image = optarg;
		else if (c == OPT_TSA)
			tsa = optarg;
		else if (c == OPT_CA)
			ca = optarg;
		else
			option(c, &o, &auto_number);
		if (other == NULL && c != 'o' && c != 'q' && c != OPT_KEY &&
		    c != OPT_IMAGE && c != OPT_TSA && c != OPT_CA)
			other = opt_name(c);
	}
	/* getopt_long permutes: a verb after the options is fine too. */
	if (optind < argc && verb == VERB_NONE &&
	    (verb = verb_of(argv[optind])) != VERB_NONE)
		optind++;
	o.check = verb == VERB_CHECK;
	if (verb == VERB_SIGN || verb == VERB_VERIFY)
		exit(sign_verbs(verb, &o, other, key, image, tsa, ca,
		    argv + optind, argc - optind));
	if (verb == VERB_ISSUE) {
		/* A build of an issued dispatch, on the signed letters
		 * (issue.c): what it alone needs, and not what a draft,
		 * a shard or a dump would change. */
		if (ca != NULL || o.issue.draft || o.jobs > 1 ||
		    o.shard_n > 0 || o.dump != DUMP_NONE)
			DIE(MAIN_SIGN_OPTION, ca != NULL ? "--ca" :
			    o.issue.draft ? "--draft" : o.jobs > 1 ? "-j" :
			    o.shard_n > 0 ? "--shard" : "-T", "issue");
		if (key == NULL || (o.issue.so == 0 && !auto_number) ||
		    o.issue.ngay.y == 0)
			DIE(ISSUE_NEEDS, key == NULL ? "--key FILE|pkcs11:URI"
			    : o.issue.ngay.y == 0 ? "--date YYYY-MM-DD" :
			    "--number N|auto");
		o.esign = 1;
		o.key = key;
		o.image = image;
		o.tsa = tsa;
	} else if (key != NULL || image != NULL || tsa != NULL || ca != NULL)
		DIE(MAIN_SIGN_OPTION, key != NULL ? "--key" : image != NULL ?
		    "--image" : tsa != NULL ? "--tsa" : "--ca", "build, check "
		    "or register");
	if (optind < argc)
		DIE(MAIN_UNEXPECTED_ARGUMENT, argv[optind]);
	if (o.tdir == NULL)
		o.tdir = templates_default();
	if (*o.in == '\0' || *o.out == '\0' || *o.tdir == '\0')
		DIE(MAIN_I_O_T_NEED);
	if (verb == VERB_REGISTER) {
		c = register_verb(&o, auto_number, year);
		msg_flush();
		exit(c);
	}
	if (year != 0)
		DIE(REGPDF_YEAR_ONLY);
	if (o.check && (o.out_given || o.jobs > 1 || o.shard_n > 0 ||
	    o.force))
		DIE(MAIN_CHECK_WRITES_NOTHING_SO,
		    o.out_given ? "-o" : o.jobs > 1 ? "-j" : o.shard_n > 0 ?
		    "--shard" : "--force");
	if (auto_number && o.issue.so != 0)
		DIE(MAIN_NUMBER_TAKES_NUMBER_AUTO);
	o.auto_number = auto_number;
	if (!o.check)
		(void)dir_lock_wait();	/* a mistyped wait, before anything */
	c = batch_run(&o);
	msg_flush();
	exit(c);
}
