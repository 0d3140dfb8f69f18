// Command gorender renders Go text/template cases with the real text/template and a function map
// that implements the semantics documented in the README's "Templates" table, so the Python
// compiler in versus/notify/templates can be checked against Go itself.
//
// Input (stdin): a JSON array of {"name", "template", "data", "functions", "env"}.
// Output (stdout): a JSON array of {"name", "output", "error"}, in the same order.
//
// Versus's Slack escaping is applied to the parse tree rather than to the data: every action that
// prints ends in the escaping step, as if "| __out" were written there.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
)

type testCase struct {
	Name      string            `json:"name"`
	Template  string            `json:"template"`
	Data      json.RawMessage   `json:"data"`
	Functions string            `json:"functions"`
	Env       map[string]string `json:"env"`
}

type result struct {
	Name   string `json:"name"`
	Output string `json:"output"`
	Error  string `json:"error"`
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var cases []testCase
	if err := json.Unmarshal(input, &cases); err != nil {
		fail(err)
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		output, err := render(c)
		r := result{Name: c.Name, Output: output}
		if err != nil {
			r.Error = err.Error()
		}
		results = append(results, r)
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(results); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gorender:", err)
	os.Exit(2)
}

func render(c testCase) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	data, err := decode(c.Data)
	if err != nil {
		return "", err
	}
	tmpl, err := template.New(c.Name).Funcs(functions(c.Functions, c.Env)).Parse(c.Template)
	if err != nil {
		return "", err
	}
	escapeActions(tmpl.Tree, tmpl.Tree.Root)
	var buf strings.Builder
	if err := tmpl.Execute(&buf, data); err != nil {
		return buf.String(), err
	}
	return buf.String(), nil
}

// decode reads JSON as Versus holds it: integers stay integers, other numbers are float64.
func decode(raw json.RawMessage) (any, error) {
	decoder := json.NewDecoder(strings.NewReader(string(raw)))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		return nil, err
	}
	return numbers(value), nil
}

func numbers(value any) any {
	switch v := value.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return int(i)
		}
		f, _ := strconv.ParseFloat(string(v), 64)
		return f
	case map[string]any:
		for key, item := range v {
			v[key] = numbers(item)
		}
	case []any:
		for i, item := range v {
			v[i] = numbers(item)
		}
	}
	return value
}

// escapeActions appends the printing step to every action that prints.
func escapeActions(tree *parse.Tree, node parse.Node) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, child := range n.Nodes {
			escapeActions(tree, child)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			ident := parse.NewIdentifier("__out").SetTree(tree).SetPos(n.Pos)
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{ident}})
		}
	case *parse.IfNode:
		escapeActions(tree, n.List)
		escapeActions(tree, n.ElseList)
	case *parse.RangeNode:
		escapeActions(tree, n.List)
		escapeActions(tree, n.ElseList)
	case *parse.WithNode:
		escapeActions(tree, n.List)
		escapeActions(tree, n.ElseList)
	}
}
