//go:build race

package main

// raceDetector is set when the tests run with -race, which makes a run
// over thousands of generated stacks too slow for the package's time
// limit: such tests then run their smaller sizes only, as with -short.
const raceDetector = true
