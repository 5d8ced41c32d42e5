package extract

import "strings"

// siteNames maps a country's name, capital or demonym written as one
// lower-case word of letters ("uganda", "southafrica", "tehran",
// "nigerian") to the country, for reading a site's name; a form written
// for two countries is dropped.
var siteNames = func() map[string]string {
	out := map[string]string{}
	shared := map[string]bool{}
	add := func(form, code string) {
		var b strings.Builder
		for _, w := range foldWords(form) {
			b.WriteString(w)
		}
		k := b.String()
		if len(k) < minSiteName || shared[k] || notSiteNames[k] {
			return
		}
		for _, r := range k {
			if r < 'a' || r > 'z' {
				return
			}
		}
		if old, ok := out[k]; ok && old != code {
			delete(out, k)
			shared[k] = true
			return
		}
		out[k] = code
	}
	for _, r := range countryRows {
		for _, a := range strings.Split(r.adjs, "|") {
			if a != "" {
				siteAdj[strings.ToLower(a)] = r.code
			}
		}
		for _, n := range strings.Split(r.names, "|") {
			if !isAbbr(n) {
				add(n, r.code)
			}
		}
		for _, a := range strings.Split(r.adjs, "|") {
			add(a, r.code)
		}
		if r.capital != "" {
			for _, c := range strings.Split(r.capital, "/") {
				add(c, r.code)
			}
		}
	}
	return out
}()

// siteAdj maps a lower-case demonym to its country: a site's label that is
// one names the language of an edition.
var siteAdj = map[string]string{}

// notSiteNames are forms that name another place as often in a site's
// name: the US state of Georgia.
var notSiteNames = setOf("georgia")

// minSiteName is the fewest letters a form is read with inside a site's
// name: shorter ones ("oman", "chad", "mali") are the start or the end of
// too many words ("womansday", "chadwick", "malibu").
const minSiteName = 5

// siteCountry returns the country a site's name tells: the name, capital or
// demonym of one country at the start or at the end of a part of its
// domain name ("watchdoguganda.com", "kuwaittimes.net", "tehrantimes.com",
// "romania-insider.com"); "" when none or more than one country is read.
func siteCountry(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return ""
	}
	found := ""
	for _, label := range labels[:len(labels)-1] {
		if c, ok := siteNames[label]; ok && siteAdj[label] == c {
			continue // a language's edition: "english.", "french."
		}
		for _, part := range strings.Split(label, "-") {
			best, bestLen := "", 0
			for n := len(part); n >= minSiteName; n-- {
				for _, k := range []string{part[:n], part[len(part)-n:]} {
					if c, ok := siteNames[k]; ok && n > bestLen {
						best, bestLen = c, n
					}
				}
			}
			if best == "" {
				continue
			}
			if found != "" && found != best {
				return ""
			}
			found = best
		}
	}
	return found
}
