package extract

// homeAttendee returns the country of an official named at the meeting
// with a rank or position but no country, when the report gives one: a
// report published in the host country names its own officials without
// their country ("attended by Chief of Staff of the Armed Forces X"), so
// such an attendee is the host's. People who accompany a delegation or
// belong to one ("accompanied by", "the delegation included") are the
// guests' as often, and get none. It returns "" when nothing says.
func (b *builder) homeAttendee(m *meetingDraft, s, idx int) string {
	d := b.d
	if m.host == "" || !d.people[idx].strong || b.outletCountry() != m.host {
		return ""
	}
	T := d.st(s)
	if findPhrase(T, 0, "accompanied by") >= 0 || findPhrase(T, 0, "joined by") >= 0 || findPhrase(T, 0, "delegation") >= 0 {
		return ""
	}
	return m.host
}
