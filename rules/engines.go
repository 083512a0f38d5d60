package rules

import (
	"strconv"
	"strings"
)

// What the Aurora documentation says about where activity streams run
// (docs/rules/DAS101.md and DAS103.md cite the pages). daslint only ever
// reports what the pages rule out for good: a fact that they leave open
// (a version prefix that spans supported and unsupported versions, an
// instance class of a generation they may not list yet) gives no finding.

// isAuroraMySQL says whether an engine is Aurora MySQL: aurora-mysql, or
// the legacy aurora (MySQL 5.6-compatible).
func isAuroraMySQL(engine string) bool {
	return engine == "aurora-mysql" || engine == "aurora"
}

// mysqlVersion is an Aurora MySQL version as far as a version string (or a
// prefix of one) tells: its major version (1, 2, 3) and, when the string
// fixes it, its minor version.
type mysqlVersion struct {
	major int
	// minor is -1 when the string does not fix it ("5.7",
	// "5.7.mysql_aurora.2", or "...2.1", which the provider's prefix match
	// may complete to 2.10, 2.11 or 2.12).
	minor int
}

// parseAuroraMySQL reads an Aurora MySQL engine version: the current form
// "<MySQL major>.mysql_aurora.<Aurora version>" ("8.0.mysql_aurora.3.05.2",
// "5.7.mysql_aurora.2.11.2"), a prefix of it ("8.0", "5.7"), or the old
// forms ("5.6.10a" for version 1, "5.7.12" for 2.01-2.03). ok is false for
// anything else (an unreleased MySQL major, a typo).
func parseAuroraMySQL(v string) (mysqlVersion, bool) {
	mysql, aurora, hasAurora := strings.Cut(v, ".mysql_aurora.")
	switch {
	case strings.HasPrefix(mysql, "5.6"):
		// Every 5.6-compatible release is Aurora MySQL version 1.
		return mysqlVersion{major: 1, minor: -1}, true
	case mysql == "5.7.12":
		// Before 2.04 version 2 was named for its MySQL version alone.
		return mysqlVersion{major: 2, minor: 3}, true
	case mysql == "5.7" && !hasAurora:
		return mysqlVersion{major: 2, minor: -1}, true
	case mysql == "8.0" && !hasAurora:
		return mysqlVersion{major: 3, minor: -1}, true
	case !hasAurora || (mysql != "5.7" && mysql != "8.0"):
		return mysqlVersion{}, false
	}
	parts := strings.Split(aurora, ".")
	major, err := strconv.Atoi(parts[0])
	if err != nil || (mysql == "5.7") != (major == 2) || (mysql == "8.0") != (major == 3) {
		return mysqlVersion{}, false
	}
	out := mysqlVersion{major: major, minor: -1}
	if len(parts) > 1 && len(parts[1]) == 2 {
		// Aurora minor versions have two digits (2.04, 3.05); a shorter
		// one is a prefix of several.
		if n, err := strconv.Atoi(parts[1]); err == nil {
			out.minor = n
		}
	}
	return out, true
}

// mysqlVersionUnsupported says why an Aurora MySQL version cannot run an
// activity stream, or "" when it can or the string does not tell. Version
// 3 supports streams in every version, version 2 from 2.11, version 1 not
// at all.
func mysqlVersionUnsupported(v string) string {
	mv, ok := parseAuroraMySQL(v)
	switch {
	case !ok:
		return ""
	case mv.major == 1:
		return "Aurora MySQL version 1 (MySQL 5.6-compatible) does not support database activity streams"
	case mv.major == 2 && mv.minor >= 0 && mv.minor < 11:
		return "Aurora MySQL version 2 supports database activity streams from 2.11"
	}
	return ""
}

// classUnsupported says why a DB instance class cannot run an activity
// stream, or "" when it can or daslint cannot tell. The supported classes
// are memory-optimized (db.r*, db.x2g) and the list grows with each
// generation, so only the classes that no version of the list has ever
// held are reported: Aurora Serverless v2 and the burstable classes.
func classUnsupported(class string) string {
	switch {
	case class == "db.serverless":
		return "Aurora Serverless v2 (db.serverless) does not support database activity streams"
	case isBurstable(class):
		return "burstable DB instance classes (db.t*) do not support database activity streams"
	}
	return ""
}

// isBurstable says whether a class is burstable: db.t2, db.t3, db.t4g ...
func isBurstable(class string) bool {
	rest, ok := strings.CutPrefix(class, "db.t")
	return ok && rest != "" && rest[0] >= '0' && rest[0] <= '9'
}
