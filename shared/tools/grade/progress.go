package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress tells the learner what grade is doing while go test runs, so
// that a cold machine (minutes of compiling) never looks hung: a line per
// lesson as its tests finish, the go command's downloads, and after a few
// quiet seconds how long it has been, on a terminal as one status line
// rewritten in place, elsewhere as a line every quietLines.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	live  bool // a terminal: the status line is rewritten in place
	now   func() time.Time
	start time.Time
	last  time.Time // when a line was last written
	shown bool      // the status line is on screen
	total int       // how many things there are to do
	doing string    // "compiling and testing"
	noun  string    // "lessons": what total counts
	done  int
}

const (
	quietLive  = 3 * time.Second  // on a terminal, the status line shows after this
	quietLines = 10 * time.Second // elsewhere, the longest silence
)

// newProgress reports on total lessons being compiled and tested; its
// doing and noun may be changed before the first tick.
func newProgress(w io.Writer, live bool, total int, now func() time.Time) *progress {
	start := now()
	return &progress{w: w, live: live, now: now, start: start, last: start, total: total,
		doing: "compiling and testing", noun: "lessons"}
}

// Write writes b as say does: a progress is the writer of whatever is
// printed while it runs.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.last = p.now()
	return p.w.Write(b)
}

// stepDone counts one thing done that prints nothing itself.
func (p *progress) stepDone() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
}

// say writes a line, over the status line if it is shown.
func (p *progress) say(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintln(p.w, line)
	p.last = p.now()
}

// lessonDone writes the line of a lesson whose tests finished.
func (p *progress) lessonDone(r *lessonResult) {
	p.mu.Lock()
	p.done++
	elapsed := p.now().Sub(p.start)
	p.mu.Unlock()
	p.say(lessonLine(r, elapsed))
}

// tick shows how long it has been, when nothing was said for a while.
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	quiet := quietLines
	if p.live {
		quiet = quietLive
	}
	if now.Sub(p.last) < quiet {
		return
	}
	status := fmt.Sprintf("  ... still %s: %d of %d %s done (%s)", p.doing, p.done, p.total, p.noun, seconds(now.Sub(p.start)))
	if p.live {
		fmt.Fprint(p.w, "\r\x1b[K"+status)
		p.shown = true
		return
	}
	fmt.Fprintln(p.w, status)
	p.last = now
}

// watch ticks every second until the returned stop is called.
func (p *progress) watch() (stop func()) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.tick()
			case <-quit:
				return
			}
		}
	})
	return func() {
		close(quit)
		wg.Wait()
		p.mu.Lock()
		p.clear()
		p.mu.Unlock()
	}
}

// clear takes the status line off the screen; p.mu is held.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// lessonLine is "01-basic-todo-api: 1 of 3 exercises pass (4.2s)".
func lessonLine(r *lessonResult, elapsed time.Duration) string {
	name := strings.TrimPrefix(r.Lesson, "lessons/")
	if r.BuildErr != "" {
		return fmt.Sprintf("%s: does not build (%s)", name, seconds(elapsed))
	}
	passed := 0
	for _, e := range r.Exercises {
		if e.Passed {
			passed++
		}
	}
	line := fmt.Sprintf("%s: %d of %d exercises pass", name, passed, len(r.Exercises))
	if failed := r.Total - r.Passed; failed > 0 {
		line += fmt.Sprintf(", %d of its %d own tests fail", failed, r.Total)
	}
	return line + " (" + seconds(elapsed) + ")"
}

// seconds writes d as "4.2s", as Go writes durations.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1fs", d.Seconds())
}
