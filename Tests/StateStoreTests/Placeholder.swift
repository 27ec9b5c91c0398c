import Testing

@Suite struct PlaceholderStateStoreTests {}
