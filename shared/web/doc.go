// Package web is what the lessons' handlers share once lesson 01 has shown
// it with the standard library alone: Decode, strict JSON decoding into a
// tagged struct with FastAPI's 422s; JSON and Error, the answers; paging,
// forms and path ids; and the middleware every server wraps its routes in
// (one log line per request, JSON 404/405, a panic as a 500).
//
// A lesson keeps the code that is its topic; an exported name is here only
// when two or more lessons use it. What main and run use is in package
// program.
package web
