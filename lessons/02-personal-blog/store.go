package main

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Post is one blog post, as the API shows it.
type Post struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Slug      string    `json:"slug"`
	Content   string    `json:"content"`
	CreatedAt time.Time `json:"created_at"`
}

// ErrNotFound means no post has the slug asked for.
var ErrNotFound = errors.New("post not found")

// SlugTakenError means another post already has Slug.
type SlugTakenError struct{ Slug string }

func (e *SlugTakenError) Error() string { return "slug " + e.Slug + " is taken" }

//go:embed schema.sql
var schema string

// timeLayout is RFC 3339 with a fixed width, so that sorting the text in
// SQL sorts by time.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Store keeps the posts in a SQLite file. Its *sql.DB is a pool of
// connections shared by every request, safe for concurrent use.
type Store struct {
	db  *sql.DB
	now func() time.Time
}

// OpenStore opens (creating if needed) the database file at path, applies
// the schema and returns a store whose posts are stamped with now().
func OpenStore(ctx context.Context, path string, now func() time.Time) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#%") {
		return nil, fmt.Errorf("database path %q: must be a file name without ?, # or %%", path)
	}
	// Every pooled connection gets these pragmas: writers wait up to 5 s
	// for the lock instead of failing with "database is locked", and WAL
	// lets readers run while one writer writes.
	dsn := "file:" + path + "?" + url.Values{"_pragma": {
		"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)",
	}}.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8) // SQLite has one writer anyway; more connections only queue on its lock
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return &Store{db: db, now: now}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}

// Create stores a new post. A slug already in use is a *SlugTakenError,
// as the UNIQUE constraint decides: no look-up first, so no race between
// two requests for the same slug.
func (s *Store) Create(ctx context.Context, title, slug, content string) (Post, error) {
	p := Post{Title: title, Slug: slug, Content: content, CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO posts (title, slug, content, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		p.Title, p.Slug, p.Content, p.CreatedAt.Format(timeLayout),
	).Scan(&p.ID)
	if isUniqueViolation(err) {
		return Post{}, &SlugTakenError{Slug: slug}
	}
	if err != nil {
		return Post{}, fmt.Errorf("insert post: %w", err)
	}
	return p, nil
}

// List returns one page of the posts, newest first: it skips offset posts
// and returns at most limit, never nil, so that an empty page is [] in
// JSON. more reports whether posts follow the page; asking the database
// for one post beyond it tells that without counting them all.
func (s *Store) List(ctx context.Context, offset, limit int) (posts []Post, more bool, err error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, title, slug, content, created_at FROM posts
		 ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, limit+1, offset)
	if err != nil {
		return nil, false, fmt.Errorf("list posts: %w", err)
	}
	defer rows.Close()
	posts = []Post{}
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, false, err
		}
		posts = append(posts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("list posts: %w", err)
	}
	if len(posts) > limit {
		return posts[:limit], true, nil
	}
	return posts, false, nil
}

// Get returns the post with the given slug.
func (s *Store) Get(ctx context.Context, slug string) (Post, error) {
	row := s.db.QueryRowContext(ctx,
		`SELECT id, title, slug, content, created_at FROM posts WHERE slug = ?`, slug)
	p, err := scanPost(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Post{}, ErrNotFound
	}
	return p, err
}

// scanPost reads one post from a row of SELECT id, title, slug, content,
// created_at.
func scanPost(row interface{ Scan(...any) error }) (Post, error) {
	var p Post
	var created string
	if err := row.Scan(&p.ID, &p.Title, &p.Slug, &p.Content, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Post{}, err
		}
		return Post{}, fmt.Errorf("read post: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, created)
	if err != nil {
		return Post{}, fmt.Errorf("post %d: created_at %q: %w", p.ID, created, err)
	}
	p.CreatedAt = t
	return p, nil
}

// isUniqueViolation reports whether err is SQLite refusing a duplicate
// in a UNIQUE column, told by the driver's error code, not its message.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}
