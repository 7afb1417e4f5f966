internal import CYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libyaml event, copied out of libyaml: its kind, its marks, and where its texts are in
/// the batch (`EventBatch`) that holds it. What `ReadSession` reads of an event, and no more,
/// in 32-bit numbers (60 bytes; 112 with libyaml's 64-bit marks and offsets): a batch of them is
/// memory touched afresh.
struct LibyamlEvent {
    var type: yaml_event_type_t
    var start: EventMark
    var end: EventMark
    var scalarStyle: yaml_scalar_style_t = YAML_ANY_SCALAR_STYLE
    /// A sequence or mapping written in flow style (`[a, b]`, `{a: b}`).
    var isFlow = false
    /// A scalar's value; `-1` offsets stand for no text at all (a missing tag or anchor).
    var value = EventText.none
    var tag = EventText.none
    var anchor = EventText.none
}

/// A position as libyaml gives it: the 0-based index, line and column of a character. A file
/// read is at most `YAMLReader.largestFile` (2^29) bytes, so each fits 32 bits.
struct EventMark {
    private var storedIndex: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    init(_ mark: yaml_mark_t) {
        storedIndex = Int32(truncatingIfNeeded: mark.index)
        storedLine = Int32(truncatingIfNeeded: mark.line)
        storedColumn = Int32(truncatingIfNeeded: mark.column)
    }

    var index: Int { Int(storedIndex) }
    var line: Int { Int(storedLine) }
    var column: Int { Int(storedColumn) }
}

/// Where a text of an event is in its batch's bytes; a batch stops taking events once its texts
/// pass `EventBatch.textLimit`, so both fit 32 bits.
struct EventText {
    private var storedOffset: Int32
    private var storedCount: Int32

    init(offset: Int, count: Int) {
        storedOffset = Int32(truncatingIfNeeded: offset)
        storedCount = Int32(truncatingIfNeeded: count)
    }

    var offset: Int { Int(storedOffset) }
    var count: Int { Int(storedCount) }

    static let none = EventText(offset: -1, count: 0)
}

/// Events in the order libyaml parsed them, their texts in one buffer: filled on one thread,
/// then read on another without a lock (handed over under `ParsingAside`'s mutex).
final class EventBatch: @unchecked Sendable {
    enum End { case more, streamEnd, failed }

    var events: ContiguousArray<LibyamlEvent> = []
    /// How the batch ends: more to come, the end of the stream, or libyaml's error (read it in
    /// the parser, once the parsing thread is done).
    var end = End.more
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0

    init(events: Int, bytes: Int) {
        self.events.reserveCapacity(events)
        capacity = max(bytes, 64)
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Empties the batch to be filled again, keeping its memory.
    func reset() {
        events.removeAll(keepingCapacity: true)
        end = .more
        used = 0
    }

    /// The size of texts past which a batch takes no more events: the texts of one more event
    /// (a value at most about 1.5 times the 2^29 bytes of the largest file, its escapes of two
    /// bytes written in three, and a tag and an anchor each shorter) still end below 2^31, so
    /// `EventText` counts in 32 bits.
    static let textLimit = 1 << 30

    /// Parses up to `limit` events into the batch; stops at the end of the stream or an error.
    func fill(from parser: UnsafeMutablePointer<yaml_parser_t>, limit: Int) {
        while events.count < limit && used < Self.textLimit {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                end = .failed
                return
            }
            append(event)
            let type = event.type
            yaml_event_delete(&event)
            if type == YAML_STREAM_END_EVENT {
                end = .streamEnd
                return
            }
        }
    }

    private func append(_ event: yaml_event_t) {
        var copied = LibyamlEvent(type: event.type, start: EventMark(event.start_mark), end: EventMark(event.end_mark))
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            copied.value = keep(data.value, count: data.length)
            copied.tag = keep(data.tag)
            copied.anchor = keep(data.anchor)
            copied.scalarStyle = data.style
        case YAML_ALIAS_EVENT:
            copied.anchor = keep(event.data.alias.anchor)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            copied.tag = keep(data.tag)
            copied.anchor = keep(data.anchor)
            copied.isFlow = data.style == YAML_FLOW_MAPPING_STYLE
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            copied.tag = keep(data.tag)
            copied.anchor = keep(data.anchor)
            copied.isFlow = data.style == YAML_FLOW_SEQUENCE_STYLE
        default:
            break
        }
        events.append(copied)
    }

    /// A NUL-terminated text of libyaml's (a tag, an anchor), or none.
    private func keep(_ text: UnsafeMutablePointer<yaml_char_t>?) -> EventText {
        guard let text else { return .none }
        return keep(text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// `count` bytes (a scalar's value may hold NUL bytes), or none for a nil pointer.
    private func keep(_ text: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> EventText {
        guard let text else { return .none }
        if used + count > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, used + count))
            grown.update(from: storage, count: used)
            storage.deallocate()
            storage = grown
            capacity = max(capacity * 2, used + count)
        }
        (storage + used).update(from: text, count: count)
        defer { used += count }
        return EventText(offset: used, count: count)
    }

    /// The bytes of a text of an event of this batch; valid while the batch is.
    func bytes(_ text: EventText) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.offset < 0 ? nil : storage + text.offset, count: text.count)
    }

    func text(_ text: EventText) -> String? {
        text.offset < 0 ? nil : String(decoding: bytes(text), as: UTF8.self)
    }
}

