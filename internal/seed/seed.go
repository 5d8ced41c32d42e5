// Package seed holds a small set of meetings structured by hand from five
// defence ministry reports, for filling an empty database and for tests.
//
// The records are in the shape a client sends to POST /meetings: ids,
// official ids, versions, timestamps and date precisions are left for the
// server to set.
package seed

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/milmeet/milmeet/internal/domain"
)

// meetingsJSON is a JSON array of meetings in the POST /meetings shape.
//
//go:embed meetings.json
var meetingsJSON []byte

// Meetings returns the seed meetings, decoded afresh on every call so callers
// may change what they get. A field that domain.Meeting does not know is an
// error, so the file cannot drift from the API's contract unnoticed.
func Meetings() ([]domain.Meeting, error) {
	dec := json.NewDecoder(bytes.NewReader(meetingsJSON))
	dec.DisallowUnknownFields()
	var ms []domain.Meeting
	if err := dec.Decode(&ms); err != nil {
		return nil, fmt.Errorf("seed: decoding meetings.json: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("seed: meetings.json holds more than one JSON value")
	}
	return ms, nil
}
