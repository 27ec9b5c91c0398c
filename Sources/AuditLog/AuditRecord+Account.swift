extension AuditRecord {
    /// Sets the members that name one account, as an intent, an outcome and an adoption carry them.
    mutating func setAccount(target: String, provider: String, email: String?, anchor: String?, providerId: String?) {
        self.target = target
        self.provider = provider
        self.email = email
        self.anchor = anchor
        self.providerId = providerId
    }
}
