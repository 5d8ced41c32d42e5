package http

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// hostPattern is what a forwarded host may be: a name or address, and a port.
var hostPattern = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$`)

func firstValue(v string) string {
	v, _, _ = strings.Cut(v, ",")
	return strings.ToLower(strings.TrimSpace(v))
}

// originOf returns the scheme and host the client used.
func originOf(r *http.Request) url.URL {
	if st := stateOf(r.Context()); st != nil {
		return st.origin
	}
	return url.URL{Scheme: "http", Host: r.Host}
}
