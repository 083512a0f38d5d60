//go:build !race

package parsers

// raceDetector is set when the tests run with -race (race_on_test.go).
const raceDetector = false
