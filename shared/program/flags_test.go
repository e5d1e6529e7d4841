package program

import (
	"flag"
	"io"
	"strings"
	"testing"
)

// serverFlags is a flag set as a lesson makes it.
func serverFlags() *flag.FlagSet {
	fs := flag.NewFlagSet("lesson", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ListenFlags(fs)
	fs.String("db", "blog.db", "")
	return fs
}

func TestParseFlagsOnlyRefusesAnArgumentAndNamesTheFlagMeant(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"9000"}, `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`},
		{[]string{"-max-conns", "8", "9000"}, `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`},
		{[]string{":9000"}, `unexpected argument ":9000": did you mean -addr :9000?`},
		{[]string{"localhost:9000"}, `unexpected argument "localhost:9000": did you mean -addr localhost:9000?`},
		{[]string{"db=my.db"}, `unexpected argument "db=my.db": did you mean -db my.db?`},
		{[]string{"addr"}, `unexpected argument "addr": did you mean -addr 127.0.0.1:8000?`},
		{[]string{"blog.db", "9000"}, `unexpected argument "blog.db": this program takes only flags, which start with - (-h lists them)`},
		{[]string{"--", "-addr"}, `unexpected argument "-addr"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out strings.Builder
			code := ExitCode(ParseFlagsOnly(serverFlags(), tt.args), &out)
			if code != 2 {
				t.Errorf("exit code = %d, want 2 (a usage error, as a bad flag is)", code)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("printed %q, want it to contain %q", out.String(), tt.want)
			}
		})
	}
}

func TestParseFlagsOnlyAcceptsFlags(t *testing.T) {
	fs := serverFlags()
	if err := ParseFlagsOnly(fs, []string{"-addr", "127.0.0.1:9000", "-db=x.db"}); err != nil {
		t.Fatalf("ParseFlagsOnly(flags only) = %v, want nil", err)
	}
	if got := fs.Lookup("addr").Value.String(); got != "127.0.0.1:9000" {
		t.Errorf("-addr = %q, want 127.0.0.1:9000", got)
	}
	if code := ExitCode(ParseFlagsOnly(serverFlags(), []string{"-nope"}), io.Discard); code != 2 {
		t.Errorf("exit code for an unknown flag = %d, want 2", code)
	}
}

func TestParseFlagsLeavesArgumentsToTheProgram(t *testing.T) {
	fs := serverFlags()
	if err := ParseFlags(fs, []string{"-addr", ":1", "payload.json"}); err != nil {
		t.Fatalf("ParseFlags = %v, want nil: a program such as the webhook sender reads its arguments", err)
	}
	if got := fs.Args(); len(got) != 1 || got[0] != "payload.json" {
		t.Errorf("fs.Args() = %q, want [payload.json]", got)
	}
}
