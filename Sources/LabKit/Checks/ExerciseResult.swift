/// The result of one exercise in a `lab check` run.
public struct ExerciseResult: Sendable, Equatable {
    public var id: String
    public var phase: Int
    public var title: String
    public var status: CheckStatus
    public var duration: Double
    /// Why it was skipped, is manual, or could not run.
    public var reason: String?
    /// The steps that ran, up to the first failure.
    public var steps: [StepResult]
    /// How many steps the exercise has, run or not.
    public var stepCount: Int = 0
    /// The exercise's item was ticked by this run.
    public var ticked: Bool = false
    /// The item was ticked before and the check now fails: reported, left ticked.
    public var regression: Bool = false
    /// The exercise's checklist item in its phase document, when the run found it.
    public var item: FilePosition?
    /// `skipped` because these programs of its `requires` are not on PATH.
    public var missingPrograms: [String] = []
    /// `notRun`: it was running when the run stopped (its processes were killed).
    public var wasRunning: Bool = false
    public var fingerprint: String?

    public init(
        id: String, phase: Int, title: String, status: CheckStatus, duration: Double = 0, reason: String? = nil,
        steps: [StepResult] = [], fingerprint: String? = nil
    ) {
        self.id = id
        self.phase = phase
        self.title = title
        self.status = status
        self.duration = duration
        self.reason = reason
        self.steps = steps
        self.fingerprint = fingerprint
    }

    /// The index of the step that failed, if any.
    public var failedStep: Int? { steps.firstIndex { !$0.passed } }
}
