package main

import (
	"testing"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	var routes webtest.Routes
	a := newApp(t, newFakeSender().send, 10, 1)
	addRoutes(&routes, a.store, a.notifier)
	webtest.ParseAPI(t, openapiJSON).WantRoutes(t, &routes)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	webtest.WantDocs(t, newApp(t, newFakeSender().send, 10, 1).h, openapiJSON)
}
