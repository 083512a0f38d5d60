// Package tfplan reads the JSON that `terraform show -json` prints, of a
// saved plan (the planned world) or of a state (the deployed world), into
// the model (docs/semantics.md#sources-of-one-run, docs/semantics.md#plan-json).
//
// The plan's resource instances become eval.Instance records that the
// Terraform translator (package parsers/terraform) turns into model
// objects, so every AWS type is mapped in one place. Known values come
// from planned_values (or a state's values). An attribute that is unknown
// until apply is linked through the references the configuration section
// records for it: when they name exactly one resource instance, the
// attribute is that instance's identity token (model.Token), the value
// the evaluator gives the same reference in code; otherwise it stays
// unknown, with the reason.
package tfplan
