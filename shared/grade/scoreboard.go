package main

import (
	"fmt"
	"io"
	"strings"
)

// printScoreboard writes one block per lesson and the overall progress.
func printScoreboard(w io.Writer, results []*lessonResult, color bool) {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	done, total := 0, 0
	for _, r := range results {
		mark := paint("32", "ok")
		switch {
		case r.BuildErr != "":
			mark = paint("31", "does not build")
		case r.Passed < r.Total:
			mark = paint("31", "FAILING: "+strings.Join(r.Failed, ", "))
		}
		fmt.Fprintf(w, "%-34s lesson tests %3d/%-3d %s\n", r.Lesson, r.Passed, r.Total, mark)
		if r.BuildErr != "" {
			fmt.Fprintf(w, "    %s\n", firstLine(r.BuildErr))
		}
		for _, e := range r.Exercises {
			total++
			status := paint("33", "not yet")
			if e.Passed {
				done++
				status = paint("32", "done")
			}
			fmt.Fprintf(w, "    exercise %d  %-40s %s\n", e.Number, e.Title, status)
		}
	}
	fmt.Fprintf(w, "\nProgress: %d/%d exercises\n", done, total)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
