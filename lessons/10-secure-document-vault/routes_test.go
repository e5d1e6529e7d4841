package main

import (
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	var routes webtest.Routes
	vault := NewVault(demoUsers, defaultMaxItems)
	addRoutes(&routes, NewAuth(testSecret, vault, time.Now), vault, NewPasswords(demoHashes, demoDummyHash, 1, 1, loginWait))
	webtest.ParseAPI(t, openapiJSON).WantRoutes(t, &routes)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	webtest.WantDocs(t, newApp(t).h, openapiJSON)
}
