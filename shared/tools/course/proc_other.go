//go:build !unix

package course

import "os/exec"

// Without process groups, only the process itself can be stopped.
func OwnProcessGroup(*exec.Cmd) {}

func interruptProcessGroup(cmd *exec.Cmd) { KillProcessGroup(cmd) }

func KillProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
