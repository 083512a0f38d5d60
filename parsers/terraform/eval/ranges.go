package eval

import "github.com/daslint/daslint/model"

func rangeOf(file string) model.Range { return model.Range{File: file} }
