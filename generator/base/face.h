/* The four faces of the letter's font family, as layout and pdf name them. */
#ifndef FACE_H
#define FACE_H

enum face {
	FACE_REGULAR,		/* upright */
	FACE_BOLD,		/* bold upright */
	FACE_ITALIC,		/* italic */
	FACE_BOLDITALIC,	/* bold italic */
	FACE__MAX
};

/* Style bits; FACE_REGULAR | STYLE_BOLD == FACE_BOLD etc. */
#define STYLE_BOLD	1
#define STYLE_ITALIC	2

#endif /* FACE_H */
