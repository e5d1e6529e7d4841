package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"apicourse/shared/web"
	"apicourse/shared/webtest"
)

// The demo passwords; the code only has their hashes.
var demoPasswords = map[string]string{"alice": "alice123", "admin": "admin123", "bob": "bob123"}

// cheapPasswords checks the demo passwords against hashes of the lowest
// cost, so that tests do not spend a quarter second per login. It counts
// the hashes it compares against.
func cheapPasswords(t testing.TB) (*Passwords, *[]string) {
	t.Helper()
	hashes := map[string]string{}
	for user, pw := range demoPasswords {
		h, _ := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
		hashes[user] = string(h)
	}
	dummy, _ := bcrypt.GenerateFromPassword([]byte("nobody knows"), bcrypt.MinCost)
	p := NewPasswords(hashes, string(dummy), 4, 4, loginWait)
	var mu sync.Mutex
	compared := &[]string{}
	p.compare = func(hash, password []byte) error {
		mu.Lock()
		*compared = append(*compared, map[bool]string{true: "dummy", false: "user"}[string(hash) == string(dummy)])
		mu.Unlock()
		return bcrypt.CompareHashAndPassword(hash, password)
	}
	return p, compared
}

// app is the lesson's whole stack with a clock the test can move. Every
// response it sends is held to openapi.json.
type app struct {
	h        http.Handler
	vault    *Vault
	now      time.Time
	compared *[]string
}

func newApp(t testing.TB) *app {
	t.Helper()
	passwords, compared := cheapPasswords(t)
	a := newAppWith(t, passwords, defaultMaxItems)
	a.compared = compared
	return a
}

// newAppWith is newApp with the given passwords and a vault of at most
// maxDocs documents.
func newAppWith(t testing.TB, passwords *Passwords, maxDocs int) *app {
	t.Helper()
	a := &app{vault: NewVault(demoUsers, maxDocs), now: testNow}
	auth := NewAuth(testSecret, a.vault, func() time.Time { return a.now })
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), auth, a.vault, passwords)
	a.h = webtest.ParseAPI(t, openapiJSON).Check(t, h)
	return a
}

// as sends a request with a bearer token (none when token is "").
func (a *app) as(token, method, path, body string) *webtest.Response {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return webtest.Do(a.h, r)
}

// login posts the form to /token.
func (a *app) login(form url.Values) *webtest.Response {
	return a.loginFrom(testClient, form)
}

// loginFrom posts the form to /token from client's address.
func (a *app) loginFrom(client string, form url.Values) *webtest.Response {
	r := httptest.NewRequest("POST", "/token", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr = client + ":1234"
	return webtest.Do(a.h, r)
}

// all returns every document of the vault, newest first.
func (v *Vault) all() []Document {
	docs, _ := v.Readable(5, 0, v.Count())
	return docs
}

func TestTokenGrantsTheScopesAskedForThatTheUserHolds(t *testing.T) {
	tests := []struct {
		user, scope, wantScope string
	}{
		{"alice", "", "vault:read vault:write"},
		{"alice", "vault:read", "vault:read"},
		{"alice", "vault:read admin", "vault:read"},
		{"bob", "vault:read vault:write", "vault:read"},
		{"admin", "", "vault:read vault:write admin"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s asking for %q gets %q", tt.user, tt.scope, tt.wantScope), func(t *testing.T) {
			a := newApp(t)
			form := url.Values{"username": {tt.user}, "password": {demoPasswords[tt.user]}, "grant_type": {"password"}}
			if tt.scope != "" {
				form.Set("scope", tt.scope)
			}
			w := a.login(form)
			w.WantStatus(t, http.StatusOK)
			if got := w.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			got := webtest.Decode[struct {
				AccessToken string `json:"access_token"`
				TokenType   string `json:"token_type"`
				ExpiresIn   int    `json:"expires_in"`
				Scope       string `json:"scope"`
			}](t, w)
			if got.TokenType != "bearer" || got.ExpiresIn != 1800 || got.Scope != tt.wantScope {
				t.Errorf("token_type %q, expires_in %d, scope %q; want bearer, 1800, %q", got.TokenType, got.ExpiresIn, got.Scope, tt.wantScope)
			}
			c, err := VerifyToken(testSecret, got.AccessToken, testNow)
			if err != nil || c.Sub != tt.user || strings.Join(c.Scopes, " ") != tt.wantScope || c.EXP != testNow.Add(30*time.Minute).Unix() {
				t.Errorf("the token's claims = %+v (%v), want sub %s, scopes %q, exp in 30 minutes", c, err, tt.user, tt.wantScope)
			}
		})
	}
}

