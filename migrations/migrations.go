// Package migrations holds the database schema as golang-migrate files,
// embedded so that the binary migrates without the source tree.
package migrations

import "embed"

//go:generate go run ../internal/tools/gencountries -out .

// FS holds the NNNNNN_name.up.sql and .down.sql files.
//
//go:embed *.sql
var FS embed.FS
