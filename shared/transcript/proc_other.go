//go:build !unix

package main

import "os/exec"

// Without process groups, only the process itself can be stopped.
func ownProcessGroup(*exec.Cmd) {}

func interruptProcessGroup(cmd *exec.Cmd) { killProcessGroup(cmd) }

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
