# mineralplan — build, test and run.
#
#   make run    install HiGHS if needed, build, and plan the embedded default scenario
#   make test   install HiGHS if needed, vet, and run every test
#   make test-props  the property suite: a few hundred perturbed library scenarios, solved and audited
#   make man    write docs/mineralplan.1 from the command definitions
#
# HiGHS comes from scripts/install-highs.sh (system HiGHS via pkg-config, or a static
# build cached per user); it writes build/highs.env, which every Go step reads.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
BIN := bin/mineralplan
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
HIGHS_ENV := build/highs.env
OUT ?= out
# Fuzzing time of each target for `make fuzz` (run one after another).
FUZZTIME ?= 60s

# Every Go command runs with the HiGHS that install-highs.sh chose. HIGHS_ID, a
# digest of the library, goes into CGO_CPPFLAGS because Go's build cache does not
# see a changed library behind the same flags (see library_id in the script).
WITH_HIGHS = source $(HIGHS_ENV) && export HIGHS_BIN && export PKG_CONFIG_PATH="$${HIGHS_PKG_CONFIG_PATH}$${PKG_CONFIG_PATH:+:$$PKG_CONFIG_PATH}" && \
	export CGO_CPPFLAGS="-DMINERALPLAN_HIGHS_ID=$${HIGHS_ID:-none}$${CGO_CPPFLAGS:+ $$CGO_CPPFLAGS}" &&
LDFLAGS_VERSION = -X main.version=$(VERSION)
# A static HiGHS makes a fully static binary; a system (shared) HiGHS cannot.
STATIC_LDFLAGS = $$( [ "$$HIGHS_LINK" = static ] && echo "-linkmode external -extldflags -static" )

.PHONY: all deps build run test test-props test-slurm bench fuzz clean fmt vet man

all: build

# Quick when HiGHS is already there (it checks the cache and rewrites build/highs.env).
deps:
	@bash scripts/install-highs.sh

build: deps
	@$(WITH_HIGHS) $(GO) build -trimpath -tags netgo,osusergo \
		-ldflags "$(LDFLAGS_VERSION) $(STATIC_LDFLAGS)" -o $(BIN) ./cmd/mineralplan
	@echo "built $(BIN)"

run: build
	./$(BIN) run --out $(OUT)/india-japan-2026

vet: deps
	@$(WITH_HIGHS) $(GO) vet ./...

test: vet build
	@$(WITH_HIGHS) MINERALPLAN_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 ./...
	@$(WITH_HIGHS) $(GO) test -count=1 -race -run 'Concurrent' ./highs/

# The property suite (package props, build tag props): seeded random perturbations
# of every library scenario, each solved, checked and audited, and the invariants
# any correct plan satisfies asserted (props/doc.go). About 15 minutes on 2 cores.
test-props: deps
	@$(WITH_HIGHS) $(GO) vet -tags props ./props/
	@$(WITH_HIGHS) $(GO) test -tags props -count=1 -timeout 90m ./props/

# A sharded sweep of the default scenario on a real single-node Slurm (root).
test-slurm: build
	bash scripts/test-slurm.sh $(BIN)

bench: deps
	@$(WITH_HIGHS) $(GO) test -run '^$$' -bench . -benchmem ./...

fuzz: deps
	@for t in 'FuzzLoad ./scenarios/' 'FuzzSet ./scenarios/' 'FuzzParseMoney ./scenarios/' 'FuzzRead ./orlib/'; do \
		set -- $$t; echo "fuzzing $$1 for $(FUZZTIME)"; \
		$(WITH_HIGHS) $(GO) test -run '^$$' -fuzz "^$$1\$$" -fuzztime $(FUZZTIME) $$2 || exit 1; \
	done

# The manual page, made from the command definitions (a test checks it is current).
man: build
	./$(BIN) man > docs/mineralplan.1

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin build $(OUT)
