package domain

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Scope is what a key may do; each scope includes the ones before it.
type Scope string

// The scopes of API keys.
const (
	ScopeRead  Scope = "read"
	ScopeWrite Scope = "write"
	ScopeAdmin Scope = "admin"
)

var scopeRank = map[Scope]int{ScopeRead: 1, ScopeWrite: 2, ScopeAdmin: 3}

// Allows reports whether a key of scope s may do what needs scope need.
func (s Scope) Allows(need Scope) bool { return scopeRank[s] >= scopeRank[need] && scopeRank[need] > 0 }

// Key is an API key; its token is shown once, at creation, and only its hash
// is kept.
type Key struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Scope      Scope      `json:"scope"`
	CreatedAt  time.Time  `json:"created_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	TokenHash  []byte     `json:"-"`
}

// KeyStore keeps API keys.
type KeyStore interface {
	// CreateKey stores k. Returns ECONFLICT when the name is taken.
	CreateKey(ctx context.Context, k *Key) error
	// ListKeys returns every key, revoked ones too, by name.
	ListKeys(ctx context.Context) ([]Key, error)
	// RevokeKey revokes the live key with the name. Returns ENOTFOUND.
	RevokeKey(ctx context.Context, name string, at time.Time) error
	// FindKey returns the live key whose token hashes to hash, and notes
	// its use. Returns ENOTFOUND.
	FindKey(ctx context.Context, hash []byte) (*Key, error)
}

var keyNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// tokenPrefix marks milmeet tokens, so that leaked ones are easy to find.
const tokenPrefix = "mm_"

// HashToken returns the hash a token is stored and found under. Tokens are
// 256 random bits, so a plain SHA-256 is enough: there is nothing to guess.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// CreateKey makes a key and returns it with its token, which is not kept.
// Returns EINVALID or ECONFLICT.
func (s *Service) CreateKey(ctx context.Context, name string, scope Scope) (*Key, string, error) {
	var p Problems
	if !keyNameRe.MatchString(name) {
		p.Add("/name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
	if scopeRank[scope] == 0 {
		p.Add("/scope", "must be read, write or admin")
	}
	if err := p.Err("The key is not valid."); err != nil {
		return nil, "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", fmt.Errorf("create key: %w", err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	k := &Key{ID: NewID(), Name: name, Scope: scope, CreatedAt: s.Now(), TokenHash: HashToken(token)}
	if err := s.keys.CreateKey(ctx, k); err != nil {
		if ErrorCode(err) == ECONFLICT {
			return nil, "", Errorf(ECONFLICT, "A key named %q exists already.", name)
		}
		return nil, "", fmt.Errorf("create key: %w", err)
	}
	return k, token, nil
}

// ListKeys returns every key by name.
func (s *Service) ListKeys(ctx context.Context) ([]Key, error) { return s.keys.ListKeys(ctx) }

// RevokeKey revokes the key with the name. Returns ENOTFOUND.
func (s *Service) RevokeKey(ctx context.Context, name string) error {
	return s.keys.RevokeKey(ctx, name, s.Now())
}

// Authenticate returns the live key of a bearer token. Returns
// EUNAUTHORIZED for any token that is not one.
func (s *Service) Authenticate(ctx context.Context, token string) (*Key, error) {
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return nil, Errorf(EUNAUTHORIZED, "The API key is not valid.")
	}
	// The lookup is by hash, so its timing says nothing about the token.
	k, err := s.keys.FindKey(ctx, HashToken(token))
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(EUNAUTHORIZED, "The API key is not valid.")
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	return k, nil
}

type actorKey struct{}

// WithActor returns a context that says who acts: the name of the API key,
// for the audit log.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// Actor returns who acts in ctx, or "system" for the service's own tools.
func Actor(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}
