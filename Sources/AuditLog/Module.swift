// The AuditLog module; its types arrive with issue 5.
