package templates

import "testing"

// Docs examples with Graph's zone-less date-times are used in generated
// tests where the client can read them: in Optional fields, not in plain
// time.Time fields or slices.
func TestFitsDateTimes(t *testing.T) {
	tm := &goType{kind: tTime}
	for _, c := range []struct {
		v          string
		plain      bool
		ok, stable bool
	}{
		{"2017-04-15T12:00:00Z", true, true, true},
		{"2017-04-15T12:00:00Z", false, true, true},
		{"2017-04-15T12:00:00.0000000Z", false, true, false},
		{"2017-04-15T12:00:00.0000000", false, true, false},
		{"2017-04-15T12:00:00.0000000", true, false, false},
		{"next Tuesday", false, false, false},
	} {
		ok, stable := fits(tm, c.v, c.plain, 0)
		if ok != c.ok || stable != c.stable {
			t.Errorf("fits(%q, plain=%v) = %v, %v; want %v, %v", c.v, c.plain, ok, stable, c.ok, c.stable)
		}
	}
}
