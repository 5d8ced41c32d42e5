# milmeet: the two commands README gives, and a few more for development.

GO ?= go

.PHONY: run test test-e2e screenshots vet build generate

# Serve on :8080 with data: DATABASE_URL when set, else a local PostgreSQL
# cluster in ./.devpg started from the installed server binaries.
run:
	@echo "make run: compiling ./cmd/api (a minute or two the first time; each package is named as it is built)"
	@$(GO) build -v -o bin/api ./cmd/api
	@echo "make run: starting bin/api dev"
	@exec ./bin/api dev

# The whole suite, race detector on, against TEST_DATABASE_URL or a
# throwaway cluster per test binary; go vet and staticcheck (pinned in
# go.mod as a tool) first, at no findings.
test: vet
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

build:
	CGO_ENABLED=0 $(GO) build -o bin/api ./cmd/api

generate:
	$(GO) generate ./...

# The pages in a real browser (Debian's chromium, headless, via chromedp),
# against a throwaway database. Fails, never skips, without Chromium.
# Also the README's commands run in order against `api dev` (needs curl),
# and the checks that need Node (npm packages pinned by
# clients/package-lock.json): spectral and redocly on the spec, and the
# TypeScript client generated from the served spec, against a server.
# Fails, never skips, without Node. And the API through Debian's PgBouncer
# in transaction pooling (fails without pgbouncer).
test-e2e:
	$(GO) vet -tags e2e ./internal/web/... ./clients/...
	$(GO) test -tags e2e -count=1 ./internal/web/e2e/
	cd clients && npm ci --no-audit --no-fund --loglevel=error
	$(GO) test -tags e2e -count=1 ./clients/
	$(GO) test -tags e2e -count=1 -run TestREADME ./cmd/api/
	$(GO) vet -tags e2e ./internal/scaling/
	$(GO) test -tags e2e -count=1 -run PgBouncer ./internal/scaling/

# The screenshots in docs/screenshots, taken by the browser tests.
screenshots:
	E2E_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags e2e -count=1 -run 'TestPages|TestReview' ./internal/web/e2e/
