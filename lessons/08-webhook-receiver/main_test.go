package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/webtest"
)

func TestRunReceivesWhatTheSenderSigns(t *testing.T) {
	p := webtest.Start(t, run, map[string]string{"WEBHOOK_SECRET": testSecret})
	client := &http.Client{Timeout: 5 * time.Second}
	reply, err := webhook.Send(context.Background(), client, p.URL+"/webhook", "push", []byte(testSecret), []byte(payload))
	if err != nil || reply.Code != http.StatusOK || !strings.Contains(string(reply.Body), `"received"`) {
		t.Fatalf("Send with the right secret = %s %s (%v), want 200 received", reply.Status, reply.Body, err)
	}
	reply, err = webhook.Send(context.Background(), client, p.URL+"/webhook", "push", []byte("wrong"), []byte(payload))
	if err != nil || reply.Code != http.StatusUnauthorized {
		t.Errorf("Send with the wrong secret = %s %s (%v), want 401", reply.Status, reply.Body, err)
	}
	p.WaitForLine(t, "webhook processed", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunRefusesToStartWithoutASecret(t *testing.T) {
	code, out := webtest.Exit(run, nil)
	if code != 2 {
		t.Errorf("exit code without WEBHOOK_SECRET = %d, want 2", code)
	}
	if !strings.Contains(out, "WEBHOOK_SECRET") {
		t.Errorf("output %q does not name WEBHOOK_SECRET", out)
	}
}

func TestRunRefusesABadFlagWithExitCode2(t *testing.T) {
	if code, _ := webtest.Exit(run, map[string]string{"WEBHOOK_SECRET": "s"}, "-port", "1"); code != 2 {
		t.Errorf("exit code for -port = %d, want 2", code)
	}
}

func TestRunRefusesAnArgumentThatIsNotAFlag(t *testing.T) {
	code, out := webtest.Exit(run, map[string]string{"WEBHOOK_SECRET": testSecret}, "9000")
	if want := `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`; code != 2 || !strings.Contains(out, want) {
		t.Errorf("run 9000 = exit code %d, output %q; want exit code 2 and %q", code, out, want)
	}
}
