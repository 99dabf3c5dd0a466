package parser

import "io/fs"

// parsePage fills p from the parsed source. (To be written.)
func parsePage(s *source, root fs.FS, p *Page) {
	_ = root
	p.Title = Text{Value: s.front["title"], Pos: s.line(1)}
}