func TestTokenRefusesBadLogins(t *testing.T) {
	tests := []struct {
		name         string
		form         url.Values
		wantCompared string
	}{
		{"a wrong password", url.Values{"username": {"alice"}, "password": {"alice124"}}, "user"},
		{"an unknown user, after a comparison all the same", url.Values{"username": {"mallory"}, "password": {"x"}}, "dummy"},
		{"a password over 72 bytes, never truncated", url.Values{"username": {"alice"}, "password": {"alice123" + strings.Repeat("x", 65)}}, "dummy"},
		{"the password of another user", url.Values{"username": {"bob"}, "password": {"alice123"}}, "user"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			a := newApp(t)
			w := a.login(tt.form)
			w.WantStatus(t, http.StatusBadRequest)
			w.WantJSON(t, `{"detail":"Incorrect username or password"}`)
			if got := strings.Join(*a.compared, ","); got != tt.wantCompared {
				t.Errorf("compared against %q, want exactly one comparison, with the %s hash", got, tt.wantCompared)
			}
		})
	}
	t.Run("accepts exactly 72 bytes as the whole password", func(t *testing.T) {
		p, _ := cheapPasswords(t)
		long := strings.Repeat("p", 72)
		h, _ := bcrypt.GenerateFromPassword([]byte(long), bcrypt.MinCost)
		p.hashes["long"] = h
		ok, _ := p.Check(context.Background(), testClient, "long", long)
		tooLong, _ := p.Check(context.Background(), testClient, "long", long+"q")
		if !ok || tooLong {
			t.Error("a 72-byte password must match, and the same with one more byte must not")
		}
	})

	invalid := []struct {
		name, body, contentType, wantType, wantLoc string
	}{
		{"no password", "username=alice", "application/x-www-form-urlencoded", "missing", "form.password"},
		{"no username", "password=x", "application/x-www-form-urlencoded", "missing", "form.username"},
		{"another grant type", "username=alice&password=alice123&grant_type=client_credentials", "application/x-www-form-urlencoded", "string_pattern_mismatch", "form.grant_type"},
	}
	for _, tt := range invalid {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/token", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.contentType)
			webtest.Do(newApp(t).h, r).WantProblem(t, tt.wantType, tt.wantLoc)
		})
	}
	t.Run("refuses JSON with 415", func(t *testing.T) {
		w := newApp(t).as("", "POST", "/token", `{"username":"alice","password":"alice123"}`)
		w.WantStatus(t, http.StatusUnsupportedMediaType)
	})
}

