package pipeline

import (
	"errors"
	"os"
	"syscall"
)

// syncFilesystem makes durable everything written to the file system
// that holds dir, data and metadata (syncfs(2)): one call for a staged
// generation, where an fsync per file waited on the disk once per file.
// Linux reports the write-back errors of the files since the last
// syncfs from 5.8 on; earlier kernels report none.
func syncFilesystem(dir string) error {
	if sysSyncfs == 0 {
		return errors.ErrUnsupported
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, _, errno := syscall.Syscall(sysSyncfs, f.Fd(), 0, 0); errno != 0 {
		return &os.PathError{Op: "syncfs", Path: dir, Err: errno}
	}
	return nil
}
