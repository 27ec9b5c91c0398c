import Testing

@Suite struct PlaceholderActiveDirectoryTests {}
