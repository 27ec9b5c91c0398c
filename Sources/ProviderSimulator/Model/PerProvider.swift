/// A value kept once per provider (knobs, seeds), reachable by ``SimulatorProvider``.
public protocol PerProvider {
    /// What is kept per provider.
    associatedtype Value
    var goto: Value { get set }
    var zoom: Value { get set }
    var webex: Value { get set }
}

extension PerProvider {
    /// The value of one provider.
    public subscript(provider: SimulatorProvider) -> Value {
        get {
            switch provider {
            case .goto: goto
            case .zoom: zoom
            case .webex: webex
            }
        }
        set {
            switch provider {
            case .goto: goto = newValue
            case .zoom: zoom = newValue
            case .webex: webex = newValue
            }
        }
    }
}
