package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// config is what checking a README needs from the world.
type config struct {
	start       starter
	stepTimeout time.Duration
	missing     func(tool string) bool // a tool or python3 module is not installed
}

// result is what checking one README found.
type result struct {
	name    string
	matched int      // commands whose output matched
	skipped []string // blocks not run, each with its line and reason
	failure string   // the first command that did not match; "" if none
}

// optionalTools are the walkthroughs' tools beyond Go: a block that needs
// one that is missing is skipped and says so.
var optionalTools = []string{"curl", "jq", "openssl", "python3", "wrk", "websocat"}

var pythonImport = regexp.MustCompile(`\bimport ([a-z_]+)`)

// checkREADME runs every transcript block of text in dir, a scratch copy
// of the course, against the lesson started by cfg.start.
func checkREADME(ctx context.Context, cfg config, name, text, dir string) result {
	res := result{name: name}
	blocks, err := parseREADME(text)
	if err != nil {
		res.failure = err.Error()
		return res
	}
	t, err := openTerminals(ctx, cfg, blocks, dir)
	if err != nil {
		res.failure = err.Error()
		return res
	}
	defer t.close()
	for i, b := range blocks {
		if why := skipReason(cfg, b); why != "" {
			res.skipped = append(res.skipped, fmt.Sprintf("line %d: %s", b.line, why))
			if b.skip == "" {
				res.skipRest(blocks[i+1:], "an earlier block was skipped")
				return res
			}
			continue
		}
		if err := t.setLesson(b); err != nil {
			res.failure = fmt.Sprintf("line %d: starting the lesson: %v", b.line, err)
			return res
		}
		for _, s := range b.steps {
			if res.failure = runStep(cfg, t.sh, t.ports, s, t.lesson); res.failure != "" {
				return res
			}
			res.matched++
		}
	}
	return res
}

// terminals are the learner's two: the lesson running in the first, a
// shell for the commands in the second.
type terminals struct {
	ctx    context.Context
	cfg    config
	dir    string
	ports  *ports
	sh     *shell
	lesson server // nil while the lesson is stopped
}

func openTerminals(ctx context.Context, cfg config, blocks []block, dir string) (*terminals, error) {
	p, err := newPorts(blocks)
	if err != nil {
		return nil, err
	}
	sh, err := startShell(dir, []string{"CURL_HOME=" + curlHome(dir)})
	if err != nil {
		return nil, err
	}
	return &terminals{ctx: ctx, cfg: cfg, dir: dir, ports: p, sh: sh}, nil
}

// setLesson stops or (re)starts the lesson as b's directive says; with
// none, a lesson that is not running is started.
func (t *terminals) setLesson(b block) error {
	if (b.stop || b.start != nil) && t.lesson != nil {
		t.lesson.Stop()
		t.lesson = nil
	}
	if t.lesson != nil || b.stop {
		return nil
	}
	srv, err := startLesson(t.ctx, t.cfg, t.dir, t.ports, b.start)
	t.lesson = srv
	return err
}

func (t *terminals) close() {
	t.sh.close()
	if t.lesson != nil {
		t.lesson.Stop()
	}
}

// curlHome makes a curl configuration that turns off the progress meter,
// which curl shows when its output is not a terminal: the learner, on a
// terminal, never sees it. It also keeps a learner's own ~/.curlrc out.
func curlHome(dir string) string {
	home := filepath.Join(dir, ".transcript-curl")
	if os.MkdirAll(home, 0o755) == nil {
		os.WriteFile(filepath.Join(home, ".curlrc"), []byte("no-progress-meter\n"), 0o644)
	}
	return home
}

// skipRest records the blocks after a skipped one as skipped too: they may
// need what it would have set up.
func (r *result) skipRest(rest []block, why string) {
	for _, b := range rest {
		r.skipped = append(r.skipped, fmt.Sprintf("line %d: %s", b.line, why))
	}
}

// skipReason says why b cannot run here, or "".
func skipReason(cfg config, b block) string {
	if b.skip != "" {
		return b.skip
	}
	var text strings.Builder
	for _, s := range b.steps {
		text.WriteString(s.command + "\n")
	}
	for _, tool := range optionalTools {
		if usesTool(text.String(), tool) && cfg.missing(tool) {
			return tool + " is not installed"
		}
	}
	if usesTool(text.String(), "python3") {
		for _, m := range pythonImport.FindAllStringSubmatch(text.String(), -1) {
			if cfg.missing("python3 -c 'import " + m[1] + "'") {
				return "the python3 module " + m[1] + " is not installed"
			}
		}
	}
	return ""
}

// usesTool reports whether a command of text runs tool.
func usesTool(text, tool string) bool {
	re := regexp.MustCompile("(^|[\\s|;&(`])" + regexp.QuoteMeta(tool) + "($|[\\s|;&)`])")
	return re.MatchString(text)
}

// startLesson starts the lesson as st says, on the port the README's
// 127.0.0.1:8000 stands for.
func startLesson(ctx context.Context, cfg config, dir string, p *ports, st *start) (server, error) {
	if st == nil {
		st = &start{}
	}
	args := st.args
	if !hasFlag(args, "addr") {
		args = append([]string{"-addr", "127.0.0.1:" + lessonPort}, args...)
	}
	env := make([]string, len(st.env))
	for i, e := range st.env {
		env[i] = p.toReal(e)
	}
	real := make([]string, len(args))
	for i, a := range args {
		real[i] = p.toReal(a)
	}
	return cfg.start(ctx, dir, env, real)
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// runStep types one command and compares what it printed with the README.
func runStep(cfg config, sh *shell, p *ports, s step, srv server) string {
	out, err := sh.run(p.toReal(s.command), cfg.stepTimeout)
	got := p.toREADME(out)
	if err != nil {
		return fmt.Sprintf("line %d: $ %s\n  %v; it printed:\n%s", s.line, s.command, err, indent(got, 6))
	}
	m := compare(s.want, got)
	if m == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "line %d: $ %s\n", s.line, s.command)
	fmt.Fprintf(&b, "  line %d of the README: %s\n", s.wantLine+m.line, m.want)
	if len(m.context) > 0 {
		fmt.Fprintf(&b, "  the command printed, after\n%s\n", indent(strings.Join(m.context, "\n"), 6))
	}
	fmt.Fprintf(&b, "  this instead:          %s\n", m.got)
	if srv != nil {
		fmt.Fprintf(&b, "  the lesson's last log lines:\n%s", indent(lastLines(p.toREADME(srv.Log()), 5), 6))
	}
	return b.String()
}

func indent(text string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// missingHere is the real config.missing: a tool not on PATH, or a python3
// module python3 cannot import.
func missingHere(tool string) bool {
	if strings.HasPrefix(tool, "python3 -c ") {
		return exec.Command("bash", "-c", tool).Run() != nil
	}
	_, err := exec.LookPath(tool)
	return err != nil
}
