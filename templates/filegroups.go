package templates

import "strings"

// The operations' files. An operation is in the file of its group, the
// first segment of its path (groupName): ops_users.go holds
// /users/{id}/events and /users/delta(). A group of more than splitAbove
// operations is split by the next literal segment of the paths (the
// placeholders skipped): each sub-group of at least ownFileMin
// operations gets a file of its own, ops_users_events.go for
// /users/{id}/events/..., and is split again the same way when it is
// still too large (ops_me_drive_items.go); the operations of smaller
// sub-groups, and those whose paths end before, stay in the group's file.
// So that one edited page regenerates small files, not the whole of
// /me: a file is rendered again when any of its operations changed.
//
// The words are the segments' letters and digits, lowered, joined with
// "_", which no word holds: two file groups never share a name, and none
// is a top-level group's. A word that would give the file a meaning to
// the go command (a trailing "_test", "_linux", "_amd64": see go help
// buildconstraint) gets no file of its own.
const (
	splitAbove = 100
	ownFileMin = 10
)

// splitFileGroups sets each operation's file group (opInfo.group, its
// path's groupName before) by the rule above. The operations are in
// their emitting order, which each file keeps.
func splitFileGroups(ops []*opInfo) {
	byGroup := map[string][]*opInfo{}
	for _, o := range ops {
		byGroup[o.group] = append(byGroup[o.group], o)
	}
	for _, g := range sortedKeys(byGroup) {
		splitFileGroup(g, 0, byGroup[g])
	}
}

// splitFileGroup splits the file group name of ops when it is too large,
// by the depth-th literal segment after the first of each path.
func splitFileGroup(name string, depth int, ops []*opInfo) {
	if len(ops) <= splitAbove {
		return
	}
	subs := map[string][]*opInfo{}
	for _, o := range ops {
		if w := subGroupWord(o.segs, depth); w != "" {
			subs[w] = append(subs[w], o)
		}
	}
	for _, w := range sortedKeys(subs) {
		sub := subs[w]
		if len(sub) < ownFileMin || buildWords[w] {
			continue
		}
		child := name + "_" + w
		for _, o := range sub {
			o.group = child
		}
		splitFileGroup(child, depth+1, sub)
	}
}

// subGroupWord is the file word of the depth-th literal segment of segs
// after the first (placeholders are skipped), "" when there is none.
func subGroupWord(segs []pathSegment, depth int) string {
	if len(segs) == 0 {
		return ""
	}
	for _, s := range segs[1:] {
		if s.param {
			continue
		}
		if depth > 0 {
			depth--
			continue
		}
		var buf [64]byte
		return string(appendFileWord(buf[:0], s.literal))
	}
	return ""
}

// errorTestName is the name of a file group's test of the error path:
// TestOpsErrorUsers for ops_users_test.go, TestOpsErrorUsers_events for
// ops_users_events_test.go. The words after the first are kept as they
// are in the file's name, so two files' tests never share a name.
func errorTestName(group string) string {
	first, rest, _ := strings.Cut(group, "_")
	if rest != "" {
		rest = "_" + rest
	}
	return "TestOpsError" + exportedName(first) + rest
}

// buildWords are the last words of a Go file name that the go command
// reads as a build constraint or as a test file: "test", and the known
// GOOS and GOARCH values (go/build's lists, with room for new ones).
var buildWords = map[string]bool{
	"test": true,
	// GOOS
	"aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true,
	"hurd": true, "illumos": true, "ios": true, "js": true, "linux": true, "nacl": true,
	"netbsd": true, "openbsd": true, "plan9": true, "solaris": true, "wasip1": true,
	"wasip2": true, "windows": true, "zos": true,
	// GOARCH
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true,
	"arm64": true, "arm64be": true, "loong64": true, "mips": true, "mipsle": true,
	"mips64": true, "mips64le": true, "mips64p32": true, "mips64p32le": true,
	"ppc": true, "ppc64": true, "ppc64le": true, "riscv": true, "riscv64": true,
	"s390": true, "s390x": true, "sparc": true, "sparc64": true, "wasm": true,
}
