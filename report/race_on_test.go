//go:build race

package report

// raceEnabled is true under -race: the corpus tests then run a small
// sample, since the detector makes the whole trees take minutes.
const raceEnabled = true
