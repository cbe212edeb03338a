import Foundation

/// A name a template looks up (`title`, `strings`, `href`), interned: two keys are the same
/// name exactly when their numbers are equal.
///
/// A page is about a hundred look-ups, most of which pass over objects that lack the name
/// before one has it. Hashing the name as a `String` at every object was most of the cost of
/// a look-up; a template's names are interned once, when it is compiled, and the names pages
/// set are the static keys below, so a look-up compares integers.
struct TemplateKey: Hashable, Sendable {
    /// The name's number in the process's table of names.
    let number: Int32

    /// The key of `name`, entered in the table if it is new.
    init(_ name: String) {
        number = Self.table.number(of: name, entering: true)!
    }

    fileprivate init(number: Int32) {
        self.number = number
    }

    /// The key of `name` if it was ever entered: no object holds a name that was not.
    static func existing(_ name: String) -> TemplateKey? {
        table.number(of: name, entering: false).map(TemplateKey.init(number:))
    }

    /// The name.
    var name: String { Self.table.name(of: number) }

    /// Every name interned so far. Only template compilation and cold paths (home pages,
    /// `TemplateObject(values:)`, swift-mustache's look-ups) read or enter names; article pages
    /// use the static keys.
    private static let table = Table()

    private final class Table: @unchecked Sendable {
        private let lock = NSLock()
        private var numbers: [String: Int32] = [:]
        private var names: [String] = []

        func number(of name: String, entering: Bool) -> Int32? {
            lock.lock()
            defer { lock.unlock() }
            if let number = numbers[name] { return number }
            guard entering else { return nil }
            let number = Int32(names.count)
            numbers[name] = number
            names.append(name)
            return number
        }

        func name(of number: Int32) -> String {
            lock.lock()
            defer { lock.unlock() }
            return names[Int(number)]
        }
    }
}

extension TemplateKey {
    // The names an article page sets (see templates/README.md for what each holds).
    static let lang = TemplateKey("lang")
    static let dir = TemplateKey("dir")
    static let siteTitle = TemplateKey("siteTitle")
    static let languageName = TemplateKey("languageName")
    static let strings = TemplateKey("strings")
    static let title = TemplateKey("title")
    static let root = TemplateKey("root")
    static let assets = TemplateKey("assets")
    static let homeHref = TemplateKey("homeHref")
    static let searchHref = TemplateKey("searchHref")
    static let chooserHref = TemplateKey("chooserHref")
    static let description = TemplateKey("description")
    static let content = TemplateKey("content")
    static let navigation = TemplateKey("navigation")
    static let date = TemplateKey("date")
    static let dateTime = TemplateKey("dateTime")
    static let alternates = TemplateKey("alternates")
    static let hreflang = TemplateKey("hreflang")
    static let href = TemplateKey("href")
    static let canonical = TemplateKey("canonical")
    static let noindex = TemplateKey("noindex")
    static let languages = TemplateKey("languages")
    static let name = TemplateKey("name")
    static let current = TemplateKey("current")
    static let untranslated = TemplateKey("untranslated")
    static let contentLang = TemplateKey("contentLang")
    static let contentDir = TemplateKey("contentDir")
    static let contentLangDiffers = TemplateKey("contentLangDiffers")
    static let notice = TemplateKey("notice")
    static let kind = TemplateKey("kind")
    static let text = TemplateKey("text")
    static let linkHref = TemplateKey("linkHref")
    static let linkText = TemplateKey("linkText")
    static let textLang = TemplateKey("textLang")
    static let textDir = TemplateKey("textDir")
    static let linkLang = TemplateKey("linkLang")
    static let linkDir = TemplateKey("linkDir")
    static let breadcrumbs = TemplateKey("breadcrumbs")
    static let onThisPage = TemplateKey("onThisPage")
    static let hasOnThisPage = TemplateKey("hasOnThisPage")
    static let selectors = TemplateKey("selectors")
    static let anchor = TemplateKey("anchor")
    static let sub = TemplateKey("sub")
}

