package network

import (
	"strings"

	"github.com/daslint/daslint/model"
)

// associationMaybe says why the association o, which links subnet s through
// ref, may not exist while s does, or nil when it exists whenever s does.
// The subnet's own existence is given here: s is being analysed as a place
// where an instance runs.
//
//   - ref.Maybe says the link itself may not be there (an element of a list
//     that may not exist); it is no further doubt when it is s's own maybe.
//   - An association that may not exist is there whenever s is when both
//     are of one cohort (they exist together, Origin.Cohort) and the link
//     names s itself: with s's own index (ref.SameIndex), or s is not a
//     symbolic instance (its address does not end in `[?]`) and so stands
//     for the one object of its kind in each member of the cohort (a
//     resource in a module instantiated by an unknown count, a
//     CloudFormation resource under an unknown condition).
//
// Every other maybe association stays a maybe: it can turn a verdict
// unknown, never pass.
func associationMaybe(o *model.Origin, ref model.Ref, s *model.Subnet) *model.Unresolved {
	if ref.Maybe != nil && ref.Maybe != s.Maybe {
		return ref.Maybe
	}
	if o.Maybe == nil || existsWith(o, ref, s) {
		return nil
	}
	return o.Maybe
}

// existsWith reports whether o, a maybe object that links s through ref,
// exists whenever the maybe subnet s does (see associationMaybe).
func existsWith(o *model.Origin, ref model.Ref, s *model.Subnet) bool {
	return o.Maybe != nil && s.Maybe != nil && o.Cohort != "" && o.Cohort == s.Cohort &&
		(ref.SameIndex || !strings.HasSuffix(s.Address, "[?]"))
}
