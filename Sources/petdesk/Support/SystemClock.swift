import Foundation
import PetDeskRules

/// The one place the executable reads the wall clock.
enum SystemClock {
    /// Now, to the second.
    static func now() -> Instant {
        Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
