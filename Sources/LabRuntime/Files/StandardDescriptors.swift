import CLabSystem

/// Descriptors 0, 1 and 2 of this process.
public enum StandardDescriptors {
    /// Puts /dev/null on each one that is closed: started with stderr closed, `lab` would
    /// otherwise open its next file (the lock, a temporary file it writes) as descriptor 2, and
    /// a warning meant for stderr would be written into it. Call it first, before anything opens.
    public static func keepOpen() {
        lab_keep_standard_descriptors_open()
    }
}
