# duet: build, run and test. `make run` and `make check` are the two commands;
# both install missing Debian packages first (scripts/deps.sh).
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
# clang for the libFuzzer targets: whichever version Debian's `clang` package brings.
CLANG ?= clang
# CFLAGS, CPPFLAGS and LDFLAGS from the command line or the environment are
# honoured (a Debian build passes its hardening flags through them);
# `make V=1` shows every command.
CFLAGS ?= -O2 -g
PKGS = libmicrohttpd sqlite3 libsodium jansson libpq libcurl gnutls libcrypto zlib
# The version lives in VERSION only: `duet --version`, /metrics and the Debian
# package (debian/changelog is checked against it by `make deb`) read it.
VERSION := $(shell cat VERSION)
STD = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-missing-field-initializers -Isrc \
	-DDUET_VERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
LIBS = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @echo
endif

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

.PHONY: all run check deps deps-check test-build install clean fuzz fuzz-build bench layers deb ha-test po

all: $(BUILD)/duet

$(BUILD)/duet: $(REL_OBJS)
	$(say) "LINK    $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) "CC      $<"
	$(Q)$(CC) $(STD) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) "CC asan $<"
	$(Q)$(CC) $(STD) $(CPPFLAGS) -O1 -g $(SAN) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/duet: $(ASAN_OBJS)
	$(say) "LINK    $@"
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/asan/tests/%: tests/unit/%.c $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(say) "TEST    $<"
	$(Q)$(CC) $(STD) $(CPPFLAGS) -O1 -g $(SAN) $(PKG_CFLAGS) -Itests/unit -MMD -MP -MF $@.d -o $@ $< $(ASAN_LIB_OBJS) $(LDFLAGS) $(LIBS) -lcmocka

# libFuzzer targets (clang): one per parser of outside input, seeds in tests/fuzz/corpus/NAME/.
$(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) "CC fuzz $<"
	$(Q)$(CLANG) $(STD) $(CPPFLAGS) -O1 -g -fsanitize=fuzzer-no-link,address,undefined $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(say) "FUZZ    $@"
	$(Q)$(CLANG) $(STD) $(CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(FUZZ_LIB_OBJS) $(LDFLAGS) $(LIBS)

.SECONDARY: $(FUZZ_LIB_OBJS)

# The files that print the version are built again when it changes.
$(foreach v,rel asan fuzz,$(BUILD)/$(v)/src/main.o $(BUILD)/$(v)/src/http/metrics.o): VERSION

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	$(Q)for f in $(FUZZ_BINS); do n=$${f##*/fuzz_}; mkdir -p tests/fuzz/corpus/$$n; \
	  echo "fuzz $$n for $(FUZZ_SECONDS)s"; $$f -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus/$$n || exit 1; done

deps:
	@sh scripts/deps.sh build

deps-check:
	@sh scripts/deps.sh check

run:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/duet serve

test-build: $(BUILD)/asan/duet $(BUILD)/duet $(UNIT_BINS) $(FUZZ_BINS)

# Pure modules (no I/O): the shared src/lib and these files of the areas. The
# layer check (scripts/check-layers.sh, run by `make check`) fails when one of
# them, or a lower layer (util, store, crypto, http, web, lib), includes what it
# must not (docs/internals/layers.md).
PURE_SRCS := $(wildcard src/lib/*.c) src/account/throttle.c src/coach/coach.c \
	src/coach/coach_lexicon.c src/counsel/scope.c src/couple/firstweek.c \
	src/differences/catalogue.c \
	src/differences/difflink.c src/differences/diffmap.c src/differences/overlap.c \
	src/conversations/script.c src/dreams/dream.c src/know/answers.c src/know/deck.c src/know/pacing.c \
	src/know/together_set.c src/negotiate/bargain.c src/negotiate/fair.c \
	src/negotiate/pairbars.c src/repair/repair_stage.c src/trust/ios.c \
	src/trust/period.c src/trust/trend.c

layers:
	$(Q)sh scripts/check-layers.sh $(PURE_SRCS)

# duet's own words: po/duet.pot from the source (xgettext, with the writers as
# keywords: scripts/po.mjs), merged into po/<code>.po (msgmerge). Then translate
# what is new; tests/http/languages.test.mjs fails while anything is missing.
po:
	$(Q)node scripts/po.mjs

check:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory test-build
	@PURE_SRCS="$(PURE_SRCS)" sh tests/run.sh $(BUILD)

# High availability on PostgreSQL (README, "A highly available PostgreSQL"): a
# primary and a synchronous standby on loopback, the primary killed under load.
ha-test:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory $(BUILD)/asan/duet
	@sh tests/ha.sh $(BUILD)/asan/duet

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/duet $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/duet $(DESTDIR)$(PREFIX)/bin/duet
	cp -R data static po $(DESTDIR)$(PREFIX)/share/duet/
	install -m 644 docs/duet.1 $(DESTDIR)$(PREFIX)/share/man/man1/duet.1

# The Debian package duet_VERSION_ARCH.deb, built by dpkg-buildpackage from
# debian/ in a copy of the tree under $(BUILD)/deb (so that nothing is written
# next to the source tree), then checked by lintian. Installs debhelper and
# lintian when missing. debian/changelog must be at the version in VERSION.
DEB_ARCH = $(shell dpkg --print-architecture 2>/dev/null)
DEB_TREE = $(BUILD)/deb/duet-$(VERSION)

deb:
	@sh scripts/deps.sh deb
	@v=$$(dpkg-parsechangelog -l debian/changelog -S Version); [ "$$v" = "$(VERSION)" ] || \
	  { echo "deb: debian/changelog is at $$v but VERSION says $(VERSION): add a changelog entry (dch -v $(VERSION))"; exit 1; }
	rm -rf $(BUILD)/deb && mkdir -p $(DEB_TREE)
	tar --exclude=./$(BUILD) --exclude=./.git --exclude=./node_modules --exclude=./test-output \
	  --exclude=./tests --exclude=./bench --exclude='./duet.db*' --exclude='./duet_*.deb' -cf - . | tar -xf - -C $(DEB_TREE)
	cd $(DEB_TREE) && dpkg-buildpackage -us -uc -b
	cp $(BUILD)/deb/duet_$(VERSION)_$(DEB_ARCH).deb .
	lintian --fail-on error duet_$(VERSION)_$(DEB_ARCH).deb
	@echo "deb: built duet_$(VERSION)_$(DEB_ARCH).deb"

# The benchmark (docs/PERFORMANCE.md): installs wrk and nginx when missing,
# seeds databases through the store layer with build/bench-seed, runs bench/run.sh.
REL_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/rel/%.o)

$(BUILD)/bench-seed: bench/seed.c $(REL_LIB_OBJS)
	$(say) "LINK    $@"
	$(Q)$(CC) $(STD) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(REL_LIB_OBJS) $(LDFLAGS) $(LIBS)

$(BUILD)/bench-events: bench/events.c
	$(say) "LINK    $@"
	$(Q)$(CC) $(STD) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lpthread

$(BUILD)/bench-first: bench/first.c
	$(say) "LINK    $@"
	$(Q)$(CC) $(STD) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

bench:
	@sh bench/deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/bench-seed $(BUILD)/bench-first $(BUILD)/bench-events
	@sh bench/run.sh $(BUILD)
	@sh bench/events.sh $(BUILD)

clean:
	rm -rf $(BUILD) test-output

-include $(REL_OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(FUZZ_LIB_OBJS:.o=.d) $(UNIT_BINS:=.d) $(FUZZ_BINS:=.d) $(BUILD)/bench-seed.d
