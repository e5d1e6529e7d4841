// Command burst is the attack from lesson 06's "Under load": it connects
// -listeners clients that read normally, then one more that sends
// -messages chat messages as fast as it can and reads nothing, and reports
// how many listeners stayed connected and received the whole burst, in
// order.
//
//	go run ./lessons/06-real-time-chat/burst -url ws://127.0.0.1:8000 -listeners 100 -messages 1000
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/websocket"

	"apicourse/shared/program"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

// result is what one listener saw.
type result struct {
	received int    // messages of the burst, in order
	err      string // why it stopped early, if it did
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("burst", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "ws://127.0.0.1:8000", "the chat server's `ws URL`")
	listeners := fs.Int("listeners", 100, "clients that read normally")
	messages := fs.Int("messages", 1000, "messages in the burst")
	firstID := fs.Int("first-id", 100000, "client ids start here, clear of a browser's")
	timeout := fs.Duration("timeout", 30*time.Second, "give up on a listener after this long")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *listeners < 1 || *messages < 1 {
		return program.Usagef("usage: burst [-url ws://HOST:PORT] [-listeners N] [-messages N]")
	}
	origin := "http" + strings.TrimPrefix(*base, "ws")
	dial := func(id int) (*websocket.Conn, error) {
		return websocket.Dial(*base+"/ws/"+strconv.Itoa(id), "", origin)
	}

	conns := make([]*websocket.Conn, *listeners)
	for i := range conns {
		ws, err := dial(*firstID + i)
		if err != nil {
			return fmt.Errorf("listener %d: %w", i, err)
		}
		defer ws.Close()
		conns[i] = ws
	}
	senderID := *firstID + *listeners
	sender, err := dial(senderID)
	if err != nil {
		return fmt.Errorf("sender: %w", err)
	}
	defer sender.Close()

	start := time.Now()
	results := make([]result, *listeners)
	var wg sync.WaitGroup
	for i, ws := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = listen(ws, senderID, *messages, start.Add(*timeout))
		}()
	}
	sent := 0
	for ; sent < *messages && ctx.Err() == nil; sent++ {
		if websocket.Message.Send(sender, "m"+strconv.Itoa(sent)) != nil {
			break
		}
	}
	sendTime := time.Since(start)
	wg.Wait()

	complete, dropped := 0, 0
	for _, r := range results {
		if r.received == *messages {
			complete++
		}
		if r.err != "" {
			dropped++
		}
	}
	fmt.Fprintf(stdout, "sender: %d of %d messages sent in %v\n", sent, *messages, sendTime.Round(time.Millisecond))
	fmt.Fprintf(stdout, "listeners: %d of %d received all %d messages in order; %d disconnected; %v in all\n",
		complete, *listeners, *messages, dropped, time.Since(start).Round(time.Millisecond))
	for i, r := range results {
		if r.err != "" {
			fmt.Fprintf(stdout, "  listener %d stopped after %d: %s\n", i, r.received, r.err)
			break // one example is enough
		}
	}
	return nil
}

// listen reads until it has the whole burst from sender, in order.
func listen(ws *websocket.Conn, sender, n int, deadline time.Time) result {
	prefix := "Client " + strconv.Itoa(sender) + ": m"
	var r result
	_ = ws.SetReadDeadline(deadline)
	for r.received < n {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			r.err = err.Error()
			return r
		}
		if !strings.HasPrefix(msg, prefix) {
			continue // joins and leaves
		}
		if msg != prefix+strconv.Itoa(r.received) {
			r.err = "out of order: " + msg
			return r
		}
		r.received++
	}
	return r
}
