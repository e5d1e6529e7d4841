package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// row is one row of the README's Speed table.
type row struct {
	Scenario string // as the table names it
	README   string // the table's figure for this course
	Lesson   string // the folder under lessons/
	Path     string // what wrk asks for
	// Prepare sets the lesson up for the row and returns wrk's -H headers.
	Prepare func(ctx context.Context, base string) (headers []string, err error)
}

// rows are the README's Speed table, in its order. When a figure in the
// README changes, change it here too.
var rows = []row{
	{"GET /todos, 100 todos (lesson 01)", "39,700–41,400 req/s, p50 1.6 ms", "01-basic-todo-api", "/todos", add100Todos},
	{"GET /v2/items?category=books&limit=20 (lesson 09)", "24,300 req/s", "09-inventory-management", "/v2/items?category=books&limit=20", nothingToPrepare},
	{"authenticated GET /documents (lesson 10)", "26,400 req/s", "10-secure-document-vault", "/documents", logInAsAlice},
}

// nothingToPrepare is for a lesson that starts with its data.
func nothingToPrepare(context.Context, string) ([]string, error) { return nil, nil }

// add100Todos creates the 100 todos GET /todos lists.
func add100Todos(ctx context.Context, base string) ([]string, error) {
	for i := range 100 {
		body := fmt.Sprintf(`{"title":"Todo %d","description":"one of the hundred GET /todos lists"}`, i+1)
		if _, err := send(ctx, "POST", base+"/todos", "application/json", body, http.StatusCreated); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// logInAsAlice gets a token for a demo user, as the lesson's README does.
func logInAsAlice(ctx context.Context, base string) ([]string, error) {
	form := url.Values{"username": {"alice"}, "password": {"alice123"}}.Encode()
	body, err := send(ctx, "POST", base+"/token", "application/x-www-form-urlencoded", form, http.StatusOK)
	if err != nil {
		return nil, err
	}
	var token struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &token); err != nil || token.AccessToken == "" {
		return nil, fmt.Errorf("POST /token answered %s, want an access_token", body)
	}
	return []string{"Authorization: Bearer " + token.AccessToken}, nil
}

// send makes one request and returns the body, or an error when the status
// is not want.
func send(ctx context.Context, method, url, contentType, body string, want int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s %s = %d %s, want %d", method, url, resp.StatusCode, got, want)
	}
	return got, nil
}
