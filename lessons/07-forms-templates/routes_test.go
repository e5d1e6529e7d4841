package main

import (
	"testing"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	var routes webtest.Routes
	addRoutes(&routes, nil, NewStore(1))
	webtest.ParseAPI(t, openapiJSON).WantRoutes(t, &routes)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	h, _ := newHandler(t)
	webtest.WantDocs(t, h, openapiJSON)
}
