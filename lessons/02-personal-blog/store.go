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

// ErrFull means the database may not grow to hold one more post: it
// reached its size limit (-max-db-mib), or the disk is full. SQLite says
// SQLITE_FULL for both.
var ErrFull = errors.New("no room for another post")

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

// pageSize is the size of one SQLite page, the unit of its size limit:
// 4096 bytes, SQLite's default for a new file.
const pageSize = 4096

// OpenStore opens (creating if needed) the database file at path, applies
// the schema and returns a store whose posts are stamped with now(). The
// file may grow to maxBytes and no further: a post that would need more is
// ErrFull.
func OpenStore(ctx context.Context, path string, maxBytes int64, now func() time.Time) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#%") {
		return nil, fmt.Errorf("database path %q: must be a file name without ?, # or %%", path)
	}
	// Every pooled connection gets these pragmas: writers wait up to 5 s
	// for the lock instead of failing with "database is locked", and WAL
	// lets readers run while one writer writes. max_page_count bounds the
	// file: SQLite refuses to grow it past that many pages.
	dsn := "file:" + path + "?" + url.Values{"_pragma": {
		"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)",
		fmt.Sprintf("max_page_count(%d)", max(1, maxBytes/pageSize)),
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
// two requests for the same slug. A database that may not grow is ErrFull,
// and the post is not stored.
func (s *Store) Create(ctx context.Context, title, slug, content string) (Post, error) {
	p := Post{Title: title, Slug: slug, Content: content, CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO posts (title, slug, content, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		p.Title, p.Slug, p.Content, p.CreatedAt.Format(timeLayout),
	).Scan(&p.ID)
	switch {
	case sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_UNIQUE:
		return Post{}, &SlugTakenError{Slug: slug}
	case sqliteCode(err)&0xff == sqlite3.SQLITE_FULL: // the primary code, whatever the extended one
		return Post{}, fmt.Errorf("insert post: %w: %w", ErrFull, err)
	case err != nil:
		return Post{}, fmt.Errorf("insert post: %w", err)
	}
	return p, nil
}

// maxPageBytes bounds the posts one page holds, in bytes of title and
// content: a page stops filling once it holds this much, so a page of 100
// posts of 400 KB is a few of them, not 40 MB held for a client that may
// never read it.
const maxPageBytes = 1 << 20

// List returns one page of the posts, newest first: it skips offset posts
// and returns at most limit, fewer once they hold maxPageBytes, never nil,
// so that an empty page is [] in JSON. more reports whether posts follow
// the page; asking the database for one post beyond it tells that without
// counting them all.
func (s *Store) List(ctx context.Context, offset, limit int) (posts []Post, more bool, err error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, title, slug, content, created_at FROM posts
		 ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, limit+1, offset)
	if err != nil {
		return nil, false, fmt.Errorf("list posts: %w", err)
	}
	defer rows.Close()
	posts = []Post{}
	size := 0
	for rows.Next() {
		if len(posts) == limit || size >= maxPageBytes {
			return posts, true, nil // a post follows the page
		}
		p, err := scanPost(rows)
		if err != nil {
			return nil, false, err
		}
		posts = append(posts, p)
		size += len(p.Title) + len(p.Content)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("list posts: %w", err)
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

// sqliteCode returns the SQLite result code of err (SQLITE_FULL, a UNIQUE
// violation, ...), or 0 when SQLite did not say: errors are told apart by
// the driver's code, never by their message.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}
