package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestAgreementsSignedHereOnly(t *testing.T) {
	met := "On 14 September 2022, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in Amman. "
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"ColonList", "Two documents were signed: a training plan for 2023 and a memorandum on cyber defence.", []string{"cooperation_plan", "memorandum"}},
		{"CountedThenColon", "The generals signed two documents: a training plan for 2023 and a memorandum on cyber defence.", []string{"cooperation_plan", "memorandum"}},
		{"GroupNamedLater", "The talks were followed by the signing of two agreements. A memorandum on cyber defence was signed and a letter of intent on pilot training.", []string{"memorandum", "other"}},
		{"LetterOfArrangement", "The staffs signed a letter of arrangement on pilot training.", []string{"other"}},
		{"EarlierElsewhere", "The generals signed a training plan for 2023. Earlier, the generals signed a memorandum in Tallinn.", []string{"cooperation_plan"}},
		{"TallyOfYears", "The generals signed a training plan for 2023. The two countries have signed more than 40 documents on defence.", []string{"cooperation_plan"}},
		{"TallyToDate", "The generals signed a training plan for 2023. To date, 12 agreements have been signed between the two armies.", []string{"cooperation_plan"}},
		{"PassiveList", "A memorandum on cyber defence, a protocol on training and a training plan for 2023 were signed.", []string{"cooperation_plan", "memorandum", "protocol"}},
		{"OtherMonth", "The generals signed a training plan for 2023. The prime ministers signed defence accords in July in Tallinn.", []string{"cooperation_plan"}},
		{"OthersOverTime", "The generals signed a training plan for 2023. Other technical arrangements and specific agreements have also been signed between the services.", []string{"cooperation_plan"}},
		{"SignedOff", "The generals signed off on a plan to hold joint drills.", nil},
		{"Planned", "A memorandum on cyber defence is expected to be signed during the next visit.", nil},
		{"Discussed", "The generals discussed the implementation of the memorandum signed in 2019.", nil},
		// two passives joined by "and": each document once
		{"TwoPassives", "In the end, a training plan for 2023 was signed between the two staffs, and a memorandum was signed between the military academies.", []string{"cooperation_plan", "memorandum"}},
		{"TwoPassivesSameType", "A memorandum on cyber defence was signed by the staffs, and a memorandum was signed between the military academies.", []string{"memorandum", "memorandum"}},
	} {
		res := Extract(met+c.text, Options{})
		var got []string
		for _, a := range res.Meeting.Agreements {
			got = append(got, string(a.Type))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: agreements %v, want %v", c.name, got, c.want)
		}
	}
}

func TestAgreementToldAgainInLaterTalks(t *testing.T) {
	text := "On 14 September 2022, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in Amman. The two generals signed a training plan for 2023.\n\n" +
		"Later, General Kalev Tamm met the Commander of the Jordanian Air Force Major General Sami Nasser. The plan was signed in the presence of the air force commander.\n"
	res := Extract(text, Options{})
	n := len(res.Meeting.Agreements)
	for _, c := range res.Meeting.ChildMeetings {
		n += len(c.Agreements)
	}
	if len(res.Meeting.ChildMeetings) != 1 || n != 1 {
		t.Errorf("%d child meetings and %d agreements, want 1 and 1", len(res.Meeting.ChildMeetings), n)
	}
}
