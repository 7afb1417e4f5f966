// The static hello world with Foundation linked in: an import alone links nothing of it (the
// linker keeps only what is used), so the string goes through NSString.
import Foundation

print(NSString(string: "hello"))
