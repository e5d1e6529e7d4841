package main

import (
	"testing"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	var routes webtest.Routes
	addRoutes(&routes, NewProfiles(), nil) // the handlers are not called: no static folder is needed
	webtest.ParseAPI(t, openapiJSON).WantRoutes(t, &routes)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	h, _ := newHandler(t)
	webtest.WantDocs(t, h, openapiJSON)
}
