package parser

import "github.com/yuin/goldmark/text"

// MarkdownOnly parses src with goldmark as Parse does (the same extensions)
// and throws the result away: the part of Parse no faster parser can
// skip. It exists for the benchmarks' floor (pipeline's
// BenchmarkV1GoldmarkRatio), so that goldmark stays inside this package.
func MarkdownOnly(src []byte) {
	md.Parser().Parse(text.NewReader(src))
}
