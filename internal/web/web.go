// Package web serves milmeet's pages for browsers from the binary: the
// explorer (/), the API reference (/docs) and the review of drafts
// (/review), with their scripts, styles and the vendored Swagger UI, all
// embedded. The pages use only the public API, from the same origin; their
// Content-Security-Policy lets them load nothing from any other.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
)

//go:embed assets
var embedded embed.FS

// assets is the embedded folder assets/, served at /assets/.
var assets = func() fs.FS {
	sub, err := fs.Sub(embedded, "assets")
	if err != nil {
		panic(err)
	}
	return sub
}()

// Paths are the route patterns Mount adds. They are pages and files for
// browsers, not operations of the API, so api/openapi.yaml leaves them out.
var Paths = []string{"/", "/docs", "/review", "/swagger", "/redoc", "/assets/*"}

// ContentSecurityPolicy is sent with every page and file Mount serves:
// scripts, styles, images, fonts and requests from the page's own origin
// only, no inline script, no framing.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; " +
	"frame-ancestors 'none'"

// Mount adds the pages and their files to r; notFound answers a path
// under /assets/ that holds no file.
func Mount(r chi.Router, notFound http.HandlerFunc) {
	r.Group(func(r chi.Router) {
		r.Use(pageHeaders)
		r.Get("/", serveFile("index.html", notFound))
		r.Get("/docs", serveFile("docs.html", notFound))
		r.Get("/review", serveFile("review.html", notFound))
		r.Get("/swagger", redirect("/docs"))
		r.Get("/redoc", redirect("/docs"))
		r.Get("/assets/*", func(w http.ResponseWriter, r *http.Request) {
			serveFile(chi.URLParam(r, "*"), notFound)(w, r)
		})
	})
}

func pageHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
	}
}

// contentTypes maps the extensions of the embedded files to media types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".txt":  "text/plain; charset=utf-8",
	"":      "text/plain; charset=utf-8", // LICENSE, NOTICE
}

// file is an embedded file ready to serve, with its gzip form made on
// first need.
type file struct {
	body, gz    []byte
	etag, gzTag string
	ctype       string
	immutable   bool
	gzOnce      sync.Once
}

var (
	filesMu sync.Mutex
	files   = map[string]*file{}
)

// lookup returns the embedded file at name, or nil.
func lookup(name string) *file {
	if name == "" || strings.HasSuffix(name, "/") || !fs.ValidPath(name) {
		return nil
	}
	filesMu.Lock()
	defer filesMu.Unlock()
	if f, ok := files[name]; ok {
		return f
	}
	ctype, ok := contentTypes[path.Ext(name)]
	if !ok {
		return nil
	}
	body, err := fs.ReadFile(assets, name)
	if err != nil {
		return nil
	}
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:12])
	f := &file{body: body, etag: `"` + tag + `"`, gzTag: `"` + tag + `-gzip"`, ctype: ctype,
		// Vendored files carry their version in their path.
		immutable: strings.HasPrefix(name, "vendor/")}
	files[name] = f
	return f
}

// gzipped returns the file compressed, or nil when that would not pay.
func (f *file) gzipped() []byte {
	f.gzOnce.Do(func() {
		if len(f.body) < 1024 || f.ctype == "image/png" {
			return
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = zw.Write(f.body)
		_ = zw.Close()
		f.gz = b.Bytes()
	})
	return f.gz
}

// serveFile serves the embedded file name, compressed when the client
// takes gzip, with a strong ETag; 404 when there is none.
func serveFile(name string, notFound http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := lookup(name)
		if f == nil {
			notFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		h.Add("Vary", "Accept-Encoding")
		if f.immutable {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache") // revalidated, answered 304 when unchanged
		}
		body, tag := f.body, f.etag
		if gz := f.gzipped(); gz != nil && acceptsGzip(r) {
			body, tag = gz, f.gzTag
			h.Set("Content-Encoding", "gzip")
		}
		h.Set("ETag", tag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