/// A value in a page context, its type told apart once, when it is set.
///
/// Any other value is kept as it is (``other(_:)``) and written as its description.
enum TemplateValue {
    case text(String)
    /// Nothing: written as nothing, and false to a section (`null` in the specification's data).
    case null
    /// HTML as UTF-8 (``TemplateHTML``): written as it is by `{{{…}}}`, as its text otherwise.
    case html(TemplateHTML)
    case flag(Bool)
    case integer(Int)
    case object(TemplateObject)
    case objects([TemplateObject])
    /// An array of values of any type, each told apart when a section iterates it.
    case list([Any])
    /// A value of another type: written as its description, true to a section, with no children.
    case other(Other)

    /// A value of another type, boxed: with an `Any` in one of its cases, the whole enum was
    /// handled indirectly, and every look-up and `switch` copied it through its value witnesses.
    final class Other {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// `value`, told apart by its exact type (an `Optional` in an `Any`, say, is not a `String`).
    init(_ value: Any) {
        let type = type(of: value)
        if type == TemplateValue.self {
            self = value as! TemplateValue
        } else if type == String.self {
            self = .text(value as! String)
        } else if type == TemplateObject.self {
            self = .object(value as! TemplateObject)
        } else if type == TemplateHTML.self {
            self = .html(value as! TemplateHTML)
        } else if type == Bool.self {
            self = .flag(value as! Bool)
        } else if type == [TemplateObject].self {
            self = .objects(value as! [TemplateObject])
        } else if type == [Any].self {
            self = .list(value as! [Any])
        } else if type == Int.self {
            self = .integer(value as! Int)
        } else if let array = value as? [Any] {
            // An array of another element type (`[String]`): its items told apart one by one.
            self = .list(array)
        } else if let dictionary = value as? [String: Any] {
            self = .object(TemplateObject(wrapping: dictionary))
        } else {
            self = .other(Other(value))
        }
    }

    /// The value as it was given.
    var any: Any {
        switch self {
        case .null: self
        case .text(let text): text
        case .html(let html): html
        case .flag(let flag): flag
        case .integer(let integer): integer
        case .object(let object): object
        case .objects(let objects): objects
        case .list(let list): list
        case .other(let other): other.value
        }
    }
}

/// A page context as Mustache sees it: values by name.
///
/// Values are kept in the order they were first set, each with its key's number, and found
/// by comparing numbers: a page's objects hold a few dozen values at most.
///
/// A value type, copied on write like an `Array`, but with entries in a buffer of its own
/// (``Storage``) so that ``valueAddress(of:)`` can hand out addresses that stay valid after it
/// returns: an address into an `Array`'s storage is valid only inside the `withUnsafe…` closure
/// that gave it.
struct TemplateObject: @unchecked Sendable {
    /// A value and its key's number.
    private struct Entry {
        let number: Int32
        var value: TemplateValue
    }

    /// Entries in a buffer this object allocated (`count` of them initialized, from the start),
    /// deinitialized and freed when the last object sharing it goes. An address into it is
    /// valid until then, as long as that entry is not changed: storage is changed only when
    /// one object holds it (`isKnownUniquelyReferenced`), and copied first otherwise.
    ///
    /// Not thread-safe by itself; it is safe as `TemplateObject`'s storage for the same reason
    /// an `Array`'s is: shared storage is only read.
    private final class Storage {
        let entries: UnsafeMutablePointer<Entry>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            // `malloc` (which aligns for any entry) rather than `allocate`, which takes the
            // slower `posix_memalign` path whatever the alignment: tens of thousands of
            // objects a build.
            guard let memory = malloc(max(capacity, 1) * MemoryLayout<Entry>.stride) else {
                fatalError("out of memory for \(capacity) template values")
            }
            entries = memory.bindMemory(to: Entry.self, capacity: capacity)
        }

        deinit {
            entries.deinitialize(count: count)
            free(entries)
        }

        var buffer: UnsafeMutableBufferPointer<Entry> { UnsafeMutableBufferPointer(start: entries, count: count) }
    }

    private var storage: Storage

