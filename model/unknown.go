package model

// UnknownKind classifies where an unresolvable value comes from, so that a
// report can group them and say what to supply.
type UnknownKind string

// The sources of unknown values.
const (
	FromVariable   UnknownKind = "variable"     // a variable or parameter without a value
	FromDataSource UnknownKind = "data source"  // a data source that is not resolved offline
	FromImport     UnknownKind = "import"       // Fn::ImportValue, an SSM parameter
	FromModule     UnknownKind = "module"       // a module or nested stack that was not read
	FromCondition  UnknownKind = "condition"    // a condition, count or for_each that is unknown
	FromExternal   UnknownKind = "external"     // a literal ID of a resource outside the scanned code
	FromComputed   UnknownKind = "computed"     // an attribute only AWS knows after apply
	FromLimit      UnknownKind = "limit"        // a size or expansion limit was reached
	FromExpression UnknownKind = "expression"   // an expression daslint cannot evaluate
	FromTarget     UnknownKind = "route target" // egress that happens outside the scanned network
	FromPolicy     UnknownKind = "policy"       // an endpoint policy daslint cannot judge
	FromDefault    UnknownKind = "default"      // an AWS default that is documented two ways
	FromInput      UnknownKind = "input"        // a file that could not be read or parsed
)

// Unresolved says why a value could not be resolved offline and where.
type Unresolved struct {
	Kind UnknownKind
	// Reason is a sentence fragment for a person: `variable "vpc_id" has no
	// value`, `data.aws_availability_zones.available is read at apply time`.
	Reason string
	// Range is where the unresolved value comes from (the variable, data
	// source, import) or, failing that, where it is used.
	Range Range
	// Fix, when set, says what the user can do about it, where the advice
	// for its Kind would mislead (a module that no `terraform init` reads).
	Fix string
}

// Error lets an Unresolved be wrapped and printed like an error.
func (u *Unresolved) Error() string { return u.Reason }
