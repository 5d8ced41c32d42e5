package extract

import "strings"

// retiredMarks are the words that mark a rank held in retirement: "Major
// General (Rtd)", "Gen. (r)", "Retd. Brigadier".
var retiredMarks = setOf("r", "rtd", "retd", "ret", "retired", "res", "reserve")

// rankMarkBefore steps back over what may stand between a rank (or title)
// and a name without being either: a retirement mark ("(Rtd)", "Retd.") or
// the rank's abbreviation in brackets ("Lieutenant Colonel (Lt Col)"). It
// returns the first token of the mark, or k when there is none.
func (d *doc) rankMarkBefore(s, k int) int {
	T := d.st(s)
	if k < 2 {
		return k
	}
	// "(Rtd)", "(retd.)", "(Lt Col)"
	if T[k-1].is(")") {
		o := k - 2
		for o >= 0 && k-1-o <= 4 && !T[o].is("(") {
			o--
		}
		if o < 1 || !T[o].is("(") || o+1 >= k-1 {
			return k
		}
		var ws []string
		for i := o + 1; i < k-1; i++ {
			if T[i].kind == 'w' {
				ws = append(ws, T[i].low)
			} else if !T[i].is(".") {
				return k
			}
		}
		if len(ws) == 1 && (retiredMarks[ws[0]] || honorifics[ws[0]]) {
			return o // "(Rtd)", "(Dr)"
		}
		if len(ws) == 2 && (ws[0] == "lower" || ws[0] == "upper") && ws[1] == "half" {
			return o // "Rear Admiral (Lower Half)"
		}
		if _, ok := ranks[strings.Join(ws, " ")]; ok {
			if r, _ := d.rankBefore(s, o); r != "" {
				return o
			}
		}
		return k
	}
	// "Retd. Major General": the mark before the rank is stepped over when
	// the rank is read; "Major General Retd. X" here
	i := k - 1
	if T[i].is(".") && !T[i].sp {
		i--
	}
	if i >= 1 && T[i].kind == 'w' && T[i].cap && retiredMarks[T[i].low] && T[i].low != "r" {
		if r, _ := d.rankBefore(s, i); r != "" {
			return i
		}
	}
	return k
}

// rankMarkAfter steps over a retirement mark written after a name: "Gen.
// Tariq Khan (retd)". It returns the token after the mark, or e.
func (d *doc) rankMarkAfter(s, e int) int {
	T := d.st(s)
	if e+2 < len(T) && T[e].is("(") && T[e+1].kind == 'w' && retiredMarks[T[e+1].low] {
		k := e + 2
		if k < len(T) && T[k].is(".") {
			k++
		}
		if k < len(T) && T[k].is(")") {
			return k + 1
		}
	}
	return e
}
