package extract

import "testing"

// A name's last word after "bin" is the father's: "Prince Salman" is not
// "Muhammad bin Salman".
func TestFatherNameIsNoSurname(t *testing.T) {
	got := writtenNames("On 2 June 2024, Crown Prince Salman met British Defence Secretary Philip Hammond in Riyadh. " +
		"The talks were attended by Prince Muhammad bin Salman, head of the court. Prince Salman thanked him.")
	if got["Salman"] != "Salman" {
		t.Errorf("Salman: %q, want Salman (%v)", got["Salman"], got)
	}
	if got["Muhammad bin Salman"] != "Muhammad bin Salman" {
		t.Errorf("Muhammad bin Salman: %q (%v)", got["Muhammad bin Salman"], got)
	}
}
