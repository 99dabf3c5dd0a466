# graphdocgen: the usual tasks. `make test` is what CI runs (.ci/run).
GO ?= go
CORPUS ?= ../shared/corpus

.PHONY: all build test vet fmt-check tidy-check generate example bench report scale fuzz interop clean

all: build test

build:
	$(GO) build ./...

# vet, formatting, then the tests twice: the unit tests with the race
# detector (-short leaves out the slow whole-corpus and build-the-client
# tests), then everything without it. Corpus tests skip themselves when
# $(CORPUS) is absent.
test: tidy-check vet fmt-check
	$(GO) test -race -short ./...
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...

# go.mod and go.sum must be what `go mod tidy` makes of them.
tidy-check:
	$(GO) mod tidy -diff

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt -l lists:"; echo "$$out"; exit 1; fi

# Regenerate the checked-in example client and the golden files.
generate:
	$(GO) generate ./generated
	$(GO) test ./golden -run TestGolden -update

# The built-in example: the calendar client from the fixture docs, into
# _out/ (a leading _ keeps it out of ./..., so `make test` does not build it).
example:
	$(GO) run ./cmd/graphdocgen generate -o _out/calendar -openapi _out/openapi.json generated/docs

# Other OpenAPI tools accept the document: oapi-codegen generates a client
# from the v1.0 document, ogen one from the current sample's and from the
# v1.0 document, each in a module of its own, and the clients compile
# (needs the module proxy; slow).
interop:
	GRAPHDOCGEN_INTEROP=1 $(GO) test -count=1 -timeout 80m -v -run 'TestOapiCodegenAcceptsV1|TestOgenAccepts' ./spec

# Benchmarks (parse, goldmark floor, build, generate) on the corpus, and one
# call through the generated client against plain net/http (BenchmarkCall).
# The last line is the ratio of a cold generate of v1.0 to the goldmark
# floor, measured paired in one run (pipeline's BenchmarkV1GoldmarkRatio).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./... | tee bench.txt
	@awk '/BenchmarkV1GoldmarkRatio/ { for (i = 2; i <= NF; i++) if ($$i == "x-floor") print "cold generate of v1.0 / goldmark floor: " $$(i-1) "x (goal: 3x)" }' bench.txt

# Every fuzz target of the module (go test -list), FUZZTIME each, with
# go test's defaults otherwise. New failing inputs land in the package's
# testdata/fuzz; `go test` then replays them.
FUZZTIME ?= 30s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

# Coverage report of the whole v1.0 tree, with the generated client's
# build/vet/test times and size.
report:
	$(GO) run ./cmd/graphdocgen report -gen $(CORPUS)/graph-docs-2021-07/v1.0

# The whole-v1.0 client compiles, vets and passes its tests (minutes).
scale:
	GRAPHDOCGEN_SCALE=1 $(GO) test -count=1 -timeout 30m -run TestCorpusScale -v ./report

clean:
	rm -rf _out out bench.txt
