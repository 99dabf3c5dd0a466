//go:build !unix

package parser

// oNonblock: no such flag here; openRegular's Stat check stands alone.
const oNonblock = 0
