import ArgumentParser

extension OrganizerSync {
    /// Hardens the process (``ProcessHardening``), then parses the command line and runs the command, as
    /// `AsyncParsableCommand.main()` does.
    static func main() async {
        ProcessHardening.apply()
        do {
            var command = try parseAsRoot()
            // Before the command starts any thread: see MallocTuning.
            if command is DirectoryCommand || command is PlanCommand || command is ReconcileCommand
                || command is ExplainCommand
            {
                MallocTuning.useOneArena()
            }
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
