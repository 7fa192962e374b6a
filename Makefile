# dwh — build, test, install. Dependencies are found with pkg-config; when one is
# missing, `make` installs it with apt-get as root on Debian, or prints the line to run.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/dwh
MANDIR   = $(PREFIX)/share/man/man1

CC      ?= cc
PKGS     = libpq ncursesw readline libcjson
DEBS     = build-essential pkg-config libpq-dev libncurses-dev libreadline-dev libcjson-dev postgresql postgresql-client tmux mandoc

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
# The engine never includes curses; the front ends live in src/tui and src/batch*.
SRCS    := $(sort $(wildcard src/*.c src/tui/*.c))
OBJS    := $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT    := $(sort $(wildcard tests/unit/*.c))

# The binary is built in $(BUILD) and copied so SANITIZE=1 and plain builds never mix.
.PHONY: FORCE all deps check test demo bench fuzz install uninstall clean distclean

# Sub-makes re-read pkg-config after `deps` may have installed something.
all: deps
	@$(MAKE) --no-print-directory dwh

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
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit_tests: $(UNIT) $(LIBOBJS)
	@echo "LINK $@"
	@$(CC) $(CFLAGS) -Itests -o $@ $(UNIT) $(LIBOBJS) $(LDFLAGS) $(LDLIBS)

check test: all
	@$(MAKE) --no-print-directory $(BUILD)/unit_tests
	@DWH_UNIT=$(BUILD)/unit_tests SANITIZE=$(SANITIZE) bash tests/run.sh

demo: all
	@bash tests/demo.sh

bench: all
	@bash bench/run.sh

# libFuzzer on json_stream + copy_row (clang only, never part of `make` or `make check`).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS    = -g -O1 -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
fuzz: build/fuzz/fuzz_copy_row
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz_copy_row -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/json.dict \
		-artifact_prefix=build/fuzz/ build/fuzz/corpus tests/fuzz/seeds

build/fuzz/fuzz_copy_row: tests/fuzz/fuzz_copy_row.c src/json_stream.c src/copy_row.c src/json_stream.h src/copy_row.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 dwh $(DESTDIR)$(BINDIR)/dwh
	cp -R sql themes $(DESTDIR)$(DATADIR)/
	install -m 644 man/dwh.1 $(DESTDIR)$(MANDIR)/dwh.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dwh $(DESTDIR)$(MANDIR)/dwh.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build dwh

-include $(OBJS:.o=.d)
