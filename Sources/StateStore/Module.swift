// The StateStore module; its types arrive with issue 5.
