package http_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/web"
)

// TestOpenAPI_RoutesMatchSpec holds the router and api/openapi.yaml together:
// every route chi serves is in the spec, and every operation in the spec is
// served.
func TestOpenAPI_RoutesMatchSpec(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))

	srv := httpapi.NewServer(domain.NewService(domain.Stores{}), nil, slog.New(slog.NewTextHandler(io.Discard, nil)),
		httpapi.DefaultConfig(), api.Spec)
	routes, ok := srv.Handler().(chi.Routes)
	require.True(t, ok)

	served := map[string]bool{}
	err = chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if slices.Contains(web.Paths, route) {
			return nil // a page for browsers, not an operation of the API
		}
		if route != "/" {
			route = strings.TrimSuffix(route, "/")
		}
		served[method+" "+route] = true
		return nil
	})
	require.NoError(t, err)

	inSpec := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if method == http.MethodHead || method == http.MethodOptions {
				continue // HEAD is served wherever GET is; OPTIONS by CORS
			}
			inSpec[method+" "+path] = true
		}
	}
	var missingFromSpec, notServed []string
	for r := range served {
		if !inSpec[r] {
			missingFromSpec = append(missingFromSpec, r)
		}
	}
	for r := range inSpec {
		if !served[r] {
			notServed = append(notServed, r)
		}
	}
	sort.Strings(missingFromSpec)
	sort.Strings(notServed)
	assert.Empty(t, missingFromSpec, "routes the router serves but api/openapi.yaml lacks")
	assert.Empty(t, notServed, "operations api/openapi.yaml has but the router does not serve")
	assert.NotEmpty(t, served)
}
