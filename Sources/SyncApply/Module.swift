// The SyncApply module; its types arrive with issue 5.
