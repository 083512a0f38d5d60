package model

import "testing"

func TestTriTruthTables(t *testing.T) {
	vals := []Tri{False, Unknown, True}
	// Kleene truth tables, rows and columns in the order of vals.
	and := [3][3]Tri{
		{False, False, False},
		{False, Unknown, Unknown},
		{False, Unknown, True},
	}
	or := [3][3]Tri{
		{False, Unknown, True},
		{Unknown, Unknown, True},
		{True, True, True},
	}
	for i, a := range vals {
		for j, b := range vals {
			if got := a.And(b); got != and[i][j] {
				t.Errorf("%v AND %v = %v, want %v", a, b, got, and[i][j])
			}
			if got := a.Or(b); got != or[i][j] {
				t.Errorf("%v OR %v = %v, want %v", a, b, got, or[i][j])
			}
		}
	}
	if Tri(0) != Unknown {
		t.Errorf("zero Tri = %v, want unknown", Tri(0))
	}
	for _, c := range []struct{ cond, a, b, want Tri }{
		{True, False, True, False},
		{False, False, True, True},
		{Unknown, True, True, True},
		{Unknown, False, True, Unknown},
	} {
		if got := c.cond.If(c.a, c.b); got != c.want {
			t.Errorf("%v.If(%v, %v) = %v, want %v", c.cond, c.a, c.b, got, c.want)
		}
	}
	if True.Not() != False || False.Not() != True || Unknown.Not() != Unknown {
		t.Error("Not is wrong")
	}
}
