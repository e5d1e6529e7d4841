package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/web"
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
	var out bytes.Buffer
	err := run(context.Background(), nil, func(string) string { return "" }, &out)
	if code := web.Exit(err, &out); code != 2 {
		t.Errorf("exit code without WEBHOOK_SECRET = %d, want 2", code)
	}
	if !strings.Contains(out.String(), "WEBHOOK_SECRET") {
		t.Errorf("output %q does not name WEBHOOK_SECRET", out.String())
	}
}

func TestRunRefusesABadFlagWithExitCode2(t *testing.T) {
	err := run(context.Background(), []string{"-port", "1"}, func(string) string { return "s" }, io.Discard)
	if code := web.Exit(err, io.Discard); code != 2 {
		t.Errorf("exit code for -port = %d, want 2", code)
	}
}
