# The course's commands. Everything needs only Go (1.26+) installed.
# L names a lesson as 1, 01, 01-basic-todo-api or lessons/01-basic-todo-api.
#   make help                this list
#   make run L=01            build lesson 01 into .bin/ and run it; its flags go in ARGS: make run L=01 ARGS='-addr 127.0.0.1:8001'
#   make test                what CI runs: gofmt, go vet, go test -race, exercise check, transcripts; every step runs, a summary names those that failed
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
# step prints what a step of make test does before it starts; failed says
# which step failed and, when the watch below saw them, in which packages.
step    = echo "== $(1)"
failed  = { pkgs=$$(sort -u $(FAILED_PKGS) 2>/dev/null | paste -sd, - | sed 's/,/, /g'); \
	echo "make: $@ failed$${pkgs:+ in $$pkgs}: the messages above say why"; \
	rm -f $(FAILED_PKGS); [ -z "$(TEST_REPORT)" ] || { echo "$@$${pkgs:+ ($$pkgs)}" >> "$(TEST_REPORT)"; exit 0; }; exit 1; }
# FAILED_PKGS is where the watch writes the packages (lessons/01-basic-todo-api)
# whose compile, vet or tests failed; TEST_REPORT, set by make test, where a
# failed step writes its name for the summary (and then exits 0, so that make
# adds no "Error 1" line of its own: make test's summary says it).
FAILED_PKGS = $(BIN)/.failed-$@
TEST_REPORT ?=

# The recipes are bash: pipefail keeps a go command's exit status through
# the watch it is piped to.
SHELL := bash

# watch (bash -c "$$WATCH" watch LABEL [compile]) reads a go command's
# output. The bare package names -v prints as it compiles each one become a
# progress line at most every 5 s (with compile, every other line is
# dropped: the go test after it prints the errors again); every other line
# passes through; 10 s without a line print that the command is still at
# work (unless $$NO_HEARTBEAT is set: a log read later needs none). It
# writes the course packages that failed to $$FAILED; $$TOTAL, if set, is
# how many packages there are to compile.
define WATCH
t0=$$SECONDS shown=$$SECONDS n=0 last=
while :; do
  if IFS= read -r -t 1 line; then
    if [[ $$line =~ ^[a-z][A-Za-z0-9_.~-]*(/[A-Za-z0-9_.~+-]+)*$$ ]]; then
      n=$$((n+1)) last=$$line
      (( SECONDS - shown < 5 )) && continue
      echo "   $$1: compiled $$n$${TOTAL:+ of about $$TOTAL} packages in $$((SECONDS-t0)) s, now $$last"
    else
      if [[ $$line =~ ^(#|FAIL|---).*apicourse/((lessons|shared)/[^][[:space:]/.]+(/[^][[:space:]/.]+)?) ]]; then
        [[ -z $$FAILED ]] || echo "$${BASH_REMATCH[2]}" >> "$$FAILED"
      fi
      [[ $$2 == compile ]] && continue
      printf '%s\n' "$$line"
    fi
  elif (( $$? > 128 )); then
    [[ -n $$NO_HEARTBEAT ]] && continue
    (( SECONDS - shown < 10 )) && continue
    echo "   $$1: still at work after $$((SECONDS-t0)) s$${last:+ (the last package it compiled: $$last)}"
  else
    break
  fi
  shown=$$SECONDS
done
endef
export WATCH
watch = FAILED=$(FAILED_PKGS) bash -c "$$WATCH" watch

.PHONY: help run test fmt-check vet unit check-exercises transcripts grade diff speed lint lint-api bench

help:
	@sed -n 's/^#   //p' Makefile

# run starts the built program itself rather than through go run: after
# Ctrl-C, go run exits 1 whatever the program returned (golang/go#40467),
# and make would print that as "Error 1". So the exit code is the lesson's.
# When the program exits and said its port is taken, the hint it printed
# (-addr 127.0.0.1:8001) is a flag: under make it goes in ARGS, and make run
# says so. tee -i keeps the program's stderr on screen after a Ctrl-C.
run:
	@test -n "$(L)" || { echo "usage: make run L=01 [ARGS='-addr 127.0.0.1:8000']"; exit 2; }
	@$(need-lesson)
	@mkdir -p $(BIN) && echo '*' > $(BIN)/.gitignore
	@test -x $(BIN)/$(notdir $(call lesson,$(L))) || echo "== the first build of a lesson takes up to 2 min (lesson 02 compiles SQLite); go build -v names each package as it compiles it"
	@set -o pipefail; $(GO) build -v -o $(BIN)/ ./$(call lesson,$(L)) 2>&1 | bash -c "$$WATCH" watch build
	@set -o pipefail; { $(BIN)/$(notdir $(call lesson,$(L))) $(ARGS) 2>&1 >&3 | tee -i $(BIN)/.run-stderr >&2; } 3>&1 || { rc=$$?; \
	  addr=$$(grep -A1 'address already in use' $(BIN)/.run-stderr | grep -o -m1 -e '-addr [^ ]*' | head -1); \
	  [ -z "$$addr" ] || echo "make run: under make a flag goes in ARGS: make run L=$(L) ARGS='$$addr' (ARGS='-addr 127.0.0.1:0' picks any free port)" >&2; \
	  exit $$rc; }

# make test runs every step, even after one fails, so that a learner sees
# each step's result; the summary line names the steps that failed (and
# the packages), and make test then exits 1. TEST_STEPS is the steps, in
# order; a new step is a target below and a word here. The transcripts run
# in the background from the start of the tests, which with the exercise
# check leave the 2 cores idle while they wait on timers: their report
# comes after the exercise check, and the summary counts only the time
# waited for them then (transcripts +9 s).
TEST_STEPS = fmt-check vet unit check-exercises transcripts

test:
	@start=$$(date +%s); report=$$(mktemp); bg=$(BIN)/.transcripts.log; mkdir -p $(BIN) && echo '*' > $(BIN)/.gitignore; \
	for s in $(TEST_STEPS); do \
	  t0=$$(date +%s); \
	  case $$s in \
	  unit) \
	    ( NO_HEARTBEAT=1 $(MAKE) --no-print-directory transcripts TEST_REPORT=$$report TRANSCRIPT_FLAGS=-committed > $$bg 2>&1 ) & tpid=$$!; \
	    $(MAKE) --no-print-directory $$s TEST_REPORT=$$report ;; \
	  transcripts) \
	    echo "== (the transcripts ran beside the tests and the exercise check; waiting for them to finish)"; \
	    w=0; while kill -0 $$tpid 2>/dev/null; do sleep 1; w=$$((w+1)); \
	      (( w % 10 )) || echo "   transcripts: still at work, $$w s after the exercise check"; done; \
	    wait $$tpid; cat $$bg ;; \
	  *) $(MAKE) --no-print-directory $$s TEST_REPORT=$$report ;; \
	  esac; \
	  took=$$(( $$(date +%s) - t0 )); [ $$s != transcripts ] || took="+$$took"; times="$${times:+$$times, }$$s $$took s"; \
	done; \
	secs=$$(( $$(date +%s) - start )); \
	if [ -s $$report ]; then \
	  failed=$$(for s in $(TEST_STEPS); do grep -E "^$$s( |$$)" $$report; done | paste -sd';' - | sed 's/;/; /g'); \
	  echo "make test: $$(wc -l < $$report) of $(words $(TEST_STEPS)) steps failed in $$secs s: $$failed"; rm -f $$report; exit 1; \
	fi; rm -f $$report; \
	echo "make test: all checks passed in $$secs s ($$times)"

