package main

import (
	"fmt"
	"strings"
)

// A block is one ```console fence of a README: commands a learner types in
// a second terminal while the lesson runs in the first, each followed by
// what it prints.
type block struct {
	line  int    // the opening fence, 1-based
	start *start // from <!-- transcript: start ... -->; nil keeps the lesson running
	stop  bool   // from <!-- transcript: stop -->: the block runs with the lesson stopped
	skip  string // from <!-- transcript: skip REASON -->
	steps []step
}

// start (re)starts the lesson before a block, as the README tells the
// learner to: environment first, then flags.
type start struct {
	env  []string // NAME=value
	args []string
}

// A step is one "$ " command and the output the README shows for it.
type step struct {
	line     int    // the "$ " line
	command  string // without "$ "; continuation lines joined by "\n"
	want     string // the lines after it, up to the next "$ " or the fence
	wantLine int    // the first line of want
}

const (
	fence     = "```"
	console   = "```console"
	prompt    = "$ "
	directive = "<!-- transcript:"
)

// parseREADME returns the README's transcript blocks. A directive is the
// nearest non-blank line before a block's fence.
func parseREADME(text string) ([]block, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var blocks []block
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], fence) {
			continue
		}
		end := closingFence(lines, i)
		if end < 0 {
			return nil, fmt.Errorf("line %d: the fence is never closed", i+1)
		}
		if strings.TrimSpace(lines[i]) == console {
			b, err := parseBlock(lines, i, end)
			if err != nil {
				return nil, err
			}
			blocks = append(blocks, b)
		}
		i = end
	}
	return blocks, nil
}

// closingFence returns the index of the fence that closes the one at open.
func closingFence(lines []string, open int) int {
	for j := open + 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == fence {
			return j
		}
	}
	return -1
}

// parseBlock reads the block between the fences at open and end.
func parseBlock(lines []string, open, end int) (block, error) {
	b := block{line: open + 1}
	if err := b.readDirective(lines, open); err != nil {
		return b, err
	}
	for j := open + 1; j < end; j++ {
		line := lines[j]
		if !strings.HasPrefix(line, prompt) {
			if len(b.steps) == 0 {
				if strings.TrimSpace(line) == "" {
					continue
				}
				return b, fmt.Errorf("line %d: output before the block's first \"$ \" command", j+1)
			}
			s := &b.steps[len(b.steps)-1]
			s.want += line + "\n"
			continue
		}
		s := step{line: j + 1, command: strings.TrimPrefix(line, prompt)}
		for strings.HasSuffix(s.command, "\\") && j+1 < end {
			j++
			s.command += "\n" + lines[j]
		}
		s.wantLine = j + 2
		b.steps = append(b.steps, s)
	}
	if len(b.steps) == 0 {
		return b, fmt.Errorf("line %d: a console block without a \"$ \" command", open+1)
	}
	return b, nil
}

// readDirective reads the <!-- transcript: ... --> line before the fence.
func (b *block) readDirective(lines []string, open int) error {
	j := open - 1
	for j >= 0 && strings.TrimSpace(lines[j]) == "" {
		j--
	}
	if j < 0 || !strings.HasPrefix(strings.TrimSpace(lines[j]), directive) {
		return nil
	}
	text := strings.TrimSpace(lines[j])
	if !strings.HasSuffix(text, "-->") {
		return fmt.Errorf("line %d: a transcript directive ends with -->", j+1)
	}
	words := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(text, directive), "-->"))
	switch {
	case len(words) > 0 && words[0] == "start":
		b.start = &start{}
		for _, w := range words[1:] {
			if len(b.start.args) == 0 && strings.Contains(w, "=") && !strings.HasPrefix(w, "-") {
				b.start.env = append(b.start.env, w)
			} else {
				b.start.args = append(b.start.args, w)
			}
		}
	case len(words) == 1 && words[0] == "stop":
		b.stop = true
	case len(words) > 1 && words[0] == "skip":
		b.skip = strings.Join(words[1:], " ")
	default:
		return fmt.Errorf("line %d: a transcript directive is \"start [NAME=value ...] [flags ...]\", \"stop\" or \"skip REASON\"", j+1)
	}
	return nil
}
