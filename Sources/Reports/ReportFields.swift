public import Mustache

/// A context value that names its own fields for the templates, instead of swift-mustache finding them by
/// reflection (`Mirror`), which is slow for pages of 100,000 rows.
///
/// Return `nil` for a name the value does not
/// have, so the lookup goes on to the enclosing context.
public typealias ReportFields = MustacheParent
