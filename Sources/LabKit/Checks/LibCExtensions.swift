#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's GNU and Linux extensions the runner uses, looked up once at run time.
///
/// Swift's Glibc module is built without `_GNU_SOURCE`, so these functions are invisible to the
/// compiler although the C library has them (Debian 12's glibc 2.36 has all of them). Looking
/// them up keeps the package free of a C target; a missing one switches the runner to a slower
/// but correct fallback, except `addChdir`, without which a working directory cannot be set.
enum LibCExtensions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32
    typealias PidfdSendSignal = @convention(c) (Int32, Int32, UnsafeMutableRawPointer?, UInt32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `pipe2(2)`: a pipe whose ends are close-on-exec from the start, so that a process spawned
    /// by another thread at the same moment cannot inherit them.
    static let pipe2 = symbol("pipe2", as: Pipe2.self)
    /// `pidfd_open(2)` (Linux 5.3, glibc 2.36): a descriptor that polls readable when a process
    /// exits, without reaping it.
    static let pidfdOpen = symbol("pidfd_open", as: PidfdOpen.self)
    /// `pidfd_send_signal(2)`: signals exactly the process a pidfd refers to, never a recycled pid.
    static let pidfdSendSignal = symbol("pidfd_send_signal", as: PidfdSendSignal.self)
    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29): the child changes directory, so the
    /// parent's working directory, shared by all its threads, is never touched.
    static let addChdir = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34): the child closes every descriptor
    /// above stderr, even ones another library opened without close-on-exec.
    static let addCloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)

    /// `POSIX_SPAWN_SETSID` (glibc 2.26): the child calls `setsid()`, starting a new session and
    /// process group whose id is its pid.
    static var spawnSetSessionFlag: Int32 {
        #if os(Linux)
        0x80
        #else
        0x400
        #endif
    }

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }
}
