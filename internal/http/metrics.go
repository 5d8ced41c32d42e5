package http

import (
	"crypto/subtle"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/milmeet/milmeet/internal/domain"
)

// metrics are the HTTP layer's Prometheus metrics.
type metrics struct {
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	inFlight    prometheus.Gauge
	exports     prometheus.Gauge
	imported    *prometheus.CounterVec
	extractions *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "milmeet_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "milmeet_http_request_duration_seconds", Help: "HTTP request latency by route pattern, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "milmeet_http_requests_in_flight", Help: "HTTP requests being served.",
		}),
		exports: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "milmeet_exports_running", Help: "Exports being sent.",
		}),
		imported: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "milmeet_import_lines_total", Help: "Lines of NDJSON imports by outcome (stored, failed).",
		}, []string{"outcome"}),
		extractions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "milmeet_extractions_total", Help: "Reports read, by outcome: extracted (POST /extract), pending or accepted (a new draft of POST /articles).",
		}, []string{"outcome"}),
	}
	reg.MustRegister(m.requests, m.duration, m.inFlight, m.exports, m.imported, m.extractions)
	return m
}

// MetricsHandler serves the metrics: on the API's address, unless
// MetricsAddr puts them on one of their own (where the caller serves this);
// with MetricsKey set, only to requests that send it as a bearer token.
func (s *Server) MetricsHandler() http.Handler {
	h := promhttp.HandlerFor(s.cfg.Gatherer, promhttp.HandlerOpts{})
	if s.cfg.MetricsKey == "" {
		return h
	}
	want := []byte("Bearer " + s.cfg.MetricsKey)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="milmeet metrics"`)
			w.Header().Set("Cache-Control", "no-store")
			s.writeError(w, r, domain.Errorf(domain.EUNAUTHORIZED, "The metrics need \"Authorization: Bearer\" with the metrics key."))
			return
		}
		h.ServeHTTP(w, r)
	})
}
