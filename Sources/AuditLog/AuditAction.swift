public import OrganizerSyncCore

/// What a change does to an account (the `action` key of intent and outcome records): the planner's
/// ``OrganizerSyncCore/ActionKind``, one enum for plans and audit records alike.
///
/// Its raw values are the words
/// both files have always held.
public typealias AuditAction = ActionKind
