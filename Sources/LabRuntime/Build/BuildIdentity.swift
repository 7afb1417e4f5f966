import CLabSystem

/// Which build of `lab` is running: the GNU build ID the linker wrote into the executable, a hash
/// of the linked program. Two builds of different code never share one, so data one build derived
/// and kept (`OutlineCache`) is used again only by the same build.
public enum BuildIdentity {
    /// The build ID's bytes, or nil where the executable has none or the system cannot say; then
    /// nothing derived is kept between runs.
    public static let bytes: [UInt8]? = {
        var start: UnsafePointer<UInt8>?
        let length = lab_build_id(&start)
        guard length > 0, let start else { return nil }
        return Array(UnsafeBufferPointer(start: start, count: length))
    }()
}