/// libyaml's events for `ReadSession`, in order: parsed here a batch at a time, or — for a large
/// file — on a thread of its own (`ParsingAside`) while the caller builds its tree from the
/// batches parsed before. libyaml's allocations stay on the thread that parses: each event is
/// copied into its batch and freed at once.
struct LibyamlEvents {
    /// Events a batch: enough to make the hand-over rare, few enough to start the tree early.
    static let batchSize = 2048

    let parser: UnsafeMutablePointer<yaml_parser_t>
    private let aside: ParsingAside?
    /// The batch of the event `next()` gave last, which holds its texts.
    private(set) var batch = EventBatch(events: 0, bytes: 0)
    private var index = 0

    init(parser: UnsafeMutablePointer<yaml_parser_t>, aside parseAside: Bool) {
        self.parser = parser
        aside = parseAside ? ParsingAside.start(parser) : nil
    }

    /// The next event, whose texts `batch` holds; nil when libyaml failed — the parsing thread is
    /// then done, and the parser holds the error. (The event alone, a plain value: a pair with the
    /// batch was copied and destroyed through the runtime's generic witnesses at every event.)
    mutating func next() -> LibyamlEvent? {
        while index == batch.events.count {
            switch batch.end {
            case .failed:
                stop()
                return nil
            case .streamEnd:
                // Nothing follows the end of the stream; libyaml says so again if asked.
                return nil
            case .more:
                if let aside {
                    var done = batch
                    batch = aside.take()
                    // Read to its end: handed back to be filled again when nothing holds it.
                    if isKnownUniquelyReferenced(&done) { aside.recycle(done) }
                } else {
                    batch = EventBatch(events: 256, bytes: 4096)
                    batch.fill(from: parser, limit: 256)
                }
                index = 0
            }
        }
        defer { index += 1 }
        return batch.events[index]
    }

    /// Ends the parsing thread, if any, and waits for it: call before the parser goes.
    func stop() {
        aside?.stop()
    }
}

/// A thread that parses batches of events ahead of their reader, a few batches at most.
final class ParsingAside: @unchecked Sendable {
    /// Batches parsed and not yet taken, at most; the parser waits for room beyond.
    static let queueLimit = 4

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`: batches parsed and not yet taken, oldest first.
    private var queue: [EventBatch] = []
    /// Guarded by `mutex`: batches read to their end, to be filled again. Their memory stays
    /// with the parsing thread's arena, mapped: a new batch for each was a fresh allocation
    /// that touched new pages (a page fault each) once glibc had given the old ones back.
    private var spare: [EventBatch] = []
    private var stopping = false
    private var thread = pthread_t()
    private var joined = false

    private init(parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// Starts parsing on a thread of its own; nil when no thread can be had (parse in place).
    static func start(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> ParsingAside? {
        let aside = ParsingAside(parser: parser)
        let context = Unmanaged.passRetained(aside).toOpaque()
        let started = pthread_create(&aside.thread, nil, { context in
            let aside = Unmanaged<ParsingAside>.fromOpaque(context!).takeRetainedValue()
            aside.parse()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<ParsingAside>.fromOpaque(context).release()
            return nil
        }
        return aside
    }

    private func parse() {
        var batch = EventBatch(events: LibyamlEvents.batchSize, bytes: 64 << 10)
        while true {
            batch.fill(from: parser, limit: LibyamlEvents.batchSize)
            pthread_mutex_lock(mutex)
            while queue.count >= Self.queueLimit && !stopping { pthread_cond_wait(changed, mutex) }
            if stopping {
                pthread_mutex_unlock(mutex)
                return
            }
            queue.append(batch)
            pthread_cond_broadcast(changed)
            let reused = spare.popLast()
            pthread_mutex_unlock(mutex)
            if batch.end != .more { return }
            if let reused {
                reused.reset()
                batch = reused
            } else {
                batch = EventBatch(events: LibyamlEvents.batchSize, bytes: 64 << 10)
            }
        }
    }

    /// Hands back a batch read to its end, which nothing else holds, to be filled again.
    func recycle(_ batch: EventBatch) {
        pthread_mutex_lock(mutex)
        // Not the empty batch the reader starts from.
        if spare.count < Self.queueLimit, batch.events.capacity >= LibyamlEvents.batchSize { spare.append(batch) }
        pthread_mutex_unlock(mutex)
    }

    /// The next batch, once parsed.
    func take() -> EventBatch {
        pthread_mutex_lock(mutex)
        while queue.isEmpty { pthread_cond_wait(changed, mutex) }
        let batch = queue.removeFirst()
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
        return batch
    }

    /// Tells the thread to stop at its next batch, and waits for it to end. Idempotent.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(changed)
        let wait = !joined
        joined = true
        pthread_mutex_unlock(mutex)
        if wait { pthread_join(thread, nil) }
    }
}

/// The libyaml `lab` runs with, as it reports itself (`0.2.5`): a shared library, so a system
/// update can change it under the same `lab`.
public enum LibyamlVersion {
    public static let text: String = String(cString: yaml_get_version_string())
}
