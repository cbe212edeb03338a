import ConcordModel
import Foundation

/// The fixed half of every fuzz run: a small two-locale content root on disk (the include store
/// reads include files from disk), made once per process.
///
/// The fuzz input plays two parts in it: the es-ES translation of a fixed source article, so
/// the translation rules compare it with something real, and an en-US source whose es-ES
/// translation is an exact copy of it, which no rule comparing the two may fault.
struct FuzzFixture: Sendable {
    static let sourceLocale = "en-US"
    static let translationLocale = "es-ES"
    /// The fixed source whose translation the input is.
    static let pairedPath = "guide/article.md"
    /// The input as a source article, whose translation is the input again.
    static let inputSourcePath = "guide/input.md"

    /// The temporary folder holding `content/`.
    let root: String
    let configuration: Configuration
    /// Fixed articles by locale and path, as they are on disk.
    let fixedFiles: [(locale: String, path: String, text: String)]
    /// The fixed articles (not the include file), loaded once.
    let fixedArticles: [(locale: String, path: String, result: LoadResult)]
    /// Every file of each locale, as a content scan would list it (the input's paths included).
    let files: [String: Set<String>]

    /// The fixture of this process, made on first use.
    static let shared = FuzzFixture()

    private init() {
        let template = NSTemporaryDirectory() + "concord-fuzz-XXXXXX"
        var buffer = Array(template.utf8CString)
        guard let made = mkdtemp(&buffer) else { fatalError("concord-fuzz: cannot make a temporary folder") }
        root = String(cString: made)
        let content = root + "/content"
        fixedFiles = [
            (Self.sourceLocale, Self.pairedPath, Self.sourceArticle),
            (Self.sourceLocale, "guide/other.md", Self.otherArticle),
            (Self.sourceLocale, "includes/note.md", Self.includeFile),
            (Self.translationLocale, "includes/note.md", Self.includeFile),
        ]
        var files: [String: Set<String>] = [:]
        for file in fixedFiles {
            let path = content + "/" + file.locale + "/" + file.path
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(file.text.utf8)) else {
                fatalError("concord-fuzz: cannot write \(path)")
            }
            files[file.locale, default: []].insert(file.path)
        }
        // An image the articles may refer to, so image copying has something to copy.
        let media = content + "/" + Self.sourceLocale + "/media/screen.png"
        try? FileManager.default.createDirectory(atPath: (media as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: media, contents: Data([0x89, 0x50, 0x4E, 0x47]))
        files[Self.sourceLocale, default: []].insert("media/screen.png")
        files[Self.translationLocale, default: []].insert(Self.pairedPath)
        files[Self.sourceLocale, default: []].insert(Self.inputSourcePath)
        files[Self.translationLocale, default: []].insert(Self.inputSourcePath)
        self.files = files
        fixedArticles = fixedFiles.filter { !$0.path.hasPrefix("includes/") }.map { file in
            let name = content + "/" + file.locale + "/" + file.path
            return (file.locale, file.path, ArticleLoader.load(bytes: Array(file.text.utf8), path: file.path, locale: file.locale, file: name))
        }
        var configuration = Configuration(contentRoot: content, sourceLocale: Self.sourceLocale,
                                          locales: [Self.sourceLocale, Self.translationLocale])
        // Every rule on, `untranslated` too.
        configuration.rules = ["untranslated": .warning]
        self.configuration = configuration
    }

    static let sourceArticle = """
        ---
        title: Customer support
        description: How to get support and give it.
        ms.topic: article
        ms.date: 10/29/2018
        ms.contentlocale: en-US
        ---
        # <a name="customer-support"></a>Customer support

        **Applies to**

        -   Partner Center

        This article explains how to get support, in 24 hours or 1,000 minutes.

        [!INCLUDE [note](../includes/note.md)]

        ## <a name="getting-support"></a>Getting support

        > [!NOTE]
        > Support is available in English and Spanish.

        **To submit a service request**

        1. From the dashboard menu, select **Support requests** &gt; **Partner Center requests**.
        2. Select **New request**. See [other](other.md#details) and [a section](#providing-support).
           1. Fill in the **Title** box.
           2. Select **Next**.
        3. Select **Submit**. ![Screen](../media/screen.png)

        ## Providing support

        Examples of the support services that you're expected to provide include:

        -   Account setup
        -   Accounts and billing
        -   Software configuration

        | Service | Hours |
        |---|--:|
        | Billing | 24 |
        | `Technical` | 12 |

        ```powershell
        Get-Help -Name Support # comment
        ```

        See the [guide][guide] and [System.Int32][].

        [guide]: https://docs.example.com/en-us/guide?view=azure&locale=en-us

        **See also**

        -   [Other article](other.md)
        -   [Home](https://example.com)

        """

    static let otherArticle = """
        ---
        title: Other
        ---
        # Other

        ## <a name="details"></a>Details

        Text.

        """

    static let includeFile = """
        > [!TIP]
        > Included text with a [link](../guide/other.md).

        """
}
