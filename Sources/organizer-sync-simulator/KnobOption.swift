import ArgumentParser
import ProviderSimulator

/// One `--knob PROVIDER.NAME=VALUE` option.
struct KnobOption {
    var provider: SimulatorProvider
    var name: String
    var value: String

    static func parse(_ text: String) throws -> KnobOption {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let key = parts.first?.split(separator: ".", maxSplits: 1).map(String.init) ?? []
        guard parts.count == 2, key.count == 2, let provider = SimulatorProvider(rawValue: key[0]) else {
            throw ValidationError("--knob expects PROVIDER.NAME=VALUE with PROVIDER goto, zoom or webex: \(text)")
        }
        var probe = ProviderKnobs()
        let option = KnobOption(provider: provider, name: key[1], value: parts[1])
        try option.apply(to: &probe)
        return option
    }

    func apply(to knobs: inout ProviderKnobs) throws {
        func double() throws -> Double {
            guard let v = Double(value) else { throw ValidationError("--knob \(name) needs a number.") }
            return v
        }
        func int() throws -> Int {
            guard let v = Int(value) else { throw ValidationError("--knob \(name) needs an integer.") }
            return v
        }
        switch name {
        case "requestsPerSecond": knobs.requestsPerSecond = value == "none" ? nil : try double()
        case "errorRate": knobs.errorRate = try double()
        case "latencyMilliseconds": knobs.latencyMilliseconds = try int()
        case "dropRate": knobs.dropRate = try double()
        case "hangRate": knobs.hangRate = try double()
        case "tokenLifetimeSeconds": knobs.tokenLifetimeSeconds = try int()
        case "faultAfterFraction": knobs.faultAfterFraction = try double()
        case "pageTokenLifetimeSeconds": knobs.pageTokenLifetimeSeconds = try int()
        case "maxPageSize": knobs.maxPageSize = try int()
        case "lockedRate": knobs.lockedRate = try double()
        case "retryAfterSeconds": knobs.retryAfterSeconds = try int()
        case "dailyLimit": knobs.dailyLimit = value == "none" ? nil : try int()
        case "linkQuirk":
            guard let flag = Bool(value) else { throw ValidationError("--knob linkQuirk needs true or false.") }
            knobs.linkQuirk = flag
        case "rotateRefreshTokens":
            guard let flag = Bool(value) else {
                throw ValidationError("--knob rotateRefreshTokens needs true or false.")
            }
            knobs.rotateRefreshTokens = flag
        default: throw ValidationError("Unknown knob \(name).")
        }
    }
}
