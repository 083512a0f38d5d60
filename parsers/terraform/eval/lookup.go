package eval

import (
	"errors"
	"fmt"
	"sync"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// lookupFunc is Terraform's lookup. It differs from cty's in one way that
// matters for real modules: the default may be null, and terraform-aws-modules
// writes `lookup(each.value, "service", null)` throughout.
var lookupFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "inputMap", Type: cty.DynamicPseudoType, AllowDynamicType: true},
			{Name: "key", Type: cty.String},
		},
		VarParam: &function.Parameter{
			Name: "default", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true,
		},
		Type: func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 3 {
				return cty.NilVal, errors.New("lookup takes a map, a key and at most one default")
			}
			m, key := args[0], args[1].AsString()
			switch ty := m.Type(); {
			case ty.IsObjectType():
				if ty.HasAttribute(key) {
					return m.GetAttr(key), nil
				}
			case ty.IsMapType():
				if m.HasIndex(args[1]).True() {
					return m.Index(args[1]), nil
				}
			default:
				return cty.NilVal, function.NewArgErrorf(0, "lookup needs a map or an object, not %s", ty.FriendlyName())
			}
			if len(args) == 3 {
				return args[2], nil
			}
			return cty.NilVal, fmt.Errorf("lookup found no key %q and no default was given", key)
		},
	})
})
