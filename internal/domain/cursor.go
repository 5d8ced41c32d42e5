package domain

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"

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

// MinCursorSecret is the shortest secret Cursors take, in bytes.
const MinCursorSecret = 32

// Cursors sign the cursors they give out with a secret key and read back
// only those: a cursor is opaque, and one that was altered, made up, or
// signed with another key is rejected rather than read. Every instance that
// serves the same clients must hold the same key.
type Cursors struct {
	key []byte
}

// NewCursors returns Cursors signing with secret, of at least
// MinCursorSecret bytes.
func NewCursors(secret []byte) (*Cursors, error) {
	if len(secret) < MinCursorSecret {
		return nil, fmt.Errorf("a cursor secret must be at least %d bytes, not %d", MinCursorSecret, len(secret))
	}
	return &Cursors{key: bytes.Clone(secret)}, nil
}

// NewRandomCursorSecret returns a random secret for NewCursors, as text.
func NewRandomCursorSecret() string {
	b := make([]byte, MinCursorSecret)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// Encode returns the opaque text form of c.
func (cs *Cursors) Encode(c Cursor) string {
	body, _ := json.Marshal(c)
	mac := hmac.New(sha256.New, cs.key)
	mac.Write(body)
	return base64.RawURLEncoding.EncodeToString(append(mac.Sum(nil)[:12], body...))
}

// Decode reads a cursor made by Encode with the same key. Returns EINVALID
// for anything else.
func (cs *Cursors) Decode(s string) (*Cursor, error) {
	bad := &Error{Code: EINVALID, Message: "The cursor is not valid."}
	if len(s) > 1000 {
		return nil, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) < 13 {
		return nil, bad
	}
	sum, body := raw[:12], raw[12:]
	mac := hmac.New(sha256.New, cs.key)
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
