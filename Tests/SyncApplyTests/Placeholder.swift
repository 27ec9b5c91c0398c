import Testing

@Suite struct PlaceholderSyncApplyTests {}