func TestRequestsWithoutAValidTokenAre401(t *testing.T) {
	a := newApp(t)
	good := mint(t, "alice", "vault:read")
	tests := []struct {
		name, header, wantDetail, wantChallenge string
	}{
		{"no Authorization header", "", "Not authenticated", "Bearer"},
		{"a Basic header", "Basic YWxpY2U6YWxpY2UxMjM=", "Not authenticated", "Bearer"},
		{"Bearer without a token", "Bearer ", "Not authenticated", "Bearer"},
		{"a garbage token", "Bearer not.a.token", "Could not validate credentials", `Bearer error="invalid_token"`},
		{"a token signed with another secret", "Bearer " + forged(t, "alice"), "Could not validate credentials", `Bearer error="invalid_token"`},
		{"a token for a user who does not exist", "Bearer " + mint(t, "mallory", "vault:read", "admin"), "Could not validate credentials", `Bearer error="invalid_token"`},
		{"an alg none token", "Bearer " + segment(`{"alg":"none"}`) + "." + strings.Split(good, ".")[1] + ".", "Could not validate credentials", `Bearer error="invalid_token"`},
	}
	for _, tt := range tests {
		t.Run("answers 401 to "+tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/documents", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			w := webtest.Do(a.h, r)
			w.WantStatus(t, http.StatusUnauthorized)
			w.WantJSON(t, `{"detail":"`+tt.wantDetail+`"}`)
			if got := w.Header().Get("WWW-Authenticate"); got != tt.wantChallenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tt.wantChallenge)
			}
		})
	}
	t.Run("answers 401 once the token has expired", func(t *testing.T) {
		a := newApp(t)
		a.now = testNow.Add(31 * time.Minute)
		a.as(good, "GET", "/documents", "").WantStatus(t, http.StatusUnauthorized)
	})
	t.Run("accepts the scheme in any case", func(t *testing.T) {
		r := httptest.NewRequest("GET", "/users/me", nil)
		r.Header.Set("Authorization", "bearer "+good)
		webtest.Do(a.h, r).WantStatus(t, http.StatusOK)
	})
}

// forged returns a well-formed token for sub signed with a secret the
// server does not have.
func forged(t *testing.T, sub string) string {
	t.Helper()
	token, _ := SignToken([]byte("not-the-servers-secret-at-all-32b"), Claims{Sub: sub, Scopes: []string{"vault:read"}, IAT: testNow.Unix(), EXP: testNow.Add(time.Hour).Unix()})
	return token
}

func TestAMissingScopeIs403(t *testing.T) {
	a := newApp(t)
	tests := []struct {
		token, method, path, body, scope string
	}{
		{mint(t, "alice", "vault:write"), "GET", "/documents", "", "vault:read"},
		{mint(t, "alice", "vault:read"), "POST", "/documents", `{"title":"t","content":"c","secret_level":1}`, "vault:write"},
		{mint(t, "bob", "vault:read", "vault:write"), "POST", "/documents", `{"title":"t","content":"c","secret_level":1}`, "vault:write"},
		{mint(t, "alice", "vault:read", "vault:write"), "GET", "/admin/users", "", "admin"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" needs "+tt.scope, func(t *testing.T) {
			w := a.as(tt.token, tt.method, tt.path, tt.body)
			w.WantStatus(t, http.StatusForbidden)
			w.WantJSON(t, `{"detail":"Not enough permissions"}`)
			want := `Bearer error="insufficient_scope", scope="` + tt.scope + `"`
			if got := w.Header().Get("WWW-Authenticate"); got != want {
				t.Errorf("WWW-Authenticate = %q, want %q", got, want)
			}
		})
	}
	if n := a.vault.Count(); n != 5 {
		t.Errorf("after refused writes the vault has %d documents, want the 5 seeded", n)
	}
}

