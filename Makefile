# congvan: Decree 30 letters from Markdown + CSV.  GNU make.
.SUFFIXES:

CC	?= cc
CFLAGS	?= -g -O2
PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
DATADIR	 = $(PREFIX)/share/congvan
MANDIR	 = $(PREFIX)/share/man
WARN	 = -Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wshadow -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN	+= -Werror
endif
PKGS	 = libcmark yaml-0.1 libutf8proc harfbuzz harfbuzz-subset libcrypto \
	   libpng libp11
# The sign stage's libraries (issue 15).  libcurl is only dlopen'd when a
# timestamp authority is named (sign/tsa.c curl_load): linked, its some 40
# shared libraries made every run need about 28 MB of address space to
# start (tests/archive.sh builds under ulimit -v 16000-18000).
SIGN_PKGS = libp11 libcurl
SIGN_CFLAGS = $(eval SIGN_CFLAGS := $$(shell pkg-config --cflags $(SIGN_PKGS)))$(SIGN_CFLAGS)
# libcurl is loaded at run time (sign/tsa.c curl_load): only its headers.
SIGN_LIBS  = $(eval SIGN_LIBS := $$(shell pkg-config --libs libp11))$(SIGN_LIBS)
# Read at first use, once, after deps has installed the packages (a
# flag read when the Makefile is parsed would be empty on a bare machine).
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Igenerator $(WARN) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS	 = $(PKG_LIBS) -lhpdf -lcsv -lz -lm

# Debian 12 packages the build and the fonts need (make), and those the
# tests add (make check, asan, valgrind, fuzz: PDF readers, sanitizers).
DEBS	 = build-essential pkg-config libhpdf-dev libcmark-dev libcsv-dev \
	   libutf8proc-dev libyaml-dev libharfbuzz-dev zlib1g-dev \
	   libssl-dev fonts-liberation2 libp11-dev libcurl4-openssl-dev \
	   icc-profiles-free libpng-dev
TEST_DEBS = poppler-utils qpdf mupdf-tools ghostscript valgrind clang \
	   libclang-rt-14-dev strace mandoc python3 softhsm2 opensc \
	   libp11-kit-dev libxml2-utils default-jre-headless libpdfbox2-java \
	   libactivation-java libjaxb-api-java libnss3-tools openssl
# Only make bench needs these (it is not run in CI): /usr/bin/time -v.
BENCH_DEBS = time

# The pipeline, stage by stage (README "Source"); a stage includes only
# its own headers and those of the stages above it in this list.
SRCS	 = generator/base/msg.c generator/base/xalloc.c generator/base/text.c \
	   generator/base/sha.c generator/base/suggest.c generator/base/buf.c \
	   generator/base/date.c \
	   generator/load/ytree.c generator/load/doc.c generator/load/field.c \
	   generator/load/mdin.c generator/load/dispatch.c \
	   generator/load/tmpl.c generator/load/rows.c generator/load/focal.c \
	   generator/merge/merge.c generator/merge/letter.c \
	   generator/layout/typeset.c generator/layout/para.c \
	   generator/layout/mau15.c generator/layout/table.c \
	   generator/layout/directory.c generator/layout/book.c \
	   generator/layout/layout.c \
	   generator/check/check.c \
	   generator/pdf/font.c generator/pdf/cidtext.c generator/pdf/zip.c \
	   generator/pdf/content.c generator/pdf/cache.c generator/pdf/pdfa.c \
	   generator/pdf/pdf.c \
	   generator/archive/outdir.c generator/archive/stage.c \
	   generator/archive/archive.c generator/archive/regbook.c \
	   generator/archive/contacts.c generator/archive/regpdf.c \
	   generator/sign/pdfrev.c generator/sign/pdfupd.c \
	   generator/sign/png.c generator/sign/cms.c generator/sign/keys.c \
	   generator/sign/sign.c generator/sign/p11.c generator/sign/tsa.c \
	   generator/inputs.c generator/render.c generator/batch.c \
	   generator/sign/fill.c generator/signcmd.c generator/issue.c \
	   generator/main.c
