import ArgumentParser

/// `--override GATE` and `--new-state`, shared by `apply` and `reconcile`: what the operator lets a run go on
/// despite.
struct GateOptions: ParsableArguments {
    @Option(name: .customLong("override"), help: "Apply although this gate tripped (repeat for each gate).")
    var overrides: [String] = []

    @Flag(name: .customLong("new-state"), help: "Go on although the state store is missing, empty, older or foreign.")
    var newState = false
}
