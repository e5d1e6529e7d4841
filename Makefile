# The course's commands. Everything needs only Go (1.26+) installed.
# L names a lesson as 1, 01, 01-basic-todo-api or lessons/01-basic-todo-api.
#   make help                this list
#   make run L=01            build lesson 01 into .bin/ and run it (ARGS="-addr 127.0.0.1:9000" for flags)
#   make test                what CI runs: gofmt, go vet, go test -race, exercise check, transcripts; a summary at the end
#   make grade [L=03]        the exercise scoreboard
#   make diff A=01 B=02      what lesson 02 changes in the Go code (ALL=1: then in the tests, openapi.json and README too)
#   make transcripts [L=03]  run each README's curl transcript against its lesson and compare
#   make speed               the root README's Speed table, measured again with wrk
#   make lint | make lint-api | make bench [L=03] | make check-exercises [L=03]

GO     ?= go
L      ?=
ARGS   ?=
ALL    ?=
# BIN holds the lessons make run builds; it ignores itself in git.
BIN    ?= .bin
# lesson is the folder of lesson $(1), however it is written; number its two digits.
lesson  = $(firstword $(wildcard lessons/$(patsubst lessons/%,%,$(1)) lessons/$(1)-* lessons/0$(1)-*))
number  = $(shell echo $(notdir $(call lesson,$(1))) | cut -c1-2)
# need-lesson stops with a hint when L names no lesson.
need-lesson = test -n "$(call lesson,$(L))" || { echo "no lesson '$(L)': try L=1, L=01 or L=01-basic-todo-api (ls lessons/)"; exit 2; }
# step prints what a step of make test does before it starts; failed says which step stopped it.
step    = echo "== $(1)"
failed  = { echo "make: $@ failed: the messages above say why"; exit 1; }

.PHONY: help run test fmt-check vet unit check-exercises transcripts grade diff speed lint lint-api bench

help:
	@sed -n 's/^#   //p' Makefile

# run starts the built program itself rather than through go run: after
# Ctrl-C, go run exits 1 whatever the program returned (golang/go#40467),
# and make would print that as "Error 1". So the exit code is the lesson's.
run:
	@test -n "$(L)" || { echo "usage: make run L=01 [ARGS='-addr 127.0.0.1:8000']"; exit 2; }
	@$(need-lesson)
	@mkdir -p $(BIN) && echo '*' > $(BIN)/.gitignore
	@test -x $(BIN)/$(notdir $(call lesson,$(L))) || echo "== the first build of a lesson takes up to 2 min (lesson 02 compiles SQLite); later ones about a second"
	$(GO) build -o $(BIN)/ ./$(call lesson,$(L))
	$(BIN)/$(notdir $(call lesson,$(L))) $(ARGS)

# make test's steps, in order; each prints one line before it starts.
# A new step is a target below and a word here; the summary line names
# every step.
TEST_STEPS = fmt-check vet unit check-exercises transcripts
TEST_START := $(shell date +%s)

test: $(TEST_STEPS)
	@echo "make test: all checks passed ($(TEST_STEPS)) in $$(( $$(date +%s) - $(TEST_START) )) s"

fmt-check:
	@$(call step,gofmt -l: is every .go file formatted? (a second))
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; $(failed); fi

vet:
	@$(call step,go vet ./... and go vet -tags exercises ./...: suspicious code (seconds; the first time about 2 min: it compiles everything))
	@$(GO) vet ./... || $(failed)
	@$(GO) vet -tags exercises ./... || $(failed)

unit:
	@$(call step,go test -race ./...: every lesson's tests with the race detector (about 1 min; the first time about 3))
	@$(GO) test -race ./... || $(failed)

check-exercises:
	@$(if $(L),$(need-lesson))
	@$(call step,go run ./shared/tools/grade -check: each exercise fails as committed and passes with its solution and every stack of solutions (about 2 min; the first time about 5))
	@$(GO) run ./shared/tools/grade -check $(if $(L),-lesson $(call number,$(L))) || $(failed)

# make test checks the transcripts of the course as committed, so that a
# learner's uncommitted work (a solved exercise adds a header) never turns
# it red; make transcripts checks the working tree, for whoever edits a README.
test: TRANSCRIPT_FLAGS = -committed
transcripts:
	@$(if $(L),$(need-lesson))
	@$(call step,go run ./shared/tools/transcript: each README's curl commands run against its lesson and their output compared (about 1 min))
	@$(GO) run ./shared/tools/transcript $(TRANSCRIPT_FLAGS) $(if $(L),-lesson $(call number,$(L))) || $(failed)

grade:
	@$(if $(L),$(need-lesson))
	@$(call step,go run ./shared/tools/grade: the lessons' tests with their exercises (under a minute; the first time a few))
	@$(GO) run ./shared/tools/grade $(if $(L),-lesson $(call number,$(L)))

# diff shows the Go first: every file but the tests, testdata, README,
# openapi.json and solutions, then one line for openapi.json. ALL=1 then
# shows the tests and testdata, openapi.json, then the README.
diff:
	@test -n "$(A)" -a -n "$(B)" || { echo "usage: make diff A=01 B=02 [ALL=1]"; exit 2; }
	@a=$(call lesson,$(A)); b=$(call lesson,$(B)); \
	test -n "$$a" || { echo "no lesson '$(A)': try A=1 or A=01 (ls lessons/)"; exit 2; }; \
	test -n "$$b" || { echo "no lesson '$(B)': try B=2 or B=02 (ls lessons/)"; exit 2; }; \
	files=$$( { (cd $$a && find . -type f); (cd $$b && find . -type f); } | sed 's|^\./||' | grep -v '^solutions/' | sort -u ); \
	code=$$(echo "$$files" | grep -v -e '_test\.go$$' -e 'testdata/' -e 'README\.md$$' -e '^openapi\.json$$'); \
	rest=$$(echo "$$files" | grep -e '_test\.go$$' -e 'testdata/'; echo "$$files" | grep '^openapi\.json$$'; echo "$$files" | grep 'README\.md$$'); \
	show() { for f in "$$@"; do diff -uN --label "$$a/$$f" --label "$$b/$$f" "$$a/$$f" "$$b/$$f" || true; done; }; \
	show $$code; \
	if [ -n "$(ALL)" ]; then show $$rest; else \
	  api=$$(show openapi.json | grep -v -e '^+++' -e '^---'); \
	  echo "(openapi.json: +$$(echo "$$api" | grep -c '^+') -$$(echo "$$api" | grep -c '^-') lines; the tests, testdata and README: $$(show $$(echo "$$rest" | grep -v '^openapi\.json$$') | wc -l | tr -d ' ') lines of diff; make diff A=$(A) B=$(B) ALL=1 shows them after the code)"; fi

speed:
	$(GO) run ./shared/tools/speed

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@latest ./...

# Redocly's recommended rules over every lesson's document. It needs Node.js;
# it is a tool for maintainers, never part of make test.
lint-api:
	@command -v npx >/dev/null || { echo "make lint-api needs Node.js (npx); the rest of the course does not"; exit 2; }
	npx --yes @redocly/cli@2.77.0 lint lessons/*/openapi.json

bench:
	@$(if $(L),$(need-lesson))
	$(GO) test -run '^$$' -bench . -benchmem $(if $(L),./$(call lesson,$(L))/...,./...)
