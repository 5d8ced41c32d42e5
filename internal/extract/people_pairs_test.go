package extract

import "testing"

// "X, <title>, Y, <title>, Z, <title>": each title is the name's before it.
func TestNamePositionLists(t *testing.T) {
	d := parse("The session was attended by Mohammed bin Nasser al Rasbi, Secretary General of the Ministry of Defence, Maj Gen Mattar bin Salem al Balushi, Commander of the Royal Army of Oman (RAO), Hamish Cowell, UK Ambassador to the Sultanate and the delegation accompanying the guest.")
	want := map[string]string{
		"Mohammed bin Nasser al Rasbi": "|Secretary General of the Ministry of Defence",
		"Mattar bin Salem al Balushi":  "OM|Commander of the Royal Army of Oman",
		"Hamish Cowell":                "GB|Ambassador to the Sultanate",
	}
	for _, m := range d.people {
		if w, ok := want[m.written]; ok {
			if got := m.country + "|" + m.pos; got != w {
				t.Errorf("%s: %q, want %q", m.written, got, w)
			}
		}
	}
	// titles before names: "<title>, X, <title>, Y" keeps each its own
	d = parse("The talks were attended by the Chief of General Staff, General Ali Khan, the Commander of the Navy, Admiral Omar Aziz.")
	want = map[string]string{"Ali Khan": "Chief of General Staff", "Omar Aziz": "Commander of the Navy"}
	for _, m := range d.people {
		if w, ok := want[m.written]; ok && m.pos != w {
			t.Errorf("%s: %q, want %q", m.written, m.pos, w)
		}
	}
}
