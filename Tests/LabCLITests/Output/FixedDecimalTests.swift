import Foundation
import Testing

@testable import lab

struct FixedDecimalTests {
    /// Away from exact ties (where printf rounds the binary value's full expansion), the same text.
    @Test(arguments: [0.0, 0.004, 0.0051, 0.0149, 0.125, 1.0, 9.994999, 9.9951, 12.25, 123456.789, -2.5, -0.75, 1e-9])
    func matchesPrintf(value: Double) {
        for places in 0...3 {
            #expect(FixedDecimal.text(value, places: places) == String(format: "%.\(places)f", value))
        }
    }

    @Test func seconds() {
        #expect(FixedDecimal.seconds(0.004) == "0.00s")
        #expect(FixedDecimal.seconds(1.237) == "1.24s")
        #expect(FixedDecimal.seconds(12.34) == "12.3s")
        #expect(FixedDecimal.text(-0.004, places: 2) == "0.00")
    }
}
