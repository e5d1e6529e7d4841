package main

import (
	"testing"

	"apicourse/shared/webtest"
)

func TestOpenAPIDocumentsEveryRouteAndNothingElse(t *testing.T) {
	api := webtest.ParseAPI(t, openapiJSON)
	catalog := NewCatalog()

	// Each version's router, recorded under the prefix it is mounted at:
	// its routes and the document's operations are the same set.
	var versions webtest.Routes
	addRoutesV1(versions.Under("/v1"), catalog)
	addRoutesV2(versions.Under("/v2"), catalog)
	api.WantRoutes(t, &versions)

	// The top router mounts only prefixes the document has operations under.
	var mounts webtest.Routes
	addRoutes(&mounts, catalog)
	api.WantRoutes(t, &mounts)
}

func TestServesTheDocumentAndTheDocsPage(t *testing.T) {
	webtest.WantDocs(t, newHandler(t), openapiJSON)
}
