package pgtest

import (
	"bytes"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Proxy forwards TCP connections to a database server and lets a test break
// them as a network or a crashed server would: cut the connections open now
// (a clean close, which the client reads as an unexpected end of data, or a
// reset), and refuse new ones for a while. It affects only the clients that
// connect through it, so such tests may run in parallel with others.
type Proxy struct {
	t      testing.TB
	ln     net.Listener
	target string

	mu     sync.Mutex
	conns  map[net.Conn]net.Conn // client side → server side
	refuse bool
	// cutOn, when set, is bytes whose passing to the server cuts the
	// client's connection once they are sent (see CutAfter).
	cutOn []byte
	wg    sync.WaitGroup
}

// NewProxy starts a proxy to the server of dbURL, stopped at the end of the
// test.
func NewProxy(t testing.TB, dbURL string) *Proxy {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("pgtest: proxy: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("pgtest: proxy: %v", err)
	}
	p := &Proxy{t: t, ln: ln, target: u.Host, conns: map[net.Conn]net.Conn{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(func() {
		_ = ln.Close()
		p.Cut(false)
		p.wg.Wait()
	})
	return p
}

// URL returns dbURL with the proxy as its host, and without TLS: the proxy
// reads what the client sends (CutAfter), which it could not on a server
// that offers TLS (Debian's, with its snakeoil certificate, under
// TEST_DATABASE_URL), as pgx's default sslmode=prefer would take it.
func (p *Proxy) URL(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		p.t.Fatalf("pgtest: proxy: %v", err)
	}
	u.Host = p.ln.Addr().String()
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}

// Cut closes every connection open through the proxy: with reset, as a
// TCP reset (ECONNRESET for the client), else as a clean close, which a
// client in the middle of a statement reads as an unexpected EOF.
func (p *Proxy) Cut(reset bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c, s := range p.conns {
		if tc, ok := c.(*net.TCPConn); ok && reset {
			_ = tc.SetLinger(0)
		}
		_ = c.Close()
		_ = s.Close()
		delete(p.conns, c)
	}
}

// CutAfter arms the proxy: the next time a client sends bytes holding
// pattern (such as "commit"), they go to the server, and then the client's
// connection is closed before any answer comes back, and new connections
// are refused. The server's side stays open a moment, so that the server
// carries the statement out: the client cannot know whether it took effect.
func (p *Proxy) CutAfter(pattern []byte) {
	p.mu.Lock()
	p.cutOn = pattern
	p.mu.Unlock()
}

// Refuse makes the proxy close new connections at once (on) or forward
// them again (off): a server that is down.
func (p *Proxy) Refuse(on bool) {
	p.mu.Lock()
	p.refuse = on
	p.mu.Unlock()
}

// Open returns how many connections are open through the proxy.
func (p *Proxy) Open() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refuse := p.refuse
		p.mu.Unlock()
		if refuse {
			_ = c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		// Refuse may have been turned on, and the open connections cut,
		// while this one was being dialled: it is refused too, else it
		// would outlive the cut.
		p.mu.Lock()
		if p.refuse {
			p.mu.Unlock()
			_ = c.Close()
			_ = s.Close()
			continue
		}
		p.conns[c] = s
		p.mu.Unlock()
		p.wg.Add(2)
		answered := make(chan struct{})
		go p.pipe(c, s, answered)
		go p.toServer(s, c, answered)
	}
}

// toServer copies what the client c sends to the server s, watching for
// the pattern of CutAfter. After a cut it keeps the server's side open
// until the server answers (answered: the copy the other way ended, as
// its answer found the client gone), so that the statement is carried out
// however slow the server is, or for 10 s at most.
func (p *Proxy) toServer(s, c net.Conn, answered <-chan struct{}) {
	buf := make([]byte, 32<<10)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			if _, werr := s.Write(buf[:n]); werr != nil {
				break
			}
			p.mu.Lock()
			cut := p.cutOn != nil && bytes.Contains(buf[:n], p.cutOn)
			if cut {
				p.cutOn, p.refuse = nil, true
				delete(p.conns, c)
			}
			p.mu.Unlock()
			if cut {
				_ = c.Close()
				select {
				case <-answered:
				case <-time.After(10 * time.Second):
				}
				break
			}
		}
		if err != nil {
			break
		}
	}
	_ = s.Close()
	_ = c.Close()
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
	p.wg.Done()
}

// pipe copies one direction; when either side ends, both are closed, and
// then done is.
func (p *Proxy) pipe(dst, src net.Conn, done chan<- struct{}) {
	defer p.wg.Done()
	defer close(done)
	_, _ = io.Copy(dst, src) // ends with an error when cut: the other direction sees it too
	_ = dst.Close()
	_ = src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}
