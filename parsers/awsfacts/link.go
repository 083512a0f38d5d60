package awsfacts

import (
	"reflect"

	"github.com/daslint/daslint/model"
)

// Link turns every literal ID in m that names an object in ids into a link
// by identity (a Key). It reaches every Ref and Refs of every object,
// inline routes and rules included, so that no kind of link is missed as
// the model grows.
func Link(m *model.Model, ids map[string]bool) {
	for _, o := range m.Objects() {
		LinkObject(o, ids)
	}
}

// LinkObject is Link for one object.
func LinkObject(o model.Object, ids map[string]bool) {
	WalkObject(o, func(r *model.Ref) {
		if r.Literal != "" && ids[r.Literal] {
			r.Key, r.Literal = r.Literal, ""
		}
	})
}

// Walk calls f on every Ref of every object of m.
func Walk(m *model.Model, f func(*model.Ref)) {
	for _, o := range m.Objects() {
		WalkObject(o, f)
	}
}

// WalkObject calls f on every Ref of o, inline routes and rules included.
func WalkObject(o model.Object, f func(*model.Ref)) {
	walkValue(reflect.ValueOf(o), f)
}

var (
	refType  = reflect.TypeOf(model.Ref{})
	refsType = reflect.TypeOf(model.Refs{})
)

func walkValue(v reflect.Value, f func(*model.Ref)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkValue(v.Elem(), f)
		}
	case reflect.Struct:
		switch v.Type() {
		case refType:
			if v.CanAddr() {
				f(v.Addr().Interface().(*model.Ref))
			}
			return
		case refsType:
			items := v.FieldByName("Items")
			for i := 0; i < items.Len(); i++ {
				walkValue(items.Index(i), f)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkValue(v.Field(i), f)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Pointer {
			for i := 0; i < v.Len(); i++ {
				walkValue(v.Index(i), f)
			}
		}
	}
}
