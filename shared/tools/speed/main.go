// Command speed measures the root README's Speed table again. For each row
// it builds the lesson, starts it on a free port, prepares what the row
// needs (100 todos, a token), runs the same wrk command the table was made
// with, and prints the figure beside the README's:
//
//	go run ./shared/tools/speed          # or: make speed
//	go run ./shared/tools/speed -d 30s   # longer runs, steadier figures
//
// The lessons and wrk share the machine's cores, as they did for the table:
// compare ratios, and run it on an idle machine.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"apicourse/shared/program"
	"apicourse/shared/tools/course"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

// run is the whole program, apart from the process it runs in.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("speed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	duration := fs.Duration("d", 10*time.Second, "how long wrk runs per row (wrk's -d)")
	wrkPath := fs.String("wrk", "wrk", "the wrk `program`")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *duration < time.Second {
		return program.Usagef("-d must be at least 1s, not %v", *duration)
	}
	wrk, err := exec.LookPath(*wrkPath)
	if err != nil {
		return fmt.Errorf("wrk is not installed (%v): install it (apt install wrk, brew install wrk) to measure the Speed table", err)
	}
	bin, err := os.MkdirTemp("", "apicourse-speed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bin)

	fmt.Fprintf(stdout, "load average before: %s\n", loadAverage())
	measured := make([]string, len(rows))
	for i, r := range rows {
		if measured[i], err = measure(ctx, r, bin, wrk, *duration, stdout); err != nil {
			return fmt.Errorf("%s: %w", r.Scenario, err)
		}
	}
	printTable(stdout, measured)
	return nil
}

// measure builds and starts r's lesson, prepares it, runs wrk on it and
// returns the figure, as the README's table writes it.
func measure(ctx context.Context, r row, bin, wrk string, d time.Duration, out io.Writer) (string, error) {
	lesson, err := startLesson(ctx, r.Lesson, bin)
	if err != nil {
		return "", err
	}
	defer lesson.Stop()
	headers, err := r.Prepare(ctx, lesson.URL)
	if err != nil {
		return "", fmt.Errorf("preparing: %w", err)
	}
	args := []string{"-t2", "-c64", "-d" + d.String(), "--latency"}
	for _, h := range headers {
		args = append(args, "-H", h)
	}
	args = append(args, lesson.URL+r.Path)
	fmt.Fprintf(out, "== %s\n   wrk %s\n", r.Scenario, shortened(args))
	report, err := exec.CommandContext(ctx, wrk, args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("wrk: %w\n%s", err, report)
	}
	return parseWrk(string(report))
}

// shortened is wrk's arguments for printing, a token cut to its start.
func shortened(args []string) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 && args[i-1] == "-H" {
			if name, value, ok := strings.Cut(a, ": Bearer "); ok && len(value) > 12 {
				a = name + ": Bearer " + value[:12] + "…"
			}
			a = "'" + a + "'"
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a)
	}
	return b.String()
}

// printTable prints the README's figures and the measured ones side by side.
func printTable(w io.Writer, measured []string) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "\nscenario\tREADME (this course)\tnow")
	for i, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Scenario, r.README, measured[i])
	}
	tw.Flush()
}

// loadAverage is the one-minute load average (Linux), or "unknown": other
// work on the machine lowers the figures.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

// startLesson builds lessons/<name> into bin and starts it on a free port;
// it returns once the program says where it listens.
func startLesson(ctx context.Context, name, bin string) (*course.Program, error) {
	if err := course.Build(ctx, ".", bin, []string{"lessons/" + name}); err != nil {
		return nil, err
	}
	return course.Start(ctx, filepath.Join(bin, name), "", nil, []string{"-addr", "127.0.0.1:0"})
}
