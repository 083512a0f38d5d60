//go:build race

package parsers

// raceDetector is set when the tests run with -race, which makes the
// oracle of every golden case too slow: it then samples them as -short
// does.
const raceDetector = true
