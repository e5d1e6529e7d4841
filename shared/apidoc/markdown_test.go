package apidoc

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"
)

// markdownHarness loads page.js with a stand-in document (the renderer is a
// pure function and touches no DOM) and prints markdown() of each input.
const markdownHarness = `
const fs = require("fs");
const src = fs.readFileSync(process.argv[1], "utf8");
const markdown = new Function("document", "window", src + "\nreturn markdown;")({ addEventListener() {} }, {});
const inputs = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(inputs.map((s) => markdown(s))));
`

// renderMarkdown runs page.js's markdown() on each input with Node, the one
// JavaScript engine at hand without a new Go module; the test is skipped
// where Node is missing, and the browser check covers the renderer there.
func renderMarkdown(t *testing.T, inputs []string) []string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the Markdown renderer's cases need a JavaScript engine")
	}
	in, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", markdownHarness, "page.js")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node running markdown(): %v\n%s", err, stderr.String())
	}
	var trees []json.RawMessage
	if err := json.Unmarshal(out, &trees); err != nil {
		t.Fatalf("markdown() printed %q: %v", out, err)
	}
	got := make([]string, len(trees))
	for i, tree := range trees {
		got[i] = string(tree)
	}
	return got
}

func TestTheMarkdownRendererKeepsWhatTheDescriptionsWrite(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"an empty description renders nothing", "", `[]`},
		{"lines of one paragraph join with a space", "one\ntwo", `[["p","one two"]]`},
		{"a blank line starts a new paragraph", "one\n\ntwo", `[["p","one"],["p","two"]]`},
		{"a bullet list is a list, not one paragraph", "- a\n- b", `[["ul",["li","a"],["li","b"]]]`},
		{"a list may follow a paragraph without a blank line", "Intro:\n* a\n* b", `[["p","Intro:"],["ul",["li","a"],["li","b"]]]`},
		{"an indented list nests inside its item", "- a\n  - b\n  - c\n- d", `[["ul",["li","a",["ul",["li","b"],["li","c"]]],["li","d"]]]`},
		{"an ordered list keeps its numbers", "1. one\n2. two", `[["ol",["li","one"],["li","two"]]]`},
		{"an ordered list may start past one", "3. three\n4. four", `[["ol",{"start":"3"},["li","three"],["li","four"]]]`},
		{"a lazy line continues the item", "- a\ncontinued", `[["ul",["li","a continued"]]]`},
		{"blank lines between items keep one list", "- a\n\n- b", `[["ul",["li","a"],["li","b"]]]`},
		{"an item may hold a second paragraph", "- a\n\n  more\n- b", `[["ul",["li",["p","a"],["p","more"]],["li","b"]]]`},
		{"a code span keeps stars and underscores as written", "use `a*b_c*` here", `[["p","use ",["code","a*b_c*"]," here"]]`},
		{"a code span of two backticks may hold one", "``a`b``", `[["p",["code","a` + "`" + `b"]]]`},
		{"double stars are strong, single ones emphasis", "**bold** and *it* and _it_", `[["p",["strong","bold"]," and ",["em","it"]," and ",["em","it"]]]`},
		{"emphasis may hold code", "**You send** `text`", `[["p",["strong","You send"]," ",["code","text"]]]`},
		{"snake_case names are not emphasis", "max_items and client_id", `[["p","max_items and client_id"]]`},
		{"a lone star between spaces is text", "2 * 3 * 4", `[["p","2 * 3 * 4"]]`},
		{"a backslash escapes a star", `\*not em\*`, `[["p","*not em*"]]`},
		{"a relative link is a link", "see [the docs](/docs#post-/todos)", `[["p","see ",["a",{"href":"/docs#post-/todos"},"the docs"]]]`},
		{"a javascript: link is only its text", "[x](javascript:void)", `[["p",["span","x"]]]`},
		{"a fenced block keeps its lines and indentation", "```\nline 1\n  line 2\n```", `[["pre",["code","line 1\n  line 2"]]]`},
		{"06's protocol: bold items with a nested list", "Text.\n\n- **You send** text.\n- **You receive**:\n  - `You wrote: M`;\n  - `Client X: M`.", `[["p","Text."],["ul",["li",["strong","You send"]," text."],["li",["strong","You receive"],":",["ul",["li",["code","You wrote: M"],";"],["li",["code","Client X: M"],"."]]]]]`},
	}
	inputs := make([]string, len(tests))
	for i, tt := range tests {
		inputs[i] = tt.in
	}
	got := renderMarkdown(t, inputs)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got[i] != tt.want {
				t.Errorf("markdown(%q) =\n  %s\nwant\n  %s", tt.in, got[i], tt.want)
			}
		})
	}
}
