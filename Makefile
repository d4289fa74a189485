# lede - build, test, evaluate, benchmark.
#
#   make            build build/lede (warnings are errors)
#   make run        build and start the service on :8080
#   make test       build and run every test (unit, fixtures, CLI, server)
#   make asan       the same tests under AddressSanitizer + UBSan
#   make eval       score lede on every set in ../shared/corpus
#   make eval-gate  fail when a score falls below tests/eval-floors.json
#   make bench      [CORPUS=dir] speed: lede vs libxml2 parse-only on the same pages
#                   (BENCH_ARGS="--serve ..." passes options: lede-bench --help)
#   make bench-profile [CORPUS=dir] [PAGES=n] the same in instructions, per stage
#   make deps       install missing Debian packages (run/test depend on it)
#   make valgrind   every fixture page under valgrind (leaks, bad accesses)
#   make fuzz       libFuzzer on lede_extract for FUZZ_SECONDS (default 60)
#   make soak       the real service under mixed good and hostile traffic for
#                   SOAK_SECONDS (default 120) with SOAK_CLIENTS clients (8);
#                   SOAK_BIN=build-asan/lede (after make asan) soaks the
#                   sanitizer build: tests/soak/soak.py
#
# BUILD=dir puts every output in another folder (used by asan; handy when
# several people build in one tree).

BUILD   ?= build
CC      ?= cc
PKGS     = libxml-2.0 libmicrohttpd jansson libcurl uchardet libutf8proc zlib libbrotlidec hiredis
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
OPT     ?= -O2
CFLAGS  ?=
CFLAGS  += $(OPT) -g -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror \
           -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
           -Iparsers -Iserver -Ihandlers $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread -lm
SHARED  ?= ../shared
CORPUS_ROOT ?= $(SHARED)/corpus
PYTHON  ?= python3

LIB_SRC  := $(sort $(wildcard parsers/*.c))
SRV_SRC  := $(sort $(filter-out server/main.c,$(wildcard server/*.c)) $(wildcard handlers/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
SRV_OBJ  := $(SRV_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HDRS     := $(wildcard parsers/*.h server/*.h handlers/*.h)

.PHONY: all run test asan eval eval-gate bench bench-profile deps clean fuzz valgrind soak

all: $(BUILD)/lede $(if $(wildcard tests/bench/bench.c),$(BUILD)/lede-bench)

deps:
	@./scripts/install-deps.sh

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/liblede.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libledesrv.a: $(SRV_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lede: $(BUILD)/obj/server/main.o $(BUILD)/libledesrv.a $(BUILD)/liblede.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# handlers/openapi.c embeds openapi.yaml with .incbin
$(BUILD)/obj/handlers/openapi.o: openapi.yaml
# handlers/index.c embeds the try-it page web/index.html the same way
$(BUILD)/obj/handlers/index.o: web/index.html

$(BUILD)/lede-bench: $(BUILD)/obj/tests/bench/bench.o $(BUILD)/liblede.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libledesrv.a $(BUILD)/liblede.a $(HDRS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libledesrv.a $(BUILD)/liblede.a $(LDLIBS) -lcmocka

run: deps $(BUILD)/lede
	./$(BUILD)/lede serve $(ARGS)

# Every suite prints "N passed, N failed"; tests/run-all.sh adds them up.
test: deps all $(UNIT_BIN)
	@BUILD=$(BUILD) ./tests/run-all.sh

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test

# SETS=segments-dev,dates-dev limits the run; predictions and per-set
# scores land in $(BUILD)/eval.
eval: all
	@$(PYTHON) tests/eval.py --lede $(BUILD)/lede --corpus $(CORPUS_ROOT) --shared $(SHARED) \
	    --out $(BUILD)/eval $(if $(SETS),--sets $(SETS))

eval-gate: all
	@$(PYTHON) tests/eval.py --lede $(BUILD)/lede --corpus $(CORPUS_ROOT) --shared $(SHARED) \
	    --out $(BUILD)/eval --gate tests/eval-floors.json

BENCH_CORPUS = $(if $(CORPUS),$(CORPUS),$(if $(wildcard $(CORPUS_ROOT)/segments-dev),$(CORPUS_ROOT)/segments-dev,tests/fixtures))
bench: all
	./$(BUILD)/lede-bench $(BENCH_ARGS) $(BENCH_CORPUS)

# Instruction counts per stage and function (callgrind), first PAGES pages.
bench-profile: all
	./tests/bench/profile.sh -n $(or $(PAGES),200) ./$(BUILD)/lede-bench $(BENCH_CORPUS)

# The service for minutes under mixed traffic (tests/soak/soak.py): no
# crash, no unexpected status, every answer JSON, RSS and descriptors flat.
SOAK_SECONDS ?= 120
SOAK_CLIENTS ?= 8
SOAK_BIN     ?= $(BUILD)/lede
soak: all
	$(PYTHON) tests/soak/soak.py --lede $(SOAK_BIN) --seconds $(SOAK_SECONDS) --clients $(SOAK_CLIENTS)

# Valgrind over every fixture and example page, all renderings on: no
# invalid access, no leak (definite or indirect).
valgrind: all
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=3 ./$(BUILD)/lede extract --include html,markdown --explain \
	    --include-comments $(wildcard tests/fixtures/*.html tests/examples/*.html) > /dev/null
	@echo "valgrind: clean"

# Fuzzing: libFuzzer + ASan/UBSan on lede_extract (clang). FUZZ_SECONDS=N.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="$(FUZZ_FLAGS)" build-fuzz/liblede.a
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer -Iparsers $(PKG_CFLAGS) \
	    -o build-fuzz/fuzz_extract tests/fuzz/fuzz_extract.c build-fuzz/liblede.a $(LDLIBS)
	@mkdir -p build-fuzz/corpus
	ASAN_OPTIONS=detect_leaks=1 ./build-fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 build-fuzz/corpus tests/fixtures tests/examples

clean:
	rm -rf build build-asan build-fuzz
