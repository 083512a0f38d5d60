package model

// Tri is a three-valued (Kleene) truth value. Its zero value is Unknown, so
// a Tri that nobody set can never be mistaken for a proof.
type Tri uint8

// The three truth values.
const (
	Unknown Tri = iota
	False
	True
)

// TriOf converts a Go bool.
func TriOf(b bool) Tri {
	if b {
		return True
	}
	return False
}

// And is Kleene conjunction: False wins over Unknown.
func (t Tri) And(u Tri) Tri {
	switch {
	case t == False || u == False:
		return False
	case t == True && u == True:
		return True
	default:
		return Unknown
	}
}

// Or is Kleene disjunction: True wins over Unknown.
func (t Tri) Or(u Tri) Tri {
	switch {
	case t == True || u == True:
		return True
	case t == False && u == False:
		return False
	default:
		return Unknown
	}
}

// Not is Kleene negation.
func (t Tri) Not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	default:
		return Unknown
	}
}

// If returns a when t is True, b when t is False, and, when t is Unknown,
// their common value if they agree, else Unknown.
func (t Tri) If(a, b Tri) Tri {
	switch t {
	case True:
		return a
	case False:
		return b
	default:
		if a == b {
			return a
		}
		return Unknown
	}
}

// String returns "true", "false" or "unknown".
func (t Tri) String() string {
	switch t {
	case True:
		return "true"
	case False:
		return "false"
	default:
		return "unknown"
	}
}
