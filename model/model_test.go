package model

import (
	"reflect"
	"testing"
)

// objectKinds are the fields of Model that hold top-level objects: the
// slices of a type that implements Object.
func objectKinds(t *testing.T) []reflect.StructField {
	t.Helper()
	object := reflect.TypeFor[Object]()
	var kinds []reflect.StructField
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Model]()) {
		if f.Type.Kind() == reflect.Slice && f.Type.Elem().Implements(object) {
			kinds = append(kinds, f)
		}
	}
	if len(kinds) < 20 {
		t.Fatalf("found %d object kinds in Model, want every one", len(kinds))
	}
	return kinds
}

// withOne returns a model with one new object of each kind, each with the
// address prefix+field name.
func withOne(t *testing.T, kinds []reflect.StructField, prefix string) *Model {
	t.Helper()
	m := &Model{}
	v := reflect.ValueOf(m).Elem()
	for _, f := range kinds {
		obj := reflect.New(f.Type.Elem().Elem())
		obj.Interface().(Object).Base().Address = prefix + f.Name
		v.FieldByIndex(f.Index).Set(reflect.Append(reflect.MakeSlice(f.Type, 0, 1), obj))
	}
	return m
}

// TestAppendObjectsTakesEveryKind fails when a kind of object is added to
// Model and not to AppendObjects (a model translated in parts would lose
// it), and checks that each kind keeps m's objects first.
func TestAppendObjectsTakesEveryKind(t *testing.T) {
	kinds := objectKinds(t)
	m := withOne(t, kinds, "a.")
	m.AppendObjects(withOne(t, kinds, "b."))
	m.AppendObjects(&Model{})
	v := reflect.ValueOf(m).Elem()
	for _, f := range kinds {
		list := v.FieldByIndex(f.Index)
		var got []string
		for i := range list.Len() {
			got = append(got, list.Index(i).Interface().(Object).Base().Address)
		}
		if want := []string{"a." + f.Name, "b." + f.Name}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s after AppendObjects: %q, want %q", f.Name, got, want)
		}
	}
}

// TestAppendObjectsLeavesTheRest checks that what is not an object list
// stays m's own.
func TestAppendObjectsLeavesTheRest(t *testing.T) {
	m := &Model{Source: Terraform, Root: "a", Joined: []string{"j"}}
	m.AppendObjects(&Model{Source: CloudFormation, Root: "b", Joined: []string{"k"}, Unread: []*Unresolved{{Reason: "x"}}})
	if m.Source != Terraform || m.Root != "a" || len(m.Joined) != 1 || m.Unread != nil {
		t.Errorf("AppendObjects changed more than the objects: %+v", m)
	}
}
