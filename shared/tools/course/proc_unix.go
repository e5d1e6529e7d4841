//go:build unix

package course

import (
	"os/exec"
	"syscall"
)

// OwnProcessGroup puts cmd and its children in a group of their own, so
// that what a command starts in the background can be stopped with it.
func OwnProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// interruptProcessGroup is Ctrl-C in the terminal that started cmd.
func interruptProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
	}
}

// KillProcessGroup stops cmd and everything it started.
func KillProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
