// The pseudo-terminal runner lives in a target of its own (no Testing import), so that bench/ can use it in
// release builds; tests reach it through TestSupport.
@_exported import PseudoTerminal
