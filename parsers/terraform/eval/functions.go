package eval

import (
	"context"
	"crypto/md5"  //nolint:gosec // md5() is a Terraform function, not a security measure
	"crypto/sha1" //nolint:gosec // likewise sha1()
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/collection"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the Terraform functions that network code uses. Most
// come from cty's stdlib and go-cty-funcs; the few Terraform defines
// differently (length of a string, index as a position, replace with a
// regular expression) or that neither has are written here.
func (e *evaluator) functions() map[string]function.Function {
	fs := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
		"pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,

		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,

		"chunklist": stdlib.ChunklistFunc, "coalesce": collection.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": elementFunc(), "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "lookup": lookupFunc(), "merge": stdlib.MergeFunc,
		"range": rangeFunc(), "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": boundedSetProduct(), "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": sliceFunc(), "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,

		"jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"base64decode": encoding.Base64DecodeFunc, "base64encode": encoding.Base64EncodeFunc,

		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc, "cidrsubnet": cidr.SubnetFunc, "cidrsubnets": cidr.SubnetsFunc,

		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),

		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,

		"length": lengthFunc(), "index": indexFunc(), "one": oneFunc(), "alltrue": boolReduce(true), "anytrue": boolReduce(false),
		"sum": sumFunc(), "transpose": transposeFunc(), "replace": replaceFunc(),
		"startswith": stringTest(strings.HasPrefix), "endswith": stringTest(strings.HasSuffix),
		"strcontains": stringTest(strings.Contains),
		"md5":         hashFunc(func(b []byte) []byte { s := md5.Sum(b); return s[:] }),  //nolint:gosec // see import
		"sha1":        hashFunc(func(b []byte) []byte { s := sha1.Sum(b); return s[:] }), //nolint:gosec // see import
		"sha256":      hashFunc(func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }),
		"sensitive":   identityFunc(), "nonsensitive": identityFunc(),
		"sha512":       hashFunc(func(b []byte) []byte { s := sha512.Sum512(b); return s[:] }),
		"base64sha256": base64HashFunc(func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }),
		"base64sha512": base64HashFunc(func(b []byte) []byte { s := sha512.Sum512(b); return s[:] }),
		"urlencode":    encoding.URLEncodeFunc, "matchkeys": matchkeysFunc(),
		// daslint keeps no sensitivity marks, and an ephemeral value (known
		// only during a run) is unknown here anyway.
		"issensitive": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
			Type:   function.StaticReturnType(cty.Bool),
			Impl:   func([]cty.Value, cty.Type) (cty.Value, error) { return cty.False, nil },
		}),
		"ephemeralasnull": identityFunc(),
	}
	for name, f := range e.fileFunctions() {
		fs[name] = f
	}
	for name, f := range e.pathFunctions() {
		fs[name] = f
	}
	e.guardFunctions(fs)
	fs[forCountFunc] = e.forCounter()
	e.addUnevaluated(fs, nil)
	return fs
}

var identityFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params:       []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
		Type:         func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b },
		Impl:         func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
})

func applyTimeFunc() function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
		Type:     function.StaticReturnType(cty.String),
		// The unknown result is marked by eval with the call's position.
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(cty.String), nil },
	})
}

// lengthFunc is Terraform's length: of a collection, of a string in
// characters, or of a structural value. cty's length refuses objects, but
// Terraform counts their attributes: `length(var.tags)` of a `type = any`
// variable whose default is `{}` is 0, not an error. The length of an object
// or a tuple is in its type, so it is known even when the value is not.
var lengthFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
		Type: func(args []cty.Value) (cty.Type, error) {
			switch ty := args[0].Type(); {
			case ty == cty.String, ty == cty.DynamicPseudoType, ty.IsCollectionType(), ty.IsObjectType(), ty.IsTupleType():
				return cty.Number, nil
			default:
				return cty.NilType, fmt.Errorf("argument must be a string, a collection or a structural value, not %s", ty.FriendlyName())
			}
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			switch ty := v.Type(); {
			case ty == cty.String:
				return stdlib.Strlen(v)
			case ty.IsObjectType():
				return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
			case ty.IsTupleType():
				return cty.NumberIntVal(int64(len(ty.TupleElementTypes()))), nil
			}
			return stdlib.Length(v)
		},
	})
})