    /// An empty object with room for `capacity` values.
    init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
    }

    /// An object of `values`, in order; each key at most once.
    init(_ values: KeyValuePairs<TemplateKey, TemplateValue>) {
        storage = Storage(capacity: values.count)
        for (key, value) in values { append(key, value) }
        assert(Set(storage.buffer.map(\.number)).count == storage.count, "a key set twice")
    }

    /// An object of `values` as they are: nested objects must be ``TemplateObject``s already.
    /// Keys are entered in sorted order, so the object is the same whatever the dictionary's order.
    init(values: [String: Any]) {
        storage = Storage(capacity: values.count)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            append(TemplateKey(name), TemplateValue(value))
        }
    }

    /// An object of `dictionary` with every nested dictionary (and array of them) wrapped.
    init(wrapping dictionary: [String: Any]) {
        self.init(values: dictionary.mapValues(Self.wrap))
    }

    /// The value of `key`, if set.
    subscript(key: TemplateKey) -> TemplateValue? {
        get {
            guard let index = index(of: key) else { return nil }
            return storage.entries[index].value
        }
        set {
            switch (index(of: key), newValue) {
            case (let index?, let value?):
                makeUnique(capacity: storage.count)
                storage.entries[index].value = value
            case (let index?, nil):
                makeUnique(capacity: storage.count)
                let removed = storage.entries + index
                removed.deinitialize(count: 1)
                removed.moveInitialize(from: removed + 1, count: storage.count - index - 1)
                storage.count -= 1
            case (nil, let value?):
                append(key, value)
            case (nil, nil): break
            }
        }
    }

    /// Adds `value` as `key`'s, which is not set.
    private mutating func append(_ key: TemplateKey, _ value: TemplateValue) {
        makeUnique(capacity: storage.count + 1)
        (storage.entries + storage.count).initialize(to: Entry(number: key.number, value: value))
        storage.count += 1
    }

    /// Makes the storage this object's alone, with room for `capacity` entries: a copy when it
    /// is shared (with the same room, so that a page's copy of a locale's values has the room
    /// reserved for its own), moved to a larger buffer when full.
    private mutating func makeUnique(capacity: Int) {
        let unique = isKnownUniquelyReferenced(&storage)
        guard !unique || storage.capacity < capacity else { return }
        let old = storage
        let new = Storage(capacity: old.capacity >= capacity ? old.capacity : max(capacity, old.capacity * 2))
        if unique {
            new.entries.moveInitialize(from: old.entries, count: old.count)
        } else {
            new.entries.initialize(from: old.entries, count: old.count)
        }
        new.count = old.count
        if unique { old.count = 0 }
        storage = new
    }

    /// Where the value of `key` is, if set, for reading it in place: copying a value retains
    /// what it holds.
    ///
    /// The address is into storage this object allocated, and is valid while that storage
    /// lives and the entry is unchanged. Both hold for as long as the caller keeps this object
    /// (or a value holding it) and changes nothing through it: other copies that change then
    /// find the storage shared and copy it first. A render keeps its root context, which
    /// holds every object it reaches, and only reads it.
    func valueAddress(of key: TemplateKey) -> UnsafePointer<TemplateValue>? {
        guard let index = index(of: key) else { return nil }
        return UnsafeRawPointer(storage.entries + index)
            .advanced(by: MemoryLayout<Entry>.offset(of: \Entry.value)!)
            .assumingMemoryBound(to: TemplateValue.self)
    }

    /// Where `key`'s entry is. Only the numbers are read: copying entries would retain and
    /// release every value passed over.
    private func index(of key: TemplateKey) -> Int? {
        let entries = storage.buffer
        for index in entries.indices where entries[index].number == key.number { return index }
        return nil
    }

    /// The values by name, as a dictionary (for contexts built as dictionaries).
    var dictionary: [String: Any] {
        Dictionary(uniqueKeysWithValues: storage.buffer.map { (TemplateKey(number: $0.number).name, $0.value.any) })
    }

    /// The context with every nested dictionary (and array of dictionaries) wrapped too.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            return TemplateObject(values: dictionary.mapValues(wrap))
        case let dictionary as [String: String]:
            return TemplateObject(values: dictionary)
        case let array as [[String: Any]]:
            return array.map { wrap($0) }
        default:
            return value
        }
    }
}

/// HTML a page already has as UTF-8 (the article body, the sidebar), put into a template as it
/// is: ``TemplatePrograms`` copies the bytes without making a string.
struct TemplateHTML: Sendable {
    /// The HTML.
    let utf8: [UInt8]

    /// The HTML as text, for `{{…}}`, which escapes it.
    var renderText: String { String(decoding: utf8, as: UTF8.self) }
}
