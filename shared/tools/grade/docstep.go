package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
)

// The statements that open and close every exercise of a lesson with an
// openapi.json: the test holds the differences from the document it meets,
// and reports them in a last step of their own, once the answers are right
// (see webtest.DocsLast).
const (
	docsFirst = "docs := webtest.DocsLast(t)"
	docsLast  = `t.Run("openapi.json documents every answer above", docs.Want)`
)

// docsStepMissing returns a line for each exercise in the lesson's
// exercises_test.go that does not open with docsFirst and close with
// docsLast; nothing for a lesson without openapi.json.
func docsStepMissing(root, lesson string) []string {
	dir := filepath.Join(root, lesson)
	if _, err := os.Stat(filepath.Join(dir, "openapi.json")); err != nil {
		return nil
	}
	name := filepath.Join(dir, "exercises_test.go")
	src, err := os.ReadFile(name)
	if err != nil {
		return nil // planLesson reports a lesson without exercises
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil // the go test run reports it
	}
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	var missing []string
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil || !exerciseName.MatchString(fn.Name.Name) {
			continue
		}
		list := fn.Body.List
		if len(list) < 2 || text(list[0]) != docsFirst || text(list[len(list)-1]) != docsLast {
			missing = append(missing, fmt.Sprintf("%s: %s must open with %s and close with %s, so that openapi.json is checked in a last step of its own",
				lesson, fn.Name.Name, docsFirst, docsLast))
		}
	}
	return missing
}
