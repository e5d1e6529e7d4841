// Command transcript proves that every lesson README's curl transcript is
// what a learner gets. For each lesson it builds the lesson, copies the
// course to a scratch folder, starts the lesson there as the README's
// "Run it" says, types each "$ " command of the README's ```console blocks
// into one bash (variables carry from one command to the next, as in a
// terminal), and compares what it prints with the lines the README shows:
//
//	go run ./shared/tools/transcript            # every lesson (make transcripts)
//	go run ./shared/tools/transcript -lesson 03 # one lesson
//
// Only what must vary is normalised: Date and Content-Length headers are
// dropped; RFC 3339 times, the dates of Last-Modified and Expires,
// durations, a JWT's time claims, JWTs and random 22-character tokens are
// masked (a fixed date, such as a Sunset header's, is compared); a README line "..." stands for any lines;
// the ports the commands name are moved to free ones and back. A comment
// just before a block can restart the lesson
// (<!-- transcript: start NAME=value -flag value -->), stop it for that
// block, as Ctrl-C does (<!-- transcript: stop -->; the next block starts
// it again), or skip the block with a reason
// (<!-- transcript: skip REASON -->). The course's own README is checked
// too, when every lesson is: its commands run at the course's root, with no
// lesson running, so each of its blocks says <!-- transcript: stop -->.
// A block that needs a
// tool that is not installed (curl, jq, openssl, python3 and its modules,
// wrk, websocat) is reported as skipped, with every block after it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"apicourse/shared/program"
	"apicourse/shared/tools/course"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		err = fmt.Errorf("transcript: %w", err)
	}
	os.Exit(program.ExitCode(err, os.Stderr)) // -h is 0, a wrong flag 2, a failure 1
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("transcript", flag.ContinueOnError)
	only := fs.String("lesson", "", "check only the lesson with this `number` (01..10)")
	parallel := fs.Int("p", 3, "lessons checked at once")
	timeout := fs.Duration("step-timeout", 2*time.Minute, "how long one command may run")
	committed := fs.Bool("committed", false, "check the course as last committed (git HEAD), not the working tree, so uncommitted work such as a solved exercise never changes the result")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (try -lesson 03)", fs.Arg(0))
	}
	if _, err := exec.LookPath("bash"); err != nil {
		fmt.Fprintln(out, "SKIP every README: the transcripts are typed into bash, which is not installed")
		return nil
	}
	src, cleanup, err := courseSource(ctx, out, *committed)
	if err != nil {
		return err
	}
	defer cleanup()
	lessons, err := course.Lessons(src, *only)
	if err != nil {
		return err
	}
	bin, err := os.MkdirTemp("", "transcript-bin-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bin)
	fmt.Fprintf(out, "transcripts: building %s, then running the commands of %s\n", count(len(lessons), "lesson"), count(len(lessons), "README"))
	if err := course.Build(ctx, src, bin, lessons); err != nil {
		return err
	}
	results := checkAll(ctx, src, lessons, bin, *timeout, max(1, *parallel))
	if *only == "" {
		results = append(results, checkRoot(ctx, src, *timeout))
	}
	return report(out, results)
}

// checkAll checks the lessons' READMEs, parallel at a time, in order of
// the lessons in what it returns.
func checkAll(ctx context.Context, src string, lessons []string, bin string, timeout time.Duration, parallel int) []result {
	results := make([]result, len(lessons))
	slots := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, lesson := range lessons {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i] = checkLesson(ctx, src, lesson, bin, timeout)
		}()
	}
	wg.Wait()
	return results
}

// checkLesson runs one lesson's README in a scratch copy of the course.
func checkLesson(ctx context.Context, src, lesson, bin string, timeout time.Duration) result {
	name := filepath.Base(lesson)
	text, err := os.ReadFile(filepath.Join(src, lesson, "README.md"))
	if err != nil {
		return result{name: name, failure: err.Error()}
	}
	dir, err := scratchCopy(src, name)
	if err != nil {
		return result{name: name, failure: err.Error()}
	}
	defer os.RemoveAll(dir)
	cfg := config{
		start:       binaryStarter(filepath.Join(bin, name)),
		stepTimeout: timeout,
		missing:     missingHere,
	}
	return checkREADME(ctx, cfg, name, string(text), dir)
}

// rootName is the name of the course's own README in a report.
const rootName = "."

// checkRoot runs the course's README, which starts no lesson: a block
// without <!-- transcript: stop --> before it fails and says so.
func checkRoot(ctx context.Context, src string, timeout time.Duration) result {
	text, err := os.ReadFile(filepath.Join(src, "README.md"))
	if err != nil {
		return result{name: rootName, failure: err.Error()}
	}
	dir, err := scratchCopy(src, "root")
	if err != nil {
		return result{name: rootName, failure: err.Error()}
	}
	defer os.RemoveAll(dir)
	cfg := config{start: noLesson, stepTimeout: timeout, missing: missingHere}
	return checkREADME(ctx, cfg, rootName, string(text), dir)
}

// noLesson is the root README's starter: there is no lesson to start.
func noLesson(context.Context, string, []string, []string) (server, error) {
	return nil, errors.New("the course's README has no lesson to start: put <!-- transcript: stop --> before the block")
}

// report prints each lesson's result and a summary line; it fails if a
// command did not print what its README says.
func report(out io.Writer, results []result) error {
	failed, skipped, matched := 0, 0, 0
	for _, r := range results {
		matched += r.matched
		skipped += len(r.skipped)
		switch {
		case r.failure != "":
			failed++
			fmt.Fprintf(out, "FAIL %s/README.md %s\n", r.name, r.failure)
		default:
			label := r.name
			if label == rootName {
				label = "README.md"
			}
			fmt.Fprintf(out, "ok   %s: %d commands print what the README shows\n", label, r.matched)
		}
		for _, s := range r.skipped {
			fmt.Fprintf(out, "SKIP %s/README.md %s\n", r.name, s)
		}
	}
	fmt.Fprintf(out, "transcripts: %s matched in %s; %d failed, %s skipped\n",
		count(matched, "command"), count(len(results), "README"), failed, count(skipped, "block"))
	if failed > 0 {
		return fmt.Errorf("%d README transcripts do not match what the lessons print", failed)
	}
	return nil
}

// count is "1 lesson" or "3 lessons".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
