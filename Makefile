# dwh — build, test, install. Dependencies are found with pkg-config; when one is
# missing, `make` installs it with apt-get as root on Debian, or prints the line to run.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/dwh
MANDIR   = $(PREFIX)/share/man/man1
COMPDIR  = $(PREFIX)/share/bash-completion/completions
# `make DEPS=` skips the apt-get fallback (the Debian package build has Build-Depends instead)
DEPS    ?= deps
VERSION := $(shell sed -n 's/^\#define DWH_VERSION "\(.*\)"/\1/p' src/base/version.h)

CC      ?= cc
PKGS     = libpq ncursesw readline libcjson
DEBS     = build-essential pkg-config libpq-dev libncurses-dev libreadline-dev libcjson-dev postgresql postgresql-client tmux mandoc openssh-server openssh-client

NO_TRUNC_WARN := $(shell $(CC) -Werror -Wno-format-truncation -E -x c /dev/null >/dev/null 2>&1 && echo -Wno-format-truncation)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror $(NO_TRUNC_WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Isrc $(PKG_CFLAGS) -DDWH_DATADIR='"$(DATADIR)"' -MMD -MP
LDLIBS  += $(PKG_LIBS) -lpthread -lm

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
BUILD   := build/san
else
BUILD   := build/rel
endif

# -Wno-format-truncation: snprintf cutting long paths/messages is intended, never a bug.
# The engine never includes curses; the front ends live in src/tui and src/batch. src/load
# (JSON to COPY rows, the input files) depends on nothing of dwh's but err.h: the fuzzer
# builds its JSON part alone.
SRCS    := $(sort src/main.c $(wildcard src/*/*.c))
OBJS    := $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT    := $(sort $(wildcard tests/unit/*.c))

# The binary is built in $(BUILD) and copied so SANITIZE=1 and plain builds never mix.
.PHONY: FORCE all deps check test demo bench fuzz install uninstall clean distclean deb deb-check readme-screen

# Sub-makes re-read pkg-config after `deps` may have installed something. They compile on every
# core unless the caller chose its own -jN.
NPROC   := $(shell nproc 2>/dev/null || echo 1)
SUBJ     = $(if $(findstring j,$(filter-out --% %=%,$(MAKEFLAGS))),,-j$(NPROC))
all: $(DEPS)
	@$(MAKE) --no-print-directory $(SUBJ) dwh

dwh: $(BUILD)/dwh FORCE
	@cmp -s $< $@ || { cp $< $@.tmp && mv -f $@.tmp $@; }

FORCE:

deps:
	@missing=""; for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; done; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v $(CC) >/dev/null || missing="$$missing $(CC)"; \
	command -v psql >/dev/null || missing="$$missing psql"; \
	[ -x "$$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n1)" ] || missing="$$missing postgresql"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v mandoc >/dev/null || missing="$$missing mandoc"; \
	if [ -n "$$missing" ]; then \
	  echo "dwh: missing build dependencies:$$missing"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "dwh: installing with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) >/dev/null || exit 1; \
	    echo "dwh: dependencies installed; run make again if the build fails to find them"; \
	  else \
	    echo "run:  sudo apt-get install $(DEBS)"; exit 1; \
	  fi; \
	fi

$(BUILD)/dwh: $(OBJS)
	@echo "LINK $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit_tests: $(UNIT) $(LIBOBJS)
	@echo "LINK $@"
	@$(CC) $(CFLAGS) -Itests -o $@ $(UNIT) $(LIBOBJS) $(LDFLAGS) $(LDLIBS)

# JOBS=N: test scripts run N at a time; default: three a core (they mostly wait).
check test: all
	@$(MAKE) --no-print-directory $(SUBJ) $(BUILD)/unit_tests
	@DWH_UNIT=$(BUILD)/unit_tests SANITIZE=$(SANITIZE) JOBS="$(JOBS)" bash tests/run.sh

demo: all
	@bash tests/demo.sh

bench: all
	@bash bench/run.sh

# libFuzzer targets (clang only, never part of `make` or `make check`): the loader (json_stream +
# copy_row), dwh.cfg, the command splitter, the statement scanner, themes, psql variables.
# `make fuzz` runs each for FUZZ_SECONDS after its regression inputs (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS  = copy_row cfg cmd_split sqlscan theme vars
FUZZ_BASE     = -g -O1 -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
                $(PKG_CFLAGS) -fno-sanitize-recover=all
FUZZ_FLAGS    = $(FUZZ_BASE) -fsanitize=fuzzer,address,undefined
fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# every engine and console object, built once for the fuzzers (each target links what it uses)
FUZZ_OBJS = $(patsubst src/%.c,build/fuzz/obj/%.o,$(filter-out src/main.c,$(SRCS)))
build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "CC (fuzz) $<"
	@$(FUZZ_CC) $(FUZZ_BASE) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<
build/fuzz/libdwh.a: $(FUZZ_OBJS)
	@rm -f $@
	@ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libdwh.a
	@echo "LINK $@"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< build/fuzz/libdwh.a $(PKG_LIBS) -lpthread -lm

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR)
	install -m 755 dwh $(DESTDIR)$(BINDIR)/dwh
	cp -R sql themes $(DESTDIR)$(DATADIR)/
	install -m 644 man/dwh.1 $(DESTDIR)$(MANDIR)/dwh.1
	install -m 644 completion/dwh $(DESTDIR)$(COMPDIR)/dwh

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dwh $(DESTDIR)$(MANDIR)/dwh.1 $(DESTDIR)$(COMPDIR)/dwh
	rm -rf $(DESTDIR)$(DATADIR)

# README.md's picture of the console, from a real dwh in tmux (tests/readme_screen.sh).
readme-screen: all
	@bash tests/readme_screen.sh --update && echo "README.md: screen updated"

# The Debian package, built by dpkg-buildpackage from a copy of the tree's files (so the
# package's clean step never touches this build), left here as dwh_VERSION_ARCH.deb.
deb:
	@command -v dpkg-buildpackage >/dev/null && dpkg -s debhelper >/dev/null 2>&1 || \
	  { echo "dwh: make deb needs: apt-get install dpkg-dev debhelper"; exit 1; }
	@[ -n "$(VERSION)" ] || { echo "dwh: make deb: no DWH_VERSION in src/base/version.h"; exit 1; }
	@grep -q "^dwh ($(VERSION))" debian/changelog || { echo "dwh: debian/changelog has no entry for $(VERSION)"; exit 1; }
	@rm -rf build/deb && mkdir -p build/deb/dwh-$(VERSION)
	@git ls-files -co --exclude-standard | grep -v '^debian/.*\.log$$' | tar -cf - -T - | tar -C build/deb/dwh-$(VERSION) -xf -
	@echo "DEB dwh_$(VERSION) (log: build/deb/build.log)"
	@cd build/deb/dwh-$(VERSION) && dpkg-buildpackage -b -us -uc > ../build.log 2>&1 || { tail -n 30 ../build.log; exit 1; }
	@cp build/deb/dwh_$(VERSION)_*.deb .
	@ls dwh_$(VERSION)_*.deb

# The package checked: lintian without errors, its contents, and an install into a scratch root.
deb-check: deb
	@bash tests/deb_check.sh dwh_$(VERSION)_*.deb

clean:
	rm -rf build dwh dwh_*.deb

-include $(OBJS:.o=.d)
