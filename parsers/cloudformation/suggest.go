package cloudformation

// typoBudget is how many edits a misspelling of a name of n characters may
// have: one, and one more per six characters. A looser budget starts
// suggesting unrelated names (NatGateway for InternetGateway).
func typoBudget(n int) int { return max(1, n/6) }