fmt-check:
	@$(call step,gofmt -l: is every .go file formatted? (a second))
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; $(failed); fi

# vet compiles with -trimpath, as the exercise check and the transcripts
# do, so that the first make test compiles each package once for all three.
vet:
	@$(call step,go vet ./... and go vet -tags exercises ./...: suspicious code (seconds; the first time about 1 min: it compiles everything and says how far it is))
	@mkdir -p $(BIN); rm -f $(FAILED_PKGS); set -o pipefail; \
	total=$$($(GO) list -deps -test ./... 2>/dev/null | wc -l); \
	{ $(GO) vet -trimpath -v ./... && $(GO) vet -trimpath -v -tags exercises ./...; } 2>&1 | TOTAL=$$total $(watch) vet || $(failed)

# unit compiles the packages the tests import with the race detector first
# (not the programs: linking them would be wasted), saying how far it is,
# then runs the tests, each package's result as it finishes.
unit:
	@$(call step,go test -race ./...: every lesson's tests with the race detector (under a minute; the first time about 2: it compiles everything again with the race detector))
	@mkdir -p $(BIN); rm -f $(FAILED_PKGS); set -o pipefail; \
	deps=$$($(GO) list -deps -test -f '{{if and (ne .Name "main") (not .ForTest)}}{{.ImportPath}}{{end}}' ./... | grep .); \
	$(GO) build -race -trimpath -v $$deps 2>&1 | TOTAL=$$(echo "$$deps" | wc -l) $(watch) unit compile; \
	$(GO) test -race -trimpath ./... 2>&1 | $(watch) unit || $(failed)

check-exercises:
	@$(if $(L),$(need-lesson))
	@$(call step,go run ./shared/tools/grade -check: each exercise fails as committed and passes with its solution and every stack of solutions (about 1 min))
	@set -o pipefail; $(GO) run -trimpath ./shared/tools/grade -check $(if $(L),-lesson $(call number,$(L))) 2>&1 | $(watch) exercises || $(failed)

# make test checks the transcripts of the course as committed, so that a
# learner's uncommitted work (a solved exercise adds a header) never turns
# it red; make transcripts checks the working tree, for whoever edits a README.
transcripts:
	@$(if $(L),$(need-lesson))
	@$(call step,go run ./shared/tools/transcript $(TRANSCRIPT_FLAGS): each README's curl commands run against its lesson and their output compared (about 1 min))
	@set -o pipefail; $(GO) run -trimpath ./shared/tools/transcript $(TRANSCRIPT_FLAGS) $(if $(L),-lesson $(call number,$(L))) 2>&1 | $(watch) transcripts || $(failed)

grade:
	@$(if $(L),$(need-lesson))
	@$(call step,go run ./shared/tools/grade: the lessons' tests with their exercises (under a minute; the first time a few))
	@$(GO) run -trimpath ./shared/tools/grade $(if $(L),-lesson $(call number,$(L)))

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
