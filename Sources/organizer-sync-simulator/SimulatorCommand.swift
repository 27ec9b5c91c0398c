@main
struct SimulatorCommand {
    static func main() {}
}