OBJS	 = $(SRCS:.c=.o)
HDRS	 = $(wildcard generator/*.h generator/*/*.h)

all: deps congvan
	./congvan build -i input -o output

congvan: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

# Where an installed congvan finds its templates when it cannot find them
# beside itself (BIN/../share/congvan) or in the current folder.
generator/main.o: ALL_CFLAGS += -DCONGVAN_DATADIR='"$(DATADIR)"'

# Objects wait for deps (order-only: a package check never rebuilds them),
# so that make -j compiles only once the headers are installed.
generator/%.o: generator/%.c $(HDRS) | deps
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Install what is missing (as root), or say the one line to run.
deps:
	@missing=$$(for p in $(DEBS) $(EXTRA_DEBS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y $$missing; \
		else \
			echo "congvan needs these Debian packages. As root run:"; \
			echo "  apt-get update && apt-get install -y" $$missing; \
			echo "or, if you use sudo:"; \
			echo "  sudo apt-get update && sudo apt-get install -y" $$missing; \
			exit 1; \
		fi; \
	fi

# The packages of make and make check, for tests/install.sh to hold the
# README's install line to.
packages:
	@echo $(DEBS) $(TEST_DEBS)

# The link line, for tests that build a program against the stages
# (tests/sign.sh's tests/sign/seal.c).
ldlibs:
	@echo $(LDLIBS)

test-deps: deps
	@$(MAKE) -s deps EXTRA_DEBS="$(TEST_DEBS)"

# The sign stage's token and timestamp files (libcurl headers: SIGN_PKGS).
SIGN_SRCS = generator/sign/p11.c generator/sign/tsa.c
SIGN_OBJS = $(SIGN_SRCS:.c=.o)
$(SIGN_OBJS): ALL_CFLAGS += $(SIGN_CFLAGS)

# Test programs that drive a stage's functions directly (tests/sign/).
SIGNDRV_OBJS = generator/base/msg.o generator/base/xalloc.o \
	   generator/base/buf.o $(SIGN_OBJS)
tests/sign/signdrv: tests/sign/signdrv.c $(SIGNDRV_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/sign/signdrv.c \
	    $(SIGNDRV_OBJS) $(PKG_LIBS) $(SIGN_LIBS)

# A PKCS#11 module that plays a token's PIN states (tests/sign/pinshim.c),
# loaded by the tests into signdrv: plain flags, no sanitizer.
tests/sign/pinshim.so: tests/sign/pinshim.c
	$(CC) -std=c11 -shared -fPIC -O1 $(WARN) \
	    $$(pkg-config --cflags p11-kit-1) -o $@ tests/sign/pinshim.c -ldl

check: test-deps congvan tests/sign/signdrv tests/sign/pinshim.so
	sh tests/run.sh

asan: test-deps
	$(MAKE) clean
	$(MAKE) tests/sign/pinshim.so
	$(MAKE) congvan tests/sign/signdrv CC=clang CFLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh
	$(MAKE) clean

# libFuzzer harnesses, one per entry point (tests/fuzz/, STYLE.md §8),
# with clang and objects of their own under tests/fuzz/bin/.
FUZZ	 = rows dispatch merge layout register tmpl pdf sign
FUZZ_CC	 = clang
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Igenerator $(WARN) $(PKG_CFLAGS) \
	   -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
FUZZ_OBJS = $(patsubst generator/%.c,tests/fuzz/bin/obj/%.o, \
	   $(filter-out generator/main.c,$(SRCS)))
FUZZ_BINS = $(FUZZ:%=tests/fuzz/bin/fuzz_%)
FUZZ_SECONDS ?= 60

fuzz-build: $(FUZZ_BINS)

$(FUZZ_OBJS): tests/fuzz/bin/obj/%.o: generator/%.c $(HDRS) | test-deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BINS): tests/fuzz/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h \
	    $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Igenerator -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_OBJS) $(LDLIBS)

# Each harness for FUZZ_SECONDS; crash inputs go to tests/fuzz/crashes/.
fuzz: test-deps fuzz-build
	sh tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ)

fuzz-smoke: test-deps fuzz-build
	sh tests/fuzz/fuzz.sh 10 $(FUZZ)

