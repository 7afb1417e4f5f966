import CLabSystem

/// Descriptors 0, 1 and 2 of this process.
public enum StandardDescriptors {
    /// Puts /dev/null, read-only, on each one that is closed: started with stderr closed, `lab`
    /// would otherwise open its next file (the lock, a temporary file it writes) as descriptor 2,
    /// and a warning meant for stderr would be written into it. A write to stdout or stderr still
    /// fails as it did on the closed descriptor (a closed stdout fails the run). Call it first,
    /// before anything opens.
    public static func keepOpen() {
        lab_keep_standard_descriptors_open()
    }
}
