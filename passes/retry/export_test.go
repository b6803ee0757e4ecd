package retry

// NewAnalyzer returns a fresh Analyzer with its own flags, so a test can
// set -funcs without touching Analyzer.
var NewAnalyzer = newAnalyzer
