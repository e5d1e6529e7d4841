package main

import (
	"slices"
	"testing"
)

func TestTheShellSeesWhatALearnersTerminalHasWithTrimpathAdded(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want []string
	}{
		{"adds GOFLAGS", []string{"HOME=/h"}, []string{"HOME=/h", "GOFLAGS=-trimpath"}},
		{"keeps the learner's flags", []string{"GOFLAGS=-mod=mod"}, []string{"GOFLAGS=-mod=mod -trimpath"}},
		{"adds no second -trimpath", []string{"GOFLAGS=-trimpath -v"}, []string{"GOFLAGS=-trimpath -v"}},
		{"drops what make passes", []string{"MAKEFLAGS=-s", "MAKELEVEL=1", "NO_HEARTBEAT=1", "TERM=xterm"}, []string{"TERM=xterm", "GOFLAGS=-trimpath"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trimpath(learnerEnv(tt.env)); !slices.Equal(got, tt.want) {
				t.Errorf("env = %q, want %q", got, tt.want)
			}
		})
	}
}
