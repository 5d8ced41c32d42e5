package postgres

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector exports the pools' statistics to Prometheus, labelled
// pool="main" or pool="bulk".
type poolCollector struct {
	pools                                     map[string]*pgxpool.Pool
	acquired, idle, total, max                *prometheus.Desc
	acquires, emptyAcquires, canceledAcquires *prometheus.Desc
	acquireSeconds                            *prometheus.Desc
}

// NewPoolCollector returns a collector of the pools' statistics.
func NewPoolCollector(pools *Pools) prometheus.Collector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("milmeet_db_pool_"+name, help, []string{"pool"}, nil)
	}
	return &poolCollector{
		pools:            map[string]*pgxpool.Pool{"main": pools.Main, "bulk": pools.Bulk},
		acquired:         d("acquired_conns", "Connections in use."),
		idle:             d("idle_conns", "Idle connections."),
		total:            d("total_conns", "Open connections."),
		max:              d("max_conns", "Largest size of the pool."),
		acquires:         d("acquires_total", "Connections acquired."),
		emptyAcquires:    d("empty_acquires_total", "Acquires that had to wait for a connection."),
		canceledAcquires: d("canceled_acquires_total", "Acquires given up because their context ended."),
		acquireSeconds:   d("acquire_seconds_total", "Time spent waiting for connections."),
	}
}

// Describe implements prometheus.Collector.
func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.acquired, c.idle, c.total, c.max, c.acquires, c.emptyAcquires,
		c.canceledAcquires, c.acquireSeconds} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for name, pool := range c.pools {
		s := pool.Stat()
		m := func(d *prometheus.Desc, t prometheus.ValueType, v float64) {
			ch <- prometheus.MustNewConstMetric(d, t, v, name)
		}
		m(c.acquired, prometheus.GaugeValue, float64(s.AcquiredConns()))
		m(c.idle, prometheus.GaugeValue, float64(s.IdleConns()))
		m(c.total, prometheus.GaugeValue, float64(s.TotalConns()))
		m(c.max, prometheus.GaugeValue, float64(s.MaxConns()))
		m(c.acquires, prometheus.CounterValue, float64(s.AcquireCount()))
		m(c.emptyAcquires, prometheus.CounterValue, float64(s.EmptyAcquireCount()))
		m(c.canceledAcquires, prometheus.CounterValue, float64(s.CanceledAcquireCount()))
		m(c.acquireSeconds, prometheus.CounterValue, s.AcquireDuration().Seconds())
	}
}
