import ArgumentParser

/// `--override GATE`, `--new-state`, `--reason TEXT` and `--ticket ID`, shared by `apply` and `reconcile`, the
/// commands that change accounts: what the operator lets a run go on despite, and why the run is made.
struct ChangeRunOptions: ParsableArguments {
    @Option(name: .customLong("override"), help: "Apply although this gate tripped (repeat for each gate).")
    var overrides: [String] = []

    @Flag(name: .customLong("new-state"), help: "Go on although the state store is missing, empty, older or foreign.")
    var newState = false

    @OptionGroup var attribution: AttributionOptions
}
