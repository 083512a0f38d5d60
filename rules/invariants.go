package rules

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// tighten enforces SPEC §1.5 on an analysis result before any rule sees
// it: a cluster passes only when every instance in every candidate subnet
// passes, so its verdict is never better than the AND of theirs. A false
// pass is the worst bug daslint can have; this check can only turn a
// verdict from pass into unknown or fail, never the other way. The path of
// a pass is the one all its instances use (SPEC §5), or none when they
// differ.
func tighten(c *network.ClusterResult) {
	v := c.Verdict
	for _, ir := range c.Instances {
		v = v.And(ir.Verdict)
	}
	c.Verdict = v
	if c.Verdict != model.True {
		c.Path = ""
		return
	}
	for i, ir := range c.Instances {
		switch {
		case i == 0:
			c.Path = ir.Path
		case ir.Path != c.Path:
			c.Path = ""
			return
		}
	}
}
