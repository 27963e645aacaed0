# duet: build, run and test. `make run` and `make check` are the two commands;
# both install missing Debian packages first (scripts/deps.sh).
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
OPT ?= -O2 -g
PKGS = libmicrohttpd sqlite3 libsodium jansson libpq libcurl
STD = -std=c11 -D_GNU_SOURCE -DDUET_SHARE='"$(PREFIX)/share/duet"'  -Wall -Wextra -Werror -Wno-missing-field-initializers -Isrc
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
LIBS = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

SRCS := $(sort $(shell find src -name '*.c'))
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))

REL_OBJS := $(SRCS:%.c=$(BUILD)/rel/%.o)
ASAN_OBJS := $(SRCS:%.c=$(BUILD)/asan/%.o)
ASAN_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/asan/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/asan/tests/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/fuzz/%.o)
FUZZ_SECONDS ?= 60

.PHONY: all run check deps deps-check test-build install clean fuzz fuzz-build bench

all: $(BUILD)/duet

$(BUILD)/duet: $(REL_OBJS)
	@echo "LINK    $@"
	@$(CC) $(OPT) -o $@ $^ $(LIBS)

$(BUILD)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC      $<"
	@$(CC) $(STD) $(OPT) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC asan $<"
	@$(CC) $(STD) -O1 -g $(SAN) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/duet: $(ASAN_OBJS)
	@echo "LINK    $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/asan/tests/%: tests/unit/%.c $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "TEST    $<"
	@$(CC) $(STD) -O1 -g $(SAN) $(PKG_CFLAGS) -Itests/unit -o $@ $< $(ASAN_LIB_OBJS) $(LIBS) -lcmocka

# libFuzzer targets (clang): one per parser of outside input, seeds in tests/fuzz/corpus/NAME/.
$(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC fuzz $<"
	@clang $(STD) -O1 -g -fsanitize=fuzzer-no-link,address,undefined $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "FUZZ    $@"
	@clang $(STD) -O1 -g -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) -o $@ $< $(FUZZ_LIB_OBJS) $(LIBS)

.SECONDARY: $(FUZZ_LIB_OBJS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@for f in $(FUZZ_BINS); do n=$${f##*/fuzz_}; mkdir -p tests/fuzz/corpus/$$n; \
	  echo "fuzz $$n for $(FUZZ_SECONDS)s"; $$f -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus/$$n || exit 1; done

deps:
	@sh scripts/deps.sh build

deps-check:
	@sh scripts/deps.sh check

run:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/duet serve

test-build: $(BUILD)/asan/duet $(BUILD)/duet $(UNIT_BINS)

check:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory test-build
	@sh tests/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/duet $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/duet $(DESTDIR)$(PREFIX)/bin/duet
	cp -R data static $(DESTDIR)$(PREFIX)/share/duet/
	install -m 644 docs/duet.1 $(DESTDIR)$(PREFIX)/share/man/man1/duet.1

# The benchmark (docs/PERFORMANCE.md): installs wrk and nginx when missing,
# seeds databases through the store layer with build/bench-seed, runs bench/run.sh.
REL_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/rel/%.o)

$(BUILD)/bench-seed: bench/seed.c $(REL_LIB_OBJS)
	@echo "LINK    $@"
	@$(CC) $(STD) $(OPT) $(PKG_CFLAGS) -o $@ $< $(REL_LIB_OBJS) $(LIBS)

$(BUILD)/bench-first: bench/first.c
	@echo "LINK    $@"
	@$(CC) $(STD) $(OPT) -o $@ $<

bench:
	@sh bench/deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/bench-seed $(BUILD)/bench-first
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) test-output

-include $(REL_OBJS:.o=.d) $(ASAN_OBJS:.o=.d)
