package course

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Build builds every lesson's program in src (the course's root) into bin,
// each named after its folder. -trimpath lets a copy of the course use the
// build cache.
func Build(ctx context.Context, src, bin string, lessons []string) error {
	args := []string{"build", "-trimpath", "-o", bin + string(filepath.Separator)}
	for _, l := range lessons {
		args = append(args, "./"+filepath.ToSlash(l))
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	for _, l := range lessons {
		// go build names a binary after the last element of its import path.
		if _, err := os.Stat(filepath.Join(bin, filepath.Base(l))); err != nil {
			return fmt.Errorf("go build made no %s: %w", filepath.Base(l), err)
		}
	}
	return nil
}

// A Program is a lesson's program, started by a tool and listening.
type Program struct {
	URL  string // from its "listening on" line
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  strings.Builder // what it printed, up to a MiB
	done chan struct{}
}

// StartupTimeout bounds how long a lesson may take to say it is listening.
const StartupTimeout = time.Minute

// Start runs binary in dir with env added to this process's environment
// and args as its flags, and returns once it prints "listening on URL".
// What it prints is kept (Log), and read on so that it never blocks.
func Start(ctx context.Context, binary, dir string, env, args []string) (*Program, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = w, w
	OwnProcessGroup(cmd)
	err = cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	p := &Program{cmd: cmd, done: make(chan struct{})}
	listening, readAll := make(chan string, 1), make(chan struct{})
	go func() { p.read(r, listening); close(readAll) }()
	go func() { cmd.Wait(); close(p.done) }()
	select {
	case p.URL = <-listening:
		return p, nil
	case <-p.done:
		// Its last words may still be in the pipe: they say why it ended.
		select {
		case <-readAll:
		case <-time.After(time.Second):
		}
		return nil, fmt.Errorf("the lesson ended before it listened:\n%s", p.Log())
	case <-time.After(StartupTimeout):
	case <-ctx.Done():
	}
	p.Stop()
	return nil, fmt.Errorf("the lesson was not listening after %v:\n%s", StartupTimeout, p.Log())
}

// read keeps what the program prints and passes on the URL it listens on.
func (p *Program) read(r io.ReadCloser, listening chan<- string) {
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	said := false
	for sc.Scan() {
		p.mu.Lock()
		if p.out.Len() < 1<<20 {
			p.out.WriteString(sc.Text() + "\n")
		}
		p.mu.Unlock()
		if url, ok := ListeningURL(sc.Text()); ok && !said {
			said = true
			listening <- url
		}
	}
}

// ListeningURL returns the URL of a lesson's "listening on URL" line.
func ListeningURL(line string) (string, bool) {
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		return "", false
	}
	return url, true
}

// Log is what the program printed so far (its first MiB).
func (p *Program) Log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// Stop is Ctrl-C, then a kill if the program has not ended in 5 s.
func (p *Program) Stop() {
	interruptProcessGroup(p.cmd)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		KillProcessGroup(p.cmd)
		<-p.done
	}
}