func TestUsersMe(t *testing.T) {
	w := newApp(t).as(mint(t, "alice", "vault:read"), "GET", "/users/me", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"username":"alice","clearance_level":3,"scopes":["vault:read","vault:write"]}`)
}

// TestAHandlerMountedWithoutRequireIs500 mounts each handler that reads
// the user the way a forgetful routes.go would, without auth.Require: the
// answer is a 500 whose log line names the mistake, never an answer for a
// nameless user of clearance 0.
func TestAHandlerMountedWithoutRequireIs500(t *testing.T) {
	vault := NewVault(demoUsers, defaultMaxItems)
	for _, tc := range []struct {
		name, pattern, method, path, body string
		handler                           http.Handler
	}{
		{"GET /users/me", "GET /users/me", "GET", "/users/me", "", handleMe()},
		{"GET /documents", "GET /documents", "GET", "/documents", "", handleListDocuments(vault)},
		{"GET /documents/1", "GET /documents/{document_id}", "GET", "/documents/1", "", handleGetDocument(vault)},
		{"POST /documents", "POST /documents", "POST", "/documents", `{"title":"t","content":"c","secret_level":1}`, handleCreateDocument(vault)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.Handle(tc.pattern, tc.handler) // no auth.Require: the mistake under test
			var log strings.Builder
			h := web.LogRequests(slog.New(slog.NewTextHandler(&log, nil)), web.Recover(mux, web.WriteJSONError))
			w := webtest.Send(t, h, tc.method, tc.path, tc.body)
			w.WantStatus(t, http.StatusInternalServerError)
			w.WantJSON(t, `{"detail":"Internal Server Error"}`)
			if want := "mount this handler with auth.Require"; !strings.Contains(log.String(), want) {
				t.Errorf("%s %s log = %q, want it to contain %q", tc.method, tc.path, log.String(), want)
			}
		})
	}
}

func TestDocumentsFollowClearance(t *testing.T) {
	a := newApp(t)
	for user, want := range map[string][]int64{"bob": {1}, "alice": {3, 2, 1}, "admin": {5, 4, 3, 2, 1}} {
		t.Run(user+" lists documents "+fmt.Sprint(want), func(t *testing.T) {
			w := a.as(mint(t, user, "vault:read"), "GET", "/documents", "")
			w.WantStatus(t, http.StatusOK)
			var ids []int64
			for _, d := range webtest.Decode[[]Document](t, w) {
				ids = append(ids, d.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(want) {
				t.Errorf("ids = %v, want %v", ids, want)
			}
		})
	}
	alice := mint(t, "alice", "vault:read")
	w := a.as(alice, "GET", "/documents/3", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"id":3,"title":"Quarterly numbers","content":"Quarterly numbers: for level 3 eyes only.","secret_level":3,"owner":"admin"}`)
	for _, path := range []string{"/documents/4", "/documents/99"} {
		w := a.as(alice, "GET", path, "")
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Document not found"}`)
	}
	a.as(alice, "GET", "/documents/abc", "").WantProblem(t, "int_parsing", "path.document_id")
}

func TestCreateDocument(t *testing.T) {
	a := newApp(t)
	alice := mint(t, "alice", "vault:read", "vault:write")
	w := a.as(alice, "POST", "/documents", `{"title":"Notes","content":"Level three.","secret_level":3}`)
	w.WantStatus(t, http.StatusCreated)
	w.WantJSON(t, `{"id":6,"title":"Notes","content":"Level three.","secret_level":3,"owner":"alice"}`)
	if got := w.Header().Get("Location"); got != "/documents/6" {
		t.Errorf("Location = %q, want /documents/6", got)
	}

	w = a.as(alice, "POST", "/documents", `{"title":"Too secret","content":"x","secret_level":4}`)
	w.WantStatus(t, http.StatusForbidden)
	w.WantJSON(t, `{"detail":"Insufficient clearance level"}`)

	invalid := []struct{ body, wantType, wantLoc string }{
		{`{"title":"t","content":"c","secret_level":0}`, "greater_than_equal", "body.secret_level"},
		{`{"title":"t","content":"c","secret_level":6}`, "less_than_equal", "body.secret_level"},
		{`{"title":"t","content":"c","secret_level":"3"}`, "int_type", "body.secret_level"},
		{`{"content":"c","secret_level":1}`, "missing", "body.title"},
		{`{"title":"t","content":"","secret_level":1}`, "string_too_short", "body.content"},
		{`{"title":"t","content":"c","secret_level":1,"owner":"admin"}`, "extra_forbidden", "body.owner"},
	}
	for _, tt := range invalid {
		t.Run("refuses "+tt.body, func(t *testing.T) {
			a.as(alice, "POST", "/documents", tt.body).WantProblem(t, tt.wantType, tt.wantLoc)
		})
	}
	t.Run("gives 50 concurrent documents 50 ids", func(t *testing.T) {
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() { a.as(alice, "POST", "/documents", `{"title":"t","content":"c","secret_level":1}`) })
		}
		wg.Wait()
		seen := map[int64]bool{}
		for _, d := range a.vault.all() {
			seen[d.ID] = true
		}
		if len(seen) != 56 {
			t.Errorf("the vault has %d distinct ids, want 56", len(seen))
		}
	})
}

