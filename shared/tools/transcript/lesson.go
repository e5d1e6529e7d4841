package main

import (
	"context"

	"apicourse/shared/tools/course"
)

// A server is the lesson running in the learner's first terminal.
type server interface {
	// Log is what it printed so far, to show beside a failure.
	Log() string
	// Stop is Ctrl-C in its terminal.
	Stop()
}

// starter starts the lesson in dir with env added and args as its flags,
// and returns once it is listening.
type starter func(ctx context.Context, dir string, env, args []string) (server, error)

// binaryStarter runs the lesson's binary, built once beforehand.
func binaryStarter(binary string) starter {
	return func(ctx context.Context, dir string, env, args []string) (server, error) {
		p, err := course.Start(ctx, binary, dir, env, args)
		if err != nil {
			return nil, err // not a nil *Program in a non-nil server
		}
		return p, nil
	}
}
