package domain_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func TestErrorCodeMessageAsError(t *testing.T) {
	t.Parallel()
	notFound := domain.Errorf(domain.ENOTFOUND, "There is no meeting %q.", "x")
	conflict := &domain.Error{Code: domain.ECONFLICT, Message: "Stored already."}
	tests := []struct {
		name    string
		err     error
		code    string
		message string
		as      *domain.Error
	}{
		{"Direct", notFound, domain.ENOTFOUND, `There is no meeting "x".`, notFound},
		{"Wrapped", fmt.Errorf("get meeting: %w", notFound), domain.ENOTFOUND, `There is no meeting "x".`, notFound},
		{"WrappedTwice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", conflict)), domain.ECONFLICT, "Stored already.", conflict},
		{"Joined", errors.Join(errors.New("first"), conflict), domain.ECONFLICT, "Stored already.", conflict},
		{"FirstInChainWins", fmt.Errorf("%w: %w", conflict, notFound), domain.ECONFLICT, "Stored already.", conflict},
		{"Plain", errors.New("connection reset"), domain.EINTERNAL, "Internal error.", nil},
		{"PlainWrapped", fmt.Errorf("list: %w", errors.New("boom")), domain.EINTERNAL, "Internal error.", nil},
		{"WrappedWithV", fmt.Errorf("lost: %v", notFound), domain.EINTERNAL, "Internal error.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.code, domain.ErrorCode(tt.err))
			assert.Equal(t, tt.message, domain.ErrorMessage(tt.err))
			assert.Same(t, tt.as, domain.AsError(tt.err))
		})
	}

	t.Run("Nil", func(t *testing.T) {
		t.Parallel()
		assert.Equal(t, "", domain.ErrorCode(nil))
		assert.Nil(t, domain.AsError(nil))
	})
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "not_found: gone", domain.Errorf(domain.ENOTFOUND, "gone").Error())
	e := &domain.Error{Code: domain.EINVALID, Message: "Bad.", Fields: []domain.FieldError{
		{Pointer: "/title", Detail: "must not be blank"},
		{Field: "Limit", Detail: "must be between 1 and 500"},
	}}
	assert.Equal(t, "invalid: Bad. /title must not be blank; Limit must be between 1 and 500;", e.Error())
}

func TestProblems(t *testing.T) {
	t.Parallel()
	var p domain.Problems
	require.NoError(t, p.Err("ignored"))

	p.Add("/delegations/%d", "ignored format: pointer is literal")
	p.Add("/title", "must be at most %d characters", 500)
	p.AddField("Limit", "must be between %d and %d", 1, 500)
	err := p.Err("The meeting is not valid.")
	require.Error(t, err)
	e := domain.AsError(err)
	require.NotNil(t, e)
	assert.Equal(t, domain.EINVALID, e.Code)
	assert.Equal(t, "The meeting is not valid.", e.Message)
	assert.Equal(t, []domain.FieldError{
		{Pointer: "/delegations/%d", Detail: "ignored format: pointer is literal"},
		{Pointer: "/title", Detail: "must be at most 500 characters"},
		{Field: "Limit", Detail: "must be between 1 and 500"},
	}, e.Fields)
}
