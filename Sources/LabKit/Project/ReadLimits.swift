/// The largest file of each kind `lab` reads: generous for what a lab holds, bounded so that a
/// hostile or broken file (a link to a device, a huge blob) is refused instead of exhausting memory.
public enum ReadLimits {
    /// `lab.yml`.
    public static let labFile = 128 << 20
    /// Phase documents, the README, notes a `file` step reads.
    public static let document = 16 << 20
    /// A note a `note` step reads: far more than any note, little enough to measure at once.
    public static let note = 1 << 20
    /// One file of a template set, and its merge base.
    public static let template = 16 << 20
    /// A scaffold's pack of merge bases (`.lab/base/<scaffold>.bases`): every file it generated.
    public static let bases = 2 << 30
    /// `.lab/state.json`.
    public static let state = 64 << 20
    /// `.lab/journal.jsonl`: some 400,000 events.
    public static let journal = 64 << 20
    /// A picture `lab` draws, read to compare before it is redrawn.
    public static let picture = 1 << 20
    /// `.lab/scaffold.lock`.
    public static let lock = 16 << 20
    /// A JSON report of `lab check` read back (`lab merge-reports`, `--durations`): 64 KiB of
    /// output tails per step, many exercises.
    public static let report = 256 << 20
}
