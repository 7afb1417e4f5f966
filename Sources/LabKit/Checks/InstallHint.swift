/// How to install a program an exercise `requires`, for the reason of a skipped exercise: the
/// usual commands on Debian/Ubuntu and macOS for the programs labs like this one need.
public enum InstallHint {
    /// `apt-get install shellcheck or brew install shellcheck`: the lab's own hint (`install:` in
    /// lab.yml) when it has one, else this table's, else `lab doctor`'s; nil when none knows it.
    public static func forProgram(_ name: String, labHints: [String: String] = [:]) -> String? {
        if let hint = labHints[name] { return hint }
        if let commands = known[name] { return commands.joined(separator: " or ") }
        let commands = InstallHints.of(name, labHints: [:]).commands
        return commands.isEmpty ? nil : commands.joined(separator: " or ")
    }

    /// `requires shellcheck (not on PATH; install: apt-get install shellcheck or brew install shellcheck)`.
    public static func skipReason(missing: [String], labHints: [String: String] = [:]) -> String {
        let hints = missing.compactMap { name in forProgram(name, labHints: labHints).map { (name, $0) } }
        var reason = "requires " + missing.joined(separator: ", ") + " (not on PATH"
        if hints.count == 1 && missing.count == 1 {
            reason += "; install: " + hints[0].1
        } else if !hints.isEmpty {
            reason += "; " + hints.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
        }
        return reason + ")"
    }

    private static let known: [String: [String]] = [
        "bash": ["apt-get install bash", "brew install bash"],
        "check-jsonschema": ["pipx install check-jsonschema", "brew install check-jsonschema"],
        "curl": ["apt-get install curl", "brew install curl"],
        "dig": ["apt-get install bind9-dnsutils", "brew install bind"],
        "docker": ["apt-get install docker.io", "brew install --cask docker"],
        "git": ["apt-get install git", "brew install git"],
        "hadolint": ["brew install hadolint", "a release binary from github.com/hadolint/hadolint"],
        "helm": ["brew install helm", "the script from helm.sh/docs/intro/install"],
        "jq": ["apt-get install jq", "brew install jq"],
        "kind": ["brew install kind", "a release binary from github.com/kubernetes-sigs/kind"],
        "kubectl": ["apt-get install kubernetes-client", "brew install kubectl"],
        "kubernetes-validate": ["pipx install kubernetes-validate"],
        "kustomize": ["brew install kustomize", "a release binary from github.com/kubernetes-sigs/kustomize"],
        "make": ["apt-get install make", "xcode-select --install"],
        "nc": ["apt-get install netcat-openbsd", "brew install netcat"],
        "openssl": ["apt-get install openssl", "brew install openssl"],
        "promtool": ["apt-get install prometheus", "brew install prometheus"],
        "python3": ["apt-get install python3", "brew install python"],
        "shellcheck": ["apt-get install shellcheck", "brew install shellcheck"],
        "terraform": ["HashiCorp's apt repository (developer.hashicorp.com/terraform/install)", "brew install hashicorp/tap/terraform"],
    ]
}
