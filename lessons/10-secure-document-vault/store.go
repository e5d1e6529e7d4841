package main

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"sync"
)

// User is an account of the vault, as the API shows it: never its hash.
type User struct {
	Username       string   `json:"username"`
	ClearanceLevel int      `json:"clearance_level"`
	Scopes         []string `json:"scopes"`
}

// The demo users' bcrypt hashes (cost 12), made once. The passwords are
// in the README and the tests, never in the code.
var demoHashes = map[string]string{
	"alice": "$2a$12$Hj23m9tBcwq0WvaZ9iBCHOK/GI0kDGlcFAVcbekwlZoku8IktgtJK",
	"admin": "$2a$12$sf.zhAB.BZ8aQeX.v8WqIeGBYWJykzMb3u4bk9DfnGZ3o7arJ4YhK",
	"bob":   "$2a$12$itwW02fJFKhAg1IiEFkSmuu94rzFlab0W3RGnlwNdclTUWK5iJpFa",
}

// demoDummyHash is a cost-12 hash of a random string nobody kept.
const demoDummyHash = "$2a$12$0DlcUgupHYqiTrbeDHgHL.5w/KkGtyecgVTGSW/FmRJm9SIe6rxU."

// demoUsers are the vault's accounts, sorted by username.
var demoUsers = []User{
	{Username: "admin", ClearanceLevel: 5, Scopes: []string{"vault:read", "vault:write", "admin"}},
	{Username: "alice", ClearanceLevel: 3, Scopes: []string{"vault:read", "vault:write"}},
	{Username: "bob", ClearanceLevel: 1, Scopes: []string{"vault:read"}},
}

// Document is one document of the vault.
type Document struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Content     string `json:"content"`
	SecretLevel int    `json:"secret_level"`
	Owner       string `json:"owner"`
}

// The vault's errors; answer, in handlers.go, says what a client sees of
// each.
var (
	// ErrNotFound means no such document, or one above the reader's
	// clearance: to a reader, the two are the same.
	ErrNotFound = errors.New("document not found")
	// ErrAboveClearance means a document would be filed above its
	// writer's clearance.
	ErrAboveClearance = errors.New("document above the writer's clearance")
	// ErrFull means the vault holds as many documents as it may.
	ErrFull = errors.New("document vault full")
)

// seedTitles are the seeded documents' titles, one per secret level.
var seedTitles = []string{"Cafeteria menu", "Team roster", "Quarterly numbers", "Merger plans", "Launch codes"}

// Vault holds the users and the documents, safe for concurrent use.
type Vault struct {
	users   map[string]User
	maxDocs int

	mu     sync.RWMutex
	docs   []Document // ordered by id
	lastID int64
}

// NewVault returns a vault of users with one seeded document at every
// secret level from 1 to 5. It holds at most maxDocs documents, the seeded
// ones included.
func NewVault(users []User, maxDocs int) *Vault {
	v := &Vault{users: map[string]User{}, maxDocs: maxDocs}
	for _, u := range users {
		v.users[u.Username] = u
	}
	for level, title := range seedTitles {
		// Filed by admin, clearance 5. Fails only for maxDocs under 5,
		// which run refuses (-max-items).
		_, _ = v.Add(Document{Title: title, Content: title + ": for level " + strconv.Itoa(level+1) + " eyes only.", SecretLevel: level + 1, Owner: "admin"}, 5)
	}
	return v
}

// User returns the user called username.
func (v *Vault) User(username string) (User, bool) {
	u, ok := v.users[username]
	return u, ok
}

// Users returns every user, sorted by username.
func (v *Vault) Users() []User {
	users := make([]User, 0, len(v.users))
	for _, u := range v.users {
		users = append(users, u)
	}
	slices.SortFunc(users, func(a, b User) int { return cmp.Compare(a.Username, b.Username) })
	return users
}

// Add stores d, filed by a writer of the given clearance, with the next id
// and returns it. It stores nothing and returns ErrAboveClearance when d's
// secret level is above clearance, ErrFull when the vault already holds
// maxDocs documents.
func (v *Vault) Add(d Document, clearance int) (Document, error) {
	if d.SecretLevel > clearance {
		return Document{}, ErrAboveClearance
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.docs) >= v.maxDocs {
		return Document{}, ErrFull
	}
	v.lastID++
	d.ID = v.lastID
	v.docs = append(v.docs, d)
	return d, nil
}

// Readable returns a page of the documents at or below clearance, newest
// first: offset of them skipped, at most limit, and whether more follow.
// The page holds the stored strings, not copies; never nil.
func (v *Vault) Readable(clearance, offset, limit int) (docs []Document, more bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	docs = []Document{}
	for i := len(v.docs) - 1; i >= 0; i-- {
		if v.docs[i].SecretLevel > clearance {
			continue
		}
		switch {
		case offset > 0:
			offset--
		case len(docs) == limit:
			return docs, true
		default:
			docs = append(docs, v.docs[i])
		}
	}
	return docs, false
}

// Count returns how many documents the vault holds.
func (v *Vault) Count() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.docs)
}

// Document returns document id if it exists and clearance may read it,
// else ErrNotFound.
func (v *Vault) Document(id int64, clearance int) (Document, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	i, found := slices.BinarySearchFunc(v.docs, id, func(d Document, id int64) int { return cmp.Compare(d.ID, id) })
	if !found || v.docs[i].SecretLevel > clearance {
		return Document{}, ErrNotFound
	}
	return v.docs[i], nil
}