func TestAdminListsUsersWithoutHashes(t *testing.T) {
	w := newApp(t).as(mint(t, "admin", "admin"), "GET", "/admin/users", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `[
		{"username":"admin","clearance_level":5,"scopes":["vault:read","vault:write","admin"]},
		{"username":"alice","clearance_level":3,"scopes":["vault:read","vault:write"]},
		{"username":"bob","clearance_level":1,"scopes":["vault:read"]}]`)
}

func TestTokenIs503WhenEveryComparisonSlotIsTaken(t *testing.T) {
	p, g := gatedPasswords(1)
	a := newAppWith(t, p, defaultMaxItems)
	holder := make(chan *webtest.Response, 1)
	go func() { holder <- a.login(url.Values{"username": {"alice"}, "password": {"wrong"}}) }()
	<-g.entered
	close(g.timeout)

	busy := make(chan *webtest.Response, 1)
	go func() { busy <- a.login(url.Values{"username": {"alice"}, "password": {"alice123"}}) }()
	var w *webtest.Response
	select {
	case w = <-busy:
	case <-g.entered:
		t.Fatal("POST /token started a second comparison with -max-logins 1")
	}
	w.WantStatus(t, http.StatusServiceUnavailable)
	w.WantJSON(t, `{"detail":"Too many login attempts, try again later"}`)
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want 1", got)
	}

	g.release <- struct{}{}
	(<-holder).WantStatus(t, http.StatusBadRequest)
}

func TestCreateDocumentBeyondMaxItemsIs507(t *testing.T) {
	t.Run("the seeded documents count, and a full vault keeps what it has", func(t *testing.T) {
		p, _ := cheapPasswords(t)
		a := newAppWith(t, p, 6)
		alice := mint(t, "alice", "vault:read", "vault:write")
		body := `{"title":"Notes","content":"c","secret_level":1}`
		a.as(alice, "POST", "/documents", body).WantStatus(t, http.StatusCreated)
		w := a.as(alice, "POST", "/documents", body)
		w.WantStatus(t, http.StatusInsufficientStorage)
		w.WantJSON(t, `{"detail":"Storage limit reached"}`)
		if n := a.vault.Count(); n != 6 {
			t.Errorf("the full vault has %d documents, want 6", n)
		}
	})
	t.Run("stores exactly as many of 20 concurrent creates as fit", func(t *testing.T) {
		p, _ := cheapPasswords(t)
		a := newAppWith(t, p, 8)
		alice := mint(t, "alice", "vault:read", "vault:write")
		codes := make(chan int, 20)
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				codes <- a.as(alice, "POST", "/documents", `{"title":"t","content":"c","secret_level":1}`).Code
			})
		}
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		if count[http.StatusCreated] != 3 || count[http.StatusInsufficientStorage] != 17 {
			t.Errorf("statuses = %v, want 3 × 201 and 17 × 507", count)
		}
		if n := a.vault.Count(); n != 8 {
			t.Errorf("the vault has %d documents, want 8", n)
		}
	})
}

