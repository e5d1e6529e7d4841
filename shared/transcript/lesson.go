package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// A server is the lesson running in the learner's first terminal.
type server interface {
	// log is what it printed so far, to show beside a failure.
	log() string
	stop()
}

// starter starts the lesson in dir with env added and args as its flags,
// and returns once it is listening.
type starter func(ctx context.Context, dir string, env, args []string) (server, error)

// binaryStarter runs the lesson's binary, built once beforehand.
func binaryStarter(binary string) starter {
	return func(ctx context.Context, dir string, env, args []string) (server, error) {
		return startBinary(ctx, binary, dir, env, args)
	}
}

// process is a lesson started from its binary.
type process struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  strings.Builder
	done chan struct{}
}

// startupTimeout bounds how long a lesson may take to print "listening on".
const startupTimeout = time.Minute

func startBinary(ctx context.Context, binary, dir string, env, args []string) (server, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = w, w
	ownProcessGroup(cmd)
	err = cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	listening := make(chan struct{})
	go p.read(r, listening)
	go func() { cmd.Wait(); close(p.done) }()
	select {
	case <-listening:
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("the lesson exited before listening:\n%s", p.log())
	case <-time.After(startupTimeout):
	case <-ctx.Done():
	}
	p.stop()
	return nil, fmt.Errorf("the lesson was not listening after %v:\n%s", startupTimeout, p.log())
}

// read keeps what the lesson prints and tells when it is listening.
func (p *process) read(r io.ReadCloser, listening chan struct{}) {
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
		if !said && strings.Contains(sc.Text(), "listening on ") {
			said = true
			close(listening)
		}
	}
}

func (p *process) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// stop is Ctrl-C, then a kill if the lesson has not ended in 5 s.
func (p *process) stop() {
	interruptProcessGroup(p.cmd)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		killProcessGroup(p.cmd)
		<-p.done
	}
}
