package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"

	"github.com/google/uuid"
)

// Cursor is a position in a list: the sort value and id of the last item
// seen, and the query it belongs to.
type Cursor struct {
	Sort   string `json:"s"`
	Key    string `json:"k"`
	ID     string `json:"i"`
	Filter string `json:"f"`
}

// cursorMAC keeps clients from forging positions: a cursor is opaque, and one
// that was altered is rejected rather than read.
var cursorMAC = []byte("milmeet cursor v1")

// EncodeCursor returns the opaque text form of c.
func EncodeCursor(c Cursor) string {
	body, _ := json.Marshal(c)
	mac := hmac.New(sha256.New, cursorMAC)
	mac.Write(body)
	return base64.RawURLEncoding.EncodeToString(append(mac.Sum(nil)[:12], body...))
}

// DecodeCursor reads a cursor made by EncodeCursor. Returns EINVALID for
// anything else.
func DecodeCursor(s string) (*Cursor, error) {
	bad := &Error{Code: EINVALID, Message: "The cursor is not valid."}
	if len(s) > 1000 {
		return nil, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) < 13 {
		return nil, bad
	}
	sum, body := raw[:12], raw[12:]
	mac := hmac.New(sha256.New, cursorMAC)
	mac.Write(body)
	if !hmac.Equal(sum, mac.Sum(nil)[:12]) {
		return nil, bad
	}
	var c Cursor
	if err := json.Unmarshal(body, &c); err != nil || !IsID(c.ID) {
		return nil, bad
	}
	return &c, nil
}

// NewID returns a new random id. Ids are UUIDs, version 7, so that they sort
// roughly by creation.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// IsID reports whether s is an id in canonical form.
func IsID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
