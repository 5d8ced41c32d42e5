# milmeet: the two commands README gives, and a few more for development.

GO ?= go

.PHONY: run test vet build fuzz bench-extract generate

# Serve on :8080 with data: DATABASE_URL when set, else a local PostgreSQL
# cluster in ./.devpg started from the installed server binaries.
run:
	$(GO) run ./cmd/api dev

# The whole suite, race detector on, against TEST_DATABASE_URL or a
# throwaway cluster per test binary.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

build:
	CGO_ENABLED=0 $(GO) build -o bin/api ./cmd/api

generate:
	$(GO) generate ./...
