package main

import (
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	var routes webtest.Routes
	addRoutes(&routes, NewCache(nil, time.Now, time.Minute, 1, nil, nil))
	webtest.ParseAPI(t, openapiJSON).WantRoutes(t, &routes)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	webtest.WantDocs(t, newApp(t, newFakeAPI(t, nil), time.Second, 100).h, openapiJSON)
}
