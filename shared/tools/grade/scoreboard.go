package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
)

// maxCompilerLines is how much of a failed build the scoreboard shows.
const maxCompilerLines = 5

// printScoreboard writes one block per lesson and the overall progress:
// under each exercise not yet solved, why (its first failure) and the
// command that runs it alone.
func printScoreboard(w io.Writer, results []*lessonResult, color bool) {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	done, total, untested := 0, 0, 0
	for _, r := range results {
		if r.BuildErr != "" {
			fmt.Fprintf(w, "%-34s %s\n", r.Lesson, paint("31", "does not build:"))
			printBuildError(w, r)
		} else {
			mark := paint("32", "ok")
			if r.Passed < r.Total {
				mark = paint("31", "FAILING: "+strings.Join(r.Failed, ", "))
			}
			fmt.Fprintf(w, "%-34s lesson tests %3d/%-3d %s\n", r.Lesson, r.Passed, r.Total, mark)
			if r.Why != "" {
				fmt.Fprintf(w, "        why: %s\n", r.Why)
			}
			if r.Run != "" {
				fmt.Fprintf(w, "        run: %s\n", r.Run)
			}
		}
		for _, e := range r.Exercises {
			total++
			switch {
			case r.BuildErr != "":
				// Solved or not, it cannot tell until the lesson builds.
				untested++
				fmt.Fprintf(w, "    exercise %d  %-40s %s\n", e.Number, e.Title, paint("33", "untested: the lesson does not build"))
			case e.Passed:
				done++
				fmt.Fprintf(w, "    exercise %d  %-40s %s\n", e.Number, e.Title, paint("32", "done"))
			default:
				status := "not yet"
				if e.Passes > 0 && e.Passes < e.Checks { // else the failure is outside its checks
					status += fmt.Sprintf(": %d of %d checks pass", e.Passes, e.Checks)
				}
				fmt.Fprintf(w, "    exercise %d  %-40s %s\n", e.Number, e.Title, paint("33", status))
				if e.Why != "" {
					fmt.Fprintf(w, "        why: %s\n", e.Why)
				}
				fmt.Fprintf(w, "        run: %s\n", e.command())
			}
		}
	}
	fmt.Fprintf(w, "\nProgress: %d/%d exercises", done, total)
	if untested > 0 {
		fmt.Fprintf(w, " (%d untested until their lesson builds)", untested)
	}
	fmt.Fprintln(w)
}

// printBuildError shows the first lines of the compiler's complaint and,
// for each reference solution that is applied, how to take it back.
func printBuildError(w io.Writer, r *lessonResult) {
	lines := compilerLines(r.BuildErr)
	for i, line := range lines {
		if i == maxCompilerLines {
			fmt.Fprintf(w, "    ... %d more: go test -tags exercises ./%s/... shows them all\n", len(lines)-i, r.Lesson)
			break
		}
		fmt.Fprintf(w, "    %s\n", line)
	}
	for i := len(r.Applied) - 1; i >= 0; i-- {
		fmt.Fprintf(w, "    %s is applied; undo it with: git apply -R %s\n", strings.TrimPrefix(r.Applied[i], r.Lesson+"/"), r.Applied[i])
	}
}

var compilerMessage = regexp.MustCompile(`^\S+\.go:\d+(:\d+)?: `)

// compilerLines returns the file:line: messages of a build's output, each
// with the indented lines that go with it ("other declaration of ..."), or,
// when it has none (the go command failed before compiling), its lines
// without the "# package" headers.
func compilerLines(out string) []string {
	var messages, other []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		line = strings.TrimRight(line, " \t\r")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case compilerMessage.MatchString(line):
			messages = append(messages, line)
		case len(messages) > 0 && (line[0] == '\t' || line[0] == ' '):
			messages = append(messages, "    "+strings.TrimSpace(line))
		default:
			other = append(other, line)
		}
	}
	if len(messages) > 0 {
		return messages
	}
	return other
}

// appliedPatches returns, in order, the reference solutions of lesson
// that are applied in dir: those git can take back (git apply -R --check)
// and cannot apply again (git apply --check). A patch that applies both
// ways says nothing either way, and one half applied neither.
func appliedPatches(ctx context.Context, dir, lesson string) []string {
	patches, err := solutionPatches(dir, lesson)
	if err != nil {
		return nil
	}
	var applied []string
	for _, n := range sortedKeys(patches) {
		rel := lesson + "/solutions/" + patchFile(n)
		if gitApplies(ctx, dir, "-R", rel) && !gitApplies(ctx, dir, rel) {
			applied = append(applied, rel)
		}
	}
	return applied
}

// gitApplies says whether `git apply --check args...` succeeds in dir.
func gitApplies(ctx context.Context, dir string, args ...string) bool {
	check := exec.CommandContext(ctx, "git", append([]string{"apply", "--check"}, args...)...)
	check.Dir = dir
	return check.Run() == nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
