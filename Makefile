# The course's commands. Everything needs only Go (1.26+) installed.
#   make run L=01            run lesson 01 (ARGS="-addr 127.0.0.1:9000" for flags)
#   make test                what CI runs: gofmt, go vet, go test -race, exercise check
#   make grade [L=03]        the exercise scoreboard
#   make diff A=01 B=02      what lesson 02 changes, file by file
#   make lint | make lint-api | make bench | make check-exercises [L=03]

GO     ?= go
L      ?=
ARGS   ?=
lesson  = $(firstword $(wildcard lessons/$(1)-*))

.PHONY: run test fmt-check vet unit check-exercises grade diff lint lint-api bench

run:
	@test -n "$(L)" || { echo "usage: make run L=01 [ARGS='-addr 127.0.0.1:8000']"; exit 2; }
	@test -n "$(call lesson,$(L))" || { echo "no lesson $(L) in lessons/"; exit 2; }
	$(GO) run ./$(call lesson,$(L)) $(ARGS)

test: fmt-check vet unit check-exercises

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	$(GO) vet -tags exercises ./...

unit:
	$(GO) test -race ./...

check-exercises:
	$(GO) run ./shared/grade -check $(if $(L),-lesson $(L))

grade:
	@$(GO) run ./shared/grade $(if $(L),-lesson $(L))

diff:
	@test -n "$(A)" -a -n "$(B)" || { echo "usage: make diff A=01 B=02"; exit 2; }
	@a=$(call lesson,$(A)); b=$(call lesson,$(B)); \
	test -n "$$a" -a -n "$$b" || { echo "no such lesson"; exit 2; }; \
	diff -ruN -x solutions -x '*.patch' $$a $$b || true

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@latest ./...

# Redocly's recommended rules over every lesson's document. It needs Node.js;
# it is a tool for maintainers, never part of make test.
lint-api:
	npx --yes @redocly/cli@2.77.0 lint lessons/*/openapi.json

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
