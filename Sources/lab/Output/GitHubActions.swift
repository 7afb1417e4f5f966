import LabRuntime

/// Whether `lab` runs in a GitHub Actions job, where `--format github` is the default view.
enum GitHubActions {
    /// `GITHUB_ACTIONS=true` (the runner sets it in every job) and stdout is not a terminal.
    static func isLog(stdoutIsTTY: Bool) -> Bool {
        EnvironmentVariable.value("GITHUB_ACTIONS") == "true" && !stdoutIsTTY
    }
}
