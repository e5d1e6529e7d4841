package main

import (
	"io"
	"log/slog"
	"testing"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	var routes webtest.Routes
	addRoutes(&routes, NewHub(DefaultHubConfig()))
	webtest.ParseAPI(t, openapiJSON).WantRoutes(t, &routes)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), NewHub(DefaultHubConfig()))
	webtest.WantDocs(t, h, openapiJSON)
}
