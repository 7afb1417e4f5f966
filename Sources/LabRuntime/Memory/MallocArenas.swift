import CLabSystem

/// The C library's allocator, set up for `lab`'s shape of work.
public enum MallocArenas {
    /// Every thread allocates from one arena. Most commands run on the concurrency runtime's
    /// threads, and glibc gives such a thread an arena of its own that grows a page at a time, an
    /// `mprotect` call each: reading a large `lab.yml` made thousands of them. Call once, first,
    /// before any thread starts. `lab scaffold` and `lab validate` do not (`LabMain.main`): one
    /// renders and writes hundreds of files on every core, the other reads a large `lab.yml` on two
    /// threads, and both are quicker with glibc's arena per thread (Benchmarks/README).
    public static func useOne() {
        _ = lab_use_one_malloc_arena()
    }

    /// Keeps glibc's arena per thread, each made writable whole (64 MiB, `M_TOP_PAD`) when it is
    /// created rather than a page at a time: reading a large `lab.yml` made 3,000 `mprotect`
    /// calls, each holding the address space's lock against the page faults of the other thread
    /// (13 now). Pages are still only used when written. Call once, first, before any thread
    /// starts. Not for `lab scaffold`: in one full benchmark run some of its runs spent 100–500 ms
    /// in the kernel with it, unexplained (Benchmarks/README).
    public static func usePerThreadGrownWhole() {
        _ = lab_grow_malloc_arenas_whole()
    }
}
