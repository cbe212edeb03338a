// Keeps the ConcordMarkdownTests target (declared in Package.swift, not yet on this branch) buildable.
// Delete when its real tests land.
