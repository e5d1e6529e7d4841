package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeLesson is a lesson in this process: it listens where -addr says and
// answers /hello, and /started with the flags and environment it got.
type fakeLesson struct {
	srv *http.Server
	mu  sync.Mutex
	out strings.Builder
}

func (f *fakeLesson) Log() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.out.String()
}

func (f *fakeLesson) Stop() { f.srv.Close() }

// startFake is a starter; starts counts the lessons it started.
func startFake(starts *int) starter {
	return func(_ context.Context, _ string, env, args []string) (server, error) {
		*starts++
		fs := flag.NewFlagSet("fake", flag.ContinueOnError)
		addr := fs.String("addr", "", "")
		fs.String("max-items", "", "")
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		l, err := net.Listen("tcp", *addr)
		if err != nil {
			return nil, err
		}
		f := &fakeLesson{}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
			f.mu.Lock()
			fmt.Fprintln(&f.out, "GET /hello")
			f.mu.Unlock()
			fmt.Fprintln(w, "hello")
		})
		mux.HandleFunc("GET /started", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "start %d, flags %s, env %s\n", *starts, strings.Join(args[2:], " "), strings.Join(env, " "))
		})
		f.srv = &http.Server{Handler: mux, ReadHeaderTimeout: time.Second}
		go f.srv.Serve(l)
		return f, nil
	}
}

// needTools skips a test that runs real commands where they are missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
}

// check runs README text against the fake lesson with every tool present
// except those named missing.
func check(t *testing.T, text string, missing ...string) (result, int) {
	t.Helper()
	starts := 0
	cfg := config{
		start:       startFake(&starts),
		stepTimeout: 10 * time.Second,
		missing: func(tool string) bool {
			for _, m := range missing {
				if strings.Contains(tool, m) {
					return true
				}
			}
			return false
		},
	}
	return checkREADME(context.Background(), cfg, "fake", text, t.TempDir()), starts
}

const helloREADME = "Run it, then:\n\n```console\n" +
	"$ curl -i 127.0.0.1:8000/hello\n" +
	"HTTP/1.1 200 OK\n" +
	"Content-Type: text/plain; charset=utf-8\n" +
	"\n" +
	"hello\n" +
	"\n" +
	"$ export GREETING=hi\n" +
	"$ mkdir sub && cd sub\n" +
	"$ echo \"$GREETING from $(basename \"$PWD\")\"\n" +
	"hi from sub\n" +
	"$ (exit 3)\n" +
	"$ echo $?\n" +
	"3\n" +
	"```\n"

func TestATranscriptThatMatchesPasses(t *testing.T) {
	needTools(t, "bash", "curl")
	res, _ := check(t, helloREADME)
	if res.failure != "" || res.matched != 6 || len(res.skipped) != 0 {
		t.Errorf("matched %d, skipped %q, failure:\n%s\nwant 6 matched, nothing skipped, no failure", res.matched, res.skipped, res.failure)
	}
}

func TestATranscriptEditedByOneCharacterFailsAndNamesTheLine(t *testing.T) {
	needTools(t, "bash", "curl")
	edited := strings.Replace(helloREADME, "\nhello\n", "\nhellO\n", 1)
	res, _ := check(t, edited)
	for _, want := range []string{"line 4: $ curl -i 127.0.0.1:8000/hello", "line 8 of the README: hellO", "this instead:          hello", "GET /hello"} {
		if !strings.Contains(res.failure, want) {
			t.Errorf("the failure does not say %q; it says:\n%s", want, res.failure)
		}
	}
}

func TestABlockWhoseToolIsMissingIsSkippedWithEveryBlockAfterIt(t *testing.T) {
	needTools(t, "bash")
	text := "```console\n$ echo ok\nok\n```\n\n" +
		"```console\n$ echo '{}' | jq .\n{}\n```\n\n" +
		"```console\n$ echo later\nlater\n```\n\n" +
		"```console\n$ python3 -c 'import jwt'\n```\n"
	res, _ := check(t, text, "jq")
	want := []string{"line 6: jq is not installed", "line 11: an earlier block was skipped", "line 16: an earlier block was skipped"}
	if res.failure != "" || res.matched != 1 || strings.Join(res.skipped, "|") != strings.Join(want, "|") {
		t.Errorf("matched %d, skipped %q, failure %q; want 1 matched and skipped %q", res.matched, res.skipped, res.failure, want)
	}
	res, _ = check(t, text, "import jwt")
	if len(res.skipped) != 1 || res.skipped[0] != "line 16: the python3 module jwt is not installed" {
		t.Errorf("skipped %q, want the python block skipped for its module", res.skipped)
	}
}