// indexFunc is Terraform's index(list, value): the position of value.
var indexFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			list := args[0]
			if ty := list.Type(); !ty.IsListType() && !ty.IsTupleType() {
				return cty.NilVal, fmt.Errorf("argument must be a list or tuple")
			}
			if !list.IsWhollyKnown() || !args[1].IsWhollyKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			i := 0
			for it := list.ElementIterator(); it.Next(); i++ {
				_, v := it.Element()
				if eq := v.Equals(args[1]); eq.IsKnown() && eq.True() {
					return cty.NumberIntVal(int64(i)), nil
				}
			}
			return cty.NilVal, fmt.Errorf("item not found")
		},
	})
})

var oneFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty := args[0].Type()
			switch {
			case ty.IsListType() || ty.IsSetType():
				return ty.ElementType(), nil
			case ty.IsTupleType():
				if n := len(ty.TupleElementTypes()); n == 1 {
					return ty.TupleElementTypes()[0], nil
				} else if n == 0 {
					return cty.DynamicPseudoType, nil
				}
				return cty.NilType, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
			case ty == cty.DynamicPseudoType:
				return cty.DynamicPseudoType, nil
			}
			return cty.NilType, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
		},
		Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
			v := args[0]
			if !v.IsKnown() {
				return cty.UnknownVal(ty), nil
			}
			switch v.LengthInt() {
			case 0:
				return cty.NullVal(ty), nil
			case 1:
				it := v.ElementIterator()
				it.Next()
				_, e := it.Element()
				return e, nil
			}
			return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
		},
	})
})

func boolReduce(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			sawUnknown := false
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				switch {
				case !v.IsKnown():
					sawUnknown = true
				case v.IsNull():
					if all {
						return cty.False, nil
					}
				case v.True() != all:
					return cty.BoolVal(!all), nil
				}
			}
			if sawUnknown {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.BoolVal(all), nil
		},
	})
}

var sumFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			if !v.CanIterateElements() || v.LengthInt() == 0 {
				return cty.NilVal, fmt.Errorf("cannot sum an empty list or a non-collection")
			}
			total := new(big.Float)
			for it := v.ElementIterator(); it.Next(); {
				_, x := it.Element()
				if !x.IsKnown() {
					return cty.UnknownVal(cty.Number), nil
				}
				n, err := convert.Convert(x, cty.Number)
				if err != nil || n.IsNull() {
					return cty.NilVal, fmt.Errorf("sum needs numbers")
				}
				total.Add(total, n.AsBigFloat())
			}
			return cty.NumberVal(total), nil
		},
	})
})

var transposeFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
		Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			out := map[string][]cty.Value{}
			for it := args[0].ElementIterator(); it.Next(); {
				k, list := it.Element()
				if !list.IsWhollyKnown() {
					return cty.UnknownVal(cty.Map(cty.List(cty.String))), nil
				}
				for lt := list.ElementIterator(); lt.Next(); {
					_, v := lt.Element()
					if v.IsNull() {
						return cty.NilVal, fmt.Errorf("transpose: null value in list")
					}
					out[v.AsString()] = append(out[v.AsString()], k)
				}
			}
			m := map[string]cty.Value{}
			for k, vs := range out {
				m[k] = cty.ListVal(vs)
			}
			if len(m) == 0 {
				return cty.MapValEmpty(cty.List(cty.String)), nil
			}
			return cty.MapVal(m), nil
		},
	})
})

// replaceFunc is Terraform's replace: a substring in slashes is a regular
// expression.
var replaceFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, sub, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
			if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
				re, err := regexp.Compile(sub[1 : len(sub)-1])
				if err != nil {
					return cty.NilVal, err
				}
				return cty.StringVal(re.ReplaceAllString(s, repl)), nil
			}
			return cty.StringVal(strings.ReplaceAll(s, sub, repl)), nil
		},
	})
})

func stringTest(f func(s, x string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "x", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func hashFunc(h func([]byte) []byte) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(hex.EncodeToString(h([]byte(args[0].AsString())))), nil
		},
	})
}

func base64HashFunc(h func([]byte) []byte) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(base64.StdEncoding.EncodeToString(h([]byte(args[0].AsString())))), nil
		},
	})
}

