/// Prints a usage error as every other error is printed: `lab: error: …`, then where to read more.
struct UsageErrorPrinter {
    let terminal: Terminal

    func print(_ usage: UsageErrorMessage) {
        terminal.error(usage.message)
        terminal.err(terminal.style("see '\(usage.command) --help'", .dim, stderr: true))
    }
}
