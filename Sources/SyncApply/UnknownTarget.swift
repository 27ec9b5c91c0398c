/// The wording of ``ApplyError/Code/unknownTarget``, said by the acceptance check and by the applier.
enum UnknownTarget {
    /// What failed and what to do, for a plan target the configuration does not have.
    /// - Parameter target: the plan's target name (a configuration name, not personal data).
    /// - Returns: the error's detail.
    static func detail(_ target: String) -> String {
        "the plan's target '\(target)' is not in the configuration; apply the plan with the configuration it was "
            + "made from (--config), or make a new plan with plan --out"
    }
}