# Generated dispatches against the layout invariants (tests/gen/README.md):
# PROPTEST_N of them from seed PROPTEST_SEED, 2 jobs; a summary here, each
# broken invariant in $(PROPTEST_OUT)/failures.txt and each failing
# dispatch in $(PROPTEST_OUT)/<kinds>-<seed>/ (its kinds joined by "+").
PROPTEST_N	?= 10000
PROPTEST_SEED	?= 1
PROPTEST_OUT	?= tests/gen/failures
proptest: test-deps congvan
	@rm -rf $(PROPTEST_OUT) && mkdir -p $(PROPTEST_OUT)
	python3 tests/gen/check.py --seeds $(PROPTEST_SEED):$$(($(PROPTEST_SEED) + $(PROPTEST_N))) \
	    -j 2 --summary --limit 1 --out $(PROPTEST_OUT) --log $(PROPTEST_OUT)/failures.txt

# The issue 14 harness, long (tests/stress/stress.sh; not in make check,
# whose tests/stress.sh is its short run): clerks at once, kill -9 at
# random moments, the fault grid.  STRESS_ROUNDS, STRESS_KILLS,
# STRESS_SEED and the other knobs of tests/stress/stress.sh by env.
stress: test-deps congvan
	sh tests/stress/stress.sh

valgrind: test-deps congvan tests/sign/signdrv tests/sign/pinshim.so
	VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" sh tests/run.sh

# Speed, size and memory of whole builds (tests/bench/bench.sh; not CI).
# RUNS=1 PLAIN=1000 APPENDIX= make bench for a quicker look.
bench: deps congvan
	@$(MAKE) -s deps EXTRA_DEBS="$(BENCH_DEBS)"
	sh tests/bench/bench.sh

# The peer for make bench: Typst's in-process Node compiler, installed from
# npm under tests/peers/ (ignored by git, never committed), then make bench.
TYPST_NPM = @myriaddreamin/typst-ts-node-compiler@0.7.0
bench-peers: deps congvan
	@$(MAKE) -s deps EXTRA_DEBS="$(BENCH_DEBS)"
	@command -v npm >/dev/null || $(MAKE) -s deps EXTRA_DEBS="nodejs npm"
	@[ -d tests/peers/node_modules/@myriaddreamin/typst-ts-node-compiler ] || \
	    { mkdir -p tests/peers && cd tests/peers && \
	      { [ -f package.json ] || echo '{"private": true}' >package.json; } && \
	      npm install --no-audit --no-fund $(TYPST_NPM); }
	sh tests/bench/bench.sh

# Installed like a Unix tool: the program, its templates and the worked
# example under $(DATADIR), the manual page.  DESTDIR for packaging.
install: congvan
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/example $(DESTDIR)$(MANDIR)/man1
	install -m 755 congvan $(DESTDIR)$(BINDIR)/congvan
	install -m 644 templates/cong-van.yaml $(DESTDIR)$(DATADIR)/templates/
	install -m 644 input/dispatch.md input/appendix.csv \
	    input/focal_points.csv $(DESTDIR)$(DATADIR)/example/
	install -m 644 generator/congvan.1 $(DESTDIR)$(MANDIR)/man1/congvan.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/congvan $(DESTDIR)$(MANDIR)/man1/congvan.1
	rm -rf $(DESTDIR)$(DATADIR)

# The README's path on a bare Debian 12 root made by debootstrap (root
# only; tests/fresh/fresh.sh; the root is cached under /var/tmp/congvan-fresh).
fresh:
	@$(MAKE) -s deps EXTRA_DEBS="debootstrap git"
	sh tests/fresh/fresh.sh

format:
	clang-format -i generator/*.[ch] generator/*/*.[ch]

clean:
	rm -f congvan $(OBJS) $(SIGN_OBJS) tests/sign/signdrv tests/sign/pinshim.so
	rm -rf tests/fuzz/bin/obj tests/fuzz/bin/fuzz_*

.PHONY: all deps ldlibs test-deps check stress proptest asan valgrind fuzz-build fuzz fuzz-smoke bench bench-peers \
	install uninstall fresh packages format clean
