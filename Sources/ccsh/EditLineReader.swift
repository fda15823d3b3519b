internal import CEdit
import Foundation
import SafeFile
import Shell

/// The interactive line editor on libedit (docs/architecture.md §5.8): emacs keys, history with Ctrl-R and a file kept
/// across sessions, TAB completion from a ``Completer``, UTF-8. The only file that imports `CEdit`, which loads
/// libedit when the first reader is made.
///
/// Not `Sendable`: it lives on the REPL's thread. libedit calls back through C function pointers that capture
/// nothing; they find this object through `EL_CLIENTDATA`.
final class EditLineReader: LineReader, LineEditing {
    /// `libedit 2.11` (histedit.h's version macros).
    static var libraryVersion: String { "libedit \(ccsh_el_version_major()).\(ccsh_el_version_minor())" }

    private let editor: OpaquePointer
    private let history: OpaquePointer
    /// The prompt as libedit reads it; must outlive each `el_gets`.
    private var promptText: UnsafeMutablePointer<CChar>
    private let historyFile: URL?
    /// Set once saving the history failed and the user was told (once a session).
    private var historyUnwritable = false
    /// What TAB offers for the line before the cursor (UTF-8 offset).
    var complete: (String, Int) -> Completion = { _, cursor in Completion(start: cursor, word: "", candidates: []) }
    /// Whether a line may be kept in the history (false for a line holding a secret).
    var keepsInHistory: (String) -> Bool = { _ in true }
    /// What of a kept line the history holds (credential-like values masked).
    var historyText: (String) -> String = { $0 }
    /// Columns to lay candidate lists out in, read at each TAB (the window may have been resized).
    var columns: () -> Int = { 80 }

    static let historySize = 10_000

    /// Loads libedit, once (`CEdit` loads it on first use rather than at every start): the interactive shell cannot
    /// start without it, scripts and `ccsh -c` never need it.
    static func loadLibrary() throws(UsageError) {
        guard let failure = ccsh_el_load() else { return }
        throw UsageError(
            "the interactive shell needs libedit: \(String(cString: failure))\n"
                + "hint: install it (Debian: apt install libedit2); scripts and `ccsh -c '…'` run without it",
            showsUsage: false)
    }

    init(historyFile: URL?) throws(UsageError) {
        try Self.loadLibrary()
        // Without a UTF-8 LC_CTYPE, libedit silently drops non-ASCII bytes ("héllo" → "hllo").
        if let current = setlocale(LC_CTYPE, ""), ["C", "POSIX"].contains(String(cString: current)) { setlocale(LC_CTYPE, "C.UTF-8") }
        editor = ccsh_el_init("ccsh")
        history = ccsh_hist_init()
        promptText = strdup("") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        self.historyFile = historyFile
        _ = ccsh_hist_setsize(history, Int32(Self.historySize))
        _ = ccsh_hist_setunique(history, 1)
        if let historyFile { _ = ccsh_hist_load(history, historyFile.path) }
        _ = ccsh_el_set_history(editor, history)
        _ = ccsh_el_set_editor(editor, "emacs")
        // ccsh handles the signals itself (Interrupts): libedit's handlers re-send each one to the whole process
        // group (the sandbox child too) and race when two threads take a signal at once.
        _ = ccsh_el_set_signal(editor, 0)
        _ = ccsh_el_source(editor)
        _ = ccsh_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        _ = ccsh_el_set_prompt(editor) { editor in editor.flatMap(EditLineReader.from)?.promptText }
        _ = ccsh_el_addfn(editor, "ccsh-complete", "Complete the word at the cursor") { editor, _ in
            guard let editor, let reader = EditLineReader.from(editor) else { return UInt8(CC_ERROR) }
            return reader.completeAtCursor()
        }
        _ = ccsh_el_set_read(editor) { editor, character in
            guard let editor, let character, let reader = EditLineReader.from(editor) else { return -1 }
            return reader.readCharacter(into: character)
        }
        _ = ccsh_el_bind(editor, "^I", "ccsh-complete")
        _ = ccsh_el_bind(editor, "^R", "em-inc-search-prev")
    }

    deinit {
        ccsh_el_end(editor)
        ccsh_hist_end(history)
        free(promptText)
    }

    private static func from(_ editor: OpaquePointer) -> EditLineReader? {
        ccsh_el_clientdata(editor).map { Unmanaged<EditLineReader>.fromOpaque($0).takeUnretainedValue() }
    }

    /// `vi` or `emacs` key bindings.
    func setEditor(_ mode: String) { _ = ccsh_el_set_editor(editor, mode) }

    func readLine(prompt: String) -> String? {
        switch read(prompt: prompt) {
        case .line(let line): line
        case .interrupted: ""
        case .end: nil
        }
    }

