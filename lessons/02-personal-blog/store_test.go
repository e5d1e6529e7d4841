package main

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"
)

// insertSQL stores a post with the given slug; the rest does not matter here.
const insertSQL = `INSERT INTO posts (title, slug, content, created_at) VALUES ('T', ?, 'C', '2026-11-25T09:00:00.000000Z')`

// insertBoth inserts two posts in one transaction: both are stored, or
// neither is.
func insertBoth(ctx context.Context, db *sql.DB, slugA, slugB string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit it does nothing; before it, it takes every insert back
	for _, slug := range []string{slugA, slugB} {
		if _, err := tx.ExecContext(ctx, insertSQL, slug); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// stored reports whether a post with slug is in the database.
func stored(t *testing.T, s *Store, slug string) bool {
	t.Helper()
	_, err := s.Get(context.Background(), slug)
	if err != nil && !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func TestTwoInsertsOutsideAndInsideATransaction(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.Create(ctx, "Hello", "hello-world", "taken"); err != nil {
		t.Fatal(err)
	}

	t.Run("without one, each insert commits alone and the first stays when the second fails", func(t *testing.T) {
		if _, err := s.db.ExecContext(ctx, insertSQL, "first"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, insertSQL, "hello-world"); err == nil {
			t.Fatal("second insert of hello-world succeeded, want a UNIQUE violation")
		}
		if !stored(t, s, "first") {
			t.Error("first is not stored, want it committed on its own")
		}
	})
	t.Run("in one, the failed second insert rolls the first back", func(t *testing.T) {
		if err := insertBoth(ctx, s.db, "second", "hello-world"); sqliteCode(err) != sqlite3.SQLITE_CONSTRAINT_UNIQUE {
			t.Fatalf("insertBoth(second, hello-world) = %v, want a UNIQUE violation", err)
		}
		if stored(t, s, "second") {
			t.Error("second is stored, want it rolled back with the failed insert")
		}
	})
	t.Run("in one that commits, both are stored", func(t *testing.T) {
		if err := insertBoth(ctx, s.db, "third", "fourth"); err != nil {
			t.Fatal(err)
		}
		if !stored(t, s, "third") || !stored(t, s, "fourth") {
			t.Error("third and fourth are not both stored")
		}
	})
}
