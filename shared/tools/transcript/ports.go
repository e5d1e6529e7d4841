package main

import (
	"net"
	"regexp"
	"strconv"
)

// hostPort matches the addresses a README's commands use.
var hostPort = regexp.MustCompile(`\b(127\.0\.0\.1|localhost):(\d{2,5})\b`)

// ports moves every port a README names to a free one, so that a transcript
// runs beside a lesson the learner left running on 8000, and moves it back
// in what the commands print.
type ports struct {
	real   map[string]string // README's port → the free one used
	readme map[string]string // and back
}

// lessonPort is where every lesson listens unless told otherwise.
const lessonPort = "8000"

func newPorts(blocks []block) (*ports, error) {
	p := &ports{real: map[string]string{}, readme: map[string]string{}}
	texts := []string{"127.0.0.1:" + lessonPort}
	for _, b := range blocks {
		if b.start != nil {
			texts = append(texts, b.start.args...)
			texts = append(texts, b.start.env...)
		}
		for _, s := range b.steps {
			texts = append(texts, s.command)
		}
	}
	for _, t := range texts {
		for _, m := range hostPort.FindAllStringSubmatch(t, -1) {
			if _, ok := p.real[m[2]]; ok || m[2] == "0" {
				continue
			}
			free, err := freePort()
			if err != nil {
				return nil, err
			}
			p.real[m[2]], p.readme[free] = free, m[2]
		}
	}
	return p, nil
}

// freePort asks the system for a port nobody listens on.
func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}

// toReal rewrites the README's addresses in s to the ones used.
func (p *ports) toReal(s string) string { return swap(s, p.real) }

// toREADME rewrites the addresses used in s back to the README's.
func (p *ports) toREADME(s string) string { return swap(s, p.readme) }

func swap(s string, to map[string]string) string {
	return hostPort.ReplaceAllStringFunc(s, func(hp string) string {
		m := hostPort.FindStringSubmatch(hp)
		if port, ok := to[m[2]]; ok {
			return m[1] + ":" + port
		}
		return hp
	})
}
