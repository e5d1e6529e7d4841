// Package web is the small kit every lesson of the course shares: strict JSON
// decoding with FastAPI-shaped validation errors, JSON responses, request
// logging, JSON 404/405 pages and a server with timeouts and graceful shutdown.
//
// A lesson keeps the code that is its topic; only what two or more lessons
// need lives here.
package web
