package extract

import (
	"math"

	"github.com/milmeet/milmeet/internal/domain"
)

// Parts of the overall confidence for what is missing or uncertain.
const (
	confNoDate       = 0.1  // no date at all: the draft cannot be stored
	confFewCountries = 0.2  // fewer than two countries: a side is missing
	confNoHost       = 0.5  // an in-person meeting with no host found
	confNoHead       = 0.45 // a delegation without a named head
	confKeyWarning   = 0.6  // each warning about date, countries, host or heads multiplies by this
	confWarning      = 0.9  // and each other warning by this
)

// confidence derives the draft's overall confidence from the confidences
// of the values that make a record right or wrong: the date, the countries,
// the host and the heads (see Result.Confidence).
func (b *builder) confidence(main *meetingDraft, m domain.Meeting) float64 {
	c := 1.0
	low := func(x float64) { c = math.Min(c, x) }
	if m.Date.IsZero() {
		low(confNoDate)
	} else {
		low(b.dateConf)
	}
	if len(m.Delegations) < 2 {
		low(confFewCountries)
	}
	for _, x := range main.dlgs {
		conf := x.conf
		if x.headline {
			conf = math.Min(conf, 0.5)
		}
		low(conf)
		if x.head < 0 {
			low(confNoHead)
		} else if !b.d.people[x.head].strong {
			low(0.6)
		}
	}
	inPerson := m.Kind != "phone_call" && m.Kind != "video_conference"
	if inPerson {
		if main.host == "" {
			low(confNoHost)
		} else {
			low(main.hostConf)
		}
	}
	c *= math.Pow(confKeyWarning, float64(b.keyWarns)) * math.Pow(confWarning, float64(len(b.res.Warnings)-b.keyWarns))
	return math.Round(c*1000) / 1000
}