func TestASkipDirectiveIsReportedAndTheNextBlockStillRuns(t *testing.T) {
	needTools(t, "bash")
	text := "<!-- transcript: skip needs two terminals -->\n```console\n$ false\nnever\n```\n\n```console\n$ echo next\nnext\n```\n"
	res, _ := check(t, text)
	if res.failure != "" || res.matched != 1 || len(res.skipped) != 1 || res.skipped[0] != "line 2: needs two terminals" {
		t.Errorf("matched %d, skipped %q, failure %q", res.matched, res.skipped, res.failure)
	}
}

func TestAStartDirectiveRestartsTheLessonWithItsEnvironmentAndFlags(t *testing.T) {
	needTools(t, "bash", "curl")
	text := "```console\n$ curl -s 127.0.0.1:8000/started\nstart 1, flags , env\n```\n\n" +
		"<!-- transcript: start SECRET=s3 -max-items 6 -->\n" +
		"```console\n$ curl -s 127.0.0.1:8000/started\nstart 2, flags -max-items 6, env SECRET=s3\n```\n"
	res, starts := check(t, text)
	if res.failure != "" || res.matched != 2 || starts != 2 {
		t.Errorf("matched %d, started %d times, failure:\n%s", res.matched, starts, res.failure)
	}
}

func TestTheREADMEsPortsAreMovedToFreeOnesAndBackInTheOutput(t *testing.T) {
	needTools(t, "bash", "curl")
	text := "```console\n$ curl -s -o /dev/null -w '%{url_effective}\\n' http://127.0.0.1:8000/hello\nhttp://127.0.0.1:8000/hello\n```\n"
	res, _ := check(t, text)
	if res.failure != "" || res.matched != 1 {
		t.Errorf("matched %d, failure:\n%s", res.matched, res.failure)
	}
}

func TestACommandThatNeverEndsFailsAfterTheStepTimeout(t *testing.T) {
	needTools(t, "bash")
	starts := 0
	cfg := config{start: startFake(&starts), stepTimeout: 100 * time.Millisecond, missing: func(string) bool { return false }}
	res := checkREADME(context.Background(), cfg, "fake", "```console\n$ sleep 5\n```\n", t.TempDir())
	if !strings.Contains(res.failure, "had not ended after 100ms") {
		t.Errorf("failure %q, want it to say the command had not ended", res.failure)
	}
}

func TestALessonThatCannotStartIsAFailure(t *testing.T) {
	needTools(t, "bash")
	cfg := config{
		start: func(context.Context, string, []string, []string) (server, error) {
			return nil, errors.New("WEBHOOK_SECRET is empty")
		},
		stepTimeout: time.Second,
		missing:     func(string) bool { return false },
	}
	res := checkREADME(context.Background(), cfg, "fake", "```console\n$ true\n```\n", t.TempDir())
	if res.failure != "line 1: starting the lesson: WEBHOOK_SECRET is empty" {
		t.Errorf("failure %q", res.failure)
	}
}

func TestAStopDirectiveRunsABlockWithTheLessonStoppedAndTheNextStartsIt(t *testing.T) {
	needTools(t, "bash", "curl")
	text := "```console\n$ curl -s 127.0.0.1:8000/hello\nhello\n```\n\n" +
		"<!-- transcript: stop -->\n" +
		"```console\n$ curl -s 127.0.0.1:8000/hello || echo refused\nrefused\n```\n\n" +
		"```console\n$ curl -s 127.0.0.1:8000/started\nstart 2, flags , env\n```\n"
	res, starts := check(t, text)
	if res.failure != "" || res.matched != 3 || starts != 2 {
		t.Errorf("matched %d, started %d times, failure:\n%s", res.matched, starts, res.failure)
	}
}

func TestTheCoursesREADMERunsOnlyBlocksMarkedStop(t *testing.T) {
	needTools(t, "bash")
	cfg := config{start: noLesson, stepTimeout: 10 * time.Second, missing: func(string) bool { return false }}
	tests := []struct {
		name, text, failure string
		matched             int
	}{
		{"a block after stop runs at the course's root", "<!-- transcript: stop -->\n```console\n$ echo \"[$MAKELEVEL]\"; ls\n[]\nMakefile\n```\n", "", 1},
		{"a block without stop fails and says what to add", "```console\n$ true\n```\n",
			"line 1: starting the lesson: the course's README has no lesson to start: put <!-- transcript: stop --> before the block", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "Makefile"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Setenv("MAKELEVEL", "1")
			res := checkREADME(context.Background(), cfg, rootName, tt.text, dir)
			if res.failure != tt.failure || res.matched != tt.matched {
				t.Errorf("matched %d, failure %q; want %d, %q", res.matched, res.failure, tt.matched, tt.failure)
			}
		})
	}
}
