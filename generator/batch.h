/* The driver: load, check everything once, then render each letter. */
#ifndef BATCH_H
#define BATCH_H

#include "merge/letter.h"

#define CONGVAN_VERSION	"0.3.0"

enum dump {
	DUMP_NONE,
	DUMP_MODEL,		/* -T model: the body's document model */
	DUMP_LAYOUT		/* -T layout: each letter's boxes */
};

struct opts {
	const char	*in;		/* -i: input folder */
	const char	*out;		/* -o: output folder */
	int		 out_given;	/* -o was given */
	const char	*tdir;		/* -t: templates folder */
	int		 tdir_given;	/* -t was given */
	struct issue	 issue;		/* --number, --date, --draft */
	int		 check;		/* verb "check": write nothing */
	int		 force;		/* --force */
	int		 auto_number;	/* --number auto */
	int		 esign;		/* verb "issue": seal signed letters */
	const char	*key;		/* issue --key: FILE or pkcs11:URI */
	const char	*image;		/* issue --image: the seal's PNG */
	const char	*tsa;		/* issue --tsa: RFC 3161 URL */
	int		 quiet;		/* -q */
	int		 jobs;		/* -j: worker processes */
	int		 shard_k, shard_n; /* --shard K/N; n 0: none */
	enum dump	 dump;		/* -T */
};

/*
 * Run a build or a check as SPEC.md fixes it.  Every input problem is
 * reported before anything is written; on any error nothing under the
 * output folder changes.  Returns the exit status (enum exit_status).
 */
int	 batch_run(const struct opts *);

#endif /* BATCH_H */
