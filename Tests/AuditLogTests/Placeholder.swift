import Testing

@Suite struct PlaceholderAuditLogTests {}
