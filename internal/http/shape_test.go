package http

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// TestOneProblemWriter holds the handler shape: a handler returns its error
// and only the adapter (handle) or a middleware calls writeError.
func TestOneProblemWriter(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var callers []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Name.Name == "handle" || fn.Name.Name == "writeError" || isMiddleware(fn) {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "writeError" {
					callers = append(callers, fset.Position(sel.Pos()).String()+" in "+fn.Name.Name)
				}
				return true
			})
		}
	}
	require.Empty(t, callers, "handlers return their errors; only handle writes them")
}

// isMiddleware reports whether fn wraps a handler: it returns an
// http.Handler, or a function that takes and returns one.
func isMiddleware(fn *ast.FuncDecl) bool {
	res := fn.Type.Results
	if res == nil || len(res.List) != 1 {
		return false
	}
	s := typeString(res.List[0].Type)
	return s == "http.Handler" || s == "func(http.Handler) http.Handler"
}

func typeString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.SelectorExpr:
		return typeString(t.X) + "." + t.Sel.Name
	case *ast.Ident:
		return t.Name
	case *ast.FuncType:
		var in, out []string
		for _, f := range t.Params.List {
			in = append(in, typeString(f.Type))
		}
		if t.Results != nil {
			for _, f := range t.Results.List {
				out = append(out, typeString(f.Type))
			}
		}
		return "func(" + strings.Join(in, ", ") + ") " + strings.Join(out, ", ")
	}
	return ""
}

// TestFilterParameters: every field of a domain filter has the query
// parameter that fills it, so that a problem the domain finds names what
// the client sent.
func TestFilterParameters(t *testing.T) {
	for _, f := range []any{domain.MeetingFilter{}, domain.AgreementFilter{}, domain.OfficialFilter{},
		domain.AuditFilter{}, domain.TimelineFilter{}, domain.PartnerFilter{}} {
		typ := reflect.TypeOf(f)
		for i := range typ.NumField() {
			name := typ.Field(i).Name
			if name == "NoLimit" || name == "RevisionsOnly" { // set by exports and revalidations, never by a client
				continue
			}
			assert.Contains(t, filterParameters, name, "%s.%s", typ.Name(), name)
		}
	}
}

// TestMeetingTag: a meeting's ETag names its version, which If-Match is
// checked against, and digests the representation, which If-None-Match is.
func TestMeetingTag(t *testing.T) {
	a, b := meetingTag(7, []byte(`{"title":"a"}`)), meetingTag(7, []byte(`{"title":"b"}`))
	assert.Regexp(t, `^"[0-9a-f]{24}"$`, a)
	assert.NotEqual(t, a, b, "another representation, another tag")
	assert.True(t, versionMatch(a, 7))
	assert.True(t, versionMatch(b, 7), "the same version, though a shared record it shows changed")
	assert.True(t, versionMatch(`"x", `+a, 7))
	assert.True(t, versionMatch("*", 8))
	assert.False(t, versionMatch(a, 8))
	assert.False(t, versionMatch(etag([]byte("{}")), 7))
	assert.False(t, versionMatch(`"00000007"`, 7))
}
