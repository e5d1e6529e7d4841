# The course's commands. Everything needs only Go (1.26+) installed.
# L names a lesson as 1, 01, 01-basic-todo-api or lessons/01-basic-todo-api.
#   make help                this list
#   make run L=01            run lesson 01 (ARGS="-addr 127.0.0.1:9000" for flags)
#   make test                what CI runs: gofmt, go vet, go test -race, exercise check
#   make grade [L=03]        the exercise scoreboard
#   make diff A=01 B=02      what lesson 02 changes, file by file
#   make transcripts [L=03]  run every README's curl transcript and compare its output
#   make lint | make lint-api | make bench [L=03] | make check-exercises [L=03]

GO     ?= go
L      ?=
ARGS   ?=
# lesson is the folder of lesson $(1), however it is written; number its two digits.
lesson  = $(firstword $(wildcard lessons/$(patsubst lessons/%,%,$(1)) lessons/$(1)-* lessons/0$(1)-*))
number  = $(shell echo $(notdir $(call lesson,$(1))) | cut -c1-2)
# need-lesson stops with a hint when L names no lesson.
need-lesson = test -n "$(call lesson,$(L))" || { echo "no lesson '$(L)': try L=1, L=01 or L=01-basic-todo-api (ls lessons/)"; exit 2; }

.PHONY: help run test fmt-check vet unit check-exercises transcripts grade diff lint lint-api bench

help:
	@sed -n 's/^#   //p' Makefile

run:
	@test -n "$(L)" || { echo "usage: make run L=01 [ARGS='-addr 127.0.0.1:8000']"; exit 2; }
	@$(need-lesson)
	$(GO) run ./$(call lesson,$(L)) $(ARGS)

test: fmt-check vet unit check-exercises transcripts

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	$(GO) vet -tags exercises ./...

unit:
	$(GO) test -race ./...

check-exercises:
	@$(if $(L),$(need-lesson))
	$(GO) run ./shared/grade -check $(if $(L),-lesson $(call number,$(L)))

# make test checks the transcripts of the course as committed, so a learner's
# uncommitted work (a solved exercise adds a header) never turns it red;
# make transcripts checks the working tree, for whoever edits a README.
test: TRANSCRIPT_FLAGS = -committed
transcripts:
	@$(if $(L),$(need-lesson))
	$(GO) run ./shared/transcript $(TRANSCRIPT_FLAGS) $(if $(L),-lesson $(call number,$(L)))

grade:
	@$(if $(L),$(need-lesson))
	@$(GO) run ./shared/grade $(if $(L),-lesson $(call number,$(L)))

diff:
	@test -n "$(A)" -a -n "$(B)" || { echo "usage: make diff A=01 B=02"; exit 2; }
	@a=$(call lesson,$(A)); b=$(call lesson,$(B)); \
	test -n "$$a" -a -n "$$b" || { echo "no lesson '$(A)' or '$(B)': try A=1 B=2 or A=01 B=02"; exit 2; }; \
	diff -ruN -x solutions -x '*.patch' $$a $$b || true

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@latest ./...

# Redocly's recommended rules over every lesson's document. It needs Node.js;
# it is a tool for maintainers, never part of make test.
lint-api:
	npx --yes @redocly/cli@2.77.0 lint lessons/*/openapi.json

bench:
	@$(if $(L),$(need-lesson))
	$(GO) test -run '^$$' -bench . -benchmem $(if $(L),./$(call lesson,$(L))/...,./...)
