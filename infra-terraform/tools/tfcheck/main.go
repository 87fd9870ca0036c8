// Command tfcheck reads Terraform files with HashiCorp's own HCL parser (hclsyntax, the parser Terraform uses),
// reports syntax errors and files that hclwrite.Format would change (what `hclfmt -check -require-no-change`
// reports), and prints every file's structure as JSON: blocks, labels, attributes with their source text, their
// value when it is a literal, the variables they reference and the object constructors inside them. The Java
// tests (io.kongsync.infra) apply the structural rules to that JSON.
//
// Usage: tfcheck PATH...   (a directory is walked recursively; .terraform and hidden directories are skipped)
//
// It builds offline against Debian's packaged sources (golang-github-hashicorp-hcl-v2-dev) in GOPATH mode:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o target/tfcheck/tfcheck ./infra-terraform/tools/tfcheck
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// The files Terraform reads, plus the examples users copy from.
var suffixes = []string{".tf", ".tfvars", ".tfvars.example", ".hcl", ".hcl.example"}

type diagnostic struct {
	Summary string `json:"summary"`
	Detail  string `json:"detail"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

type objectItem struct {
	Key     string          `json:"key"`
	Line    int             `json:"line"`
	Literal json.RawMessage `json:"literal,omitempty"`
}

type attribute struct {
	Name       string          `json:"name"`
	Line       int             `json:"line"`
	Expr       string          `json:"expr"`
	Literal    json.RawMessage `json:"literal,omitempty"`
	References []string        `json:"references"`
	Objects    [][]objectItem  `json:"objects"`
}

type block struct {
	Type       string      `json:"type"`
	Labels     []string    `json:"labels"`
	Line       int         `json:"line"`
	Attributes []attribute `json:"attributes"`
	Blocks     []block     `json:"blocks"`
}

type file struct {
	Path        string       `json:"path"`
	Diagnostics []diagnostic `json:"diagnostics"`
	Formatted   bool         `json:"formatted"`
	// The first line hclwrite.Format would change, 0 when the file is canonical.
	FirstUnformattedLine int         `json:"firstUnformattedLine"`
	Attributes           []attribute `json:"attributes"`
	Blocks               []block     `json:"blocks"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: tfcheck PATH...")
		os.Exit(2)
	}
	var paths []string
	for _, root := range os.Args[1:] {
		found, err := collect(root)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tfcheck:", err)
			os.Exit(2)
		}
		paths = append(paths, found...)
	}
	files := make([]file, 0, len(paths))
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tfcheck:", err)
			os.Exit(2)
		}
		files = append(files, check(path, src))
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", " ")
	if err := out.Encode(map[string]interface{}{"files": files}); err != nil {
		fmt.Fprintln(os.Stderr, "tfcheck:", err)
		os.Exit(2)
	}
}

func collect(root string) ([]string, error) {
	var found []string
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		name := info.Name()
		if info.IsDir() {
			if path != root && (name == ".terraform" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if path == root || hasSuffix(name) {
			found = append(found, path)
		}
		return nil
	})
	sort.Strings(found)
	return found, err
}

func hasSuffix(name string) bool {
	if strings.HasPrefix(name, ".terraform") {
		return false
	}
	for _, suffix := range suffixes {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

func check(path string, src []byte) file {
	result := file{Path: path, Diagnostics: []diagnostic{}, Attributes: []attribute{}, Blocks: []block{}}
	parsed, diags := hclsyntax.ParseConfig(src, path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		item := diagnostic{Summary: d.Summary, Detail: d.Detail}
		if d.Subject != nil {
			item.Line, item.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		result.Diagnostics = append(result.Diagnostics, item)
	}
	if diags.HasErrors() {
		return result
	}
	formatted := hclwrite.Format(src)
	result.Formatted = bytes.Equal(formatted, src)
	if !result.Formatted {
		result.FirstUnformattedLine = firstDifferentLine(src, formatted)
	}
	body := parsed.Body.(*hclsyntax.Body)
	result.Attributes, result.Blocks = describeBody(body, src)
	return result
}

func describeBody(body *hclsyntax.Body, src []byte) ([]attribute, []block) {
	attributes := make([]attribute, 0, len(body.Attributes))
	for _, attr := range body.Attributes {
		attributes = append(attributes, describeAttribute(attr, src))
	}
	sort.Slice(attributes, func(i, j int) bool { return attributes[i].Line < attributes[j].Line })
	blocks := make([]block, 0, len(body.Blocks))
	for _, b := range body.Blocks {
		nestedAttributes, nestedBlocks := describeBody(b.Body, src)
		labels := b.Labels
		if labels == nil {
			labels = []string{}
		}
		blocks = append(blocks, block{
			Type: b.Type, Labels: labels, Line: b.TypeRange.Start.Line,
			Attributes: nestedAttributes, Blocks: nestedBlocks,
		})
	}
	return attributes, blocks
}

func describeAttribute(attr *hclsyntax.Attribute, src []byte) attribute {
	result := attribute{
		Name:       attr.Name,
		Line:       attr.NameRange.Start.Line,
		Expr:       string(attr.Expr.Range().SliceBytes(src)),
		Literal:    literal(attr.Expr),
		References: []string{},
		Objects:    [][]objectItem{},
	}
	for _, traversal := range attr.Expr.Variables() {
		result.References = append(result.References, render(traversal))
	}
	hclsyntax.VisitAll(attr.Expr, func(node hclsyntax.Node) hcl.Diagnostics {
		if object, ok := node.(*hclsyntax.ObjectConsExpr); ok {
			result.Objects = append(result.Objects, describeObject(object))
		}
		return nil
	})
	return result
}

func describeObject(object *hclsyntax.ObjectConsExpr) []objectItem {
	items := []objectItem{}
	for _, item := range object.Items {
		key := hcl.ExprAsKeyword(item.KeyExpr)
		if key == "" {
			value, diags := item.KeyExpr.Value(nil)
			if diags.HasErrors() || !value.IsWhollyKnown() || value.IsNull() || !value.Type().Equals(cty.String) {
				continue
			}
			key = value.AsString()
		}
		items = append(items, objectItem{Key: key, Line: item.KeyExpr.Range().Start.Line, Literal: literal(item.ValueExpr)})
	}
	return items
}

func firstDifferentLine(a, b []byte) int {
	linesA, linesB := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(linesA) && i < len(linesB); i++ {
		if !bytes.Equal(linesA[i], linesB[i]) {
			return i + 1
		}
	}
	if len(linesA) < len(linesB) {
		return len(linesA)
	}
	return len(linesB)
}

// literal is the expression's value as JSON when it needs no variables and no functions, else nil.
func literal(expr hcl.Expression) json.RawMessage {
	value, diags := expr.Value(nil)
	if diags.HasErrors() || !value.IsWhollyKnown() {
		return nil
	}
	encoded, err := ctyjson.Marshal(value, value.Type())
	if err != nil {
		return nil
	}
	return encoded
}

// render writes a traversal's names, leaving out its indexes: var.tags, module.network.vpc_id,
// module.kong_database[0].host as module.kong_database.host.
func render(traversal hcl.Traversal) string {
	var parts []string
	for _, step := range traversal {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		case hcl.TraverseIndex:
			continue
		default:
			return strings.Join(parts, ".")
		}
	}
	return strings.Join(parts, ".")
}