func TestDocumentsArePagedNewestFirst(t *testing.T) {
	a := newApp(t)
	alice := mint(t, "alice", "vault:read")
	admin := mint(t, "admin", "vault:write")
	for i := range 25 { // documents 6..30 at levels 1..4
		a.as(admin, "POST", "/documents", fmt.Sprintf(`{"title":"n%d","content":"c","secret_level":%d}`, i, 1+i%4)).WantStatus(t, http.StatusCreated)
	}
	// alice's clearance is 3: of 6..30, those at level 4 (every fourth) are not hers.
	var readable []int64
	for id := int64(30); id >= 1; id-- {
		if id <= 3 || id >= 6 && (id-6)%4 != 3 {
			readable = append(readable, id)
		}
	}
	tests := []struct {
		query    string
		want     []int64
		wantLink string
	}{
		{"", readable[:20], `</documents?limit=20&offset=20>; rel="next"`},
		{"?offset=20", readable[20:], ""},
		{"?limit=5&offset=3", readable[3:8], `</documents?limit=5&offset=8>; rel="next"`},
		{"?limit=100", readable, ""},
		{"?offset=1000", nil, ""},
	}
	for _, tt := range tests {
		t.Run("GET /documents"+tt.query+" answers its page and says whether more follow", func(t *testing.T) {
			w := a.as(alice, "GET", "/documents"+tt.query, "")
			w.WantStatus(t, http.StatusOK)
			var ids []int64
			for _, d := range webtest.Decode[[]Document](t, w) {
				ids = append(ids, d.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
			if got := w.Header().Get("Link"); got != tt.wantLink {
				t.Errorf("Link = %q, want %q", got, tt.wantLink)
			}
		})
	}
	if body := a.as(alice, "GET", "/documents?offset=1000", "").Body.String(); body != "[]\n" {
		t.Errorf("a page past the end = %q, want []", body)
	}
	invalid := []struct{ query, wantType, wantLoc string }{
		{"?limit=0", "greater_than_equal", "query.limit"},
		{"?limit=101", "less_than_equal", "query.limit"},
		{"?offset=-1", "greater_than_equal", "query.offset"},
		{"?offset=1e3", "int_parsing", "query.offset"},
		{"?limit=%zz", "int_parsing", "query.limit"}, // r.URL.Query would drop it: the default page
	}
	for _, tt := range invalid {
		t.Run("refuses "+tt.query, func(t *testing.T) {
			a.as(alice, "GET", "/documents"+tt.query, "").WantProblem(t, tt.wantType, tt.wantLoc)
		})
	}
}

func TestDocumentAnswersAreNeverCached(t *testing.T) {
	a := newApp(t)
	alice := mint(t, "alice", "vault:read", "vault:write")
	tests := []struct{ method, path, body string }{
		{"GET", "/documents", ""},
		{"GET", "/documents/1", ""},
		{"GET", "/documents/5", ""}, // the 404 too: it tells what alice cannot see
		{"POST", "/documents", `{"title":"t","content":"c","secret_level":1}`},
		{"GET", "/users/me", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" is Cache-Control: no-store", func(t *testing.T) {
			if got := a.as(alice, tt.method, tt.path, tt.body).Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
		})
	}
}

func TestTokenRefusesAnUnknownScopeAsRFC6749Says(t *testing.T) {
	for _, scope := range []string{"bogus", "vault:read bogus", "VAULT:READ"} {
		t.Run(fmt.Sprintf("scope %q is 400 invalid_scope, before any comparison", scope), func(t *testing.T) {
			a := newApp(t)
			w := a.login(url.Values{"username": {"alice"}, "password": {"alice123"}, "scope": {scope}})
			w.WantStatus(t, http.StatusBadRequest)
			unknown := strings.Fields(scope)[len(strings.Fields(scope))-1]
			w.WantJSON(t, `{"error":"invalid_scope","detail":"Unknown scope: `+unknown+`"}`)
			if len(*a.compared) != 0 {
				t.Errorf("an unknown scope cost %d comparisons, want none", len(*a.compared))
			}
		})
	}
}

func TestTokenIs429AfterTooManyFailuresFromOneClientOnly(t *testing.T) {
	a := newApp(t)
	attacker := "127.0.0.2"
	wrong := url.Values{"username": {"alice"}, "password": {"guess"}}
	for range accountFailures {
		a.loginFrom(attacker, wrong).WantStatus(t, http.StatusBadRequest)
	}
	w := a.loginFrom(attacker, wrong)
	w.WantStatus(t, http.StatusTooManyRequests)
	w.WantJSON(t, `{"detail":"Too many failed logins for this account, try again later"}`)
	if got := w.Header().Get("Retry-After"); got != "60" {
		t.Errorf("Retry-After = %q, want 60", got)
	}
	a.loginFrom(otherClient, url.Values{"username": {"alice"}, "password": {"alice123"}}).WantStatus(t, http.StatusOK)
}
