# congvan: Decree 30 letters from Markdown + CSV.  GNU make.
.SUFFIXES:

CC	?= cc
CFLAGS	?= -g -O2
WARN	 = -Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wshadow -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
PKGS	 = libcmark yaml-0.1 libutf8proc harfbuzz libcrypto
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null
PKG_LIBS   != pkg-config --libs $(PKGS) 2>/dev/null
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS	 = $(PKG_LIBS) -lhpdf -lcsv -lz -lm

# Debian 12 packages the build, the tests and the fonts need.
DEBS	 = build-essential pkg-config libhpdf-dev libcmark-dev libcsv-dev \
	   libutf8proc-dev libyaml-dev libharfbuzz-dev zlib1g-dev \
	   fonts-liberation2 poppler-utils qpdf mupdf-tools ghostscript \
	   valgrind clang libssl-dev

SRCS	 = generator/batch.c generator/dispatch.c generator/doc.c \
	   generator/font.c generator/layout.c generator/letter.c \
	   generator/main.c generator/mdin.c generator/merge.c \
	   generator/msg.c generator/outdir.c generator/pdf.c generator/regbook.c \
	   generator/rows.c generator/sha.c generator/focal.c generator/text.c \
	   generator/tmpl.c generator/xalloc.c \
	   generator/ytree.c
OBJS	 = $(SRCS:.c=.o)
HDRS	 = $(wildcard generator/*.h)

all: deps congvan
	./congvan build -i input -o output

congvan: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

generator/%.o: generator/%.c $(HDRS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Install what is missing (as root), or say the one line to run.
deps:
	@missing=$$(for p in $(DEBS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y $$missing; \
		else \
			echo "Run: sudo apt-get install -y" $$missing; exit 1; \
		fi; \
	fi

check: deps congvan
	sh tests/run.sh

asan:
	$(MAKE) clean
	$(MAKE) congvan CC=clang CFLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh
	$(MAKE) clean

valgrind: congvan
	VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" sh tests/run.sh

format:
	clang-format -i generator/*.c generator/*.h

clean:
	rm -f congvan $(OBJS)

.PHONY: all deps check asan valgrind format clean
