package rules

import (
	"fmt"
	"time"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/suppress"
)

// applySuppressions marks each finding that a suppression written in the code
// silences: one for the finding's rule, attached to the declaration of the
// finding's subject. A suppression whose until date is before today no
// longer applies: the finding counts again and its message says why. A
// zero today means no date is known, and no suppression expires.
func applySuppressions(findings []Finding, sups []*model.Suppression, today time.Time) {
	day := ""
	if !today.IsZero() {
		day = today.Format(suppress.DateLayout)
	}
	for i := range findings {
		f := &findings[i]
		for _, s := range sups {
			if s.Rule != f.Rule || s.Target.File != f.Range.File || s.Target.Line != f.Range.Line {
				continue
			}
			if s.Until != "" && day != "" && s.Until < day {
				if f.Expired == nil {
					f.Expired = s
				}
				continue
			}
			f.Suppressed = s
			break
		}
		if f.Suppressed == nil && f.Expired != nil {
			e := f.Expired
			f.Message += fmt.Sprintf(" (the suppression at %s expired on %s: %q)", at(e.Range), e.Until, e.Reason)
		}
	}
}
