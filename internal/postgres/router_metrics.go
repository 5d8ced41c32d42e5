package postgres

import "github.com/prometheus/client_golang/prometheus"

// routerCollector exports what a Router knows of its nodes, labelled
// node="primary", "replica-1", … and role.
type routerCollector struct {
	r                                         *Router
	up, serving, lag, position, reads, paused *prometheus.Desc
}

// NewRouterCollector returns a collector of the nodes' state: up, serving,
// replay lag, position, and the requests whose reads each served (whose
// shares are the spread of reads).
func NewRouterCollector(r *Router) prometheus.Collector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("milmeet_db_"+name, help, []string{"node", "role"}, nil)
	}
	return &routerCollector{
		r:        r,
		up:       d("node_up", "1 when the node answered its last check."),
		serving:  d("node_serving", "1 when the node takes reads (a replica: up, in recovery, lag within MAX_REPLICA_LAG)."),
		lag:      d("replica_lag_seconds", "How long the oldest write a replica lacks has been known on the primary; 0 when it lacks none."),
		position: d("wal_position_bytes", "The primary's write-ahead log insert position, or how far a replica has replayed it."),
		reads:    d("reads_total", "Requests whose reads the node served."),
		paused:   d("replica_replay_paused", "1 when the replica's replay is paused."),
	}
}

// Describe implements prometheus.Collector.
func (c *routerCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.up, c.serving, c.lag, c.position, c.reads, c.paused} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *routerCollector) Collect(ch chan<- prometheus.Metric) {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	for _, n := range c.r.Nodes() {
		m := func(d *prometheus.Desc, t prometheus.ValueType, v float64) {
			ch <- prometheus.MustNewConstMetric(d, t, v, n.Name, n.Role)
		}
		m(c.up, prometheus.GaugeValue, b(n.Up))
		m(c.serving, prometheus.GaugeValue, b(n.Serving))
		m(c.reads, prometheus.CounterValue, float64(n.Reads))
		if n.Position != 0 {
			m(c.position, prometheus.GaugeValue, float64(n.Position))
		}
		if n.Role == RoleReplica {
			m(c.paused, prometheus.GaugeValue, b(n.ReplayPaused))
			if n.LagSeconds != nil {
				m(c.lag, prometheus.GaugeValue, *n.LagSeconds)
			}
		}
	}
}
