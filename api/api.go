// Package api holds milmeet's HTTP contract, the OpenAPI document that the
// server publishes at /openapi.yaml and that the tests hold the code to.
package api

import _ "embed"

// Spec is api/openapi.yaml.
//
//go:embed openapi.yaml
var Spec []byte