// matchkeysFunc is Terraform's matchkeys(values, keys, searchset): the
// elements of values whose corresponding element of keys is in searchset,
// in order.
var matchkeysFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
			{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
			{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()})
			if ty == cty.NilType {
				return cty.NilType, fmt.Errorf("keys and searchset must be of the same type")
			}
			return args[0].Type(), nil
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			values, keys, search := args[0], args[1], args[2]
			if !values.IsKnown() || !keys.IsKnown() || !search.IsWhollyKnown() {
				return cty.UnknownVal(retType), nil
			}
			if values.LengthInt() != keys.LengthInt() {
				return cty.NilVal, fmt.Errorf("length of keys and values should be equal")
			}
			if values.LengthInt() == 0 {
				return cty.ListValEmpty(retType.ElementType()), nil
			}
			vs, ks := values.AsValueSlice(), keys.AsValueSlice()
			var out []cty.Value
			for i, k := range ks {
				if !k.IsKnown() {
					return cty.UnknownVal(retType), nil
				}
				for it := search.ElementIterator(); it.Next(); {
					_, s := it.Element()
					if eq := k.Equals(s); eq.IsKnown() && eq.True() {
						out = append(out, vs[i])
						break
					}
				}
			}
			if len(out) == 0 {
				return cty.ListValEmpty(retType.ElementType()), nil
			}
			return cty.ListVal(out), nil
		},
	})
})

// sliceFunc is Terraform's slice. Its result has exactly end - start
// elements, or the call fails and Terraform plans nothing: so the slice of a
// list whose length is unknown offline, with known indexes, is a list of
// that many unknown elements. This is what makes the pattern of every
// terraform-aws-modules example, azs = slice(data.aws_availability_zones.
// available.names, 0, 3), give three zones (whose names are unknown, but
// not their positions in the list: zones.go) and known counts for the
// subnets built over them.
var sliceFunc = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			// Marked: the list's marks say whether it is a zone list.
			{Name: "list", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true},
			{Name: "start_index", Type: cty.Number},
			{Name: "end_index", Type: cty.Number},
		},
		Type: func(args []cty.Value) (cty.Type, error) {
			if ty := args[0].Type(); ty == cty.DynamicPseudoType && !args[0].IsKnown() {
				return cty.DynamicPseudoType, nil
			}
			return stdlib.SliceFunc.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if z := zoneListOf(args[0]); z != nil {
				if start, end, ok := sliceBounds(args[1], args[2]); ok {
					return zoneSlice(z, start, end), nil
				}
			}
			list, marks := args[0].Unmark()
			v, err := slice(list, args[1], args[2])
			return v.WithMarks(marks), err
		},
	})
})

// slice is sliceFunc of an unmarked list.
func slice(list, startIndex, endIndex cty.Value) (cty.Value, error) {
	if list.IsKnown() || !startIndex.IsKnown() || !endIndex.IsKnown() {
		return stdlib.Slice(list, startIndex, endIndex)
	}
	start, end, ok := sliceBounds(startIndex, endIndex)
	if !ok {
		return stdlib.Slice(list, startIndex, endIndex)
	}
	ty := list.Type()
	switch {
	case ty.IsListType():
		if end == start {
			return cty.ListValEmpty(ty.ElementType()), nil
		}
		elems := make([]cty.Value, end-start)
		for i := range elems {
			elems[i] = cty.UnknownVal(ty.ElementType())
		}
		return cty.ListVal(elems), nil
	case ty == cty.DynamicPseudoType:
		elems := make([]cty.Value, end-start)
		for i := range elems {
			elems[i] = cty.DynamicVal
		}
		return cty.TupleVal(elems), nil
	}
	return stdlib.Slice(list, startIndex, endIndex)
}

// sliceBounds returns slice's indexes when they are whole, in order and
// small enough to build a list of.
func sliceBounds(s, e cty.Value) (start, end int, ok bool) {
	si, acc1 := s.AsBigFloat().Int64()
	ei, acc2 := e.AsBigFloat().Int64()
	if acc1 != big.Exact || acc2 != big.Exact || si < 0 || ei < si || ei-si > maxUnknownSlice {
		return 0, 0, false
	}
	return int(si), int(ei), true
}

// maxUnknownSlice bounds the unknown elements one slice call makes.
const maxUnknownSlice = 1024

// Functions returns Terraform's functions as a configuration in dir would
// see them, reading files only below tree: what a Terragrunt configuration
// may call besides its own functions.
func Functions(dir, tree string) map[string]function.Function {
	e := &evaluator{ctx: context.Background(), rootDir: dir, confine: absDir(tree), parser: hclparse.NewParser(),
		configs: map[string]*moduleConfig{}, memo: map[string]*node{}, symbolic: map[string]symbolicElem{},
		expansions: map[string]*moduleExpansion{}}
	return e.functions()
}
