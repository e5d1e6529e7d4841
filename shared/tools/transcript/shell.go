package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"apicourse/shared/tools/course"
)

// A shell is the learner's second terminal: one bash that keeps its
// variables and folder from one command to the next.
type shell struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string // stdout and stderr, as the terminal shows them
	marker string
}

// startShell starts bash in dir with env added to this process's own.
func startShell(dir string, env []string) (*shell, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer w.Close()
	cmd := exec.Command("bash", "--noprofile", "--norc")
	cmd.Dir = dir
	cmd.Env = append(trimpath(learnerEnv(os.Environ())), env...)
	cmd.Stdout, cmd.Stderr = w, w
	course.OwnProcessGroup(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		r.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		r.Close()
		return nil, fmt.Errorf("starting bash: %w", err)
	}
	s := &shell{cmd: cmd, stdin: stdin, lines: make(chan string, 64), marker: newMarker()}
	go s.read(r)
	return s, nil
}

// learnerEnv is env without what make passes to the commands it runs:
// make test runs this tool, and a make typed in the transcript must print
// what it prints in a learner's terminal, without make[1] lines.
func learnerEnv(env []string) []string {
	var kept []string
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		switch name {
		case "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR", "TEST_REPORT", "TRANSCRIPT_FLAGS", "NO_HEARTBEAT":
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

// trimpath adds -trimpath to GOFLAGS in env: a go command typed in a
// transcript (the root README's go test) then reuses the packages make
// test compiled, all with -trimpath, instead of compiling the standard
// library again; what it prints is the same.
func trimpath(env []string) []string {
	for i, e := range env {
		if flags, ok := strings.CutPrefix(e, "GOFLAGS="); ok {
			if fields := strings.Fields(flags); !slices.Contains(fields, "-trimpath") {
				env[i] = "GOFLAGS=" + strings.Join(append(fields, "-trimpath"), " ")
			}
			return env
		}
	}
	return append(env, "GOFLAGS=-trimpath")
}

// newMarker returns a line no command prints, to find where its output ends.
func newMarker() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "--transcript-" + hex.EncodeToString(b) + "--"
}

// read passes the terminal's lines on until every writer is gone.
func (s *shell) read(r io.ReadCloser) {
	defer r.Close()
	defer close(s.lines)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		s.lines <- sc.Text()
	}
}

// run types command and returns what the terminal showed until it ended.
// The command reads nothing from the terminal: stdin is /dev/null. Its exit
// status is kept across the marker, so a next "$ echo $?" shows it.
func (s *shell) run(command string, timeout time.Duration) (string, error) {
	script := fmt.Sprintf("{\n%s\n} </dev/null\n__transcript_status=$?\nprintf '\\n%%s\\n' %s\n(exit $__transcript_status)\n", command, s.marker)
	if _, err := io.WriteString(s.stdin, script); err != nil {
		return "", fmt.Errorf("bash is gone: %w", err)
	}
	var out strings.Builder
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				return out.String(), fmt.Errorf("bash exited during the command")
			}
			if line == s.marker {
				return strings.TrimSuffix(out.String(), "\n"), nil
			}
			out.WriteString(line + "\n")
		case <-timer.C:
			return out.String(), fmt.Errorf("the command had not ended after %v", timeout)
		}
	}
}

// close ends bash and whatever it left running in the background.
func (s *shell) close() {
	s.stdin.Close()
	course.KillProcessGroup(s.cmd)
	s.cmd.Wait()
}
