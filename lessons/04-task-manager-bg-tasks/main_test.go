package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

// post sends a JSON POST to a running program and returns status and body.
func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRunSendsTheNotificationInTheBackground(t *testing.T) {
	p := webtest.Start(t, run, nil, "-notify-delay", "10ms")
	post(t, p.URL+"/tasks", `{"title":"Write report","user_email":"user@example.com"}`)
	if code, body := post(t, p.URL+"/tasks/1/complete", ""); code != http.StatusOK || !strings.Contains(body, `"notification":"queued"`) {
		t.Fatalf("POST /tasks/1/complete = %d %s, want 200 queued", code, body)
	}
	p.WaitForLine(t, "Starting background task", 5*time.Second)
	p.WaitForLine(t, "Notification SENT to user@example.com", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunDrainsTheQueueOnShutdown(t *testing.T) {
	p := webtest.Start(t, run, nil, "-notify-delay", "100ms", "-workers", "1", "-shutdown-timeout", "5s")
	for _, path := range []string{"/tasks", "/tasks", "/tasks/1/complete", "/tasks/2/complete"} {
		post(t, p.URL+path, `{"title":"t","user_email":"user@example.com"}`)
	}
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil", err)
	}
	// Both were queued when the signal came; both are sent before run returns.
	for _, id := range []string{"task_id=1", "task_id=2"} {
		if line := p.WaitForLine(t, "Notification SENT", time.Second); !strings.Contains(line, id) {
			t.Errorf("SENT line %q, want %s", line, id)
		}
	}
}

func TestRunLogsTheNotificationsAShortGracePeriodCouldNotSend(t *testing.T) {
	p := webtest.Start(t, run, nil, "-notify-delay", "1h", "-workers", "1", "-shutdown-timeout", "50ms")
	for _, path := range []string{"/tasks", "/tasks", "/tasks/1/complete", "/tasks/2/complete"} {
		post(t, p.URL+path, `{"title":"t","user_email":"user@example.com"}`)
	}
	p.WaitForLine(t, "Starting background task", 5*time.Second) // task 1 is being sent, task 2 waits
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil", err)
	}
	for _, id := range []string{"task_id=1", "task_id=2"} {
		if line := p.WaitForLine(t, "Notification not sent", time.Second); !strings.Contains(line, id) {
			t.Errorf("not-sent line %q, want %s", line, id)
		}
	}
}

func TestRunHoldsAtMostMaxItemsTasks(t *testing.T) {
	p := webtest.Start(t, run, nil, "-max-items", "2")
	for i, want := range []int{http.StatusCreated, http.StatusCreated, http.StatusInsufficientStorage} {
		if code, body := post(t, p.URL+"/tasks", `{"title":"t","user_email":"user@example.com"}`); code != want {
			t.Errorf("POST /tasks #%d with -max-items 2 = %d %s, want %d", i+1, code, body, want)
		}
	}
}

func TestRunRefusesBadArguments(t *testing.T) {
	for _, args := range [][]string{{"-port", "8000"}, {"-queue", "0"}, {"-workers", "-1"}, {"-max-items", "0"}, {"-max-items", "many"}, {"-notify-delay", "soon"}, {"-notify-delay", "-1s"}, {"-shutdown-timeout", "-1s"}} {
		t.Run("refuses "+strings.Join(args, " "), func(t *testing.T) {
			code, out := webtest.Exit(run, nil, args...)
			if code != 2 {
				t.Errorf("exit code = %d, want 2; output %q", code, out)
			}
		})
	}
}

func TestRunRefusesAnArgumentThatIsNotAFlag(t *testing.T) {
	code, out := webtest.Exit(run, nil, "9000")
	if want := `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`; code != 2 || !strings.Contains(out, want) {
		t.Errorf("run 9000 = exit code %d, output %q; want exit code 2 and %q", code, out, want)
	}
}
