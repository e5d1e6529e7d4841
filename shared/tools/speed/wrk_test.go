package main

import (
	"strings"
	"testing"
)

const wrkReport = `Running 10s test @ http://127.0.0.1:40525/todos
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.71ms    1.02ms  32.53ms   86.53%
    Req/Sec    20.32k     1.71k   24.10k    71.50%
  Latency Distribution
     50%    1.55ms
     75%    2.06ms
     90%    2.83ms
     99%    5.26ms
  404459 requests in 10.00s, 1.95GB read
Requests/sec:  40437.62
Transfer/sec:    199.44MB
`

func TestParseWrkGivesTheTablesFigures(t *testing.T) {
	got, err := parseWrk(wrkReport)
	if err != nil || got != "40,438 req/s, p50 1.55 ms" {
		t.Errorf("parseWrk = %q, %v; want 40,438 req/s, p50 1.55 ms", got, err)
	}
	noLatency := strings.Replace(wrkReport, "     50%    1.55ms\n", "", 1)
	if got, _ := parseWrk(noLatency); got != "40,438 req/s" {
		t.Errorf("parseWrk without the 50%% line = %q, want 40,438 req/s", got)
	}
}

func TestParseWrkRefusesAReportWithErrorAnswers(t *testing.T) {
	withErrors := strings.Replace(wrkReport, "Requests/sec:", "  Non-2xx or 3xx responses: 404459\nRequests/sec:", 1)
	if _, err := parseWrk(withErrors); err == nil || !strings.Contains(err.Error(), "Non-2xx or 3xx responses: 404459") {
		t.Errorf("parseWrk with error answers = %v, want an error naming them", err)
	}
	if _, err := parseWrk("wrk: unable to connect"); err == nil {
		t.Error("parseWrk without a Requests/sec line = nil error, want one")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 40438: "40,438", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
