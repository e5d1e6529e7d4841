package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseREADMEFindsTheCommandsOfConsoleBlocksOnly(t *testing.T) {
	text := strings.Join([]string{
		"# Lesson",
		"```sh",
		"go run ./lessons/01-basic-todo-api",
		"```",
		"",
		"```console",
		"$ curl -i 127.0.0.1:8000/todos",
		"HTTP/1.1 200 OK",
		"",
		"[]",
		"",
		"$ echo one \\",
		"  two",
		"one two",
		"```",
		"```text",
		"$ not a command",
		"```",
	}, "\n")
	blocks, err := parseREADME(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []block{{line: 6, steps: []step{
		{line: 7, command: "curl -i 127.0.0.1:8000/todos", want: "HTTP/1.1 200 OK\n\n[]\n\n", wantLine: 8},
		{line: 12, command: "echo one \\\n  two", want: "one two\n", wantLine: 14},
	}}}
	if !reflect.DeepEqual(blocks, want) {
		t.Errorf("parseREADME gave\n%+v\nwant\n%+v", blocks, want)
	}
}

func TestParseREADMEReadsTheDirectiveJustBeforeABlock(t *testing.T) {
	tests := []struct {
		name      string
		directive string
		start     *start
		skip      string
	}{
		{"no directive", "Some prose.", nil, ""},
		{"a bare start restarts with no flags", "<!-- transcript: start -->", &start{}, ""},
		{"environment, then flags", "<!-- transcript: start SECRET=abc X=1 -max-items 6 -v=2 -->",
			&start{env: []string{"SECRET=abc", "X=1"}, args: []string{"-max-items", "6", "-v=2"}}, ""},
		{"a skip keeps its reason", "<!-- transcript: skip needs two terminals -->", nil, "needs two terminals"},
		{"a stop", "<!-- transcript: stop -->", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := parseREADME(tt.directive + "\n\n```console\n$ true\n```\n")
			if err != nil {
				t.Fatal(err)
			}
			wantStop := strings.Contains(tt.directive, "stop")
			if !reflect.DeepEqual(blocks[0].start, tt.start) || blocks[0].skip != tt.skip || blocks[0].stop != wantStop {
				t.Errorf("start %+v, skip %q, stop %v; want %+v, %q, %v", blocks[0].start, blocks[0].skip, blocks[0].stop, tt.start, tt.skip, wantStop)
			}
		})
	}
}

func TestParseREADMERefusesWhatItCannotRun(t *testing.T) {
	tests := []struct {
		name, text, wantErr string
	}{
		{"an unknown directive", "<!-- transcript: restart -->\n```console\n$ true\n```\n", "line 1: a transcript directive is"},
		{"a skip without a reason", "<!-- transcript: skip -->\n```console\n$ true\n```\n", "line 1: a transcript directive is"},
		{"a stop with words after it", "<!-- transcript: stop now -->\n```console\n$ true\n```\n", "line 1: a transcript directive is"},
		{"output before any command", "```console\nHTTP/1.1 200 OK\n$ true\n```\n", "line 2: output before"},
		{"a block without a command", "```console\n\n```\n", "line 1: a console block without"},
		{"a fence never closed", "```console\n$ true\n", "line 1: the fence is never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseREADME(tt.text)
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one starting %q", err, tt.wantErr)
			}
		})
	}
}
