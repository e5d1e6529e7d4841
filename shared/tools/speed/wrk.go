package main

import (
	"fmt"
	"strconv"
	"strings"
)

// parseWrk reads the figures the Speed table gives out of wrk's report:
// requests per second and, with --latency, the median latency. Answers
// other than 2xx and 3xx make the measurement worthless, so they are an
// error.
func parseWrk(report string) (string, error) {
	var rps, p50 string
	for _, line := range strings.Split(report, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			rps = f[1]
		case len(f) == 2 && f[0] == "50%":
			p50 = f[1]
		case strings.HasPrefix(strings.TrimSpace(line), "Non-2xx or 3xx responses:"):
			return "", fmt.Errorf("wrk got error answers (%s):\n%s", strings.TrimSpace(line), report)
		}
	}
	n, err := strconv.ParseFloat(rps, 64)
	if err != nil {
		return "", fmt.Errorf("no Requests/sec line in wrk's report:\n%s", report)
	}
	figure := thousands(int64(n+0.5)) + " req/s"
	if p50 != "" {
		figure += ", p50 " + strings.Replace(p50, "ms", " ms", 1)
	}
	return figure, nil
}

// thousands writes n with commas, as the README does: 40,512.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