    func read(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(Self.markingEscapes(prompt)) ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        _ = Interrupts.take()
        guard Interrupts.endingSignal == nil else { return .end }
        var count: Int32 = 0
        let line = ccsh_el_gets(editor, &count)
        let failure = errno
        if Interrupts.endingSignal != nil { return .end }
        if Interrupts.take() {
            ccsh_el_write("\n")
            return .interrupted
        }
        guard let line, count > 0 else { return count < 0 && failure == EINTR ? .interrupted : .end }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        remember(text)
        return .line(text)
    }

    /// Encloses each escape sequence (`ESC [ … m`, a color) in the `\1` marks set with `EL_PROMPT_ESC`, so that
    /// libedit does not count it as columns and puts the cursor where the prompt really ends.
    static func markingEscapes(_ prompt: String) -> String {
        var marked = ""
        var inEscape = false
        for character in prompt {
            if character == "\u{1B}" {
                inEscape = true
                marked += "\u{1}"
            }
            marked.append(character)
            if inEscape, character.isLetter {
                inEscape = false
                marked += "\u{1}"
            }
        }
        return marked
    }

    /// libedit's character input: one UTF-8 character from stdin, waiting in slices of 100 ms so that a Ctrl-C
    /// seen at any moment — even while libedit was busy drawing, when no read was there to interrupt — ends the
    /// line at once (-1, and `read(prompt:)` reports it).
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var bytes: [UInt8] = []
        var expected = 1
        while bytes.count < expected {
            if Interrupts.isRequested {
                errno = EINTR
                return -1
            }
            if Interrupts.takeResize() { ccsh_el_resize(editor) }
            var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            var byte: UInt8 = 0
            let count = Foundation.read(STDIN_FILENO, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            if bytes.isEmpty {
                expected = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 1
            }
            bytes.append(byte)
        }
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD
        character.pointee = wchar_t(bitPattern: scalar)
        return 1
    }

    // MARK: History

    /// Adds a line to the history and saves the file at once (a killed shell loses nothing), unless it holds a secret.
    private func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), keepsInHistory(line) else { return }
        _ = ccsh_hist_enter(history, historyText(line))
        saveHistory()
    }

    /// Writes the history through ``SafeFile`` (a unique temporary file, mode 0600 from creation, a rename):
    /// libedit's save truncates first, so writing in place could leave an empty file behind a crash.
    func saveHistory() {
        guard let historyFile else { return }
        let history = history
        do {
            try SafeFile.makeDirectory(historyFile.deletingLastPathComponent().path)
            try SafeFile.write(to: historyFile.path, mode: 0o600) { _, temporary throws(SafeFileError) in
                guard ccsh_hist_save(history, temporary) >= 0 else {
                    throw SafeFileError(path: historyFile.path, message: "libedit could not save it")
                }
            }
            return
        } catch {}
        guard !historyUnwritable else { return }
        historyUnwritable = true
        let warning =
            "warning: cannot write the history to \(historyFile.path): this session's lines will not be kept\n"
            + "hint: point $XDG_STATE_HOME at a directory you can write\n"
        FileHandle.standardError.write(Data(warning.utf8))
    }

    /// The history's entries, oldest first (the `history` command).
    var entries: [String] {
        final class Collector { var lines: [String] = [] }
        let collector = Collector()
        ccsh_hist_each(
            history,
            { text, context in
                guard let text, let context else { return }
                Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().lines.append(String(cString: text))
            }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.lines
    }

    // MARK: Completion

    /// TAB: replaces the word with the one candidate or the common prefix, else lists the candidates below the
    /// line with their descriptions, and libedit redraws the prompt and the line.
    private func completeAtCursor() -> UInt8 {
        var length: Int32 = 0
        guard let start = ccsh_el_line_start(editor, &length) else { return UInt8(CC_REFRESH_BEEP) }
        let line = String(decoding: UnsafeRawBufferPointer(start: start, count: Int(length)), as: UTF8.self)
        let completion = complete(line, line.utf8.count)
        if let replacement = completion.replacement, replacement != completion.word {
            if !completion.word.isEmpty { ccsh_el_deletestr(editor, Int32(completion.word.unicodeScalars.count)) }
            _ = ccsh_el_insertstr(editor, replacement)
            return UInt8(CC_REFRESH)
        }
        if let note = completion.note, completion.candidates.isEmpty {
            ccsh_el_write("\n" + note + "\n")
            return UInt8(CC_REDISPLAY)
        }
        guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        ccsh_el_write("\n" + CandidateList.render(completion.candidates, width: columns()) + "\n")
        return UInt8(CC_REDISPLAY)
    }
}
