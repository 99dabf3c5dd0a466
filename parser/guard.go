package parser

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Input guards. goldmark's time and memory grow faster than the input on
// deeply nested markdown (hundreds of nested list markers or block quotes,
// megabytes of ever deeper indentation), and every page is held whole, so
// a page is checked before goldmark sees it: one that is larger than
// MaxPageSize, nests deeper than MaxNesting, or is not UTF-8 is reported
// and skipped. The largest real page (2021 and current docs) is 118 KB and
// nests 10 deep by this measure.
const (
	// MaxPageSize is the largest page or include read, in bytes.
	MaxPageSize = 2 << 20
	// MaxNesting is the deepest nesting of containers (list items, block
	// quotes, indentation) a page may have outside fenced code.
	MaxNesting = 32
	// MaxPathLength and MaxPathSegments bound a request path (the
	// longest real ones have 15 segments): a longer one would make a
	// method that takes minutes and gigabytes to compile. A request line
	// over them is dropped with a warning.
	MaxPathLength   = 2048
	MaxPathSegments = 64
)

var bom = []byte("\xef\xbb\xbf")

// stripBOM drops a leading byte-order mark.
func stripBOM(src []byte) []byte { return bytes.TrimPrefix(src, bom) }

// guard checks src (without its BOM) against the input guards. It
// returns the byte offset and text of the first problem, or ok.
func guard(src []byte) (off int, msg, rule string, ok bool) {
	if len(src) > MaxPageSize {
		return 0, fmt.Sprintf("is %d bytes, larger than the limit of %d; skipped", len(src), MaxPageSize), "too-large", false
	}
	if !utf8.Valid(src) {
		off := invalidUTF8(src)
		return off, fmt.Sprintf("invalid UTF-8 (byte 0x%02x); skipped", src[off]), "invalid-utf8", false
	}
	if off, depth := nesting(src); depth > MaxNesting {
		return off, fmt.Sprintf("nests %d levels deep (lists, quotes or indentation), deeper than the limit of %d; skipped", depth, MaxNesting), "too-deep", false
	}
	return 0, "", "", true
}

func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// nesting returns the deepest line's offset and nesting estimate: per
// line outside fenced code, the container markers (>, -, *, +, 1. or 1))
// at its start plus half the indentation before the first of them. It is a byte-level
// scan, cheaper than goldmark by far, and errs on the generous side.
func nesting(src []byte) (off, depth int) {
	fence := byte(0) // the fence character while inside fenced code
	fenceLen := 0
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		cols, markers, i := 0, 0, 0
	prefix:
		for i < len(line) {
			switch c := line[i]; {
			case c == ' ' || c == '\t':
				switch {
				case markers > 0: // a separator after a marker
				case c == '\t':
					cols += 4 - cols%4
				default:
					cols++
				}
				i++
			case c == '>':
				markers++
				i++
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
				markers++
				i++
			case c >= '0' && c <= '9':
				j := i
				for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
					j++
				}
				if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ') {
					markers++
					i = j + 1
					continue
				}
				break prefix
			default:
				break prefix
			}
		}
		rest := line[i:]
		if n := fenceRun(rest); n >= 3 {
			switch {
			case fence == 0:
				fence, fenceLen = rest[0], n
			case rest[0] == fence && n >= fenceLen:
				fence = 0
			}
		} else if fence == 0 {
			if d := markers + cols/2; d > depth {
				off, depth = start, d
			}
		}
		start = end + 1
	}
	return off, depth
}

// fenceRun is the length of the run of ` or ~ that starts s.
func fenceRun(s []byte) int {
	if len(s) == 0 || (s[0] != '`' && s[0] != '~') {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}
