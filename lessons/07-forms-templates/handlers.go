package main

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"apicourse/shared/web"
)

// answer turns the store's errors into the page a visitor sees: the one
// place that maps them. ErrSubscribed is not here: it is a message beside
// the email field, in the form. Anything else stays an error, which
// pages.Error answers with the 500 page and logs.
func answer(err error) error {
	switch {
	case errors.Is(err, ErrNotFound):
		return web.Errorf(http.StatusNotFound, "There is no such subscription.")
	case errors.Is(err, ErrFull):
		return web.Errorf(http.StatusInsufficientStorage, "Storage limit reached: no more subscriptions can be stored.")
	}
	return err
}

// maxFormBytes caps the body of POST /subscribe.
const maxFormBytes = 64 << 10

// form is what the subscription form shows: the values as typed and an
// error message per field.
type form struct {
	Name, Email string
	Errors      map[string]string
}

func handleForm(pages *Pages) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages.Render(w, http.StatusOK, "form.html", form{})
	})
}

// subscriber is what handleSubscribe needs of the store: a *Store, or in a
// test one that fails as *Store cannot yet (a database could).
type subscriber interface {
	Add(name, email string) (Subscription, error)
}

// handleSubscribe validates the form; on success it redirects (303) to
// the new subscription's page, so reloading that page never posts again.
// The page's URL carries the subscription's random token, never a counter:
// /subscriptions/1, /2, ... would show everyone's address to anyone.
func handleSubscribe(pages *Pages, store subscriber) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// 413 over 64 KiB, 415 not a form, 400 unreadable: each a page.
		if err := web.ParseForm(w, r, maxFormBytes); err != nil {
			pages.Error(w, r, err)
			return
		}
		f := form{Name: strings.TrimSpace(r.PostForm.Get("name")), Email: strings.TrimSpace(r.PostForm.Get("email"))}
		f.Errors = validate(f)
		if len(f.Errors) > 0 {
			pages.Render(w, http.StatusUnprocessableEntity, "form.html", f)
			return
		}
		sub, err := store.Add(f.Name, f.Email)
		if errors.Is(err, ErrSubscribed) {
			f.Errors = map[string]string{"email": "This email is already subscribed"}
			pages.Render(w, http.StatusUnprocessableEntity, "form.html", f)
			return
		}
		if err != nil {
			pages.Error(w, r, answer(err))
			return
		}
		http.Redirect(w, r, "/subscriptions/"+sub.Token, http.StatusSeeOther)
	})
}

// validate returns an error message per invalid field.
func validate(f form) map[string]string {
	errs := map[string]string{}
	switch n := utf8.RuneCountInString(f.Name); {
	case n < 2:
		errs["name"] = "Name must be at least 2 characters long"
	case n > 100:
		errs["name"] = "Name must be at most 100 characters long"
	}
	if !web.ValidEmail(f.Email) {
		errs["email"] = "Please enter a valid email address"
	}
	return errs
}

func handleSubscription(pages *Pages, store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sub, err := store.Get(r.PathValue("token"))
		if err != nil {
			pages.Error(w, r, answer(err))
			return
		}
		// A name and an address: no cache (the browser's, a proxy's) keeps a copy.
		w.Header().Set("Cache-Control", "no-store")
		pages.Render(w, http.StatusOK, "success.html", sub)
	})
}
